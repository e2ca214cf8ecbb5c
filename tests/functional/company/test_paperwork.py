"""The papers a company prints and exports: the queue as CSV, packing slips, the day's
pick list and a tour date's manifest."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io

from marketplace.accounts.models import Role
from marketplace.backoffice.workflow import move_fulfilment
from marketplace.catalog.models import ListingKind
from marketplace.clock import BANGKOK, today_in_thailand
from marketplace.db import utcnow
from marketplace.fulfilment.states import FulfilmentStatus
from tests.factories import make_enterprise, make_listing, make_order, make_slot, make_user, place

S = FulfilmentStatus


def text(response, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    return html.unescape(response.get_data(as_text=True))


def positions(page: str, *needles: str) -> list[int]:
    found = [page.find(needle) for needle in needles]
    assert -1 not in found, dict(zip(needles, found, strict=True))
    return found


# --- CSV -----------------------------------------------------------------------------------------------

def test_the_queue_as_csv_with_a_bom_and_thai_intact(session, browser, staff):
    listing = make_listing(session, title_th="ข้าวแต๋นน้ำแตงโม", price_satang=12050, stock=9)
    cod = place(session, make_user(session), (listing, 2), payment_method="cod", name="=HYPERLINK(\"x\")",
                phone="0891112222")
    other = place(session, make_user(session), (listing, 1), payment_method="cod")
    move_fulfilment(session, staff, other.fulfilments[0], S.ACCEPTED, now=utcnow(), gateway=None)
    bangkok_listing = make_listing(session, enterprise=make_enterprise(session, province_code="10"))
    bangkok = make_order(session, items=[(bangkok_listing, 1)])
    session.flush()

    response = browser.get("/company/fulfilments.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [row["order_number"] for row in table] == [cod.number, other.number]
    assert bangkok.number not in body.decode("utf-8-sig")
    row = table[0]
    assert row["buyer_name"] == "'=HYPERLINK(\"x\")"  # never run as a formula
    assert row["buyer_phone"] == "0891112222" and row["province_code"] == "50" and row["province"] == "เชียงใหม่"
    assert row["lines"] == "ข้าวแต๋นน้ำแตงโม × 2"
    assert (row["items_thb"], row["shipping_thb"], row["total_thb"], row["cod_thb"]) == \
        ("241.00", "50.00", "291.00", "291.00")
    assert (row["status"], row["kind"], row["payment_method"], row["late"]) == ("new", "goods", "cod", "no")
    assert row["ordered_on"] == today_in_thailand().isoformat()

    accepted = browser.get("/company/fulfilments.csv?status=accepted").get_data().decode("utf-8-sig")
    assert [row["order_number"] for row in csv.DictReader(io.StringIO(accepted))] == [other.number]
    assert browser.get("/company/fulfilments.csv?status=lost").status_code == 422


# --- packing slip --------------------------------------------------------------------------------------

def test_the_packing_slip_groups_lines_by_enterprise_with_the_cod_amount(session, browser, staff):
    weavers = make_enterprise(session, name_th="กลุ่มทอผ้าบ้านไร่")
    potters = make_enterprise(session, name_th="กลุ่มปั้นหม้อเหมืองกุง")
    scarf = make_listing(session, enterprise=weavers, title_th="ผ้าพันคอ", price_satang=30000)
    pot = make_listing(session, enterprise=potters, title_th="หม้อดินเผา", price_satang=45000)
    bag = make_listing(session, enterprise=weavers, title_th="ย่ามฝ้าย", price_satang=20000)
    order = place(session, make_user(session), (scarf, 1), (pot, 2), (bag, 3), payment_method="cod")
    fulfilment = order.fulfilments[0]

    slip = text(browser.get(f"/company/fulfilments/{fulfilment.id}/packing-slip"))
    assert 'class="paper paper-a4 packing-slip"' in slip
    assert order.number in slip and "สมหญิง ใจดี" in slip and "50200" in slip
    assert "บริษัท ประชารัฐรักสามัคคี เชียงใหม่" in slip  # the sender
    assert "ศรีภูมิ" in slip and "เมืองเชียงใหม่" in slip  # the buyer's subdistrict and district, in Thai
    weavers_at, scarf_at, bag_at, potters_at, pot_at = positions(
        slip, "กลุ่มทอผ้าบ้านไร่", "ผ้าพันคอ", "ย่ามฝ้าย", "กลุ่มปั้นหม้อเหมืองกุง", "หม้อดินเผา")
    assert weavers_at < scarf_at < bag_at < potters_at < pot_at
    assert 'class="cod-box"' in slip and "฿1,850.00" in slip  # 300 + 900 + 600 + 50 shipping

    label = text(browser.get(f"/company/fulfilments/{fulfilment.id}/packing-slip?size=a6"))
    assert 'class="paper paper-a6 packing-slip"' in label and "฿1,850.00" in label


def test_a_paid_order_has_no_cod_box_and_a_tour_has_no_slip(session, browser, staff, paid_order):
    order = paid_order((make_listing(session), 1))
    slip = text(browser.get(f"/company/fulfilments/{order.fulfilments[0].id}/packing-slip"))
    assert "cod-box" not in slip and order.number in slip
    tour = make_listing(session, kind=ListingKind.TOUR)
    booking = paid_order((tour, 1, make_slot(session, tour))).fulfilments[0]
    assert browser.get(f"/company/fulfilments/{booking.id}/packing-slip").status_code == 404


# --- pick list -----------------------------------------------------------------------------------------

def test_the_pick_list_groups_the_days_accepted_lines_by_enterprise(session, browser, staff):
    weavers = make_enterprise(session, name_th="กลุ่มทอผ้าบ้านไร่")
    aunt = make_user(session, role=Role.PRODUCER, name="ป้าศรี", phone="0851234567")
    potters = make_enterprise(session, name_th="กลุ่มปั้นหม้อเหมืองกุง", members=(aunt,))
    scarf = make_listing(session, enterprise=weavers, title_th="ผ้าพันคอ", stock=20)
    pot = make_listing(session, enterprise=potters, title_th="หม้อดินเผา", stock=20)
    first = place(session, make_user(session), (scarf, 2), (pot, 1), payment_method="cod")
    second = place(session, make_user(session), (scarf, 3), payment_method="cod")
    yesterday = place(session, make_user(session), (pot, 7), payment_method="cod")
    not_accepted = place(session, make_user(session), (pot, 4), payment_method="cod")
    now = utcnow()
    for order in (first, second):
        move_fulfilment(session, staff, order.fulfilments[0], S.ACCEPTED, now=now, gateway=None)
    move_fulfilment(session, staff, yesterday.fulfilments[0], S.ACCEPTED, now=now - dt.timedelta(days=1),
                    gateway=None)
    first.lines[0].received_at = now
    session.flush()

    page = text(browser.get("/company/pick-list"))
    assert first.number in page and second.number in page
    assert yesterday.number not in page and not_accepted.number not in page
    paper = page[page.index("<article"):]
    weavers_at, scarf_at, potters_at, pot_at, aunt_at = positions(
        paper, "กลุ่มทอผ้าบ้านไร่", "ผ้าพันคอ", "กลุ่มปั้นหม้อเหมืองกุง", "หม้อดินเผา", "ป้าศรี · 0851234567")
    assert weavers_at < scarf_at < potters_at < aunt_at < pot_at  # by enterprise, each with whom to call
    scarf_row = page[page.index(f'data-listing="{scarf.id}"'):]
    scarf_row = scarf_row[:scarf_row.index("</tr>")]
    assert '<td class="num pick-total">5</td>' in scarf_row  # 2 + 3 for two orders
    assert f"{first.number} × 2" in scarf_row and f"{second.number} × 3" in scarf_row
    assert "Si Phum, Mueang Chiang Mai, Chiang Mai" in paper  # the enterprise's address

    day = (now - dt.timedelta(days=1)).astimezone(BANGKOK).date()
    earlier = text(browser.get(f"/company/pick-list?date={day.isoformat()}"))
    assert yesterday.number in earlier and first.number not in earlier
    assert '<td class="num pick-total">7</td>' in earlier
    assert "Enter a date as year-month-day" in text(browser.get("/company/pick-list?date=31/01/2026"), 422)


# --- tour manifest -------------------------------------------------------------------------------------

def test_the_manifest_lists_people_and_phones(session, browser, staff, paid_order):
    tour = make_listing(session, kind=ListingKind.TOUR, title_th="ปั่นจักรยานชมสวนลำไย",
                        meeting_point="ลานวัดบ้านแม่กลาง")
    slot = make_slot(session, tour, date=today_in_thailand() + dt.timedelta(days=4), capacity=12)
    somchai = make_user(session, name="สมชาย")
    paid_order((tour, 3, slot), consumer=somchai)
    place(session, make_user(session), (tour, 2, slot), payment_method="cod", name="มาลี ศรีสุข", phone="0867778888")
    gone = paid_order((tour, 4, slot))
    move_fulfilment(session, staff, gone.fulfilments[0], S.CANCELLED, now=utcnow(), gateway=None,
                    reason="เปลี่ยนแผน")
    session.flush()

    page = text(browser.get(f"/company/tours/{slot.id}/manifest"))
    assert "ปั่นจักรยานชมสวนลำไย" in page and "ลานวัดบ้านแม่กลาง" in page
    assert "มาลี ศรีสุข" in page and "0867778888" in page and "081-234-5678" not in page
    assert "Pays ฿300.00 on the day" in page  # two people at ฿150, cash on the day
    assert page.count("สมหญิง ใจดี") == 2  # the paid booking and the cancelled one
    assert '<dd class="manifest-people">5 / 12</dd>' in page  # 3 + 2; the cancelled 4 do not come
    assert page.count('class="is-cancelled"') == 1


def test_the_manifest_is_404_for_another_companys_slot(session, browser, staff, paid_order):
    tour = make_listing(session, kind=ListingKind.TOUR, enterprise=make_enterprise(session, province_code="10"))
    slot = make_slot(session, tour)
    paid_order((tour, 2, slot))
    assert browser.get(f"/company/tours/{slot.id}/manifest").status_code == 404
    empty = make_slot(session, make_listing(session, kind=ListingKind.TOUR))
    assert browser.get(f"/company/tours/{empty.id}/manifest").status_code == 404
    assert browser.get("/company/tours/999999/manifest").status_code == 404
