"""The OpenAPI 3.1 document, generated from the routes themselves.

Each view declares what it takes and answers with ``@spec(...)``, placed right under
its route decorator::

    @bp.post("/auth/token")
    @spec(summary="Get a token", body=ref("Credentials"), responses={200: ref("Token")})
    def issue_token(): ...

``GET /api/v1/openapi.json`` walks ``current_app.url_map`` for the ``api.`` endpoints,
so a route cannot be missing from the document; a view without ``@spec`` still
appears, described by its docstring. Paths are relative to the server URL
``/api/v1``, as in the contract.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from flask import current_app, jsonify

from ..catalog.models import ListingKind, ListingStatus
from ..catalog.queries import SORTS
from ..geo import Region
from ..money import MAX_SATANG
from ..pagination import DEFAULT_LIMIT, MAX_LIMIT
from . import bp

OPENAPI_VERSION = "3.1.0"
API_PREFIX = bp.url_prefix or ""
SPEC_ATTRIBUTE = "_openapi_operation"

Schema = dict[str, Any]


# -- building blocks for the declarations -------------------------------------------------------

def ref(name: str) -> Schema:
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    """``schema`` or ``null`` (JSON Schema 2020-12, as OpenAPI 3.1 has it)."""
    if "$ref" in schema:
        return {"oneOf": [schema, {"type": "null"}]}
    kind = schema.get("type")
    if isinstance(kind, str):
        return {**schema, "type": [kind, "null"]}
    return {"oneOf": [schema, {"type": "null"}]}


def obj(properties: dict[str, Schema], *, required: Iterable[str] = (), description: str | None = None,
        additional: bool | Schema = True) -> Schema:
    schema: Schema = {"type": "object", "properties": properties}
    required = list(required)
    if required:
        schema["required"] = required
    if description:
        schema["description"] = description
    if additional is not True:
        schema["additionalProperties"] = additional
    return schema


def envelope(key: str, schema_name: str) -> Schema:
    """``{"<key>": <schema>}``, such as ``{"user": User}``."""
    return obj({key: ref(schema_name)}, required=[key])


def items_of(schema_name: str) -> Schema:
    """An unpaged list: ``{"items": [...]}`` (reference data)."""
    return obj({"items": {"type": "array", "items": ref(schema_name)}}, required=["items"])


def page_of(schema_name: str) -> Schema:
    """One page of a paged list: ``{"items": [...], "next_cursor": ...}``."""
    return {"allOf": [ref("Page"), obj({"items": {"type": "array", "items": ref(schema_name)}})]}


def query_param(name: str, schema: Schema, description: str, *, required: bool = False) -> Schema:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


def spec(*, summary: str, responses: dict[int, Schema | None], auth: bool | str = False,
         body: Schema | None = None, query: Iterable[Schema] = (), errors: Iterable[int] = (),
         description: str | None = None, tags: Iterable[str] | None = None,
         body_media_type: str = "application/json") -> Callable:
    """Declare a view to the OpenAPI document.

    ``responses`` maps each success status to its JSON schema (``None``: no body).
    ``auth`` is ``True`` (a bearer token is required), ``"optional"`` (a token
    changes what the caller sees) or ``False``. ``errors`` adds error statuses to
    those implied (401 with auth; 400, 415 and 422 with a body; 422 with a query).
    ``body_media_type`` is the body's content type (``multipart/form-data`` for uploads).
    """
    if auth not in (True, False, "optional"):
        raise ValueError("auth must be True, False or 'optional'")
    operation = {
        "summary": summary, "description": description, "responses": dict(responses), "auth": auth,
        "body": body, "query": list(query), "errors": set(errors), "tags": list(tags) if tags else None,
        "body_media_type": body_media_type,
    }

    def attach(view: Callable) -> Callable:
        setattr(view, SPEC_ATTRIBUTE, operation)
        return view

    return attach


# -- components ----------------------------------------------------------------------------------

def _string(**extra: Any) -> Schema:
    return {"type": "string", **extra}


def _integer(**extra: Any) -> Schema:
    return {"type": "integer", **extra}


_CODE_PROVINCE = _string(pattern=r"^\d{2}$", examples=["50"])
_CODE_DISTRICT = _string(pattern=r"^\d{4}$", examples=["5001"])
_CODE_SUBDISTRICT = _string(pattern=r"^\d{6}$", examples=["500101"])
_SATANG = _integer(minimum=0, description="An amount in satang (1 THB = 100 satang)")

SCHEMAS: dict[str, Schema] = {
    "Error": obj(
        {"error": obj(
            {
                "code": _string(description="Machine-readable snake_case code", examples=["not_found"]),
                "message": _string(description="Human-readable explanation"),
                "fields": obj({}, additional=_string(), description="Validation only: field → why"),
            },
            required=["code", "message"],
        )},
        required=["error"],
        description="Every failure answers with this shape.",
    ),
    "User": obj(
        {
            "id": _integer(),
            "email": _string(format="email", description="Stored lower-cased"),
            "name": _string(),
            "roles": {"type": "array", "items": _string(enum=["admin", "company", "consumer", "producer"])},
            "enterprise_ids": {"type": "array", "items": _integer()},
            "company_id": nullable(_integer()),
        },
        required=["id", "email", "name", "roles", "enterprise_ids", "company_id"],
    ),
    "Registration": obj(
        {
            "email": _string(format="email", maxLength=254),
            "password": _string(minLength=10,
                                description="At least 10 characters, not only letters or digits"),
            "name": _string(maxLength=120),
            "phone": _string(description="A Thai phone number such as 0812345678"),
        },
        required=["email", "password", "name"],
    ),
    "Credentials": obj({"email": _string(), "password": _string()}, required=["email", "password"]),
    "Token": obj(
        {
            "token": _string(description="Send as 'Authorization: Bearer <token>'"),
            "expires_at": _string(format="date-time"),
            "user": ref("User"),
        },
        required=["token", "expires_at", "user"],
    ),
    "Image": obj(
        {
            "id": _integer(),
            "url": _string(description="The large version"),
            "thumb_url": _string(),
            "width": _integer(),
            "height": _integer(),
        },
        required=["id", "url", "thumb_url", "width", "height"],
    ),
    "Rating": obj(
        {"average": nullable({"type": "number", "minimum": 1, "maximum": 5}), "count": _integer(minimum=0)},
        required=["average", "count"],
    ),
    "EnterpriseBrief": obj(
        {
            "id": _integer(),
            "name_th": _string(),
            "province_code": _CODE_PROVINCE,
            "otop_stars": nullable(_integer(minimum=1, maximum=5)),
        },
        required=["id", "name_th", "province_code", "otop_stars"],
    ),
    "Listing": obj(
        {
            "id": _integer(),
            "kind": _string(enum=[kind.value for kind in ListingKind]),
            "status": _string(enum=[status.value for status in ListingStatus]),
            "category": _string(description="Category slug"),
            "title_th": _string(),
            "title_en": nullable(_string()),
            "description_th": _string(),
            "description_en": nullable(_string()),
            "price_satang": {**_SATANG, "description": "Price in satang; a tour's is per person"},
            "currency": _string(const="THB"),
            "stock": _integer(minimum=0, description="Products only"),
            "duration_hours": nullable(_integer(minimum=1, description="Tours only")),
            "max_group": nullable(_integer(minimum=1, description="Tours only")),
            "meeting_point": nullable(_string(description="Tours only")),
            "enterprise": ref("EnterpriseBrief"),
            "images": {"type": "array", "items": ref("Image")},
            "rating": ref("Rating"),
            "created_at": _string(format="date-time"),
            "updated_at": _string(format="date-time"),
        },
        required=["id", "kind", "status", "category", "title_th", "title_en", "description_th",
                  "price_satang", "currency", "enterprise", "images", "rating"],
    ),
    "Page": obj(
        {
            "items": {"type": "array"},
            "next_cursor": nullable(
                _string(description="Pass as `cursor` for the next page; null on the last")
            ),
        },
        required=["items", "next_cursor"],
    ),
    "ListingPage": page_of("Listing"),
    "CompanyBrief": obj(
        {"id": _integer(), "name_th": _string(), "active": {"type": "boolean"}},
        required=["id", "name_th", "active"],
    ),
    "Province": obj(
        {
            "code": _CODE_PROVINCE,
            "name_th": _string(),
            "name_en": _string(),
            "region": _string(enum=[region.value for region in Region]),
            "company": nullable(ref("CompanyBrief")),
        },
        required=["code", "name_th", "name_en", "region", "company"],
    ),
    "District": obj(
        {"code": _CODE_DISTRICT, "name_th": _string(), "name_en": _string()},
        required=["code", "name_th", "name_en"],
    ),
    "Subdistrict": obj(
        {
            "code": _CODE_SUBDISTRICT,
            "name_th": _string(),
            "name_en": _string(),
            "postal_codes": {"type": "array", "items": _string(pattern=r"^\d{5}$")},
        },
        required=["code", "name_th", "name_en", "postal_codes"],
    ),
    "Category": obj(
        {
            "slug": _string(),
            "name_th": _string(),
            "name_en": _string(),
            "kind": _string(enum=[kind.value for kind in ListingKind]),
        },
        required=["slug", "name_th", "name_en", "kind"],
    ),
}

ERROR_RESPONSES: dict[int, tuple[str, str]] = {
    400: ("BadRequest", "Malformed request body (`bad_request`)"),
    401: ("NotAuthenticated", "No, or an invalid, expired or revoked, bearer token"),
    402: ("PaymentFailed", "The payment provider declined the payment (`payment_failed`); `message` is its word"),
    403: ("Forbidden", "Authenticated but not allowed (`forbidden`)"),
    404: ("NotFound", "Not found, or not visible to this caller (`not_found`)"),
    409: ("Conflict", "Conflicts with the current state; `code` says which"),
    413: ("TooLarge", "Body too large (`too_large`)"),
    415: ("UnsupportedMediaType", "The body is not of an accepted type (`unsupported_media_type`)"),
    422: ("Invalid", "Invalid values (`invalid`); `fields` says which and why"),
    429: ("RateLimited", "Too many requests (`rate_limited`)"),
}

LISTING_QUERY = [
    query_param("q", _string(maxLength=100), "Words in the title or description (titles rank first)"),
    query_param("province", _CODE_PROVINCE, "Province code of the producing enterprise"),
    query_param("region", _string(enum=[region.value for region in Region]), "Region of that province"),
    query_param("category", _string(), "Category slug"),
    query_param("kind", _string(enum=[kind.value for kind in ListingKind]), "product or tour"),
    query_param("min_price", _integer(minimum=0, maximum=MAX_SATANG), "Lowest price, satang, inclusive"),
    query_param("max_price", _integer(minimum=0, maximum=MAX_SATANG), "Highest price, satang, inclusive"),
    query_param("stars", _integer(minimum=1, maximum=5), "At least this many OTOP stars"),
    query_param("enterprise", _integer(minimum=1), "Only this enterprise's listings"),
    query_param("sort", _string(enum=list(SORTS), default="relevance"),
                "relevance (title matches first, then newest), newest, price_asc, price_desc"),
]
PAGE_QUERY = [
    query_param("cursor", _string(), "`next_cursor` of the previous page"),
    query_param("limit", _integer(minimum=1, maximum=MAX_LIMIT, default=DEFAULT_LIMIT), "Items per page"),
]

# Community enterprises (sign-up, approval, members).
_ENTERPRISE_STATUS = _string(enum=["pending", "approved", "suspended"])
SCHEMAS.update({
    "EnterpriseRegistration": obj(
        {
            "name_th": _string(maxLength=200),
            "name_en": nullable(_string(maxLength=200)),
            "registration_no": _string(
                examples=["5-50-01-01/1-0001"],
                description="As issued: type-province-district-subdistrict/group-serial; its province "
                            "group must be `province_code` and its district group the last two digits "
                            "of `district_code`",
            ),
            "province_code": _CODE_PROVINCE,
            "district_code": _CODE_DISTRICT,
            "subdistrict_code": _CODE_SUBDISTRICT,
            "description_th": nullable(_string(maxLength=5000)),
            "description_en": nullable(_string(maxLength=5000)),
            "promptpay_id": nullable(_string(
                description="A Thai mobile number (0[689] and 8 more digits) or a 13-digit tax ID with a "
                            "valid check digit; spaces and dashes are dropped",
            )),
            "otop_stars": nullable(_integer(minimum=1, maximum=5)),
        },
        required=["name_th", "registration_no", "province_code", "district_code", "subdistrict_code"],
    ),
    "EnterpriseMember": obj(
        {"id": _integer(), "name": _string(), "email": _string(format="email")},
        required=["id", "name", "email"],
    ),
    "Enterprise": obj(
        {
            "id": _integer(),
            "name_th": _string(),
            "name_en": nullable(_string()),
            "province_code": _CODE_PROVINCE,
            "district_code": _CODE_DISTRICT,
            "subdistrict_code": _CODE_SUBDISTRICT,
            "otop_stars": nullable(_integer(minimum=1, maximum=5)),
            "status": _ENTERPRISE_STATUS,
            "description_th": nullable(_string()),
            "description_en": nullable(_string()),
            "created_at": _string(format="date-time"),
            "registration_no": _string(description="Members and overseeing staff only"),
            "promptpay_id": nullable(_string(description="Members and overseeing staff only")),
            "status_reason": nullable(_string(description="Members and overseeing staff only")),
            "status_changed_at": nullable(_string(format="date-time",
                                                  description="Members and overseeing staff only")),
            "member_ids": {"type": "array", "items": _integer(),
                           "description": "Members and overseeing staff only"},
            "members": {"type": "array", "items": ref("EnterpriseMember"),
                        "description": "Members and overseeing staff only"},
        },
        required=["id", "name_th", "name_en", "province_code", "district_code", "subdistrict_code",
                  "otop_stars", "status", "description_th"],
    ),
    "EnterprisePage": page_of("Enterprise"),
    "EnterpriseStatusChange": obj(
        {"reason": nullable(_string(maxLength=500, description="Shown to the enterprise's producers"))},
    ),
    "MemberInvitation": obj({"email": _string(format="email")}, required=["email"]),
})


# Photos and tour slots.
SCHEMAS.update({
    "ImageUpload": obj(
        {"file": _string(contentMediaType="image/*",
                         description="One JPEG, PNG or WebP photo; its metadata (EXIF, GPS) is removed")},
        required=["file"],
    ),
    "Slot": obj(
        {
            "id": _integer(),
            "date": _string(format="date", description="A calendar day in Thailand"),
            "capacity": _integer(minimum=0),
            "available": _integer(minimum=0, description="Seats still bookable; 0 when closed or full"),
            "seats_taken": _integer(minimum=0),
            "closed": {"type": "boolean", "description": "Closed dates keep their bookings but take no more"},
        },
        required=["id", "date", "capacity", "available"],
    ),
    "SlotList": obj({"items": {"type": "array", "items": ref("Slot")}}, required=["items"]),
    "NewSlot": obj(
        {
            "date": _string(format="date", description="Today (in Thailand) or later, at most two years ahead"),
            "capacity": _integer(minimum=1, maximum=1000),
        },
        required=["date", "capacity"],
    ),
})


# -- the document --------------------------------------------------------------------------------

_RULE_ARGUMENT = re.compile(
    r"<(?:(?P<converter>[a-zA-Z_][a-zA-Z0-9_]*)(?:\([^)]*\))?:)?(?P<name>[a-zA-Z_][a-zA-Z0-9_]*)>"
)
_CONVERTER_SCHEMAS = {"int": _integer(minimum=0), "float": {"type": "number"}, "uuid": _string(format="uuid")}
_IGNORED_METHODS = {"HEAD", "OPTIONS"}


def openapi_path(rule: str) -> tuple[str, list[Schema]]:
    """``/api/v1/listings/<int:id>`` → ``("/listings/{id}", [its path parameter])``."""
    parameters = []
    for match in _RULE_ARGUMENT.finditer(rule):
        schema = _CONVERTER_SCHEMAS.get(match["converter"] or "", _string())
        parameters.append({"name": match["name"], "in": "path", "required": True, "schema": dict(schema)})
    path = _RULE_ARGUMENT.sub(lambda match: "{" + match["name"] + "}", rule)
    if path.startswith(API_PREFIX):
        path = path[len(API_PREFIX):] or "/"
    return path, parameters


def _json_content(schema: Schema) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _describe(status: int) -> str:
    return {200: "OK", 201: "Created", 204: "No content"}.get(status, "Success")


def _operation(endpoint: str, method: str, view: Callable, declared: dict[str, Any] | None,
               path_parameters: list[Schema], several_methods: bool) -> dict[str, Any]:
    name = endpoint.removeprefix(f"{bp.name}.")
    operation: dict[str, Any] = {
        "operationId": f"{name}_{method.lower()}" if several_methods else name,
        "tags": [view.__module__.rsplit(".", 1)[-1]],
    }
    doc = (view.__doc__ or "").strip()
    if declared is None:
        operation["summary"] = doc.splitlines()[0] if doc else name.replace("_", " ")
        operation["responses"] = {"default": {"description": "See the API contract"}}
        if path_parameters:
            operation["parameters"] = path_parameters
        return operation

    operation["summary"] = declared["summary"]
    if declared["description"] or doc:
        operation["description"] = declared["description"] or doc
    if declared["tags"]:
        operation["tags"] = declared["tags"]
    parameters = path_parameters + declared["query"]
    if parameters:
        operation["parameters"] = parameters
    if declared["body"] is not None:
        media_type = declared.get("body_media_type", "application/json")
        operation["requestBody"] = {"required": True, "content": {media_type: {"schema": declared["body"]}}}
    if declared["auth"] is True:
        operation["security"] = [{"bearerAuth": []}]
    elif declared["auth"] == "optional":
        operation["security"] = [{}, {"bearerAuth": []}]

    responses: dict[str, Any] = {}
    for status, schema in sorted(declared["responses"].items()):
        response: dict[str, Any] = {"description": _describe(status)}
        if schema is not None:
            response["content"] = _json_content(schema)
        responses[str(status)] = response
    errors = set(declared["errors"])
    if declared["auth"]:
        errors.add(401)
    if declared["body"] is not None:
        errors |= {400, 415, 422}
    if declared["query"]:
        errors.add(422)
    for status in sorted(errors):
        responses[str(status)] = {"$ref": f"#/components/responses/{ERROR_RESPONSES[status][0]}"}
    operation["responses"] = responses
    return operation


def build_document(app=None) -> dict[str, Any]:
    """The OpenAPI 3.1 document of every route of the API blueprint in ``app``."""
    app = app or current_app
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if not rule.endpoint.startswith(f"{bp.name}."):
            continue
        view = app.view_functions[rule.endpoint]
        declared = getattr(view, SPEC_ATTRIBUTE, None)
        path, path_parameters = openapi_path(rule.rule)
        methods = sorted(set(rule.methods or ()) - _IGNORED_METHODS)
        for method in methods:
            paths.setdefault(path, {})[method.lower()] = _operation(
                rule.endpoint, method, view, declared, path_parameters, len(methods) > 1
            )
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "OTOP marketplace API",
            "version": "1",
            "description": (
                "Thai community (OTOP) products and community-based tours, fulfilled by the provincial "
                "Pracharath companies. Money is integer satang with `currency` THB; times are ISO 8601 "
                "with offset; province, district and subdistrict codes are DOPA codes. Every error "
                "answers `{\"error\": {\"code\", \"message\", \"fields\"?}}`. Lists answer "
                "`{\"items\": [...], \"next_cursor\": ...}`; reference data is never paged."
            ),
        },
        "servers": [{"url": API_PREFIX}],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "responses": {
                name: {"description": text, "content": _json_content(ref("Error"))}
                for name, text in ERROR_RESPONSES.values()
            },
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "A token from POST /auth/token"},
            },
        },
    }


@bp.get("/openapi.json")
@spec(summary="This OpenAPI 3.1 document", responses={200: {"type": "object"}})
def openapi_document():
    """The machine-readable description of every route of this API."""
    return jsonify(build_document())


# Orders, payments and fulfilments.
_FULFILMENT_STATUS = _string(enum=["awaiting_payment", "new", "accepted", "packed", "shipped", "delivered",
                                   "confirmed", "completed", "cancelled"])
SCHEMAS.update({
    "OrderRequest": obj(
        {
            "lines": {"type": "array", "minItems": 1, "maxItems": 50, "items": obj(
                {"listing_id": _integer(minimum=1), "quantity": _integer(minimum=1, maximum=99),
                 "slot_id": nullable(_integer(minimum=1, description="Required for tours: the chosen date"))},
                required=["listing_id", "quantity"],
            )},
            "shipping_address": obj(
                {"name": _string(maxLength=120), "phone": _string(examples=["0812345678"]),
                 "line1": _string(maxLength=300), "subdistrict_code": _CODE_SUBDISTRICT,
                 "postal_code": _string(pattern=r"^\d{5}$", description="Must belong to the subdistrict")},
                required=["name", "phone", "line1", "subdistrict_code", "postal_code"],
            ),
            "payment_method": _string(enum=["card", "cod", "promptpay"]),
        },
        required=["lines", "shipping_address", "payment_method"],
    ),
    "PayRequest": obj({"payment_method_id": _string(description="A Stripe PaymentMethod id made by Stripe.js")},
                      required=["payment_method_id"]),
    "FulfilmentLine": obj(
        {"id": _integer(), "listing_id": _integer(), "enterprise_id": _integer(), "title_th": _string(),
         "title_en": nullable(_string()), "quantity": _integer(minimum=1), "unit_price_satang": _SATANG,
         "line_total_satang": _SATANG, "slot_id": nullable(_integer()),
         "slot_date": nullable(_string(format="date")), "received_at": nullable(_string(format="date-time"))},
        required=["id", "listing_id", "title_th", "quantity", "unit_price_satang"],
    ),
    "Fulfilment": obj(
        {
            "id": _integer(), "order_id": _integer(), "kind": _string(enum=["goods", "tour"]),
            "status": _FULFILMENT_STATUS,
            "company": obj({"id": _integer(), "name_th": _string(), "province_code": nullable(_CODE_PROVINCE)},
                           required=["id", "name_th", "province_code"]),
            "carrier": nullable(_string(enum=["thailand_post", "kerry", "flash", "jt", "scg", "best", "other"])),
            "tracking_number": nullable(_string()),
            "lines": {"type": "array", "items": ref("FulfilmentLine")},
            "subtotal_satang": _SATANG, "shipping_satang": _SATANG,
            "cod_amount_satang": nullable(_SATANG), "currency": _string(const="THB"),
            "late": {"type": "boolean"}, "cancel_reason": nullable(_string()),
        },
        required=["id", "kind", "status", "company", "lines", "subtotal_satang", "shipping_satang", "late"],
    ),
    "Payment": obj(
        {
            "method": _string(enum=["card", "cod", "promptpay"]),
            "status": _string(enum=["pending", "succeeded", "failed", "due_on_delivery", "collected",
                                    "refunded", "partially_refunded"]),
            "amount_satang": _SATANG, "refunded_satang": _SATANG, "currency": _string(const="THB"),
            "intent_id": _string(description="Card and Stripe PromptPay: the PaymentIntent"),
            "client_secret": nullable(_string(description="For Stripe.js (3-D Secure)")),
            "promptpay_payload": _string(description="PromptPay without Stripe: the EMVCo QR payload"),
            "failure_message": _string(),
        },
        required=["method", "status"],
    ),
    "Order": obj(
        {
            "id": _integer(), "number": _string(examples=["OT-261126-7KQ3XM"]),
            "status": _string(enum=["awaiting_payment", "placed", "completed", "cancelled", "expired"]),
            "items_satang": _SATANG, "shipping_satang": _SATANG, "total_satang": _SATANG,
            "currency": _string(const="THB"), "created_at": _string(format="date-time"),
            "expires_at": nullable(_string(format="date-time")),
            "shipping_address": {"type": "object"},
            "payment": ref("Payment"),
            "fulfilments": {"type": "array", "items": ref("Fulfilment")},
        },
        required=["id", "number", "status", "items_satang", "shipping_satang", "total_satang", "currency",
                  "created_at", "payment", "fulfilments"],
    ),
    "OrderPage": page_of("Order"),
})


# -- listing writes (POST /listings, PATCH /listings/{id}) ---------------------------------------

def _listing_write_fields() -> dict[str, Schema]:
    from ..catalog import services as listing_services

    low_high = listing_services.INTEGER_LIMITS
    text = listing_services.TITLE_MAX, listing_services.DESCRIPTION_MAX
    return {
        "category": _string(description="A category slug of the listing's kind (GET /categories)"),
        "title_th": _string(minLength=1, maxLength=text[0]),
        "title_en": nullable(_string(maxLength=text[0], description="Optional; Thai is shown where missing")),
        "description_th": _string(minLength=1, maxLength=text[1]),
        "description_en": nullable(_string(maxLength=text[1])),
        "price_satang": _integer(minimum=0, maximum=listing_services.MAX_PRICE_SATANG,
                                 description="A JSON integer of satang (a tour's is per person); "
                                             "floats, strings and booleans are refused"),
        "stock": _integer(minimum=low_high["stock"][0], maximum=low_high["stock"][1],
                          description="Products only (0 when left out on creation)"),
        "low_stock_threshold": _integer(
            minimum=low_high["low_stock_threshold"][0], maximum=low_high["low_stock_threshold"][1],
            description="Products only: the producer's dashboard warns at this stock or below (default 5)",
        ),
        "duration_hours": _integer(minimum=low_high["duration_hours"][0], maximum=low_high["duration_hours"][1],
                                   description="Tours only; required for a tour"),
        "max_group": nullable(_integer(minimum=low_high["max_group"][0], maximum=low_high["max_group"][1],
                                       description="Tours only: the most people one booking may bring")),
        "meeting_point": nullable(_string(maxLength=listing_services.MEETING_POINT_MAX,
                                          description="Tours only")),
    }


SCHEMAS.update({
    "ListingCreate": obj(
        {
            "enterprise_id": _integer(description="One of the caller's enterprises"),
            "kind": _string(enum=[kind.value for kind in ListingKind]),
            **_listing_write_fields(),
            "status": _string(enum=[ListingStatus.DRAFT.value, ListingStatus.ACTIVE.value], default="draft",
                              description="\"active\" publishes at once (the enterprise must be approved)"),
        },
        required=["enterprise_id", "kind", "category", "title_th", "description_th", "price_satang"],
        description="Members not listed here are ignored.",
    ),
    "ListingUpdate": obj(
        {
            "enterprise_id": _integer(description="May be sent, cannot change"),
            "kind": _string(enum=[kind.value for kind in ListingKind], description="May be sent, cannot change"),
            **_listing_write_fields(),
            "status": _string(enum=[status.value for status in ListingStatus]),
        },
        description="Only the members sent change. Members not listed here are ignored.",
    ),
})
SCHEMAS.update({
    "TransitionRequest": obj(
        {"to": _FULFILMENT_STATUS,
         "carrier": _string(enum=["thailand_post", "kerry", "flash", "jt", "scg", "best", "other"],
                            description="Required to ship"),
         "tracking_number": _string(description="Required to ship"),
         "reason": _string(maxLength=500, description="Required to cancel")},
        required=["to"],
    ),
    "FulfilmentPage": page_of("Fulfilment"),
})
SCHEMAS.update({
    "ListingReview": obj({"id": _integer(), "product_rating": _integer(minimum=1, maximum=5),
                          "product_text": nullable(_string()), "reviewer_name": _string(),
                          "created_at": _string(format="date-time")},
                         required=["id", "product_rating", "reviewer_name", "created_at"]),
    "ReviewRequest": obj({"product_rating": _integer(minimum=1, maximum=5),
                          "product_text": nullable(_string(maxLength=2000)),
                          "service_rating": nullable(_integer(minimum=1, maximum=5)),
                          "service_text": nullable(_string(maxLength=2000))},
                         required=["product_rating"]),
    "Review": obj({"id": _integer(), "order_line_id": _integer(), "listing_id": _integer(),
                   "product_rating": _integer(minimum=1, maximum=5), "product_text": nullable(_string()),
                   "service_rating": nullable(_integer(minimum=1, maximum=5)), "service_text": nullable(_string()),
                   "created_at": _string(format="date-time")},
                  required=["id", "order_line_id", "listing_id", "product_rating", "created_at"]),
})
