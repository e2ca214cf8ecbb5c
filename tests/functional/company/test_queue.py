"""The queue page: counts per status, filters, the oldest new first, how long each has
waited with late ones flagged, and the company's late-shipment rate."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from marketplace.backoffice.queries import late_shipment_rate
from marketplace.catalog.models import ListingKind
from marketplace.db import utcnow
from marketplace.fulfilment.states import FulfilmentStatus
from tests.factories import company_of, make_enterprise, make_listing, make_order, make_slot

S = FulfilmentStatus
ROW_RE = re.compile(r'<tr class="queue-row[^"]*" data-fulfilment="(\d+)">')
COUNT_RE = re.compile(r'<span class="count" data-status="([a-z_]+)">(\d+)</span>')


def text(response, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    return html.unescape(response.get_data(as_text=True))


def rows(page: str) -> list[int]:
    return [int(found) for found in ROW_RE.findall(page)]


def order_at(session, listing, status, *, new_at=None, quantity=1, **fields):
    order = make_order(session, items=[(listing, quantity)], fulfilment_status=status, **fields)
    fulfilment = order.fulfilments[0]
    fulfilment.new_at = new_at or utcnow() - dt.timedelta(hours=1)
    session.flush()
    return fulfilment


@pytest.fixture
def queue(session):
    """Chiang Mai's fulfilments in several statuses and kinds, from two enterprises, and
    one of Bangkok's that Chiang Mai's staff must never count."""
    now = utcnow()
    weavers = make_enterprise(session, name_th="กลุ่มทอผ้าบ้านไร่")
    potters = make_enterprise(session, name_th="กลุ่มปั้นหม้อเหมืองกุง")
    cloth, pot = make_listing(session, enterprise=weavers), make_listing(session, enterprise=potters)
    tour = make_listing(session, kind=ListingKind.TOUR, enterprise=potters)
    slot = make_slot(session, tour)
    made = {
        "old_new": order_at(session, cloth, S.NEW, new_at=now - dt.timedelta(days=3)),
        "fresh_new": order_at(session, pot, S.NEW, new_at=now - dt.timedelta(hours=3)),
        "accepted": order_at(session, cloth, S.ACCEPTED, new_at=now - dt.timedelta(days=1)),
        "late_packed": order_at(session, pot, S.PACKED, new_at=now - dt.timedelta(days=6)),
        "shipped": order_at(session, cloth, S.SHIPPED, new_at=now - dt.timedelta(days=2)),
        "tour": order_at(session, tour, S.NEW, new_at=now - dt.timedelta(hours=5)),
        "unpaid": order_at(session, cloth, S.AWAITING_PAYMENT),
    }
    made["tour"].lines[0].slot_id, made["tour"].lines[0].slot_date = slot.id, slot.date
    bangkok = make_listing(session, enterprise=make_enterprise(session, province_code="10"))
    made["bangkok"] = order_at(session, bangkok, S.NEW, new_at=now - dt.timedelta(days=4))
    session.flush()
    return made, weavers, potters


def test_counts_per_status_and_the_oldest_new_first(session, browser, staff, queue):
    made, _weavers, _potters = queue
    page = text(browser.get("/company/fulfilments"))
    counts = dict(COUNT_RE.findall(page))
    assert counts == {"awaiting_payment": "1", "new": "3", "accepted": "1", "packed": "1", "shipped": "1",
                      "delivered": "0", "confirmed": "0", "completed": "0", "cancelled": "0"}
    expected = ["late_packed", "old_new", "shipped", "accepted", "tour", "fresh_new"]
    assert rows(page) == [made[name].id for name in expected]  # by when each became new; no unpaid one
    assert made["bangkok"].order.number not in page


def test_filters_by_status_kind_enterprise_and_date(session, browser, staff, queue):
    made, weavers, potters = queue
    assert rows(text(browser.get("/company/fulfilments?status=new"))) == \
        [made["old_new"].id, made["tour"].id, made["fresh_new"].id]
    assert rows(text(browser.get("/company/fulfilments?kind=tour"))) == [made["tour"].id]
    weavers_page = text(browser.get(f"/company/fulfilments?enterprise={weavers.id}"))
    assert rows(weavers_page) == [made["old_new"].id, made["shipped"].id, made["accepted"].id]
    assert f'<option value="{weavers.id}" selected>กลุ่มทอผ้าบ้านไร่</option>' in weavers_page
    assert f'<option value="{potters.id}">กลุ่มปั้นหม้อเหมืองกุง</option>' in weavers_page
    assert rows(text(browser.get(f"/company/fulfilments?enterprise={potters.id}&status=new"))) == \
        [made["tour"].id, made["fresh_new"].id]

    made["accepted"].created_at = utcnow() - dt.timedelta(days=10)
    session.flush()
    day = (utcnow() - dt.timedelta(days=10)).astimezone(dt.timezone(dt.timedelta(hours=7))).date()
    assert rows(text(browser.get(f"/company/fulfilments?from={day}&to={day}"))) == [made["accepted"].id]
    assert made["accepted"].id not in rows(text(browser.get(f"/company/fulfilments?from={day + dt.timedelta(1)}")))


def test_bad_filters_are_named(session, browser, staff, queue):
    page = text(browser.get("/company/fulfilments?status=lost&from=yesterday&kind=boat"), 422)
    assert "Choose a status from the list." in page
    assert "Enter a date as year-month-day, for example 2026-01-31." in page
    assert "Choose goods or tours." in page
    assert rows(page) == []
    assert "The last day cannot be before the first." in \
        text(browser.get("/company/fulfilments?from=2026-02-01&to=2026-01-01"), 422)


def test_waited_time_and_late_flags(session, browser, staff, queue):
    made, _weavers, _potters = queue
    page = text(browser.get("/company/fulfilments"))

    def row(name: str) -> str:
        start = page.index(f'data-fulfilment="{made[name].id}"')
        return page[start:page.index("</tr>", start)]

    assert "waiting 3 d" in row("old_new") and "LATE" in row("old_new")
    assert "waiting 3 h" in row("fresh_new") and "LATE" not in row("fresh_new")
    assert "waiting 6 d" in row("late_packed") and "LATE" in row("late_packed")
    assert "waiting 1 d" not in row("accepted") and "waiting 24 h" in row("accepted")
    assert "LATE" not in row("accepted")
    assert "LATE" not in row("shipped")
    detail = text(browser.get(f"/company/fulfilments/{made['old_new'].id}"))
    assert "waiting 3 d" in detail and "LATE" in detail


def test_the_late_rate_at_the_top(session, browser, staff, queue):
    made, _weavers, _potters = queue
    now = utcnow()
    made["shipped"].shipped_at = now - dt.timedelta(days=1)  # two days after it arrived: on time
    slow = order_at(session, made["shipped"].lines[0].listing, S.DELIVERED, new_at=now - dt.timedelta(days=20))
    slow.shipped_at = now - dt.timedelta(days=12)  # eight days after: late
    old = order_at(session, made["shipped"].lines[0].listing, S.DELIVERED, new_at=now - dt.timedelta(days=50))
    old.shipped_at = now - dt.timedelta(days=40)  # outside the 30 days
    session.flush()

    rate = late_shipment_rate(session, company_of(session, "50").id, now)
    # waiting: old_new, fresh_new, accepted, late_packed, tour; late: old_new, late_packed
    assert (rate.waiting, rate.late, rate.late_percent) == (5, 2, 40)
    assert (rate.shipped, rate.shipped_on_time, rate.on_time_percent) == (2, 1, 50)
    page = text(browser.get("/company/fulfilments"))
    assert "40%" in page and "2 of 5 waiting (new, accepted or packed)" in page
    assert "50%" in page and "1 of 2 shipments" in page

    everyone = late_shipment_rate(session, None, now)
    assert (everyone.waiting, everyone.late) == (6, 3)  # with Bangkok's, four days new
    nobody = late_shipment_rate(session, company_of(session, "96").id, now)
    assert (nobody.late_percent, nobody.on_time_percent) == (None, None)


def test_paging_keeps_the_filters(session, browser, staff, queue, monkeypatch):
    from marketplace.backoffice import views

    made, weavers, _potters = queue
    monkeypatch.setattr(views, "QUEUE_PAGE_SIZE", 2)
    first = text(browser.get(f"/company/fulfilments?enterprise={weavers.id}"))
    assert rows(first) == [made["old_new"].id, made["shipped"].id]
    next_link = re.search(r'href="(/company/fulfilments\?[^"]*cursor=[^"]*)"', first).group(1)
    assert f"enterprise={weavers.id}" in next_link
    assert rows(text(browser.get(next_link))) == [made["accepted"].id]
