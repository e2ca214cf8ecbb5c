"""The storefront pages: home, a listing, stored photos, and the language of the page.

The pages are Thai unless the reader asked for English, so the Thai assertions below
need the compiled catalogues (``pybabel compile -d marketplace/translations``).
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
from flask import url_for

from marketplace.catalog.models import ListingImage, ListingKind, ListingStatus
from marketplace.enterprises.models import EnterpriseStatus
from tests.factories import make_enterprise, make_listing, make_review, make_slot, make_user, sign_in
from tests.sql import selects_for

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def page(response, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def bangkok_today() -> dt.date:
    return dt.datetime.now(BANGKOK).date()


@pytest.fixture
def storefront(session):
    """A five-star Chiang Mai enterprise with a product and a tour on sale, and listings
    that must never reach the storefront."""
    enterprise = make_enterprise(session, province_code="50", otop_stars=5, name_th="กลุ่มแม่บ้านบ้านถวาย",
                                 name_en="Ban Tawai Housewives Group")
    product = make_listing(session, enterprise=enterprise, title_th="ข้าวแต๋นน้ำแตงโม",
                           title_en="Watermelon rice crackers", price_satang=12550)
    tour = make_listing(session, enterprise=enterprise, kind=ListingKind.TOUR, title_th="เดินป่าชมดอยสุเทพ",
                        price_satang=90000)
    make_listing(session, enterprise=enterprise, status=ListingStatus.DRAFT, title_th="สินค้าฉบับร่าง")
    make_listing(session, enterprise=enterprise, status=ListingStatus.ARCHIVED, title_th="สินค้าเลิกขายแล้ว")
    suspended = make_enterprise(session, province_code="30", status=EnterpriseStatus.SUSPENDED)
    make_listing(session, enterprise=suspended, title_th="สินค้าของวิสาหกิจที่ถูกระงับ")
    pending = make_enterprise(session, province_code="30", status=EnterpriseStatus.PENDING)
    make_listing(session, enterprise=pending, title_th="สินค้าของวิสาหกิจที่รออนุมัติ")
    return {"enterprise": enterprise, "product": product, "tour": tour}


# -- home ----------------------------------------------------------------------------------------

def test_home_shows_active_listings_of_approved_enterprises(client, storefront):
    html = page(client.get("/"))

    assert "ข้าวแต๋นน้ำแตงโม" in html
    assert "฿125.50" in html
    assert "เดินป่าชมดอยสุเทพ" in html
    assert "฿900.00" in html
    assert "เชียงใหม่" in html
    assert 'aria-label="OTOP 5 ดาว"' in html
    assert f'href="/listings/{storefront["product"].id}"' in html
    for hidden in ("สินค้าฉบับร่าง", "สินค้าเลิกขายแล้ว", "สินค้าของวิสาหกิจที่ถูกระงับ",
                   "สินค้าของวิสาหกิจที่รออนุมัติ"):
        assert hidden not in html


def test_home_prefers_enterprises_with_more_otop_stars(client, session):
    for stars in (None, 3, 5):
        enterprise = make_enterprise(session, otop_stars=stars)
        make_listing(session, enterprise=enterprise, title_th=f"สินค้า {stars} ดาว")

    html = page(client.get("/"))

    assert html.index("สินค้า 5 ดาว") < html.index("สินค้า 3 ดาว") < html.index("สินค้า None ดาว")


def test_home_cards_show_the_cover_thumbnail_or_a_placeholder(client, session):
    with_photo = make_listing(session)
    make_listing(session, title_th="ยังไม่มีรูป")
    session.add(ListingImage(listing=with_photo, position=0, large_key="listings/ab/cover.webp",
                             thumb_key="listings/ab/cover-thumb.webp", width=1600, height=1200))
    session.flush()

    html = page(client.get("/"))

    assert 'src="/media/listings/ab/cover-thumb.webp"' in html
    assert "/static/img/placeholder.svg" in html


def test_an_empty_storefront_says_so(client):
    html = page(client.get("/"))

    assert "ยังไม่มีสินค้าวางจำหน่าย" in html
    assert "ยังไม่มีทัวร์เปิดให้จอง" in html


def test_home_costs_the_same_queries_whatever_the_number_of_cards(app, client, session):
    first = make_listing(session, enterprise=make_enterprise(session, province_code="10"))
    make_listing(session, kind=ListingKind.TOUR, enterprise=first.enterprise)
    one = selects_for(app, client, "/")
    for code in ("20", "30", "40", "80", "90"):
        listing = make_listing(session, enterprise=make_enterprise(session, province_code=code))
        session.add(ListingImage(listing=listing, large_key=f"l-{code}.webp", thumb_key=f"t-{code}.webp",
                                 width=800, height=600))
        make_listing(session, kind=ListingKind.TOUR, enterprise=listing.enterprise)
    session.flush()

    assert selects_for(app, client, "/") == one


# -- language ------------------------------------------------------------------------------------

def test_pages_are_thai_by_default(client, storefront):
    html = page(client.get("/"))

    assert '<html lang="th">' in html
    assert "เข้าสู่ระบบ" in html
    assert "หน้าแรก" in html
    assert "Sign in" not in html


@pytest.mark.parametrize("how", ["query", "cookie", "browser"])
def test_pages_are_english_when_asked(client, storefront, how):
    if how == "cookie":
        client.set_cookie("lang", "en")
    headers = {"Accept-Language": "en-GB,en;q=0.9"} if how == "browser" else {}
    html = page(client.get("/?lang=en" if how == "query" else "/", headers=headers))

    assert '<html lang="en">' in html
    assert "Sign in" in html
    assert "Watermelon rice crackers" in html  # the English title, where there is one
    assert "เดินป่าชมดอยสุเทพ" in html  # the Thai one, where there is none
    assert "Chiang Mai" in html
    assert 'aria-label="OTOP 5 stars"' in html


def test_the_query_outvotes_the_cookie(client):
    client.set_cookie("lang", "en")

    assert '<html lang="th">' in page(client.get("/?lang=th"))


def test_the_language_switch_remembers_the_choice_and_goes_back(client, storefront):
    listing_id = storefront["product"].id
    response = client.post("/language", data={"lang": "en", "next": f"/listings/{listing_id}?lang=th&x=1"})

    assert response.status_code == 302
    assert response.headers["Location"] == f"/listings/{listing_id}?x=1"
    cookie = client.get_cookie("lang")
    assert cookie is not None and cookie.value == "en"
    assert '<html lang="en">' in page(client.get(f"/listings/{listing_id}"))


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "", None])
def test_the_language_switch_only_goes_back_to_this_site(client, target):
    data = {"lang": "th"} | ({"next": target} if target is not None else {})
    response = client.post("/language", data=data)

    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_the_language_switch_works_with_csrf_protection_on(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    html = page(client.get("/"))
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert token is not None

    assert client.post("/language", data={"lang": "en", "next": "/"}).status_code == 400
    response = client.post("/language", data={"lang": "en", "next": "/", "csrf_token": token[1]})

    assert response.status_code == 302
    assert "HttpOnly" in response.headers["Set-Cookie"] and "SameSite=Lax" in response.headers["Set-Cookie"]


def test_the_language_switch_refuses_an_unknown_language(client):
    assert client.post("/language", data={"lang": "fr", "next": "/"}).status_code == 400
    assert client.get_cookie("lang") is None


# -- a listing -----------------------------------------------------------------------------------

def test_a_product_page_shows_price_stock_enterprise_and_rating(client, session, storefront):
    product = storefront["product"]
    product.description_th = "ข้าวแต๋นทอดใหม่ ราดน้ำตาลอ้อย"
    session.add(ListingImage(listing=product, position=0, large_key="listings/cd/large.webp",
                             thumb_key="listings/cd/thumb.webp", width=1600, height=1200))
    make_review(session, product, 5)
    make_review(session, product, 4)
    session.flush()

    html = page(client.get(f"/listings/{product.id}"))

    assert "<h1" in html and "ข้าวแต๋นน้ำแตงโม" in html
    assert "฿125.50" in html
    assert "มีสินค้า 20 ชิ้น" in html
    assert "กลุ่มแม่บ้านบ้านถวาย" in html
    assert "เชียงใหม่" in html
    assert 'aria-label="OTOP 5 ดาว"' in html
    assert "ข้าวแต๋นทอดใหม่ ราดน้ำตาลอ้อย" in html
    assert 'src="/media/listings/cd/large.webp"' in html
    assert "4.5 จาก 5" in html and "2 รีวิว" in html


def test_low_and_empty_stock_are_said_plainly(client, session):
    low = make_listing(session, stock=3)
    out = make_listing(session, stock=0)

    assert "เหลือเพียง 3 ชิ้น" in page(client.get(f"/listings/{low.id}"))
    assert "สินค้าหมด" in page(client.get(f"/listings/{out.id}"))


def test_a_listing_page_offers_other_listings_of_the_same_enterprise(client, session, storefront):
    html = page(client.get(f"/listings/{storefront['product'].id}"))

    assert f'href="/listings/{storefront["tour"].id}"' in html
    assert "สินค้าฉบับร่าง" not in html
    assert "สินค้าเลิกขายแล้ว" not in html


def test_a_tour_page_lists_its_coming_dates_with_seats_left(client, session, storefront):
    tour = storefront["tour"]
    today = bangkok_today()
    make_slot(session, tour, date=today - dt.timedelta(days=1), capacity=10)
    soon = make_slot(session, tour, date=today + dt.timedelta(days=3), capacity=10, seats_taken=3)
    full = make_slot(session, tour, date=today + dt.timedelta(days=5), capacity=8, seats_taken=8)
    closed = make_slot(session, tour, date=today + dt.timedelta(days=6), capacity=8, closed=True)
    later = make_slot(session, tour, date=today + dt.timedelta(days=9), capacity=12)

    html = page(client.get(f"/listings/{tour.id}"))

    assert f'datetime="{(today - dt.timedelta(days=1)).isoformat()}"' not in html
    assert f'datetime="{closed.date.isoformat()}"' not in html
    positions = [html.index(f'datetime="{slot.date.isoformat()}"') for slot in (soon, full, later)]
    assert positions == sorted(positions)
    assert "เหลือ 7 ที่" in html
    assert "เหลือ 12 ที่" in html
    assert "เต็มแล้ว" in html
    assert "฿900.00" in html and "ต่อคน" in html
    assert "4 ชั่วโมง" in html
    assert "ไม่เกิน 10 คน" in html


def test_a_tour_page_in_english_counts_seats_in_english(client, session, storefront):
    make_slot(session, storefront["tour"], date=bangkok_today() + dt.timedelta(days=2), capacity=1)

    html = page(client.get(f"/listings/{storefront['tour'].id}?lang=en"))

    assert "1 seat left" in html
    assert "4 hours" in html and "Up to 10 people" in html and "per person" in html


def test_a_listing_nobody_may_see_is_404(client, session, storefront):
    draft = make_listing(session, enterprise=storefront["enterprise"], status=ListingStatus.DRAFT)
    suspended = make_listing(session, enterprise=make_enterprise(session, status=EnterpriseStatus.SUSPENDED))

    for listing_id in (draft.id, suspended.id, 987654):
        html = page(client.get(f"/listings/{listing_id}"), 404)
        assert "ไม่พบหน้าที่ต้องการ" in html


def test_a_draft_is_shown_to_the_producers_of_its_enterprise(client, session):
    producer = make_user(session)
    enterprise = make_enterprise(session, members=(producer,))
    draft = make_listing(session, enterprise=enterprise, status=ListingStatus.DRAFT, title_th="ผ้าทอฉบับร่าง")
    stranger = make_user(session)

    sign_in(client, stranger)
    page(client.get(f"/listings/{draft.id}"), 404)

    client.post("/logout")
    sign_in(client, producer)
    html = page(client.get(f"/listings/{draft.id}"))
    assert "ผ้าทอฉบับร่าง" in html
    assert "ฉบับร่าง" in html


# -- stored photos -------------------------------------------------------------------------------

def test_media_files_are_served_from_the_media_root(app, client):
    folder = Path(app.config["MEDIA_ROOT"], "listings", "ab")
    folder.mkdir(parents=True)
    (folder / "photo.webp").write_bytes(b"RIFF....WEBP")

    response = client.get("/media/listings/ab/photo.webp")

    assert response.status_code == 200
    assert response.data == b"RIFF....WEBP"
    assert response.mimetype == "image/webp"
    assert "max-age" in response.headers["Cache-Control"]
    response.close()
    with app.test_request_context():
        assert url_for("catalog.media", key="listings/ab/photo.webp") == "/media/listings/ab/photo.webp"


@pytest.mark.parametrize("path", [
    "/media/../secret.txt", "/media/..%2Fsecret.txt", "/media/%2e%2e/secret.txt",
    "/media/%2E%2E%5Csecret.txt",
    "/media/{absolute}", "/media/%2F{absolute}", "/media/listings/missing.webp", "/media/",
])
def test_media_outside_the_root_or_missing_is_404(app, client, path):
    media_root = Path(app.config["MEDIA_ROOT"])
    media_root.mkdir(parents=True)
    secret = media_root.parent / "secret.txt"
    secret.write_text("not for the public")

    response = client.get(path.format(absolute=secret), follow_redirects=True)

    assert response.status_code == 404
    assert b"not for the public" not in response.data
