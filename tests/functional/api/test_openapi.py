"""GET /api/v1/openapi.json describes every route of the API."""

from __future__ import annotations

import re

import pytest

from marketplace.accounts.models import Role
from marketplace.api.openapi import openapi_path
from marketplace.catalog.models import ListingKind, ListingStatus
from marketplace.enterprises.models import EnterpriseStatus
from marketplace.fulfilment.states import Carrier, FulfilmentKind, FulfilmentStatus
from marketplace.geo import Region
from marketplace.orders.states import OrderStatus
from marketplace.payments.models import PaymentMethod
from marketplace.payments.states import PaymentStatus
from tests.factories import make_listing, make_user

PREFIX = "/api/v1"
COMPONENTS = {"User", "Listing", "Image", "Province", "District", "Subdistrict", "Category", "Error", "Page"}


@pytest.fixture
def document(client):
    response = client.get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def test_it_is_an_openapi_3_1_document(document):
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] and document["info"]["version"]
    assert document["servers"] == [{"url": PREFIX}]
    assert COMPONENTS <= set(document["components"]["schemas"])
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "description": "A token from POST /auth/token",
    }


def test_every_api_route_and_method_is_described(app, document):
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith(PREFIX + "/")]
    assert rules

    for rule in rules:
        path, _parameters = openapi_path(rule.rule)
        assert path in document["paths"], rule.rule
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            operation = document["paths"][path].get(method.lower())
            assert operation is not None, f"{method} {rule.rule}"
            assert operation["summary"]
            assert operation["responses"]


def test_the_contracts_routes_are_there(document):
    expected = {
        "/auth/register": {"post"}, "/auth/token": {"post", "delete"}, "/me": {"get"},
        "/provinces": {"get"}, "/provinces/{code}/districts": {"get"},
        "/districts/{code}/subdistricts": {"get"},
        "/categories": {"get"}, "/listings": {"get"}, "/listings/{id}": {"get"}, "/openapi.json": {"get"},
    }
    for path, methods in expected.items():
        assert methods <= set(document["paths"][path]), path


def test_path_parameters_are_declared(document):
    for path, operations in document["paths"].items():
        names = set(re.findall(r"{(\w+)}", path))
        for operation in operations.values():
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == names, path
    listing_id = document["paths"]["/listings/{id}"]["get"]["parameters"][0]
    assert listing_id == {"name": "id", "in": "path", "required": True,
                          "schema": {"type": "integer", "minimum": 0}}


def test_rule_paths_are_converted():
    assert openapi_path("/api/v1/listings/<int:id>/slots") == (
        "/listings/{id}/slots", [{"name": "id", "in": "path", "required": True,
                                  "schema": {"type": "integer", "minimum": 0}}],
    )
    assert openapi_path("/api/v1/provinces/<code>/districts")[0] == "/provinces/{code}/districts"
    assert openapi_path("/api/v1/a/<string(length=2):code>")[0] == "/a/{code}"


def test_operation_ids_are_unique(document):
    ids = [op["operationId"] for operations in document["paths"].values() for op in operations.values()]
    assert len(ids) == len(set(ids))


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_every_reference_resolves(document):
    for reference in _refs(document):
        assert reference.startswith("#/components/"), reference
        node = document
        for part in reference[2:].split("/"):
            assert part in node, reference
            node = node[part]


def test_listing_search_documents_every_filter(document):
    operation = document["paths"]["/listings"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"] if parameter["in"] == "query"}
    assert {"q", "province", "region", "category", "kind", "min_price", "max_price", "stars", "sort",
            "cursor", "limit"} <= names
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ListingPage"
    }
    assert operation["responses"]["422"] == {"$ref": "#/components/responses/Invalid"}


def test_authentication_is_declared(document):
    assert document["paths"]["/me"]["get"]["security"] == [{"bearerAuth": []}]
    assert "401" in document["paths"]["/me"]["get"]["responses"]
    assert "security" not in document["paths"]["/provinces"]["get"]
    assert {} in document["paths"]["/listings/{id}"]["get"]["security"]


def test_bodies_are_declared(document):
    register = document["paths"]["/auth/register"]["post"]
    assert register["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Registration"
    }
    assert {"201", "400", "409", "415", "422", "429"} <= set(register["responses"])
    assert "content" not in document["paths"]["/auth/token"]["delete"]["responses"]["204"]


