"""Order statuses and the one table of allowed moves between them.

``awaiting_payment`` (card, PromptPay) → ``placed`` (paid) → ``completed`` (every
fulfilment delivered, completed or cancelled). Cash on delivery starts ``placed``.
An unpaid order ``expired`` when its payment window ran out; a payment that still
arrives places it again if every line can be reserved again. ``cancelled``: by the
buyer, or when every fulfilment was cancelled. ``set_order_status`` in
``orders.services`` is the one writer.
"""

from __future__ import annotations

import enum


class OrderStatus(enum.StrEnum):
    AWAITING_PAYMENT = "awaiting_payment"
    PLACED = "placed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


ORDER_TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.AWAITING_PAYMENT: frozenset({OrderStatus.PLACED, OrderStatus.EXPIRED, OrderStatus.CANCELLED}),
    OrderStatus.EXPIRED: frozenset({OrderStatus.PLACED}),  # paid late, and every line could be reserved again
    OrderStatus.PLACED: frozenset({OrderStatus.COMPLETED, OrderStatus.CANCELLED}),
    OrderStatus.COMPLETED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}

# Orders the buyer may still cancel (when no fulfilment has gone past the point of return)
OPEN_STATUSES = frozenset({OrderStatus.AWAITING_PAYMENT, OrderStatus.PLACED})
# Orders that were paid for, or will be at the door: vouchers and reviews belong to these
GOING_AHEAD_STATUSES = frozenset({OrderStatus.PLACED, OrderStatus.COMPLETED})
