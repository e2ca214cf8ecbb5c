"""The OpenAPI 3.1 document, generated from the declarations of the routes.

Each view declares itself with ``declare.operation`` (pydantic models for its body,
query and answers). ``GET /api/v1/openapi.json`` walks ``current_app.url_map`` for the
``api.`` endpoints, so a route cannot be missing from the document; the component
schemas are the models' own JSON schemas (enumerations from the Python enums). A view
without a declaration still appears, described by its docstring. Paths are relative
to the server URL ``/api/v1``, as in the contract.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pydantic
from flask import current_app
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, models_json_schema

from . import bp
from .declare import Operation, declaration, operation
from .schemas.common import Error, Page

OPENAPI_VERSION = "3.1.0"
API_PREFIX = bp.url_prefix or ""
REF_TEMPLATE = "#/components/schemas/{model}"

Schema = dict[str, Any]

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
ALWAYS_DESCRIBED: tuple[type[pydantic.BaseModel], ...] = (Error, Page)


class _Generator(GenerateJsonSchema):
    """pydantic's JSON schema without a title on every property."""

    def field_title_should_be_set(self, schema) -> bool:
        return False


# -- paths ---------------------------------------------------------------------------------------

_RULE_ARGUMENT = re.compile(
    r"<(?:(?P<converter>[a-zA-Z_][a-zA-Z0-9_]*)(?:\([^)]*\))?:)?(?P<name>[a-zA-Z_][a-zA-Z0-9_]*)>"
)
_CONVERTER_SCHEMAS: dict[str, Schema] = {"int": {"type": "integer", "minimum": 0}, "float": {"type": "number"},
                                         "uuid": {"type": "string", "format": "uuid"}}
_IGNORED_METHODS = {"HEAD", "OPTIONS"}


def openapi_path(rule: str) -> tuple[str, list[Schema]]:
    """``/api/v1/listings/<int:id>`` → ``("/listings/{id}", [its path parameter])``."""
    parameters: list[Schema] = []
    for match in _RULE_ARGUMENT.finditer(rule):
        schema = _CONVERTER_SCHEMAS.get(match["converter"] or "", {"type": "string"})
        parameters.append({"name": match["name"], "in": "path", "required": True, "schema": dict(schema)})
    path = _RULE_ARGUMENT.sub(lambda match: "{" + match["name"] + "}", rule)
    if path.startswith(API_PREFIX):
        path = path[len(API_PREFIX):] or "/"
    return path, parameters


# -- schemas -------------------------------------------------------------------------------------

class _Components:
    """The component schemas of every declared model, and a reference to each."""

    def __init__(self, declared: list[Operation]) -> None:
        wanted: dict[tuple[type[pydantic.BaseModel], JsonSchemaMode], None] = {
            (model, "serialization"): None for model in ALWAYS_DESCRIBED
        }
        for item in declared:
            if item.body is not None:
                wanted[(item.body, "validation")] = None
            for model in item.responses.values():
                if model is not None:
                    wanted[(model, "serialization")] = None
        self.refs, top = models_json_schema(list(wanted), ref_template=REF_TEMPLATE,
                                            schema_generator=_Generator)
        self.schemas: dict[str, Schema] = _inline_enums(top.get("$defs", {}))

    def ref(self, model: type[pydantic.BaseModel], mode: JsonSchemaMode) -> Schema:
        return dict(self.refs[(model, mode)])

    def query_parameters(self, model: type[pydantic.BaseModel]) -> list[Schema]:
        schema = model.model_json_schema(ref_template=REF_TEMPLATE, schema_generator=_Generator)
        inlined = _inline_enums({**schema.pop("$defs", {}), "": schema})
        schema = inlined.pop("")
        self.schemas.update(inlined)
        required = set(schema.get("required", ()))
        parameters = []
        for name, property_schema in schema["properties"].items():
            property_schema = dict(property_schema)
            parameter = {"name": name, "in": "query", "required": name in required}
            description = property_schema.pop("description", None)
            if description:
                parameter["description"] = description
            parameters.append({**parameter, "schema": property_schema})
        return parameters


