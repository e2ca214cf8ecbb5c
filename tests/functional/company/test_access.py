"""Who may use the company pages: staff of another province get a 404 on every page and
form of Chiang Mai's fulfilments, and change nothing; consumers and producers get a 403
on every company page (they are not staff at all) and change nothing; anonymous
visitors are sent to sign in."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import ListingKind
from marketplace.clock import today_in_thailand
from marketplace.fulfilment.models import Fulfilment
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.orders.models import OrderLine
from tests.factories import make_enterprise, make_listing, make_slot, make_user

S = FulfilmentStatus
MOVES = ("accept", "confirm", "pack", "ship", "deliver", "complete", "cancel")
MOVE_DATA = {"carrier": "kerry", "tracking_number": "KEX123456789", "reason": "ไม่ใช่ของเรา", "collected": "1"}
LISTS = ("/company/fulfilments", "/company/fulfilments.csv", "/company/pick-list")


@pytest.fixture
def chiang_mai(session, paid_order):
    """A Chiang Mai goods fulfilment (accepted, its line still to receive) and a tour booking."""
    goods = paid_order((make_listing(session, stock=5), 2)).fulfilments[0]
    goods.status = S.ACCEPTED
    tour = make_listing(session, kind=ListingKind.TOUR)
    slot = make_slot(session, tour, date=today_in_thailand() + dt.timedelta(days=2))
    booking = paid_order((tour, 2, slot)).fulfilments[0]
    session.flush()
    return goods, booking, slot


def routes(goods, booking, slot) -> tuple[list[str], list[str]]:
    """Every page and form route of the company's, for Chiang Mai's objects."""
    gets = [
        f"/company/fulfilments/{goods.id}", f"/company/fulfilments/{booking.id}",
        f"/company/fulfilments/{goods.id}/packing-slip", f"/company/fulfilments/{goods.id}/packing-slip?size=a6",
        f"/company/tours/{slot.id}/manifest",
    ]
    posts = [f"/company/fulfilments/{f.id}/{action}" for f in (goods, booking) for action in MOVES]
    posts.append(f"/company/fulfilments/{goods.id}/lines/{goods.lines[0].id}/receive")
    return gets, posts


def state(session):
    """Everything a company page could change."""
    session.expire_all()
    return (
        session.execute(select(Fulfilment.id, Fulfilment.status, Fulfilment.carrier, Fulfilment.tracking_number,
                               Fulfilment.cancel_reason, Fulfilment.cod_collected_satang)
                        .order_by(Fulfilment.id)).all(),
        session.execute(select(OrderLine.id, OrderLine.received_at).order_by(OrderLine.id)).all(),
        session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)),
    )


def test_staff_of_another_province_get_404_and_nothing_changes(session, browser, signed_in, chiang_mai):
    goods, booking, slot = chiang_mai
    signed_in("10")
    before = state(session)
    gets, posts = routes(goods, booking, slot)
    for url in gets:
        assert browser.get(url).status_code == 404, url
    for url in posts:
        assert browser.post(url, data=MOVE_DATA).status_code == 404, url
    assert state(session) == before


def test_staff_of_another_province_do_not_see_it_in_their_lists(session, browser, signed_in, chiang_mai):
    goods, booking, _slot = chiang_mai
    signed_in("10")
    for url in LISTS:
        response = browser.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        for fulfilment in (goods, booking):
            assert fulfilment.order.number not in body, url
    # an admin-only company filter does nothing for staff
    assert goods.order.number not in browser.get(f"/company/fulfilments?company={goods.company_id}").text


@pytest.mark.parametrize("role", [Role.CONSUMER, Role.PRODUCER])
def test_consumers_and_producers_get_403_everywhere(session, browser, signed_in, chiang_mai, role):
    goods, booking, slot = chiang_mai
    user = make_user(session)
    if role is Role.PRODUCER:
        make_enterprise(session, members=(user,))
    else:
        user = goods.order.consumer  # even the buyer of the order
    signed_in(user)
    before = state(session)
    gets, posts = routes(goods, booking, slot)
    for url in [*LISTS, *gets]:
        assert browser.get(url).status_code == 403, url
    for url in posts:
        assert browser.post(url, data=MOVE_DATA).status_code == 403, url
    assert state(session) == before


def test_anonymous_visitors_are_sent_to_sign_in(session, browser, chiang_mai):
    goods, booking, slot = chiang_mai
    gets, posts = routes(goods, booking, slot)
    for url in [*LISTS, *gets]:
        response = browser.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login"), url
    before = state(session)
    for url in posts:
        assert browser.post(url, data=MOVE_DATA).status_code == 302, url
    assert state(session) == before


def test_a_line_of_another_fulfilment_is_404(session, browser, staff, chiang_mai, paid_order):
    goods, _booking, _slot = chiang_mai
    other = paid_order((make_listing(session), 1))
    response = browser.post(f"/company/fulfilments/{goods.id}/lines/{other.lines[0].id}/receive")
    assert response.status_code == 404
    session.expire_all()
    assert other.lines[0].received_at is None and goods.lines[0].received_at is None


def test_an_admin_sees_and_moves_every_company(session, browser, signed_in, chiang_mai):
    goods, booking, slot = chiang_mai
    admin = signed_in(make_user(session, role=Role.ADMIN))
    gets, _posts = routes(goods, booking, slot)
    for url in gets:
        assert browser.get(url).status_code == 200, url
    queue = browser.get(f"/company/fulfilments?company={goods.company_id}").text
    assert goods.order.number in queue and booking.order.number in queue
    assert goods.order.number not in browser.get(f"/company/fulfilments?company={goods.company_id + 1}").text
    assert browser.post(f"/company/fulfilments/{booking.id}/confirm").status_code == 302
    session.expire_all()
    assert booking.status is S.CONFIRMED
    actor = session.scalar(select(AuditEntry.actor_id).where(AuditEntry.fulfilment_id == booking.id)
                           .order_by(AuditEntry.id.desc()).limit(1))
    assert actor == admin.id