def _required(document, name):
    return set(document["components"]["schemas"][name]["required"])


def test_answers_hold_what_the_schemas_require(client, session, bearer, document):
    user = make_user(session)
    listing = make_listing(session)

    me = client.get(f"{PREFIX}/me", headers=bearer(user)).get_json()["user"]
    item = client.get(f"{PREFIX}/listings/{listing.id}").get_json()
    province = client.get(f"{PREFIX}/provinces").get_json()["items"][0]
    district = client.get(f"{PREFIX}/provinces/50/districts").get_json()["items"][0]
    subdistrict = client.get(f"{PREFIX}/districts/5001/subdistricts").get_json()["items"][0]
    category = client.get(f"{PREFIX}/categories").get_json()["items"][0]
    error = client.get(f"{PREFIX}/listings/0").get_json()

    assert _required(document, "User") <= set(me)
    assert _required(document, "Listing") <= set(item)
    assert _required(document, "EnterpriseBrief") <= set(item["enterprise"])
    assert _required(document, "Rating") <= set(item["rating"])
    assert _required(document, "Province") <= set(province)
    assert _required(document, "CompanyBrief") <= set(province["company"])
    assert _required(document, "District") <= set(district)
    assert _required(document, "Subdistrict") <= set(subdistrict)
    assert _required(document, "Category") <= set(category)
    assert _required(document, "Error") <= set(error)
    assert set(document["components"]["schemas"]["Listing"]["properties"]) >= set(item)


def _values(schema):
    """The enum of a property, also inside ``anyOf`` (nullable) and ``items`` (arrays)."""
    if "enum" in schema:
        return set(schema["enum"])
    if "items" in schema:
        return _values(schema["items"])
    return set().union(*(_values(option) for option in schema.get("anyOf", ())))


@pytest.mark.parametrize(("schema", "field", "enum"), [
    ("Listing", "kind", ListingKind), ("Listing", "status", ListingStatus), ("ListingUpdate", "status", ListingStatus),
    ("ListingCreate", "kind", ListingKind), ("Category", "kind", ListingKind), ("Province", "region", Region),
    ("User", "roles", Role), ("ManagedUser", "roles", Role), ("UserChange", "roles", Role),
    ("Enterprise", "status", EnterpriseStatus),
    ("Fulfilment", "kind", FulfilmentKind), ("Fulfilment", "status", FulfilmentStatus),
    ("Fulfilment", "carrier", Carrier), ("TransitionRequest", "to", FulfilmentStatus),
    ("TransitionRequest", "carrier", Carrier), ("Payment", "method", PaymentMethod),
    ("Payment", "status", PaymentStatus), ("Order", "status", OrderStatus),
    ("OrderRequest", "payment_method", PaymentMethod),
])
def test_the_enums_are_the_python_enums(document, schema, field, enum):
    assert _values(document["components"]["schemas"][schema]["properties"][field]) == {item.value for item in enum}


@pytest.mark.parametrize(("path", "name", "enum"), [
    ("/listings", "region", Region), ("/listings", "kind", ListingKind), ("/enterprises", "status", EnterpriseStatus),
    ("/fulfilments", "status", FulfilmentStatus), ("/fulfilments", "kind", FulfilmentKind),
])
def test_query_enums_are_the_python_enums(document, path, name, enum):
    parameters = {parameter["name"]: parameter for parameter in document["paths"][path]["get"]["parameters"]}
    assert _values(parameters[name]["schema"]) == {item.value for item in enum}


def test_a_validation_error_names_the_field_by_its_path(client, session, bearer):
    response = client.post(f"{PREFIX}/orders", headers=bearer(make_user(session)), json={
        "lines": [{"listing_id": 1, "quantity": "many"}], "payment_method": "card",
        "shipping_address": {"name": "มาลี", "phone": "0812345678", "line1": "1 ถนนนิมมาน",
                             "subdistrict_code": 500101, "postal_code": "50200"},
    })

    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and error["message"]
    assert set(error["fields"]) == {"lines[0].quantity", "shipping_address.subdistrict_code"}
