"""A hand-computed book of sales and fulfilments for the dashboard's tests (the service's and
the API's): every expected figure below is worked out by hand from these lines.

Sales, January–March 2026 (Chiang Mai's company serves province 50, Bangkok's 10):

| order | line                          | done (UTC)         | Bangkok month | items  | rate   | commission |
| 1     | pots ฿1,250.00 × 2 (pottery)  | 2026-01-10 05:00   | 2026-01       | 250000 | 10 %   | 25000      |
| 2     | cloth ฿120.00 × 1 (weaving)   | 2026-01-31 16:30   | 2026-01 ¹     |  12000 | 7.5 %  |   900      |
| 3     | tour ฿350.00 × 1 (homestay)   | 2026-01-31 17:30   | 2026-02 ²     |  35000 | 12.5 % |  4375      |
| 4     | sweets ฿50.00 × 4 (Bangkok)   | 2026-02-15 03:00   | 2026-02       |  20000 | 8 %    |  1600      |
| 5     | pots × 1 + cloth × 1          | 2026-03-05 03:00   | 2026-03       | 125000 | 10 %   | 12500      |
|       |                               |                    |               |  12000 | 10 %   |  1200      |

¹ 23:30 in Bangkok on 31 January. ² 00:30 in Bangkok on 1 February.
Not counted: a cancelled pots line (done in January), a shipped and a new one (not done),
and the "quiet" enterprise's sale at 23:59 Bangkok on 31 December 2025 (before the period).

Totals: 5 orders, items 454000, commission 45575, producer net 408425, 4 enterprises.
"""

from __future__ import annotations

import datetime as dt

from marketplace.catalog.models import ListingKind
from marketplace.enterprises.models import EnterpriseStatus
from marketplace.fulfilment.states import FulfilmentKind, FulfilmentStatus
from marketplace.orders.states import OrderStatus
from marketplace.reports.earned import record_earned_sales
from tests.factories import category, make_enterprise, make_listing, make_order, make_sale

S = FulfilmentStatus
FIRST, LAST = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
NOW = dt.datetime(2026, 3, 31, 5, 0, tzinfo=dt.UTC)  # noon in Bangkok on the period's last day


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def sales_book(session) -> dict:
    pottery = make_enterprise(session, province_code="50", name_th="วิสาหกิจชุมชนบ้านเหมืองกุง",
                              name_en="Ban Mueang Kung Pottery")
    weaving = make_enterprise(session, province_code="50", name_th="กลุ่มทอผ้าสันกำแพง")
    homestay = make_enterprise(session, province_code="50", name_th="โฮมสเตย์แม่กำปอง")
    sweets = make_enterprise(session, province_code="10", name_th="ชุมชนบางกอกน้อย")
    quiet = make_enterprise(session, province_code="50", name_th="กลุ่มจักสานที่เงียบไป")
    never = make_enterprise(session, province_code="50", name_th="กลุ่มที่ยังไม่เคยขาย")
    make_enterprise(session, province_code="50", name_th="กลุ่มที่รออนุมัติ", status=EnterpriseStatus.PENDING)
    far_away = make_enterprise(session, province_code="10", name_th="ร้านที่ขายครั้งสุดท้ายนานแล้ว")

    pots = make_listing(session, enterprise=pottery, price_satang=125000, title_th="หม้อดินเผา",
                        title_en="Clay pot")
    cloth = make_listing(session, enterprise=weaving, price_satang=12000, category=category(session, "textiles"))
    tour = make_listing(session, enterprise=homestay, kind=ListingKind.TOUR, price_satang=35000)
    candy = make_listing(session, enterprise=sweets, price_satang=5000)
    baskets = make_listing(session, enterprise=quiet, price_satang=30000)
    old_stock = make_listing(session, enterprise=far_away, price_satang=30000)

    make_sale(session, pots, 2, done_at=at("2026-01-10T05:00:00"), commission_bps=1000)
    make_sale(session, cloth, 1, done_at=at("2026-01-31T16:30:00"), commission_bps=750)
    make_sale(session, tour, 1, status=S.COMPLETED, done_at=at("2026-01-31T17:30:00"), commission_bps=1250)
    make_sale(session, candy, 4, done_at=at("2026-02-15T03:00:00"), commission_bps=800)
    both = make_order(session, items=[(pots, 1), (cloth, 1)], fulfilment_status=S.DELIVERED,
                      order_status=OrderStatus.COMPLETED)
    both.fulfilments[0].done_at, both.fulfilments[0].commission_bps = at("2026-03-05T03:00:00"), 1000
    record_earned_sales(session, [both.fulfilments[0].id])  # as delivering it through the workflow would
    make_sale(session, pots, 1, status=S.CANCELLED, done_at=at("2026-01-11T02:00:00"))
    make_sale(session, pots, 1, status=S.SHIPPED)
    make_sale(session, pots, 1, status=S.NEW)
    make_sale(session, baskets, 1, done_at=at("2025-12-31T16:59:00"), commission_bps=1000)
    make_sale(session, old_stock, 1, done_at=at("2025-06-01T03:00:00"), commission_bps=1000)
    session.flush()
    return {"pottery": pottery, "weaving": weaving, "homestay": homestay, "sweets": sweets, "quiet": quiet,
            "never": never, "far_away": far_away, "pots": pots, "cloth": cloth, "tour": tour, "candy": candy}


def shipping_book(session, chiang_mai_listing, bangkok_listing):
    """Fulfilments that became new in the period (and one before it), with known hours to ship.

    Chiang Mai: goods shipped after 10, 20, 30, 40 and 130 hours (late: more than 5 days),
    one cancelled, one accepted 6 days before ``NOW`` and not shipped (late now), one new
    since an hour (not late): 8 fulfilments, 2 late, 1 cancelled; median (3rd of 5) 30 h,
    90th percentile (5th of 5) 130 h.
    Bangkok: shipped after 5 and 7 hours: median 5 h, 90th percentile 7 h, nothing late.
    Not counted: a Chiang Mai fulfilment that became new on 31 December 2025.
    Returns the fulfilment shipped after 130 hours.
    """
    start = at("2026-02-01T00:00:00")

    def fulfilment(listing, status, *, new_at, shipped_after=None):
        order = make_order(session, items=[(listing, 1)], fulfilment_status=status)
        part = order.fulfilments[0]
        assert part.kind is FulfilmentKind.GOODS
        part.new_at = new_at
        if shipped_after is not None:
            part.shipped_at = new_at + dt.timedelta(hours=shipped_after)
        return part

    for hours in (30, 10, 40, 20):
        fulfilment(chiang_mai_listing, S.SHIPPED, new_at=start, shipped_after=hours)
    slowest = fulfilment(chiang_mai_listing, S.SHIPPED, new_at=start, shipped_after=130)
    fulfilment(chiang_mai_listing, S.CANCELLED, new_at=start)
    fulfilment(chiang_mai_listing, S.ACCEPTED, new_at=NOW - dt.timedelta(days=6))
    fulfilment(chiang_mai_listing, S.NEW, new_at=NOW - dt.timedelta(hours=1))
    fulfilment(chiang_mai_listing, S.SHIPPED, new_at=at("2025-12-31T10:00:00"), shipped_after=200)
    for hours in (7, 5):
        fulfilment(bangkok_listing, S.SHIPPED, new_at=start, shipped_after=hours)
    session.flush()
    return slowest
