"""``GET /api/v1/fulfilments``: the caller company's fulfilments only, with the buyer's
contact and address, filtered, oldest new first, paged by cursor; late flags; the admin
sees every company's."""

from __future__ import annotations

import datetime as dt

import pytest

from marketplace.accounts.models import Role
from marketplace.catalog.models import ListingKind
from marketplace.clock import BANGKOK
from marketplace.db import utcnow
from marketplace.fulfilment.states import FulfilmentStatus
from tests.factories import (
    CHECKOUT_ADDRESS, make_enterprise, make_listing, make_slot, make_staff, make_user, place, stand_at,
)

S = FulfilmentStatus
API = "/api/v1/fulfilments"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


@pytest.fixture
def shop(session):
    """Goods of a Chiang Mai enterprise and of a Bangkok one, and a Chiang Mai tour."""
    cm_enterprise = make_enterprise(session, province_code="50")
    return {
        "cm": make_listing(session, stock=50, enterprise=cm_enterprise),
        "cm_other": make_listing(session, stock=50, enterprise=make_enterprise(session, province_code="50")),
        "bkk": make_listing(session, stock=50, enterprise=make_enterprise(session, province_code="10")),
        "tour": make_listing(session, kind=ListingKind.TOUR, enterprise=cm_enterprise, max_group=10),
    }


def new_since(session, shop, hours_ago: float, listing="cm", status=S.NEW):
    order = place(session, make_user(session), (shop[listing], 1))
    return stand_at(session, order.fulfilments[0], status, new_at=utcnow() - dt.timedelta(hours=hours_ago))


# -- late ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("status", "hours", "late"), [
    (S.NEW, 47, False), (S.NEW, 49, True),
    (S.ACCEPTED, 4 * 24 + 23, False), (S.ACCEPTED, 5 * 24 + 1, True),
    (S.PACKED, 4 * 24, False), (S.PACKED, 6 * 24, True),
    (S.SHIPPED, 10 * 24, False), (S.DELIVERED, 30 * 24, False), (S.CANCELLED, 30 * 24, False),
])
def test_late_flags(client, session, bearer, shop, status, hours, late):
    fulfilment = new_since(session, shop, hours, status=status)
    items = client.get(API, headers=bearer(make_staff(session)), query_string={"status": status.value}).get_json()
    assert [(item["id"], item["late"]) for item in items["items"]] == [(fulfilment.id, late)]


@pytest.mark.parametrize(("status", "hours", "late"), [(S.NEW, 49, True), (S.CONFIRMED, 10 * 24, False)])
def test_late_flags_of_tours(client, session, bearer, shop, status, hours, late):
    order = place(session, make_user(session),
                  (shop["tour"], 2, make_slot(session, shop["tour"], date=dt.date.today() + dt.timedelta(days=20))))
    stand_at(session, order.fulfilments[0], status, new_at=utcnow() - dt.timedelta(hours=hours))
    items = client.get(API, headers=bearer(make_staff(session)), query_string={"kind": "tour"}).get_json()["items"]
    assert [item["late"] for item in items] == [late]


# -- whose -------------------------------------------------------------------------------------------------

def test_staff_see_their_own_companys_fulfilments_with_the_buyers_contact(client, session, bearer, shop):
    order = place(session, make_user(session, email="somying@example.test"), (shop["cm"], 2), (shop["bkk"], 1))
    chiang_mai = next(f for f in order.fulfilments if f.company.province_code == "50")
    bangkok = next(f for f in order.fulfilments if f.company.province_code == "10")

    items = client.get(API, headers=bearer(make_staff(session, "50"))).get_json()["items"]
    assert [item["id"] for item in items] == [chiang_mai.id]
    item = items[0]
    assert item["buyer"] == {
        "name": CHECKOUT_ADDRESS["name"], "phone": "0812345678", "email": "somying@example.test",
        "address": {"line1": CHECKOUT_ADDRESS["line1"], "subdistrict_code": CHECKOUT_ADDRESS["subdistrict_code"],
                    "postal_code": CHECKOUT_ADDRESS["postal_code"]},
    }
    assert item["company"]["province_code"] == "50" and item["kind"] == "goods" and item["late"] is False
    assert [line["listing_id"] for line in item["lines"]] == [shop["cm"].id]
    assert (item["subtotal_satang"], item["shipping_satang"]) == (chiang_mai.subtotal_satang, 5000)

    assert ids(client.get(API, headers=bearer(make_staff(session, "10")))) == [bangkok.id]
    assert ids(client.get(API, headers=bearer(make_staff(session, None)))) == []  # the national company's: none


def test_the_national_company_takes_provinces_whose_company_is_inactive(client, session, bearer, shop):
    from tests.factories import company_of

    company_of(session, "10").active = False
    session.flush()
    order = place(session, make_user(session), (shop["bkk"], 1))
    assert ids(client.get(API, headers=bearer(make_staff(session, None)))) == [order.fulfilments[0].id]
    assert ids(client.get(API, headers=bearer(make_staff(session, "10")))) == []


