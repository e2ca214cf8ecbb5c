"""A line someone asks for (a listing, how many, and a tour's date), and the limits
of one order: the cart holds such lines and the checkout orders them."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_LINES = 50
MAX_QUANTITY = 99


@dataclass(frozen=True)
class LineRequest:
    listing_id: int
    quantity: int
    slot_id: int | None = None
    # where the line was in the request (its first place, when merged), so that an
    # error names ``lines[i]`` as the client sent it
    position: int | None = field(default=None, compare=False)
