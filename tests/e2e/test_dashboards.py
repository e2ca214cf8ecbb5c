"""Issue 9's dashboards in a real browser, on the demo catalogue and a few months of demo
order history played through the services: the admin's national dashboard with its map,
the company's dashboard, and the public impact page each show a chart with its table,
and none of them scrolls sideways on a 360 px phone."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from marketplace.catalog.seed import DEMO_ACCOUNTS, seed_demo
from marketplace.clock import today_in_thailand
from marketplace.demo.history import seed_history
from marketplace.media import LocalStorage
from tests.e2e.test_browser_flows import css, submit, type_into, wait

pytestmark = pytest.mark.concurrency

PASSWORDS = {account.email: account.password for account in DEMO_ACCOUNTS}


@pytest.fixture
def demo(live_db, tmp_path):
    """The demo catalogue (its photos where the live app serves media) and 40 orders of
    the last three months, committed."""
    today = today_in_thailand()
    with Session(live_db) as session:
        seed_demo(session, LocalStorage(tmp_path / "media", "/media/"), today=today, photo_size=(320, 240))
        seed_history(session, today=today, orders=40, months=3)
        session.commit()


def sign_in(browser, live_server: str, email: str) -> None:
    browser.get(live_server + "/login")
    type_into(browser, 'form[action^="/login"] input[name=email]', email)
    type_into(browser, 'form[action^="/login"] input[name=password]', PASSWORDS[email])
    submit(browser, 'form[action^="/login"]')
    wait(browser, lambda b: not b.execute_script("return location.pathname").startswith("/login"))


def open_at_widths(browser, url: str) -> None:
    """Open ``url`` at 1280 and at 360 px; at each width a chart is drawn with a table
    under it, and the page is no wider than the window."""
    for width in (1280, 360):
        browser.set_window_size(width, 1000)
        browser.get(url)
        wait(browser, lambda b: b.execute_script("return document.readyState") == "complete")
        assert browser.execute_script(
            "return [...document.querySelectorAll('.dash-chart svg[role=img]')]"
            ".some(svg => svg.getBoundingClientRect().width > 0)"), f"no chart shown on {url} at {width} px"
        assert browser.execute_script(
            "return [...document.querySelectorAll('.dash-panel')].some(panel =>"
            " panel.querySelector('.dash-chart svg') && panel.querySelector('table tbody tr'))"), url
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} is {overflow} px wider than a {width} px window"


def test_the_admin_opens_the_national_dashboard_with_its_map(browser, live_server, demo):
    sign_in(browser, live_server, "admin@demo.otop.test")
    open_at_widths(browser, live_server + "/admin/dashboard")
    assert len(browser.find_elements("css selector", "#map .map-tile")) == 77
    first = css(browser, "#months table tbody tr th").text
    assert first  # the months' table names each month
    since = (today_in_thailand() - dt.timedelta(days=60)).isoformat()
    browser.get(f"{live_server}/admin/dashboard?from={since}")
    assert css(browser, "#dash-from").get_attribute("value") == since


def test_company_staff_open_their_dashboard(browser, live_server, demo):
    sign_in(browser, live_server, "company@demo.otop.test")
    open_at_widths(browser, live_server + "/company/dashboard")
    assert not browser.find_elements("css selector", "#map")  # the map is the admin's
    assert browser.find_elements("css selector", "#companies table tbody tr")


def test_anyone_opens_the_impact_page_from_the_footer(browser, live_server, demo):
    browser.get(live_server + "/")
    css(browser, 'footer a[href="/impact"]').click()
    wait(browser, lambda b: b.execute_script("return location.pathname") == "/impact")
    open_at_widths(browser, live_server + "/impact")
    assert len(browser.find_elements("css selector", "#provinces table tbody tr")) == 77