def test_the_admin_sees_every_company_and_can_pick_one(client, session, bearer, shop):
    order = place(session, make_user(session), (shop["cm"], 1), (shop["bkk"], 1))
    admin = bearer(make_user(session, role=Role.ADMIN))
    assert set(ids(client.get(API, headers=admin, query_string={"limit": 100}))) \
        >= {f.id for f in order.fulfilments}
    bangkok = next(f for f in order.fulfilments if f.company.province_code == "10")
    assert ids(client.get(API, headers=admin, query_string={"company": bangkok.company_id})) == [bangkok.id]


def test_the_company_filter_does_not_widen_a_staff_members_view(client, session, bearer, shop):
    order = place(session, make_user(session), (shop["cm"], 1), (shop["bkk"], 1))
    bangkok = next(f for f in order.fulfilments if f.company.province_code == "10")
    staff = bearer(make_staff(session, "50"))
    assert bangkok.id not in ids(client.get(API, headers=staff, query_string={"company": bangkok.company_id}))


# -- order and filters ----------------------------------------------------------------------------------

def test_oldest_new_first_and_unpaid_left_out(client, session, bearer, shop):
    middle = new_since(session, shop, 30)
    oldest = new_since(session, shop, 60)
    newest = new_since(session, shop, 1)
    place(session, make_user(session), (shop["cm"], 1), payment_method="promptpay")  # awaiting payment
    assert ids(client.get(API, headers=bearer(make_staff(session)))) == [oldest.id, middle.id, newest.id]


def test_filters(client, session, bearer, shop):
    headers = bearer(make_staff(session))
    new = new_since(session, shop, 2)
    accepted = new_since(session, shop, 3, status=S.ACCEPTED)
    other_enterprise = new_since(session, shop, 4, listing="cm_other")
    tour_order = place(session, make_user(session),
                       (shop["tour"], 1, make_slot(session, shop["tour"], date=dt.date.today() + dt.timedelta(days=9))))
    tour = tour_order.fulfilments[0]
    unpaid = place(session, make_user(session), (shop["cm"], 1), payment_method="promptpay").fulfilments[0]

    def query(**args):
        return set(ids(client.get(API, headers=headers, query_string={"limit": 100, **args})))

    assert query() == {new.id, accepted.id, other_enterprise.id, tour.id}
    assert query(status="new") == {new.id, other_enterprise.id, tour.id}
    assert query(status="accepted") == {accepted.id}
    assert query(status="awaiting_payment") == {unpaid.id}
    assert query(kind="tour") == {tour.id}
    assert query(kind="goods") == {new.id, accepted.id, other_enterprise.id}
    assert query(enterprise=shop["cm_other"].enterprise_id) == {other_enterprise.id}
    assert query(enterprise=shop["cm"].enterprise_id) == {new.id, accepted.id, tour.id}


def test_date_filters_are_days_in_bangkok(client, session, bearer, shop):
    headers = bearer(make_staff(session))
    # 23:30 on 1 March in Bangkok is 16:30 UTC the same day; 00:30 on 2 March in Bangkok is still 1 March in UTC.
    late_first = place(session, make_user(session), (shop["cm"], 1),
                       now=dt.datetime(2025, 3, 1, 23, 30, tzinfo=BANGKOK)).fulfilments[0]
    early_second = place(session, make_user(session), (shop["cm"], 1),
                         now=dt.datetime(2025, 3, 2, 0, 30, tzinfo=BANGKOK)).fulfilments[0]

    def query(**args):
        return ids(client.get(API, headers=headers, query_string=args))

    assert query(**{"from": "2025-03-01", "to": "2025-03-01"}) == [late_first.id]
    assert query(**{"from": "2025-03-02", "to": "2025-03-02"}) == [early_second.id]
    assert query(**{"from": "2025-03-01", "to": "2025-03-02"}) == [late_first.id, early_second.id]
    assert query(**{"from": "2025-03-03"}) == []


@pytest.mark.parametrize(("args", "field"), [
    ({"status": "lost"}, "status"), ({"kind": "parcel"}, "kind"), ({"from": "1/3/2025"}, "from"),
    ({"from": "2025-03-02", "to": "2025-03-01"}, "to"), ({"enterprise": "x"}, "enterprise"),
    ({"limit": "0"}, "limit"), ({"cursor": "!!"}, "cursor"),
])
def test_bad_filters_are_422(client, session, bearer, args, field):
    response = client.get(API, headers=bearer(make_staff(session)), query_string=args)
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {field}


def test_cursor_paging_walks_the_whole_queue_once(client, session, bearer, shop):
    headers = bearer(make_staff(session))
    made = [new_since(session, shop, hours).id for hours in (50, 40, 30, 20, 10)]
    seen, cursor, pages = [], None, 0
    while True:
        body = client.get(API, headers=headers,
                          query_string={"limit": 2, **({"cursor": cursor} if cursor else {})}).get_json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == made and pages == 3
