"""A company user takes orders through their life on the pages: goods from new to
delivered, a tour booking from new to completed, cash on delivery, and cancelling."""

from __future__ import annotations

import datetime as dt
import html

from sqlalchemy import select

from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import Listing, ListingKind, TourSlot
from marketplace.clock import today_in_thailand
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.orders.models import OrderLine
from marketplace.orders.states import OrderStatus
from marketplace.payments.states import PaymentStatus
from tests.factories import make_enterprise, make_listing, make_slot, make_user, place

S = FulfilmentStatus


def page(response, status: int = 200) -> str:
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:2000])
    return html.unescape(response.get_data(as_text=True))


def post(browser, fulfilment, action: str, **data):
    return browser.post(f"/company/fulfilments/{fulfilment.id}/{action}", data=data)


def reloaded(session, fulfilment):
    session.expire_all()
    return fulfilment


def test_a_paid_goods_order_goes_from_new_to_delivered(session, browser, staff, paid_order):
    honey = make_listing(session, enterprise=make_enterprise(session, name_th="กลุ่มน้ำผึ้งดอยสะเก็ด"),
                         title_th="น้ำผึ้งป่า", price_satang=25000, stock=10)
    cloth = make_listing(session, enterprise=make_enterprise(session, name_th="กลุ่มทอผ้าสันกำแพง"),
                         title_th="ผ้าฝ้ายทอมือ", price_satang=60000, stock=10)
    order = paid_order((honey, 2), (cloth, 1))
    fulfilment = order.fulfilments[0]
    assert fulfilment.status is S.NEW

    queue = page(browser.get("/company/fulfilments"))
    assert order.number in queue and f"/company/fulfilments/{fulfilment.id}" in queue
    detail = page(browser.get(f"/company/fulfilments/{fulfilment.id}"))
    assert "Accept the order" in detail and "กลุ่มน้ำผึ้งดอยสะเก็ด" in detail and "ผ้าฝ้ายทอมือ" in detail
    assert "0812345678" in detail and "สมหญิง ใจดี" in detail

    assert post(browser, fulfilment, "accept").status_code == 302
    assert reloaded(session, fulfilment).status is S.ACCEPTED
    detail = page(browser.get(f"/company/fulfilments/{fulfilment.id}"))
    assert 'disabled aria-describedby="pack-reason"' in detail
    assert "Packing is possible once every line is received from its producer." in detail

    early = page(post(browser, fulfilment, "pack"), 409)
    assert "Every line must be received from its producer before packing." in early
    assert reloaded(session, fulfilment).status is S.ACCEPTED

    for line in fulfilment.lines:
        response = browser.post(f"/company/fulfilments/{fulfilment.id}/lines/{line.id}/receive")
        assert response.status_code == 302
    session.expire_all()
    assert all(line.received_at is not None for line in fulfilment.lines)

    assert post(browser, fulfilment, "pack").status_code == 302
    assert reloaded(session, fulfilment).status is S.PACKED

    no_tracking = page(post(browser, fulfilment, "ship", carrier="kerry", tracking_number=""), 422)
    assert "Enter the carrier's tracking number." in no_tracking
    bad_carrier = page(post(browser, fulfilment, "ship", carrier="dhl", tracking_number="KEX123456789"), 422)
    assert "Choose the carrier from the list." in bad_carrier
    bad_tracking = page(post(browser, fulfilment, "ship", carrier="kerry", tracking_number="no"), 422)
    assert "5 to 60 letters and digits" in bad_tracking
    assert 'value="no"' in bad_tracking  # what was typed is kept
    assert reloaded(session, fulfilment).status is S.PACKED

    assert post(browser, fulfilment, "ship", carrier="kerry", tracking_number="KEX123456789").status_code == 302
    fulfilment = reloaded(session, fulfilment)
    assert (fulfilment.status, fulfilment.carrier.value, fulfilment.tracking_number) == \
        (S.SHIPPED, "kerry", "KEX123456789")

    assert post(browser, fulfilment, "deliver").status_code == 302
    fulfilment = reloaded(session, fulfilment)
    assert fulfilment.status is S.DELIVERED and order.status is OrderStatus.COMPLETED

    moves = session.execute(select(AuditEntry.to_status, AuditEntry.actor_id).where(
        AuditEntry.fulfilment_id == fulfilment.id, AuditEntry.action == "fulfilment.transition",
    ).order_by(AuditEntry.id)).all()
    assert moves == [("new", None)] + [(s, staff.id) for s in ("accepted", "packed", "shipped", "delivered")]
    detail = page(browser.get(f"/company/fulfilments/{fulfilment.id}"))
    assert "Kerry Express" in detail and "KEX123456789" in detail
    assert detail.count(staff.name) >= 6  # two receipts and four moves in the history, by whom
    assert "Nothing more to do with this fulfilment." in detail


