"""Fulfilment statuses and the one table of allowed moves between them.

Goods: awaiting_payment → new → accepted → packed → shipped → delivered.
Tours: awaiting_payment → new → confirmed → completed.
Either may be cancelled before it is shipped / completed. A fulfilment that its
order's expiry cancelled goes back to new when a late payment could reserve its lines
again (``transition`` refuses that move for any other cancelled fulfilment).
"""

from __future__ import annotations

import enum


class FulfilmentKind(enum.StrEnum):
    GOODS = "goods"
    TOUR = "tour"


class FulfilmentStatus(enum.StrEnum):
    AWAITING_PAYMENT = "awaiting_payment"
    NEW = "new"
    ACCEPTED = "accepted"
    PACKED = "packed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


S = FulfilmentStatus

TRANSITIONS: dict[FulfilmentKind, dict[FulfilmentStatus, frozenset[FulfilmentStatus]]] = {
    FulfilmentKind.GOODS: {
        S.AWAITING_PAYMENT: frozenset({S.NEW, S.CANCELLED}),
        S.NEW: frozenset({S.ACCEPTED, S.CANCELLED}),
        S.ACCEPTED: frozenset({S.PACKED, S.CANCELLED}),
        S.PACKED: frozenset({S.SHIPPED, S.CANCELLED}),
        S.SHIPPED: frozenset({S.DELIVERED}),
        S.DELIVERED: frozenset(),
        S.CANCELLED: frozenset({S.NEW}),  # reinstated after expiry only
    },
    FulfilmentKind.TOUR: {
        S.AWAITING_PAYMENT: frozenset({S.NEW, S.CANCELLED}),
        S.NEW: frozenset({S.CONFIRMED, S.CANCELLED}),
        S.CONFIRMED: frozenset({S.COMPLETED, S.CANCELLED}),
        S.COMPLETED: frozenset(),
        S.CANCELLED: frozenset({S.NEW}),  # reinstated after expiry only
    },
}

FINAL_STATUSES = frozenset({S.DELIVERED, S.COMPLETED, S.CANCELLED})
# What counts as income: delivered goods and completed tours, dated by when they got there
EARNED_STATUSES = frozenset({S.DELIVERED, S.COMPLETED})


class Carrier(enum.StrEnum):
    THAILAND_POST = "thailand_post"
    KERRY = "kerry"
    FLASH = "flash"
    JT = "jt"
    SCG = "scg"
    BEST = "best"
    OTHER = "other"


CARRIER_NAMES = {
    Carrier.THAILAND_POST: "Thailand Post",
    Carrier.KERRY: "Kerry Express",
    Carrier.FLASH: "Flash Express",
    Carrier.JT: "J&T Express",
    Carrier.SCG: "SCG Express",
    Carrier.BEST: "Best Express",
    Carrier.OTHER: "Other",
}


def allowed_next(kind: FulfilmentKind, status: FulfilmentStatus) -> frozenset[FulfilmentStatus]:
    """The statuses a fulfilment of this kind may move to from ``status``."""
    return TRANSITIONS[kind].get(status, frozenset())
