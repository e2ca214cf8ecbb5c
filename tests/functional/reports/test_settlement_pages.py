"""The settlement pages through the browser's eyes: issuing, reading and paying statements,
their CSV files, the producer's payouts, the income page, and who may see which."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.db import utcnow
from marketplace.reports.models import SettlementStatement
from marketplace.reports.producer import Month
from marketplace.reports.settlement import previous_month
from tests.factories import company_of, make_enterprise, make_listing, make_sale, make_user, sign_in

LAST_MONTH = previous_month(Month.of(utcnow()))
THIS_MONTH = Month.of(utcnow())


def html_of(response, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def csv_rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, so Excel reads Thai
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def statements_in(session) -> int:
    return session.scalar(select(func.count(SettlementStatement.id)))


@pytest.fixture
def book(session):
    """Last month in Chiang Mai: the pottery's ฿1,250.00 × 2 at 10 % and ฿99.99 × 3 at 7.5 %;
    the weaving group's ฿120.00 at 10 %."""
    producer = make_user(session)
    pottery = make_enterprise(session, province_code="50", members=(producer,), name_th="วิสาหกิจชุมชนบ้านเหมืองกุง",
                              promptpay_id="0812345678")
    weaving = make_enterprise(session, province_code="50", name_th="กลุ่มทอผ้าสันกำแพง")
    earned = LAST_MONTH.starts_at() + dt.timedelta(days=3)
    make_sale(session, make_listing(session, enterprise=pottery, title_th="โอ่งมังกร", price_satang=125000), 2,
              done_at=earned, commission_bps=1000)
    make_sale(session, make_listing(session, enterprise=pottery, title_th="=น้ำพริกหนุ่ม", price_satang=9999), 3,
              done_at=earned + dt.timedelta(hours=5), commission_bps=750)
    make_sale(session, make_listing(session, enterprise=weaving, title_th="ผ้าซิ่น", price_satang=12000), 1,
              done_at=earned, commission_bps=1000)
    staff = make_user(session, role=Role.COMPANY, company=company_of(session, "50"))
    return {"producer": producer, "pottery": pottery, "weaving": weaving, "staff": staff}


def issue(client, month: Month | str = LAST_MONTH, **extra):
    return client.post("/company/settlements/issue?lang=en", data={"month": str(month), **extra})


def statement_of(session, enterprise) -> SettlementStatement:
    return session.scalar(select(SettlementStatement).where(SettlementStatement.enterprise_id == enterprise.id))


def test_staff_issue_read_and_pay_a_month(client, session, book):
    sign_in(client, book["staff"])
    page = html_of(client.get(f"/company/settlements?lang=en&month={LAST_MONTH}"))
    assert "No statement has been issued for this month yet." in page

    response = issue(client)
    assert response.status_code == 302
    assert f"month={LAST_MONTH}" in response.headers["Location"]
    page = html_of(client.get(response.headers["Location"] + "&lang=en"))
    assert "2 statements issued" in page
    assert "วิสาหกิจชุมชนบ้านเหมืองกุง" in page and "กลุ่มทอผ้าสันกำแพง" in page
    assert "฿2,799.97" in page and "฿2,527.47" in page  # the pottery's gross and net
    assert "฿2,919.97" in page  # the month's gross, both enterprises

    again = issue(client)
    assert again.status_code == 302 and statements_in(session) == 2
    assert "Nothing to settle" in html_of(client.get(again.headers["Location"] + "&lang=en"))

    pottery = statement_of(session, book["pottery"])
    page = html_of(client.get(f"/company/settlements/{pottery.id}?lang=en"))
    assert "โอ่งมังกร × 2" in page and "7.5%" in page and "฿272.50" in page  # commission 250.00 + 22.50
    assert "Mark paid" in page and "0812345678" in page

    empty = client.post(f"/company/settlements/{pottery.id}/paid?lang=en", data={"transfer_reference": ""})
    assert "Enter the reference of the bank transfer." in html_of(empty, 422)
    paid = client.post(f"/company/settlements/{pottery.id}/paid?lang=en",
                       data={"transfer_reference": "KBANK-0042"})
    assert paid.status_code == 302
    page = html_of(client.get(f"/company/settlements/{pottery.id}?lang=en"))
    assert "KBANK-0042" in page and "Paid" in page and 'name="transfer_reference"' not in page
    twice = client.post(f"/company/settlements/{pottery.id}/paid?lang=en", data={"transfer_reference": "AGAIN"})
    assert "This statement is already marked paid." in html_of(twice, 409)
    session.expire_all()
    assert statement_of(session, book["pottery"]).transfer_reference == "KBANK-0042"


def test_a_month_not_over_cannot_be_issued(client, session, book):
    sign_in(client, book["staff"])
    page = html_of(issue(client, THIS_MONTH), 422)
    assert "A month can be settled once it is over." in page
    assert "Enter a month as year and month" in html_of(issue(client, "last month"), 422)
    assert statements_in(session) == 0


