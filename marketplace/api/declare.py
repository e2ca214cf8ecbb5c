"""``@operation``: one declaration per route that validates, serializes and documents.

::

    @bp.post("/listings/<int:id>/slots")
    @require_user
    @operation(summary="Open a tour on a date", auth=True, body=NewSlot, responses={201: Slot})
    def add_listing_slot(id: int, body: NewSlot) -> Slot: ...

* ``body``: the JSON body is read by ``body.json_body`` (415 not JSON, 400 malformed)
  and validated by the model; the view gets it as ``body``. ``optional_body`` lets
  the request come without one (the model's defaults then).
* ``query``: the query string, validated by a ``Query`` model, given as ``query``.
* ``responses``: status → the model the view returns (``None``: no body). The view
  returns the model, or ``(model, status)`` or ``(model, status, headers)``.

Invalid values answer the contract's 422 ``invalid`` with ``fields`` keyed by the
path of each bad value (``lines[0].quantity``, ``shipping_address.phone``); the why is
``required`` for a missing member, else the field's declared description or pydantic's
word. The decorator goes under the authorization decorators, so that 401 and 403
come before any 422. ``marketplace.api.openapi`` reads the declarations.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pydantic
from flask import request

from ..validation import Query, validated
from .body import json_body

DECLARATION = "_api_operation"
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Operation:
    summary: str
    responses: Mapping[int, type[pydantic.BaseModel] | None]
    description: str | None = None
    auth: bool | str = False
    body: type[pydantic.BaseModel] | None = None
    optional_body: bool = False
    body_media_type: str = "application/json"
    query: type[Query] | None = None
    errors: frozenset[int] = field(default_factory=frozenset)


def operation(*, summary: str, responses: Mapping[int, type[pydantic.BaseModel] | None], auth: bool | str = False,
              body: type[pydantic.BaseModel] | None = None, optional_body: bool = False,
              body_media_type: str = "application/json", query: type[Query] | None = None,
              errors: Iterable[int] = (), description: str | None = None) -> Callable[[F], F]:
    """Declare a view: what it takes, what it answers, who may call it (``auth``:
    ``True`` a bearer token is required, ``"optional"`` a token changes what the
    caller sees). ``errors`` adds error statuses to those implied (401 with auth;
    400, 415 and 422 with a JSON body; 422 with a query)."""
    if auth not in (True, False, "optional"):
        raise ValueError("auth must be True, False or 'optional'")
    declared = Operation(summary=summary, responses=dict(responses), description=description, auth=auth,
                         body=body, optional_body=optional_body, body_media_type=body_media_type, query=query,
                         errors=frozenset(errors))
    validates_body = body is not None and body_media_type == "application/json"

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any):
            if declared.query is not None:
                kwargs["query"] = validated(declared.query, lambda model: model.from_args(request.args))
            if validates_body and declared.body is not None:
                kwargs["body"] = validated(declared.body, _read_body(declared))
            return _answer(declared, view(*args, **kwargs))

        setattr(wrapper, DECLARATION, declared)
        return wrapper  # type: ignore[return-value]  # functools.wraps keeps the name, not the type

    return decorate


def declaration(view: Callable[..., Any]) -> Operation | None:
    return getattr(view, DECLARATION, None)


def _read_body(declared: Operation) -> Callable[[type[pydantic.BaseModel]], pydantic.BaseModel]:
    def read(model: type[pydantic.BaseModel]) -> pydantic.BaseModel:
        if declared.optional_body and not request.get_data(cache=True).strip():
            return model.model_validate({})
        return model.model_validate_json(_json_object_text())

    return read


def _json_object_text() -> bytes:
    """The raw body once ``json_body`` has found it to be a JSON object (else 400/415):
    validating the text keeps JSON's types (a date is text, ``1.0`` is no integer)."""
    json_body()
    return request.get_data(cache=True)


def _answer(declared: Operation, result: Any):
    value, status, headers = result, None, None
    if isinstance(result, tuple):
        value, status, *rest = result
        headers = rest[0] if rest else None
    status = status or min(declared.responses)
    if status not in declared.responses:
        raise RuntimeError(f"{status} is not a declared answer")
    model = declared.responses[status]
    if model is None:
        return "", status, headers or {}
    if not isinstance(value, model):
        raise TypeError(f"The view answered {type(value).__name__}, declared {model.__name__}")
    return value.model_dump(mode="json", exclude_unset=True), status, headers or {}
