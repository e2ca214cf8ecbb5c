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

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, StringConstraints, WithJsonSchema

from ...pagination import DEFAULT_LIMIT, MAX_LIMIT
from ...validation import (  # noqa: F401 (the schemas take them from here)
    Day, Input, PostalCode, Query, SubdistrictCode, WholeNumber, whole_number,
)

CURRENCY: Final = "THB"


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat()


Timestamp = Annotated[
    dt.datetime,
    PlainSerializer(_iso, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
"""A moment, written ISO 8601 with its offset (``+00:00``; the columns are timezone-aware)."""


Satang = Annotated[int, Field(ge=0, description="An amount in satang (1 THB = 100 satang)")]
Currency = Literal["THB"]
ProvinceCode = Annotated[str, Field(pattern=r"^\d{2}$", examples=["50"])]
DistrictCode = Annotated[str, Field(pattern=r"^\d{4}$", examples=["5001"])]
Stars = Annotated[int, Field(ge=1, le=5)]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]


class Shape(BaseModel):
    """An answer of the API. Built from model objects (``from_attributes``) or by the
    ``of`` class methods where a value needs computing."""

    model_config = ConfigDict(from_attributes=True)


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
