"""POST /listings and PATCH /listings/{id}: a producer's listing writes, and that
nobody else can make them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.catalog.models import Listing, ListingKind, ListingStatus
from marketplace.enterprises.models import EnterpriseStatus
from tests.factories import listing_row, make_enterprise, make_listing, make_order, make_user

LISTINGS = "/api/v1/listings"
PRODUCT = {
    "kind": "product", "category": "food", "title_th": "น้ำพริกตาแดง", "description_th": "สูตรแม่บ้านลำพูน",
    "price_satang": 8950, "stock": 30,
}
TOUR = {
    "kind": "tour", "category": "community-tourism", "title_th": "ปั่นจักรยานชมนาขั้นบันได",
    "title_en": "Rice terrace bike ride", "description_th": "ปั่นครึ่งวัน", "price_satang": 120000,
    "duration_hours": 3, "max_group": 8,
}


@pytest.fixture
def producer(session):
    return make_user(session)


@pytest.fixture
def enterprise(session, producer):
    return make_enterprise(session, members=(producer,), name_th="กลุ่มแม่บ้านบ้านธิ", otop_stars=3)


@pytest.fixture
def auth(bearer, producer, enterprise):
    return bearer(producer)


@pytest.fixture
def stranger_auth(session, bearer):
    """A producer of another enterprise."""
    stranger = make_user(session)
    make_enterprise(session, members=(stranger,))
    return bearer(stranger)


def listing_count(session) -> int:
    return session.scalar(select(func.count(Listing.id)))


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.get_json()
    return response.get_json()["error"]


# -- POST /listings ------------------------------------------------------------------------------

def test_a_producer_creates_a_product(client, session, auth, enterprise):
    response = client.post(LISTINGS, json=PRODUCT | {"enterprise_id": enterprise.id}, headers=auth)

    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"] == f"{LISTINGS}/{body['id']}"
    assert body["kind"] == "product"
    assert body["status"] == "draft"
    assert body["category"] == "food"
    assert (body["title_th"], body["title_en"]) == ("น้ำพริกตาแดง", None)
    assert (body["price_satang"], body["currency"], body["stock"]) == (8950, "THB", 30)
    assert body["enterprise"] == {"id": enterprise.id, "name_th": "กลุ่มแม่บ้านบ้านธิ", "province_code": "50",
                                  "otop_stars": 3}
    assert body["images"] == []
    assert body["rating"] == {"average": None, "count": 0}
    assert listing_row(session, body["id"])["price_satang"] == 8950
    assert client.get(f"{LISTINGS}/{body['id']}").status_code == 404  # a draft: not public
    assert client.get(f"{LISTINGS}/{body['id']}", headers=auth).status_code == 200


def test_a_producer_creates_and_publishes_a_tour(client, session, auth, enterprise):
    sent = TOUR | {"enterprise_id": enterprise.id, "status": "active", "meeting_point": "วัดบ้านธิ"}
    response = client.post(LISTINGS, json=sent, headers=auth)

    assert response.status_code == 201
    body = response.get_json()
    assert (body["kind"], body["status"]) == ("tour", "active")
    assert (body["duration_hours"], body["max_group"], body["meeting_point"]) == (3, 8, "วัดบ้านธิ")
    assert "stock" not in body
    assert listing_row(session, body["id"])["stock"] is None
    assert body["id"] in [item["id"] for item in client.get(LISTINGS).get_json()["items"]]


def test_members_that_are_not_in_the_contract_are_ignored(client, auth, enterprise):
    extra = {"enterprise_id": enterprise.id, "id": -1, "currency": "USD", "images": [{"id": 1}]}
    response = client.post(LISTINGS, json=PRODUCT | extra, headers=auth)

    assert response.status_code == 201
    body = response.get_json()
    assert body["id"] > 0
    assert (body["currency"], body["images"]) == ("THB", [])


@pytest.mark.parametrize(("changes", "field"), [
    ({"title_th": ""}, "title_th"),
    ({"title_th": None}, "title_th"),
    ({"description_th": "   "}, "description_th"),
    ({"price_satang": -1}, "price_satang"),
    ({"price_satang": 89.5}, "price_satang"),
    ({"price_satang": 8950.0}, "price_satang"),
    ({"price_satang": "8950"}, "price_satang"),
    ({"price_satang": True}, "price_satang"),
    ({"price_satang": 10**30}, "price_satang"),
    ({"stock": -3}, "stock"),
    ({"stock": 1.5}, "stock"),
    ({"duration_hours": 2}, "duration_hours"),
    ({"category": "community-tourism"}, "category"),
    ({"category": "spaceships"}, "category"),
    ({"kind": "service"}, "kind"),
    ({"status": "archived"}, "status"),
    ({"enterprise_id": "1"}, "enterprise_id"),
])
def test_an_invalid_product_is_422_and_writes_nothing(client, session, auth, enterprise, changes, field):
    before = listing_count(session)

    response = client.post(LISTINGS, json=PRODUCT | {"enterprise_id": enterprise.id} | changes, headers=auth)

    error = error_of(response, 422)
    assert error["code"] == "invalid"
    assert field in error["fields"]
    assert listing_count(session) == before


@pytest.mark.parametrize(("changes", "field"), [
    ({"stock": 10}, "stock"),
    ({"duration_hours": None}, "duration_hours"),
    ({"duration_hours": 0}, "duration_hours"),
    ({"max_group": 2.5}, "max_group"),
    ({"category": "food"}, "category"),
])
def test_an_invalid_tour_is_422_and_writes_nothing(client, session, auth, enterprise, changes, field):
    before = listing_count(session)

    response = client.post(LISTINGS, json=TOUR | {"enterprise_id": enterprise.id} | changes, headers=auth)

    assert field in error_of(response, 422)["fields"]
    assert listing_count(session) == before


def test_a_tour_without_a_duration_is_422(client, session, auth, enterprise):
    body = {name: value for name, value in TOUR.items() if name != "duration_hours"}

    response = client.post(LISTINGS, json=body | {"enterprise_id": enterprise.id}, headers=auth)

    assert error_of(response, 422)["fields"] == {"duration_hours": "required"}


@pytest.mark.parametrize("status", [EnterpriseStatus.PENDING, EnterpriseStatus.SUSPENDED])
def test_publishing_needs_an_approved_enterprise(client, session, bearer, producer, status):
    enterprise = make_enterprise(session, members=(producer,), status=status)
    before = listing_count(session)

    response = client.post(LISTINGS, json=PRODUCT | {"enterprise_id": enterprise.id, "status": "active"},
                           headers=bearer(producer))

    assert error_of(response, 409)["code"] == "enterprise_not_approved"
    assert listing_count(session) == before
    draft = client.post(LISTINGS, json=PRODUCT | {"enterprise_id": enterprise.id}, headers=bearer(producer))
    assert draft.status_code == 201


def test_a_malformed_body_is_400_and_a_form_is_415(client, auth):
    assert error_of(client.post(LISTINGS, data="{", content_type="application/json", headers=auth), 400)
    assert error_of(client.post(LISTINGS, data={"kind": "product"}, headers=auth), 415)


def test_an_anonymous_caller_is_401(client, session, enterprise):
    before = listing_count(session)

    response = client.post(LISTINGS, json=PRODUCT | {"enterprise_id": enterprise.id})

    assert error_of(response, 401)["code"] == "not_authenticated"
    assert listing_count(session) == before


@pytest.mark.parametrize("who", ["another producer", "a consumer"])
def test_creating_for_an_enterprise_not_ones_own_is_404(client, session, bearer, enterprise, stranger_auth, who):
    headers = stranger_auth if who == "another producer" else bearer(make_user(session))
    before = listing_count(session)

    response = client.post(LISTINGS, json=PRODUCT | {"enterprise_id": enterprise.id, "status": "active"},
                           headers=headers)

    assert error_of(response, 404)["code"] == "not_found"
    assert listing_count(session) == before


def test_an_unknown_enterprise_is_404_too(client, session, auth):
    response = client.post(LISTINGS, json=PRODUCT | {"enterprise_id": 987_654}, headers=auth)

    assert error_of(response, 404)["code"] == "not_found"


# -- PATCH /listings/{id} ------------------------------------------------------------------------

def test_a_producer_changes_some_fields(client, session, auth, enterprise):
    listing = make_listing(session, enterprise=enterprise, title_en="Old", stock=4, price_satang=5000)

    response = client.patch(f"{LISTINGS}/{listing.id}", json={"title_en": None, "price_satang": 5500, "stock": 9,
                                                              "kind": "product", "enterprise_id": enterprise.id},
                            headers=auth)

    assert response.status_code == 200
    body = response.get_json()
    assert (body["title_en"], body["price_satang"], body["stock"]) == (None, 5500, 9)
    row = listing_row(session, listing.id)
    assert (row["title_en"], row["price_satang"], row["stock"], row["title_th"]) == (
        None, 5500, 9, listing.title_th
    )


def test_status_moves_through_patch(client, session, auth, enterprise):
    listing = make_listing(session, enterprise=enterprise, status=ListingStatus.DRAFT)
    url = f"{LISTINGS}/{listing.id}"

    assert client.patch(url, json={"status": "active"}, headers=auth).get_json()["status"] == "active"
    assert client.get(url).status_code == 200
    assert client.patch(url, json={"status": "archived"}, headers=auth).get_json()["status"] == "archived"
    assert client.get(url).status_code == 404  # archived: hidden from the storefront
    assert listing.id not in [item["id"] for item in client.get(LISTINGS).get_json()["items"]]

    error = error_of(client.patch(url, json={"status": "active"}, headers=auth), 409)
    assert error["code"] == "invalid_transition"
    assert client.patch(url, json={"status": "draft"}, headers=auth).get_json()["status"] == "draft"


@pytest.mark.parametrize(("body", "field"), [
    ({"kind": "tour"}, "kind"),
    ({"enterprise_id": 987_654}, "enterprise_id"),
    ({"price_satang": 12.5}, "price_satang"),
    ({"price_satang": None}, "price_satang"),
    ({"title_th": ""}, "title_th"),
    ({"stock": None}, "stock"),
    ({"max_group": 3}, "max_group"),
    ({"category": "community-tourism"}, "category"),
    ({"status": "sold"}, "status"),
])
def test_an_invalid_patch_is_422_and_changes_nothing(client, session, auth, enterprise, body, field):
    listing = make_listing(session, enterprise=enterprise)
    before = listing_row(session, listing.id)

    response = client.patch(f"{LISTINGS}/{listing.id}", json={"description_th": "ใหม่"} | body, headers=auth)

    assert field in error_of(response, 422)["fields"]
    assert listing_row(session, listing.id) == before


@pytest.mark.parametrize("status", [EnterpriseStatus.PENDING, EnterpriseStatus.SUSPENDED])
def test_patching_to_active_needs_an_approved_enterprise(client, session, bearer, producer, status):
    enterprise = make_enterprise(session, members=(producer,), status=status)
    listing = make_listing(session, enterprise=enterprise, status=ListingStatus.DRAFT)
    before = listing_row(session, listing.id)

    response = client.patch(f"{LISTINGS}/{listing.id}", json={"status": "active", "title_th": "ใหม่"},
                            headers=bearer(producer))

    assert error_of(response, 409)["code"] == "enterprise_not_approved"
    assert listing_row(session, listing.id) == before


def test_patching_an_ordered_listing_keeps_the_order_snapshot(client, session, auth, enterprise):
    listing = make_listing(session, enterprise=enterprise, title_th="ชื่อเดิม", price_satang=7000)
    order = make_order(session, items=[(listing, 1)])

    response = client.patch(f"{LISTINGS}/{listing.id}", json={"title_th": "ชื่อใหม่", "price_satang": 9000},
                            headers=auth)

    assert response.status_code == 200
    session.refresh(order.lines[0])
    assert (order.lines[0].title_th, order.lines[0].unit_price_satang) == ("ชื่อเดิม", 7000)


def test_an_anonymous_patch_is_401(client, session, enterprise):
    listing = make_listing(session, enterprise=enterprise)
    before = listing_row(session, listing.id)

    response = client.patch(f"{LISTINGS}/{listing.id}", json={"title_th": "ของใคร"})

    assert error_of(response, 401)["code"] == "not_authenticated"
    assert listing_row(session, listing.id) == before


@pytest.mark.parametrize("status", list(ListingStatus))
@pytest.mark.parametrize("body", [{"title_th": "ของฉันแล้ว"}, {"status": "archived"}, {"status": "active"},
                                  {"price_satang": 1}, {}])
def test_another_producer_patching_gets_404_and_nothing_changes(client, session, enterprise, stranger_auth, body,
                                                                status):
    listing = make_listing(session, enterprise=enterprise, status=status)
    before = listing_row(session, listing.id)

    response = client.patch(f"{LISTINGS}/{listing.id}", json=body, headers=stranger_auth)

    assert error_of(response, 404)["code"] == "not_found"
    assert listing_row(session, listing.id) == before


def test_a_missing_listing_and_anothers_answer_alike(client, session, enterprise, stranger_auth):
    listing = make_listing(session, enterprise=enterprise, kind=ListingKind.TOUR)

    theirs = client.patch(f"{LISTINGS}/{listing.id}", json={"title_th": "x"}, headers=stranger_auth)
    missing = client.patch(f"{LISTINGS}/987654", json={"title_th": "x"}, headers=stranger_auth)

    assert theirs.status_code == missing.status_code == 404
    assert theirs.get_json() == missing.get_json()


def test_the_openapi_document_describes_the_writes(client):
    document = client.get("/api/v1/openapi.json").get_json()

    create = document["paths"]["/listings"]["post"]
    update = document["paths"]["/listings/{id}"]["patch"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ListingCreate"
    }
    assert update["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ListingUpdate"
    }
    assert {"201", "401", "404", "409", "422"} <= set(create["responses"])
    assert {"200", "401", "404", "409", "422"} <= set(update["responses"])
    schemas = document["components"]["schemas"]
    assert set(schemas["ListingCreate"]["required"]) == {
        "enterprise_id", "kind", "category", "title_th", "description_th", "price_satang",
    }
    assert schemas["ListingCreate"]["properties"]["price_satang"]["type"] == "integer"
    assert schemas["ListingCreate"]["properties"]["status"]["enum"] == ["draft", "active"]