def test_statement_and_month_csv_keep_thai_and_defuse_formulas(client, session, book):
    sign_in(client, book["staff"])
    issue(client)
    pottery = statement_of(session, book["pottery"])
    lines = csv_rows(client.get(f"/company/settlements/{pottery.id}.csv"))
    assert [(row["kind"], row["gross_thb"], row["commission_thb"], row["net_thb"]) for row in lines] == [
        ("sale", "2500.00", "250.00", "2250.00"), ("sale", "299.97", "22.50", "277.47"),
        ("total", "2799.97", "272.50", "2527.47"),
    ]
    assert lines[0]["enterprise"] == "วิสาหกิจชุมชนบ้านเหมืองกุง"
    assert "=น้ำพริกหนุ่ม" in lines[1]["description"] and not lines[1]["description"].startswith("=")

    month = csv_rows(client.get(f"/company/settlements.csv?month={LAST_MONTH}"))
    assert sorted((row["enterprise"], row["lines"], row["net_payable_thb"], row["status"]) for row in month) == [
        ("กลุ่มทอผ้าสันกำแพง", "1", "108.00", "issued"), ("วิสาหกิจชุมชนบ้านเหมืองกุง", "2", "2527.47", "issued"),
    ]


def test_another_company_gets_404_and_changes_nothing(client, session, book):
    sign_in(client, book["staff"])
    issue(client)
    pottery = statement_of(session, book["pottery"])
    client.post("/logout")
    sign_in(client, make_user(session, role=Role.COMPANY, company=company_of(session, "10")))
    assert client.get(f"/company/settlements/{pottery.id}").status_code == 404
    assert client.get(f"/company/settlements/{pottery.id}.csv").status_code == 404
    assert client.post(f"/company/settlements/{pottery.id}/paid", data={"transfer_reference": "X"}).status_code == 404
    page = html_of(client.get(f"/company/settlements?lang=en&month={LAST_MONTH}"))
    assert "วิสาหกิจชุมชนบ้านเหมืองกุง" not in page
    assert csv_rows(client.get(f"/company/settlements.csv?month={LAST_MONTH}")) == []
    session.expire_all()
    assert statement_of(session, book["pottery"]).status.value == "issued"


def test_consumers_and_producers_may_not_use_the_company_pages(client, session, book):
    sign_in(client, book["producer"])
    for url in ("/company/settlements", "/company/income", f"/company/settlements.csv?month={LAST_MONTH}"):
        assert client.get(url).status_code == 403, url
    assert issue(client).status_code == 403
    assert statements_in(session) == 0
    client.post("/logout")
    assert client.get("/company/settlements").status_code == 302  # to the sign-in page


def test_admins_choose_the_company_to_issue_for(client, session, book):
    sign_in(client, make_user(session, role=Role.ADMIN))
    assert "Choose the company whose statements to issue." in html_of(issue(client), 422)
    assert issue(client, company=str(company_of(session, "50").id)).status_code == 302
    page = html_of(client.get(f"/company/settlements?lang=en&month={LAST_MONTH}"))
    assert "วิสาหกิจชุมชนบ้านเหมืองกุง" in page and company_of(session, "50").name_th in page


def test_producers_see_the_payouts_of_their_own_enterprises(client, session, book):
    sign_in(client, book["staff"])
    issue(client)
    pottery, weaving = statement_of(session, book["pottery"]), statement_of(session, book["weaving"])
    client.post("/logout")

    sign_in(client, book["producer"])
    assert 'href="/producer/payouts"' in html_of(client.get("/producer/sales/?lang=en"))
    page = html_of(client.get("/producer/payouts?lang=en"))
    assert "฿2,527.47" in page and "Awaiting transfer" in page
    assert "กลุ่มทอผ้าสันกำแพง" not in page and "฿108.00" not in page
    detail = html_of(client.get(f"/producer/payouts/{pottery.id}?lang=en"))
    assert "โอ่งมังกร × 2" in detail and 'name="transfer_reference"' not in detail
    rows = csv_rows(client.get(f"/producer/payouts/{pottery.id}.csv"))
    assert rows[-1]["net_thb"] == "2527.47"
    assert client.get(f"/producer/payouts/{weaving.id}").status_code == 404
    assert client.get(f"/producer/payouts/{weaving.id}.csv").status_code == 404
    assert client.get(f"/company/settlements/{pottery.id}").status_code == 403

    client.post("/logout")
    sign_in(client, make_user(session))
    assert client.get("/producer/payouts").status_code == 403


def test_the_income_page_shows_the_report(client, session, book):
    sign_in(client, book["staff"])
    last_day = LAST_MONTH.next().first_day - dt.timedelta(days=1)
    query = f"from={LAST_MONTH.first_day.isoformat()}&to={last_day.isoformat()}"
    page = html_of(client.get(f"/company/income?lang=en&group_by=enterprise&{query}"))
    assert "วิสาหกิจชุมชนบ้านเหมืองกุง" in page and "฿2,799.97" in page and "฿2,919.97" in page
    page = html_of(client.get(f"/company/income?lang=en&group_by=kind&{query}"))
    assert "Products" in page and "฿2,919.97" in page
    assert html_of(client.get("/company/income?lang=en"))  # this month so far, by enterprise
    bad = html_of(client.get("/company/income?lang=en&group_by=day&from=2026-02-30"), 422)
    assert "Choose how to group the income." in bad and "Enter a day as year-month-day" in bad
