"""The demo order history, planned before anything is written.

``plan_history`` decides, from a seeded ``random.Random`` and nothing else, who buys
what and when over the months before ``today``, how they pay, and what becomes of each
part of each order (the future fulfilments: one per province and kind): accepted,
received, packed, shipped and delivered, or confirmed and completed, some late, some
cancelled by the company or by the buyer, some never paid; and which lines get a
review. The same arguments give the same plan, whatever the database holds, so the
history can be keyed by each order's place in the plan and a second run adds nothing.

Times are real instants (UTC-aware) on the Bangkok calendar: orders peak at lunch and
in the evening, companies work Monday to Saturday from 08:30 to 18:30, tours finish
in the evening of their date. Demand follows the Thai year (New Year and Songkran
gifts, Mother's Day silk in August, the cool season for tours, the rainy season slow)
and grows over the year. Nothing here checks the rules of the services: they do, when
``history`` plays the plan through them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
import random
from collections import defaultdict
from collections.abc import Sequence

from ..catalog import demo_data
from ..catalog.seed import slot_dates
from ..clock import BANGKOK
from ..fulfilment.services import ACCEPT_WITHIN, SHIP_WITHIN
from ..fulfilment.states import Carrier
from ..payments.models import PaymentMethod
from . import people

ListingKey = tuple[str, str]
"""A demo listing by its natural key: (enterprise key, Thai title)."""

KEY_PREFIX = "demo-history-"
RECENT_DAYS = 4  # orders of the last days, most of them still open
CARD_FREE_DAYS = 30  # orders this recent are never by card: they may still be refunded on a real provider
PAYMENT_WINDOW = dt.timedelta(minutes=30)  # the default of ORDER_PAYMENT_WINDOW_MINUTES
AUTO_DELIVERY = dt.timedelta(days=14, minutes=1)  # the periodic command's first run after the 14 days

# How a month sells, relative to an average one (index 0 is January).
MONTH_DEMAND = (1.15, 0.95, 0.9, 1.1, 0.85, 0.8, 0.85, 1.05, 0.85, 0.95, 1.1, 1.35)
CATEGORY_SEASON: dict[str, tuple[float, ...]] = {
    demo_data.FOOD: (1.3, 1.0, 1.0, 1.3, 1.0, 0.9, 0.9, 1.0, 1.0, 1.0, 1.1, 1.4),
    demo_data.BEVERAGES: (1.3, 1.2, 0.9, 0.9, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.2, 1.3),
    demo_data.TEXTILES: (1.3, 1.0, 0.9, 1.0, 0.8, 0.8, 0.9, 1.7, 0.8, 0.9, 1.2, 1.4),
    demo_data.SOUVENIRS: (1.2, 1.0, 0.9, 1.1, 0.9, 0.8, 0.8, 1.0, 0.9, 1.0, 1.2, 1.6),
    demo_data.HERBAL: (0.9, 0.9, 1.0, 1.0, 1.1, 1.3, 1.3, 1.2, 1.3, 1.2, 1.0, 1.0),
}
TOUR_SEASON = (1.6, 1.5, 1.1, 1.0, 0.8, 0.6, 0.6, 0.7, 0.6, 0.8, 1.4, 1.7)
HOUR_WEIGHTS = (1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 3, 3.5, 3.5, 4, 5, 5, 4, 3.5, 3.5, 4, 4.5, 6, 7, 7, 5.5, 3)
CARRIERS = ((Carrier.THAILAND_POST, 35), (Carrier.FLASH, 25), (Carrier.KERRY, 20), (Carrier.JT, 15),
            (Carrier.SCG, 3), (Carrier.BEST, 2))
METHODS = ((PaymentMethod.COD, 0.40), (PaymentMethod.PROMPTPAY, 0.35), (PaymentMethod.CARD, 0.25))

# Chances, per order or per part.
TOUR_CHANCE = 0.07  # times TOUR_SEASON
GIFT_CHANCE = 0.2
UNPAID_EXPIRES = 0.04  # of PromptPay orders
UNPAID_CANCELLED = 0.03  # of PromptPay orders
BUYER_CANCELS = 0.025
COMPANY_CANCELS = 0.025
LATE_ACCEPT = 0.04
LATE_SHIP = 0.04
BUYER_CONFIRMS = 0.7  # of prepaid parcels; the others are marked delivered by the periodic command
REVIEWED = 0.35  # of delivered lines


class Step(enum.StrEnum):
    """What happens to a part (a fulfilment); ``history`` maps each to its service."""

    ACCEPT = "accept"
    RECEIVE = "receive"
    PACK = "pack"
    SHIP = "ship"
    DELIVER = "deliver"  # by the company (cash collected) or by the buyer confirming receipt
    AUTO_DELIVER = "auto_deliver"  # the periodic command, 14 days after shipping
    CONFIRM = "confirm"
    COMPLETE = "complete"
    CANCEL = "cancel"


class OrderFate(enum.StrEnum):
    FULFILLED = "fulfilled"  # parts go their own ways; most are delivered or completed
    EXPIRED = "expired"  # a PromptPay order never paid
    BUYER_CANCELS = "buyer_cancels"  # the buyer cancels before anything ships (paid or not)


@dataclasses.dataclass(frozen=True)
class Event:
    at: dt.datetime
    step: Step
    line: int = 0  # RECEIVE: which line of the part
    carrier: Carrier | None = None
    tracking: str | None = None
    reason: str | None = None
    by_buyer: bool = False  # DELIVER


@dataclasses.dataclass(frozen=True)
class PlannedLine:
    listing: ListingKey
    quantity: int
    price_satang: int
    province_code: str
    slot_date: dt.date | None = None

    @property
    def is_tour(self) -> bool:
        return self.slot_date is not None


@dataclasses.dataclass(frozen=True)
class PartPlan:
    """One future fulfilment: the lines of one province and kind, and its events."""

    province_code: str
    is_tour: bool
    lines: tuple[int, ...]  # indexes into the order's lines
    events: tuple[Event, ...]
    late: bool = False


@dataclasses.dataclass(frozen=True)
class ReviewPlan:
    line: int
    at: dt.datetime
    product_rating: int
    product_text: str | None
    service_rating: int | None
    service_text: str | None


@dataclasses.dataclass(frozen=True)
class PlannedOrder:
    key: str
    buyer: int  # index into ``HistoryPlan.buyers``
    address: people.Address
    placed_at: dt.datetime
    method: PaymentMethod
    lines: tuple[PlannedLine, ...]
    fate: OrderFate
    parts: tuple[PartPlan, ...]
    paid_at: dt.datetime | None = None  # card or PromptPay; None for cash and for orders never paid
    cancel_at: dt.datetime | None = None
    cancel_reason: str | None = None
    expire_at: dt.datetime | None = None
    reviews: tuple[ReviewPlan, ...] = ()

    @property
    def new_at(self) -> dt.datetime:
        """When the parts become new: at payment, or at once for cash on delivery."""
        return self.paid_at or self.placed_at


@dataclasses.dataclass(frozen=True)
class HistoryPlan:
    today: dt.date
    start: dt.date  # the first day with orders
    until: dt.datetime  # midnight starting ``today`` in Bangkok: nothing happens from then on
    buyers: tuple[people.Buyer, ...]
    orders: tuple[PlannedOrder, ...]
    tour_weekdays: dict[str, tuple[int, ...]]  # the tours' weekly departures over the history


# --- time ------------------------------------------------------------------------------------------------

def bangkok(day: dt.date, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BANGKOK).astimezone(dt.UTC)


def _hours(rng: random.Random, low: float, high: float) -> dt.timedelta:
    return dt.timedelta(minutes=round(rng.uniform(low, high) * 60))


def _working(moment: dt.datetime, rng: random.Random) -> dt.datetime:
    """``moment``, or the company's next working time after it: Monday to Saturday,
    08:30 to 18:30 in Bangkok (a morning start comes with a little random delay)."""
    local = moment.astimezone(BANGKOK)
    day, minutes = local.date(), local.hour * 60 + local.minute
    if local.weekday() != 6 and 8 * 60 + 30 <= minutes < 18 * 60 + 30:
        return moment
    if minutes >= 18 * 60 + 30 or local.weekday() == 6:
        day += dt.timedelta(days=1)
    while day.weekday() == 6:
        day += dt.timedelta(days=1)
    return bangkok(day, 8, 30) + dt.timedelta(minutes=rng.randint(0, 90))


def _evening(day: dt.date, rng: random.Random) -> dt.datetime:
    return bangkok(day, rng.randint(18, 21), rng.randint(0, 59))


# --- what sells ----------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class _Item:
    key: ListingKey
    category: str
    price_satang: int
    province_code: str
    max_group: int = 0  # tours


def _catalogue() -> tuple[list[_Item], list[_Item]]:
    province = {enterprise.key: enterprise.province_code for enterprise in demo_data.ENTERPRISES}
    products = [_Item((p.enterprise, p.title_th), p.category, p.price_satang, province[p.enterprise])
                for p in demo_data.PRODUCTS]
    tours = [_Item((t.enterprise, t.title_th), "tour", t.price_satang, province[t.enterprise], t.max_group)
             for t in demo_data.TOURS]
    return products, tours


def _demand_by_month(rng: random.Random, products: list[_Item]) -> list[list[float]]:
    """Cumulative weights of the products for each month: a lasting popularity per
    product, the season of its category, and cheaper things selling more often."""
    popularity = [rng.lognormvariate(0, 0.6) for _ in products]
    months = []
    for month in range(12):
        weights = [popularity[i] * CATEGORY_SEASON[item.category][month] * (item.price_satang / 100) ** -0.35
                   for i, item in enumerate(products)]
        months.append(_cumulative(weights))
    return months


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def _quantity(rng: random.Random, price_satang: int) -> int:
    if price_satang < 10_000:
        return rng.choices((1, 2, 3, 4), (5, 3, 2, 1))[0]
    if price_satang < 40_000:
        return rng.choices((1, 2, 3), (6, 3, 1))[0]
    return 1


def _budget(rng: random.Random) -> int:
    """What a buyer means to spend on goods, in satang: mostly ฿80–฿2,500 (around ฿600), a few big gifts."""
    if rng.random() < 0.04:
        return rng.randint(250_000, 900_000)
    return max(8_000, min(250_000, round(rng.lognormvariate(math.log(60_000), 0.7))))


# --- the plan ------------------------------------------------------------------------------------------

@dataclasses.dataclass
class _Planner:
    rng: random.Random
    today: dt.date
    until: dt.datetime
    window: dt.timedelta
    products: list[_Item]
    tours: list[_Item]
    demand: list[list[float]]
    tour_dates: dict[ListingKey, list[dt.date]]
    seats: dict[tuple[ListingKey, dt.date], int] = dataclasses.field(default_factory=lambda: defaultdict(int))

    def lines(self, placed: dt.datetime, *, tours: bool = True) -> list[PlannedLine]:
        rng, month = self.rng, placed.astimezone(BANGKOK).month - 1
        lines: list[PlannedLine] = []
        if tours and rng.random() < TOUR_CHANCE * TOUR_SEASON[month]:
            tour = self.tour_line(placed)
            if tour is not None:
                lines.append(tour)
                if rng.random() < 0.6:
                    return lines
        wanted = rng.choices((1, 2, 3), (0.55, 0.3, 0.15))[0]
        budget, spent, chosen = _budget(rng), 0, {line.listing for line in lines}
        for _attempt in range(wanted * 4):
            if len(lines) >= wanted + (1 if lines and lines[0].is_tour else 0):
                break
            item = rng.choices(self.products, cum_weights=self.demand[month])[0]
            if item.key in chosen:
                continue
            quantity = _quantity(rng, item.price_satang)
            while quantity > 1 and spent + quantity * item.price_satang > budget:
                quantity -= 1
            if spent + quantity * item.price_satang > budget and (spent or rng.random() < 0.8):
                continue
            chosen.add(item.key)
            spent += quantity * item.price_satang
            lines.append(PlannedLine(item.key, quantity, item.price_satang, item.province_code))
        if not lines:  # everything drawn was over budget: the cheapest thing there is, once
            item = min(self.products, key=lambda candidate: candidate.price_satang)
            lines.append(PlannedLine(item.key, 1, item.price_satang, item.province_code))
        return lines

    def tour_line(self, placed: dt.datetime) -> PlannedLine | None:
        rng = self.rng
        tour = rng.choice(self.tours)
        party = min(tour.max_group, rng.choices((1, 2, 3, 4, 5, 6), (2, 5, 2, 2, 1, 1))[0])
        day = placed.astimezone(BANGKOK).date()
        dates = [date for date in self.tour_dates[tour.key]
                 if day + dt.timedelta(days=3) <= date <= day + dt.timedelta(days=40)
                 and self.seats[(tour.key, date)] + party <= tour.max_group]
        if not dates:
            return None
        date = rng.choice(dates)
        self.seats[(tour.key, date)] += party
        return PlannedLine(tour.key, party, tour.price_satang, tour.province_code, slot_date=date)

    def order(self, index: int, buyer: int, buyers: Sequence[people.Buyer], placed: dt.datetime,
              force: str | None = None) -> PlannedOrder:
        rng = self.rng
        lines = self.lines(placed, tours=force is None)
        recent = placed >= self.until - dt.timedelta(days=CARD_FREE_DAYS) \
            or any(line.slot_date and line.slot_date >= self.today - dt.timedelta(days=1) for line in lines)
        methods = [(method, chance) for method, chance in METHODS if not (recent and method is PaymentMethod.CARD)]
        method = rng.choices([m for m, _ in methods], [c for _, c in methods])[0]
        if force in ("company_cancel_paid", "buyer_cancel_paid"):
            method = PaymentMethod.CARD
        address = buyers[buyer].home if rng.random() >= GIFT_CHANCE else rng.choice(people.GIFT_ADDRESSES)
        key = f"{KEY_PREFIX}{index:05d}"
        base = PlannedOrder(key=key, buyer=buyer, address=address, placed_at=placed, method=method,
                            lines=tuple(lines), fate=OrderFate.FULFILLED, parts=())

        draw = rng.random()
        if method is PaymentMethod.PROMPTPAY and draw < UNPAID_EXPIRES and force is None:
            expire = placed + self.window + dt.timedelta(minutes=rng.randint(1, 4))
            return dataclasses.replace(base, fate=OrderFate.EXPIRED, expire_at=expire)
        if method is PaymentMethod.PROMPTPAY and draw < UNPAID_EXPIRES + UNPAID_CANCELLED and force is None:
            cancel = placed + dt.timedelta(minutes=rng.randint(2, max(3, int(self.window.total_seconds() // 60) - 5)))
            return dataclasses.replace(base, fate=OrderFate.BUYER_CANCELS, cancel_at=cancel,
                                       cancel_reason=rng.choice(people.BUYER_CANCEL))
        paid_at = None
        if method is PaymentMethod.CARD:
            paid_at = placed + dt.timedelta(minutes=rng.randint(1, 4))
        elif method is PaymentMethod.PROMPTPAY:
            paid_at = placed + dt.timedelta(minutes=rng.randint(4, 25))
        order = dataclasses.replace(base, paid_at=paid_at)
        parts = self.parts(order, force)
        order = dataclasses.replace(order, parts=parts)
        if force == "buyer_cancel_paid" or (force is None and rng.random() < BUYER_CANCELS):
            return self.buyer_cancels(order)
        return dataclasses.replace(order, reviews=self.reviews(order))

    def parts(self, order: PlannedOrder, force: str | None) -> tuple[PartPlan, ...]:
        groups: dict[tuple[str, bool], list[int]] = defaultdict(list)
        for index, line in enumerate(order.lines):
            groups[(line.province_code, line.is_tour)].append(index)
        parts: list[PartPlan] = []
        for (province, is_tour), indexes in sorted(groups.items(), key=lambda group: (group[0][1], group[0][0])):
            fate = self.part_fate(force if not parts else None)
            if is_tour:
                date = max(order.lines[i].slot_date or self.today for i in indexes)
                parts.append(self.tour_part(order, province, tuple(indexes), date, fate))
            else:
                parts.append(self.goods_part(order, province, tuple(indexes), fate))
        return tuple(parts)

    def part_fate(self, force: str | None) -> str:
        if force == "company_cancel_paid":
            return "cancel_new"
        if force == "late":
            return "late_ship"
        if force == "open_late":
            return "open_late"
        draw = self.rng.random()
        for fate, chance in (("cancel_new", COMPANY_CANCELS * 0.6), ("cancel_accepted", COMPANY_CANCELS * 0.4),
                             ("late_accept", LATE_ACCEPT), ("late_ship", LATE_SHIP)):
            if draw < chance:
                return fate
            draw -= chance
        return "normal"

    def goods_part(self, order: PlannedOrder, province: str, lines: tuple[int, ...], fate: str) -> PartPlan:
        rng, new_at = self.rng, order.new_at
        if fate == "cancel_new":
            at = _working(new_at + _hours(rng, 1, 30), rng)
            return PartPlan(province, False, lines, (Event(at, Step.CANCEL, reason=rng.choice(
                people.COMPANY_CANCEL_NEW)),))
        if fate == "open_late":  # not accepted yet when the history ends: late, and still open
            return PartPlan(province, False, lines, (Event(self.until + _hours(rng, 2, 20), Step.ACCEPT),), late=True)
        if fate == "late_accept":
            accept = _working(new_at + ACCEPT_WITHIN + _hours(rng, 2, 30), rng)
        else:
            accept = _working(new_at + _hours(rng, 0.3, 20), rng)
        events = [Event(accept, Step.ACCEPT)]
        if fate == "cancel_accepted":
            events.append(Event(_working(accept + _hours(rng, 4, 48), rng), Step.CANCEL,
                                reason=rng.choice(people.COMPANY_CANCEL_ACCEPTED)))
            return PartPlan(province, False, lines, tuple(events))
        received = []
        for position in range(len(lines)):
            slow = fate == "late_ship" and position == 0
            at = _working(accept + (_hours(rng, 110, 150) if slow else _hours(rng, 2, 30)), rng)
            received.append(at)
            events.append(Event(at, Step.RECEIVE, line=position))
        pack = _working(max(received) + _hours(rng, 0.3, 3), rng)
        ship = _working(pack + _hours(rng, 0.2, 6), rng)
        carrier = rng.choices([c for c, _ in CARRIERS], [w for _, w in CARRIERS])[0]
        events += [Event(pack, Step.PACK),
                   Event(ship, Step.SHIP, carrier=carrier, tracking=_tracking(rng, carrier))]
        if order.method is PaymentMethod.COD:
            events.append(Event(_working(ship + _hours(rng, 20, 72), rng), Step.DELIVER))
        elif rng.random() < BUYER_CONFIRMS:
            confirmed = ship + _hours(rng, 20, 96)
            if not 7 <= confirmed.astimezone(BANGKOK).hour < 23:
                confirmed += dt.timedelta(hours=9)
            events.append(Event(confirmed, Step.DELIVER, by_buyer=True))
        else:
            events.append(Event(ship + AUTO_DELIVERY, Step.AUTO_DELIVER))
        late = accept - new_at > ACCEPT_WITHIN or ship - new_at > SHIP_WITHIN
        return PartPlan(province, False, lines, tuple(events), late=late)

    def tour_part(self, order: PlannedOrder, province: str, lines: tuple[int, ...], date: dt.date,
                  fate: str) -> PartPlan:
        rng, new_at = self.rng, order.new_at
        day_before = bangkok(date - dt.timedelta(days=1), 18)
        if fate == "late_accept":
            confirm = _working(new_at + ACCEPT_WITHIN + _hours(rng, 2, 20), rng)
        else:
            confirm = _working(new_at + _hours(rng, 0.3, 18), rng)
        confirm = min(confirm, day_before)
        events = [Event(confirm, Step.CONFIRM)]
        if fate.startswith("cancel"):
            at = max(confirm + dt.timedelta(hours=2), bangkok(date - dt.timedelta(days=2), 10, rng.randint(0, 59)))
            events.append(Event(at, Step.CANCEL, reason=rng.choice(people.COMPANY_CANCEL_TOUR)))
        else:
            events.append(Event(_evening(date, rng), Step.COMPLETE))
        return PartPlan(province, True, lines, tuple(events), late=confirm - new_at > ACCEPT_WITHIN)

    def buyer_cancels(self, order: PlannedOrder) -> PlannedOrder:
        """The buyer cancels some hours after the order became new, before any part ships,
        is completed or is cancelled by its company; what the parts would have done later
        does not happen."""
        rng = self.rng
        cancel = order.new_at + _hours(rng, 0.2, 12)
        decisive = [event.at for part in order.parts for event in part.events
                    if event.step in (Step.SHIP, Step.COMPLETE, Step.CANCEL)]
        if decisive:
            cancel = min(cancel, min(decisive) - dt.timedelta(minutes=30))
        cancel = max(cancel, order.new_at + dt.timedelta(minutes=5))
        parts = tuple(dataclasses.replace(part, events=tuple(e for e in part.events if e.at < cancel), late=False)
                      for part in order.parts)
        return dataclasses.replace(order, fate=OrderFate.BUYER_CANCELS, parts=parts, cancel_at=cancel,
                                   cancel_reason=rng.choice(people.BUYER_CANCEL))

    def reviews(self, order: PlannedOrder) -> tuple[ReviewPlan, ...]:
        rng, reviews = self.rng, []
        for part in order.parts:
            done = next((event.at for event in part.events
                         if event.step in (Step.DELIVER, Step.AUTO_DELIVER, Step.COMPLETE)), None)
            if done is None:
                continue
            for index in part.lines:
                if rng.random() >= REVIEWED:
                    continue
                at = _evening((done + dt.timedelta(days=rng.randint(1, 12))).astimezone(BANGKOK).date(), rng)
                reviews.append(self.review(index, at, part))
        return tuple(reviews)

    def review(self, line: int, at: dt.datetime, part: PartPlan) -> ReviewPlan:
        rng = self.rng
        product = rng.choices((5, 4, 3, 2, 1), (55, 30, 10, 3, 2))[0]
        if part.is_tour:
            text = rng.choice(people.TOUR_PRAISE) if product >= 4 else None
        elif product >= 4:
            text = rng.choice(people.PRODUCT_PRAISE) if rng.random() < 0.7 else None
        else:
            text = rng.choice(people.PRODUCT_MIXED if product == 3 else people.PRODUCT_COMPLAINT)
        service, service_text = None, None
        if rng.random() < 0.7:
            if part.late:
                service, service_text = rng.choice((2, 3, 3)), rng.choice(people.SERVICE_COMPLAINT)
            else:
                service = rng.choices((5, 4, 3), (60, 30, 10))[0]
                service_text = rng.choice(people.SERVICE_PRAISE) if service == 5 and rng.random() < 0.4 else None
        return ReviewPlan(line, at, product, text, service, service_text)


def _tracking(rng: random.Random, carrier: Carrier) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(10))
    if carrier is Carrier.THAILAND_POST:
        return f"E{rng.choice('BFJKLMRTWY')}{digits[:9]}TH"
    if carrier is Carrier.KERRY:
        return f"KEX{digits}"
    if carrier is Carrier.FLASH:
        return f"TH{digits}{rng.randint(10, 99)}"
    if carrier is Carrier.JT:
        return f"82{digits}"
    return f"{carrier.value.upper()}{digits}"


def tour_weekdays(index: int) -> tuple[int, ...]:
    """The weekly departures of the ``index``-th demo tour over the history: Saturday and
    one other day that varies by tour (Sunday for some)."""
    other = (6 + index) % 7
    return (5, 6) if other == 5 else tuple(sorted((5, other)))


def _days(today: dt.date, months: int) -> list[dt.date]:
    first = today - dt.timedelta(days=round(months * 365 / 12))
    return [first + dt.timedelta(days=offset) for offset in range((today - first).days)]


def _day_weight(day: dt.date, position: float) -> float:
    weight = MONTH_DEMAND[day.month - 1] * (0.55 + 0.9 * position)
    if day.weekday() >= 5:
        weight *= 1.15
    if day.day >= 25 or day.day == 1:  # pay day
        weight *= 1.15
    if (day.month, day.day) >= (12, 15) or (day.month == 8 and day.day <= 12) or (day.month == 4 and day.day <= 12):
        weight *= 1.3  # New Year gifts, Mother's Day, Songkran
    return weight


def plan_history(*, today: dt.date, orders: int, months: int, seed: int,
                 payment_window: dt.timedelta = PAYMENT_WINDOW,
                 buyers: Sequence[people.Buyer] | None = None) -> HistoryPlan:
    """About ``orders`` orders over the ``months`` months before ``today`` (see the
    module docstring). ``buyers`` defaults to the demo consumer and ``people.BUYERS``.
    Raises ``ValueError`` for fewer than 10 orders or months outside 1 to 24."""
    if orders < 10:
        raise ValueError("plan at least 10 orders")
    if not 1 <= months <= 24:
        raise ValueError("plan 1 to 24 months")
    rng = random.Random(seed)
    buyers = tuple(buyers) if buyers is not None else (
        people.Buyer(people.DEMO_CONSUMER_EMAIL, people.DEMO_CONSUMER_HOME.name, "0800002000",
                     people.DEMO_CONSUMER_HOME, people.DEMO_CONSUMER_WEIGHT), *people.BUYERS)
    days = _days(today, months)
    until = bangkok(today)
    products, tours = _catalogue()
    weekdays = {tour.key[1]: tour_weekdays(index) for index, tour in enumerate(tours)}
    tour_dates = {
        tour.key: [day for day in days if day.weekday() in weekdays[tour.key[1]]] + slot_dates(index, today)
        for index, tour in enumerate(tours)
    }
    planner = _Planner(rng, today, until, payment_window, products, tours, _demand_by_month(rng, products),
                       tour_dates)

    recent = min(max(4, round(orders * 0.012)), orders // 4)
    earlier = days[:-RECENT_DAYS]
    day_weights = _cumulative([_day_weight(day, i / len(days)) for i, day in enumerate(earlier)])
    chosen = rng.choices(earlier, cum_weights=day_weights, k=orders - recent)
    chosen += [days[-RECENT_DAYS]] + [rng.choice(days[-RECENT_DAYS:]) for _ in range(recent - 1)]
    moments = sorted(bangkok(day, rng.choices(range(24), HOUR_WEIGHTS)[0], rng.randint(0, 59)) for day in chosen)

    who = rng.choices(range(len(buyers)), cum_weights=_cumulative([buyer.weight for buyer in buyers]),
                      k=len(moments))
    planned = [planner.order(index, who[index], buyers, placed) for index, placed in enumerate(moments)]
    _make_sure_of_everything(planner, planned, who, buyers)
    return HistoryPlan(today=today, start=days[0], until=until, buyers=buyers, orders=tuple(planned),
                       tour_weekdays=weekdays)


def _make_sure_of_everything(planner: _Planner, planned: list[PlannedOrder], who: list[int],
                             buyers: Sequence[people.Buyer]) -> None:
    """However few orders, the history shows each thing the dashboards count: a paid part
    cancelled and refunded by its company, a paid order cancelled by its buyer, a late
    delivery, and an order still waiting, late, when the history ends. Orders are
    planned again (with a forced fate) only where a small plan drew none."""
    settled = [i for i, order in enumerate(planned) if order.placed_at < planner.until - dt.timedelta(days=40)]
    fresh = [i for i, order in enumerate(planned)
             if planner.until - dt.timedelta(days=RECENT_DAYS) <= order.placed_at < planner.until - ACCEPT_WITHIN]

    def has(check: str) -> bool:
        for order in planned:
            paid = order.paid_at is not None
            if check == "company_cancel_paid" and paid and any(
                    e.step is Step.CANCEL for part in order.parts for e in part.events):
                return True
            if check == "buyer_cancel_paid" and paid and order.fate is OrderFate.BUYER_CANCELS:
                return True
            if check == "late" and any(part.late for part in order.parts) and order.fate is OrderFate.FULFILLED:
                return True
            if check == "open_late" and any(part.late and part.events and part.events[0].at >= planner.until
                                            for part in order.parts):
                return True
        return False

    taken: set[int] = set()
    for check, pool in (("company_cancel_paid", settled), ("buyer_cancel_paid", settled), ("late", settled),
                        ("open_late", fresh)):
        if has(check):
            continue
        candidates = [i for i in pool if i not in taken]
        if not candidates:
            continue
        index = candidates[len(candidates) // 2]
        taken.add(index)
        planned[index] = planner.order(index, who[index], buyers, planned[index].placed_at, force=check)