def _inline_enums(schemas: dict[str, Schema]) -> dict[str, Schema]:
    """``schemas`` with each Python enum written where it is used (``{"enum": [...],
    "title": "OrderStatus"}``) rather than referenced, so that a property shows its
    values at once; the values are still the enum's own."""
    enums = {f"#/components/schemas/{name}": schema for name, schema in schemas.items() if "enum" in schema}

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("$ref") in enums:
                rest = {key: value for key, value in node.items() if key != "$ref"}
                return {**enums[node["$ref"]], **rest}
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    return {name: inline(schema) for name, schema in schemas.items() if f"#/components/schemas/{name}" not in enums}


# -- the document --------------------------------------------------------------------------------

def _json_content(schema: Schema) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _describe(status: int) -> str:
    return {200: "OK", 201: "Created", 204: "No content"}.get(status, "Success")


def _operation(endpoint: str, method: str, view: Callable[..., Any], declared: Operation | None,
               path_parameters: list[Schema], several_methods: bool, components: _Components) -> dict[str, Any]:
    name = endpoint.removeprefix(f"{bp.name}.")
    result: dict[str, Any] = {
        "operationId": f"{name}_{method.lower()}" if several_methods else name,
        "tags": [view.__module__.rsplit(".", 1)[-1]],
    }
    doc = (view.__doc__ or "").strip()
    if declared is None:
        result["summary"] = doc.splitlines()[0] if doc else name.replace("_", " ")
        result["responses"] = {"default": {"description": "See the API contract"}}
        if path_parameters:
            result["parameters"] = path_parameters
        return result

    result["summary"] = declared.summary
    if declared.description or doc:
        result["description"] = declared.description or doc
    parameters = path_parameters + (components.query_parameters(declared.query) if declared.query else [])
    if parameters:
        result["parameters"] = parameters
    if declared.body is not None:
        result["requestBody"] = {
            "required": not declared.optional_body,
            "content": {declared.body_media_type: {"schema": components.ref(declared.body, "validation")}},
        }
    if declared.auth is True:
        result["security"] = [{"bearerAuth": []}]
    elif declared.auth == "optional":
        result["security"] = [{}, {"bearerAuth": []}]

    responses: dict[str, Any] = {}
    for status, model in sorted(declared.responses.items()):
        response: dict[str, Any] = {"description": _describe(status)}
        if model is not None:
            response["content"] = _json_content(components.ref(model, "serialization"))
        responses[str(status)] = response
    errors = set(declared.errors)
    if declared.auth is True:
        errors.add(401)
    if declared.body is not None and declared.body_media_type == "application/json":
        errors |= {400, 415, 422}
    if declared.query is not None:
        errors.add(422)
    for status in sorted(errors):
        responses[str(status)] = {"$ref": f"#/components/responses/{ERROR_RESPONSES[status][0]}"}
    result["responses"] = responses
    return result


def build_document(app=None) -> dict[str, Any]:
    """The OpenAPI 3.1 document of every route of the API blueprint in ``app``."""
    app = app or current_app
    rules = sorted((rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith(f"{bp.name}.")),
                   key=lambda rule: rule.rule)
    declared = [found for rule in rules if (found := declaration(app.view_functions[rule.endpoint]))]
    components = _Components(declared)
    paths: dict[str, dict[str, Any]] = {}
    for rule in rules:
        view = app.view_functions[rule.endpoint]
        path, path_parameters = openapi_path(rule.rule)
        methods = sorted(set(rule.methods or ()) - _IGNORED_METHODS)
        for method in methods:
            paths.setdefault(path, {})[method.lower()] = _operation(
                rule.endpoint, method, view, declaration(view), path_parameters, len(methods) > 1, components,
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
            "schemas": dict(sorted(components.schemas.items())),
            "responses": {
                name: {"description": text, "content": _json_content(components.ref(Error, "serialization"))}
                for name, text in ERROR_RESPONSES.values()
            },
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "A token from POST /auth/token"},
            },
        },
    }


class OpenAPIDocument(pydantic.RootModel[dict[str, Any]]):
    """An OpenAPI 3.1 document."""


@bp.get("/openapi.json")
@operation(summary="This OpenAPI 3.1 document", responses={200: OpenAPIDocument})
def openapi_document():
    """The machine-readable description of every route of this API."""
    return OpenAPIDocument(build_document())
