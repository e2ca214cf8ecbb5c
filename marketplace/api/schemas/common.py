"""Building blocks of the API's declared shapes (pydantic v2).

Every request body, query and answer of ``/api/v1`` is one pydantic model: the same
class validates what comes in, serializes what goes out and is the schema in the
OpenAPI document (``marketplace.api.openapi``). Enumerations are typed with the
Python enums, so their lists of values exist once.

Two conventions hold for every answer (``Shape``):

* a field **without** a default is always in the answer (``null`` where it may be);
* a field **with** a default is in the answer only when it was set, as for a tour's
  ``duration_hours`` or the private fields of an enterprise.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, StringConstraints, WithJsonSchema

from ...pagination import DEFAULT_LIMIT, MAX_LIMIT

CURRENCY: Final = "THB"


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat()


Timestamp = Annotated[
    dt.datetime,
    PlainSerializer(_iso, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
"""A moment, written ISO 8601 with its offset (``+00:00``; the columns are timezone-aware)."""


def _calendar_day(value: Any) -> Any:
    if isinstance(value, str) and len(value) != 10:
        raise ValueError("a date written YYYY-MM-DD")
    return value


Day = Annotated[dt.date, BeforeValidator(_calendar_day), Field(description="A date written YYYY-MM-DD")]
"""A calendar day written ``YYYY-MM-DD`` (not a timestamp, not ``20260101``)."""

Satang = Annotated[int, Field(ge=0, description="An amount in satang (1 THB = 100 satang)")]
Currency = Literal["THB"]
ProvinceCode = Annotated[str, Field(pattern=r"^\d{2}$", examples=["50"])]
DistrictCode = Annotated[str, Field(pattern=r"^\d{4}$", examples=["5001"])]
SubdistrictCode = Annotated[str, Field(pattern=r"^\d{6}$", examples=["500101"])]
PostalCode = Annotated[str, Field(pattern=r"^\d{5}$")]
Stars = Annotated[int, Field(ge=1, le=5)]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]


class Shape(BaseModel):
    """An answer of the API. Built from model objects (``from_attributes``) or by the
    ``of`` class methods where a value needs computing."""

    model_config = ConfigDict(from_attributes=True)


class Input(BaseModel):
    """A request body. Strict: a JSON integer field takes no ``"12"``, ``12.0`` or
    ``true``, a text field no number. Members not declared are ignored, so a client
    may send back what it read."""

    model_config = ConfigDict(strict=True, extra="ignore")


def _blank_is_absent(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


class Query(BaseModel):
    """Query-string arguments. An empty argument (``?kind=``) counts as absent;
    unknown arguments are ignored."""

    model_config = ConfigDict(extra="ignore")

    @classmethod
    def from_args(cls, args) -> Query:
        data = {name: _blank_is_absent(value) for name, value in args.items()}
        return cls.model_validate({name: value for name, value in data.items() if value is not None})


Cursor = Annotated[str | None, Field(description="`next_cursor` of the previous page")]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT, description="Items per page")]


class PageQuery(Query):
    cursor: Cursor = None
    limit: Limit = DEFAULT_LIMIT


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable snake_case code", examples=["not_found"])
    message: str = Field(description="Human-readable explanation")
    fields: dict[str, str] | None = Field(default=None, description="Validation only: field → why")


class Error(BaseModel):
    """Every failure answers with this shape."""

    error: ErrorDetail


class Page(Shape):
    """One page of a paged list."""

    items: list[Any]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last")


class Rating(Shape):
    average: Annotated[float, Field(ge=1, le=5)] | None
    count: Annotated[int, Field(ge=0)]


def whole_number(value: Any) -> Any:
    """A whole number also as decimal text (``" 2 "``, Thai digits ``"๓"``), as the
    pages' forms send it; anything else is left for the integer check to refuse."""
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 18:
        return int(value.strip())
    return value


WholeNumber = Annotated[int, BeforeValidator(whole_number)]
