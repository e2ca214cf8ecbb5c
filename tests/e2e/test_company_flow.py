"""The provincial company's pages in a real browser (headless Chromium, see conftest.py)
against the live server on a real database: staff of Chiang Mai sign in, take a goods
order paid cash on delivery from new to delivered, and a tour booking from new to
completed. Elements are found by form actions, names and data attributes, not by text.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.accounts.models import Role
from marketplace.catalog.models import ListingKind
from marketplace.clock import today_in_thailand
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.orders.models import Order, OrderLine
from marketplace.orders.states import OrderStatus
from marketplace.payments.states import PaymentStatus
from tests.e2e.test_browser_flows import click_and_wait, css, path_is, submit, type_into, wait
from tests.factories import PASSWORD, company_of, make_enterprise, make_listing, make_slot, make_user, place

pytestmark = pytest.mark.concurrency


def sign_in(browser, live_server: str, email: str) -> None:
    browser.get(live_server + "/login")
    type_into(browser, 'form[action^="/login"] input[name=email]', email)
    type_into(browser, 'form[action^="/login"] input[name=password]', PASSWORD)
    submit(browser, 'form[action^="/login"]')
    wait(browser, lambda b: not b.execute_script("return location.pathname").startswith("/login"))


def staff_email(live_db) -> str:
    with Session(live_db, expire_on_commit=False) as session:
        user = make_user(session, role=Role.COMPANY, company=company_of(session, "50"))
        session.commit()
    return user.email


def open_from_queue(browser, live_server: str, fulfilment_id: int) -> None:
    browser.get(live_server + "/company/fulfilments")
    wait(browser, path_is("/company/fulfilments"))
    row = f'tr.queue-row[data-fulfilment="{fulfilment_id}"]'
    assert "order-status-new" in css(browser, f"{row} .order-status").get_attribute("class")
    click_and_wait(browser, css(browser, f'{row} a[href="/company/fulfilments/{fulfilment_id}"]'))
    assert browser.execute_script("return location.pathname") == f"/company/fulfilments/{fulfilment_id}"


def status_on_page(browser) -> str:
    classes = css(browser, ".fulfilment-state .order-status").get_attribute("class").split()
    return next(c for c in classes if c.startswith("order-status-")).removeprefix("order-status-")


def move(browser, fulfilment_id: int, action: str) -> None:
    submit(browser, f'form.move-form[action="/company/fulfilments/{fulfilment_id}/{action}"]', 'button[type="submit"]')
    wait(browser, path_is(f"/company/fulfilments/{fulfilment_id}"))


def test_company_staff_take_a_cash_on_delivery_goods_order_to_delivered(browser, live_db, live_server):
    from selenium.webdriver.support.ui import Select

    with Session(live_db, expire_on_commit=False) as session:
        honey = make_listing(session, enterprise=make_enterprise(session, name_th="กลุ่มน้ำผึ้งดอยสะเก็ด"),
                             title_th="น้ำผึ้งป่า", price_satang=25000, stock=10)
        cloth = make_listing(session, enterprise=make_enterprise(session, name_th="กลุ่มทอผ้าสันกำแพง"),
                             title_th="ผ้าฝ้ายทอมือ", price_satang=60000, stock=10)
        order = place(session, make_user(session), (honey, 2), (cloth, 1), payment_method="cod")
        fulfilment = order.fulfilments[0]
        assert fulfilment.status is FulfilmentStatus.NEW
        fid, order_id, due = fulfilment.id, order.id, fulfilment.cod_amount_satang
        line_ids = [line.id for line in fulfilment.lines]
        session.commit()
    assert len(line_ids) == 2 and due == 2 * 25000 + 60000 + 5000

    sign_in(browser, live_server, staff_email(live_db))
    open_from_queue(browser, live_server, fid)
    assert status_on_page(browser) == "new"

    move(browser, fid, "accept")
    assert status_on_page(browser) == "accepted"
    assert css(browser, f'form.move-form[action="/company/fulfilments/{fid}/pack"] button').get_attribute("disabled")
    for line_id in line_ids:
        submit(browser, f'form[action="/company/fulfilments/{fid}/lines/{line_id}/receive"]', 'button[type="submit"]')
        wait(browser, path_is(f"/company/fulfilments/{fid}"))
        assert css(browser, f'li[data-line="{line_id}"] .received.is-received')
    move(browser, fid, "pack")
    assert status_on_page(browser) == "packed"

    ship = f'form.move-form[action="/company/fulfilments/{fid}/ship"]'
    Select(css(browser, f"{ship} select[name=carrier]")).select_by_value("kerry")
    type_into(browser, f"{ship} input[name=tracking_number]", "KEX123456789")
    move(browser, fid, "ship")
    assert status_on_page(browser) == "shipped"
    assert css(browser, ".tracking .tracking-number").text == "KEX123456789"

    deliver = f'form.move-form[action="/company/fulfilments/{fid}/deliver"]'
    collected = css(browser, f"{deliver} input[name=collected]")
    assert collected.get_attribute("value") == "1,150.00"  # prefilled with the amount due
    move(browser, fid, "deliver")
    assert status_on_page(browser) == "delivered"
    assert not browser.find_elements("css selector", "form.move-form")

    with Session(live_db) as session:
        order = session.get(Order, order_id)
        fulfilment = order.fulfilments[0]
        assert (fulfilment.status, fulfilment.carrier.value, fulfilment.tracking_number) == \
            (FulfilmentStatus.DELIVERED, "kerry", "KEX123456789")
        assert all(line.received_at is not None for line in fulfilment.lines)
        assert fulfilment.cod_collected_satang == due
        assert order.status is OrderStatus.COMPLETED
        assert order.payments[-1].status is PaymentStatus.COLLECTED


def test_company_staff_confirm_and_complete_a_tour_booking(browser, live_db, live_server):
    with Session(live_db, expire_on_commit=False) as session:
        tour = make_listing(session, kind=ListingKind.TOUR, title_th="เดินป่าชมดอย", price_satang=80000,
                            meeting_point="วัดพระธาตุ")
        slot = make_slot(session, tour, date=today_in_thailand() + dt.timedelta(days=3))
        order = place(session, make_user(session), (tour, 2, slot), payment_method="cod")
        fulfilment = order.fulfilments[0]
        assert fulfilment.status is FulfilmentStatus.NEW
        line = session.scalar(select(OrderLine).where(OrderLine.fulfilment_id == fulfilment.id))
        line.slot_date = today_in_thailand()  # the day of the tour has come
        fid, order_id = fulfilment.id, order.id
        session.commit()

    sign_in(browser, live_server, staff_email(live_db))
    open_from_queue(browser, live_server, fid)
    assert status_on_page(browser) == "new"
    assert not browser.find_elements("css selector", f'form[action="/company/fulfilments/{fid}/accept"]')

    move(browser, fid, "confirm")
    assert status_on_page(browser) == "confirmed"
    complete = css(browser, f'form.move-form[action="/company/fulfilments/{fid}/complete"] button')
    assert complete.get_attribute("disabled") is None
    move(browser, fid, "complete")
    assert status_on_page(browser) == "completed"
    assert not browser.find_elements("css selector", "form.move-form")

    with Session(live_db) as session:
        order = session.get(Order, order_id)
        assert order.fulfilments[0].status is FulfilmentStatus.COMPLETED
        assert order.status is OrderStatus.COMPLETED
