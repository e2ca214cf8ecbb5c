"""Checking what a request sends, once, for the pages and the API alike.

A set of query-string filters is one pydantic model that lives with its domain
(``catalog.queries.ListingFilters``, ``backoffice.queries.QueueFilters``, ...): its fields
hold the single-value rules (types, enums, ranges), its validators the rules that span
fields (lowest ≤ highest price, ``to`` on or after ``from``). The pages read their
arguments with ``parse_query``; the API's ``@operation(query=...)`` validates with the
same model (or a subclass adding ``cursor`` and ``limit``), which is also what its OpenAPI
document describes. Either way a broken rule is the domain's ``ValidationError`` with
``fields`` naming each bad value, so a rule is written once and both answer alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import pydantic
from pydantic import BeforeValidator, ConfigDict, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from .errors import ValidationError

RULE = "rule"
Model = TypeVar("Model", bound=pydantic.BaseModel)
QueryModel = TypeVar("QueryModel", bound="Query")


def broken_rule(why: str) -> PydanticCustomError:
    """Raise this from a validator: ``why`` is then the reason given for the field
    (rather than the field's description), as a page may tell the reasons apart."""
    return PydanticCustomError(RULE, why)


def not_below(field: str, why: str) -> Any:
    """A validator for the field it is attached to, which may not be below ``field``
    (declared before it): ``to`` on or after ``from``, the highest price not below the
    lowest. Use as ``_ordered = not_below("date_from", "on or after from")`` with the
    field name in ``field_validator``; see the filter models."""

    def check(value: Any, info: ValidationInfo) -> Any:
        start = info.data.get(field)
        if value is not None and start is not None and value < start:
            raise broken_rule(why)
        return value

    return check


def _calendar_day(value: Any) -> Any:
    if isinstance(value, str) and len(value) != 10:
        raise ValueError("a date written YYYY-MM-DD")
    return value


Day = Annotated[dt.date, BeforeValidator(_calendar_day), Field(description="A date written YYYY-MM-DD")]
"""A calendar day written ``YYYY-MM-DD`` (not a timestamp, not ``20260101``)."""


SubdistrictCode = Annotated[str, Field(pattern=r"^\d{6}$", examples=["500101"])]
PostalCode = Annotated[str, Field(pattern=r"^\d{5}$")]


def whole_number(value: Any) -> Any:
    """A whole number also as decimal text (``" 2 "``, Thai digits ``"๓"``), as the
    pages' forms send it; anything else is left for the integer check to refuse."""
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 18:
        return int(value.strip())
    return value


WholeNumber = Annotated[int, BeforeValidator(whole_number)]

MAX_ID = 2**31 - 1  # ids are 32-bit integer columns; anything larger cannot name a row
RowId = Annotated[WholeNumber, Field(ge=1, le=MAX_ID)]
"""The id of a row, as a body or a query names it."""


class Input(pydantic.BaseModel):
    """A request body. Strict: a JSON integer field takes no ``"12"``, ``12.0`` or
    ``true``, a text field no number. Members not declared are ignored, so a client
    may send back what it read."""

    model_config = ConfigDict(strict=True, extra="ignore")


def _blank_is_absent(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


class Query(pydantic.BaseModel):
    """Query-string arguments. An empty argument (``?kind=``) counts as absent;
    unknown arguments are ignored."""

    model_config = ConfigDict(extra="ignore")

    @classmethod
    def from_args(cls: type[QueryModel], args: Mapping[str, Any]) -> QueryModel:
        data = {name: _blank_is_absent(value) for name, value in args.items()}
        return cls.model_validate({name: value for name, value in data.items() if value is not None})


def parse_query(model: type[QueryModel], args: Mapping[str, Any],
                message: str = "Some filters are not valid") -> QueryModel:
    """``model`` read from query-string ``args``; ``ValidationError`` naming each bad one."""
    return validated(model, lambda found: found.from_args(args), message)


def validated(model: type[Model], parse: Callable[[type[Model]], Model],
              message: str = "Some values are not valid") -> Model:
    """``parse(model)``, with pydantic's complaint turned into the contract's 422."""
    try:
        return parse(model)
    except pydantic.ValidationError as error:
        raise ValidationError(message, fields=invalid_fields(model, error)) from None


def invalid_fields(model: type[pydantic.BaseModel], error: pydantic.ValidationError) -> dict[str, str]:
    """``{"lines[0].quantity": why, ...}``: the first complaint about each value. The why is
    ``required`` for a missing member, the words of a ``broken_rule``, else the field's
    declared description or pydantic's word."""
    fields: dict[str, str] = {}
    for problem in error.errors(include_url=False):
        place, why = _place(model, problem["loc"])
        if problem["type"] == "missing":
            why = "required"
        elif problem["type"] == RULE:
            why = problem["msg"]
        fields.setdefault(place or "body", why or problem["msg"])
    return fields


def _place(model: type[pydantic.BaseModel], location: tuple[Any, ...]) -> tuple[str, str | None]:
    """The dotted path of a pydantic location and the description declared for that
    field, walking the models (pydantic's union tags such as ``int`` are skipped)."""
    path: str = ""
    why: str | None = None
    current: type[pydantic.BaseModel] | None = model
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
            continue
        if current is None:
            continue
        found = next(((name, item) for name, item in current.model_fields.items() if part in (name, item.alias)),
                     None)
        if found is None:
            continue
        name, item = found
        path = f"{path}.{item.alias or name}" if path else (item.alias or name)
        why = item.description
        current = _inner_model(item.annotation)
    return path, why


def _inner_model(annotation: Any) -> type[pydantic.BaseModel] | None:
    """The model inside ``X``, ``X | None`` or ``list[X]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    if get_origin(annotation) in (list, tuple, Union) or type(annotation).__name__ == "UnionType":
        for inner in get_args(annotation):
            found = _inner_model(inner)
            if found is not None:
                return found
    return None