def test_cash_on_delivery_asks_for_the_amount_collected(session, browser, staff):
    listing = make_listing(session, price_satang=30000, stock=5)
    order = place(session, make_user(session), (listing, 1), payment_method="cod")
    fulfilment = order.fulfilments[0]
    assert fulfilment.cod_amount_satang == 35000  # ฿300 and ฿50 shipping
    for action, data in (("accept", {}), ("receive", {}), ("pack", {}),
                         ("ship", {"carrier": "thailand_post", "tracking_number": "EF123456789TH"})):
        if action == "receive":
            url = f"/company/fulfilments/{fulfilment.id}/lines/{order.lines[0].id}/receive"
            assert browser.post(url).status_code == 302
        else:
            assert post(browser, fulfilment, action, **data).status_code == 302
    detail = page(browser.get(f"/company/fulfilments/{fulfilment.id}"))
    assert "Cash on delivery: the courier collects ฿350.00." in detail
    assert 'name="collected"' in detail and 'value="350.00"' in detail

    assert "Enter the cash collected." in page(post(browser, fulfilment, "deliver", collected=""), 422)
    wrong = page(post(browser, fulfilment, "deliver", collected="300"), 422)
    assert "The cash collected must be ฿350.00, the amount due." in wrong
    assert "Enter the amount in baht" in page(post(browser, fulfilment, "deliver", collected="lots"), 422)
    assert reloaded(session, fulfilment).status is S.SHIPPED

    assert post(browser, fulfilment, "deliver", collected="350").status_code == 302
    fulfilment = reloaded(session, fulfilment)
    assert fulfilment.status is S.DELIVERED and fulfilment.cod_collected_satang == 35000
    assert order.payments[-1].status is PaymentStatus.COLLECTED


def test_a_tour_booking_goes_from_new_to_completed(session, browser, staff, paid_order):
    tour = make_listing(session, kind=ListingKind.TOUR, title_th="เดินป่าชมดอย", price_satang=80000,
                        meeting_point="วัดพระธาตุ")
    slot = make_slot(session, tour, date=today_in_thailand() + dt.timedelta(days=3))
    order = paid_order((tour, 2, slot))
    fulfilment = order.fulfilments[0]

    detail = page(browser.get(f"/company/fulfilments/{fulfilment.id}"))
    assert "Confirm the booking" in detail and f"/company/tours/{slot.id}/manifest" in detail
    assert "Accept the order" not in detail and "packing-slip" not in detail
    assert post(browser, fulfilment, "confirm").status_code == 302
    assert reloaded(session, fulfilment).status is S.CONFIRMED

    detail = page(browser.get(f"/company/fulfilments/{fulfilment.id}"))
    assert 'disabled aria-describedby="complete-reason"' in detail
    early = page(post(browser, fulfilment, "complete"), 409)
    assert f"The tour takes place on {slot.date.day} {slot.date:%B %Y}" in early  # as the page writes dates
    assert reloaded(session, fulfilment).status is S.CONFIRMED

    line = session.scalar(select(OrderLine).where(OrderLine.fulfilment_id == fulfilment.id))
    line.slot_date = today_in_thailand()  # the day has come
    session.flush()
    detail = page(browser.get(f"/company/fulfilments/{fulfilment.id}"))
    assert "complete-reason" not in detail
    assert post(browser, fulfilment, "complete").status_code == 302
    fulfilment = reloaded(session, fulfilment)
    assert fulfilment.status is S.COMPLETED and order.status is OrderStatus.COMPLETED


def test_a_move_the_table_forbids_is_refused_and_changes_nothing(session, browser, staff, paid_order):
    order = paid_order((make_listing(session), 1))
    fulfilment = order.fulfilments[0]
    for action in ("confirm", "complete", "pack", "deliver"):
        refused = page(post(browser, fulfilment, action), 409)
        assert "This is not possible now: the fulfilment is New." in refused
    assert reloaded(session, fulfilment).status is S.NEW


def test_cancelling_refunds_that_share_only_and_restores_stock(session, browser, staff, paid_order, gateway):
    local = make_listing(session, price_satang=20000, stock=4)
    bangkok = make_listing(session, enterprise=make_enterprise(session, province_code="10"), price_satang=50000,
                           stock=4)
    order = paid_order((local, 3), (bangkok, 1))
    mine = next(f for f in order.fulfilments if f.company.province_code == "50")
    theirs = next(f for f in order.fulfilments if f.company.province_code == "10")
    assert session.scalar(select(Listing.stock).where(Listing.id == local.id)) == 1

    detail = page(browser.get(f"/company/fulfilments/{mine.id}"))
    assert "Cancelling refunds this fulfilment's share of the payment (฿650.00" in detail
    assert "Say why the fulfilment is cancelled" in page(post(browser, mine, "cancel", reason="  "), 422)
    assert reloaded(session, mine).status is S.NEW and gateway.refunds == []

    assert post(browser, mine, "cancel", reason="ผู้ผลิตหยุดผลิตชั่วคราว").status_code == 302
    session.expire_all()
    assert mine.status is S.CANCELLED and mine.cancel_reason == "ผู้ผลิตหยุดผลิตชั่วคราว"
    assert theirs.status is S.NEW
    assert [amount for _intent, amount, _key in gateway.refunds] == [3 * 20000 + 5000]
    assert order.payments[-1].status is PaymentStatus.PARTIALLY_REFUNDED
    assert session.scalar(select(Listing.stock).where(Listing.id == local.id)) == 4
    assert session.scalar(select(Listing.stock).where(Listing.id == bangkok.id)) == 3
    assert "ผู้ผลิตหยุดผลิตชั่วคราว" in page(browser.get(f"/company/fulfilments/{mine.id}"))


def test_cancelling_a_tour_booking_gives_the_seats_back(session, browser, staff, paid_order):
    tour = make_listing(session, kind=ListingKind.TOUR)
    slot = make_slot(session, tour, date=today_in_thailand() + dt.timedelta(days=5), capacity=6)
    order = paid_order((tour, 4, slot))
    assert session.scalar(select(TourSlot.seats_taken).where(TourSlot.id == slot.id)) == 4
    assert post(browser, order.fulfilments[0], "cancel", reason="ฝนตกหนัก").status_code == 302
    assert session.scalar(select(TourSlot.seats_taken).where(TourSlot.id == slot.id)) == 0
