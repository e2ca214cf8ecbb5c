"""Payment statuses and the one table of allowed moves between them.

A card or PromptPay payment is ``pending`` until the provider (or the admin, for a
manual PromptPay transfer) says it ``succeeded``; refunds make it
``partially_refunded`` then ``refunded``. Cash on delivery is ``due_on_delivery``
until every live part was paid at the door (``collected``). ``cancelled``: nothing
was or will be collected, because the order expired or was cancelled unpaid; should
the money still arrive, it ``succeeded`` and is refunded (or the order placed again).
A declined card attempt leaves the payment ``pending`` for another card; ``failed``
is kept for the contract and nothing moves there. ``set_payment_status`` in
``payments.services`` is the one writer.
"""

from __future__ import annotations

import enum


class PaymentStatus(enum.StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    DUE_ON_DELIVERY = "due_on_delivery"
    COLLECTED = "collected"
    REFUNDED = "refunded"
    PARTIALLY_REFUNDED = "partially_refunded"
    CANCELLED = "cancelled"


P = PaymentStatus

PAYMENT_TRANSITIONS: dict[PaymentStatus, frozenset[PaymentStatus]] = {
    P.PENDING: frozenset({P.SUCCEEDED, P.CANCELLED}),
    P.CANCELLED: frozenset({P.SUCCEEDED}),  # the money arrived after all: refunded, or the order placed again
    P.SUCCEEDED: frozenset({P.PARTIALLY_REFUNDED, P.REFUNDED}),
    P.PARTIALLY_REFUNDED: frozenset({P.REFUNDED}),
    P.DUE_ON_DELIVERY: frozenset({P.COLLECTED, P.CANCELLED}),
    P.COLLECTED: frozenset(),
    P.REFUNDED: frozenset(),
    P.FAILED: frozenset(),
}

# Money the marketplace holds (or held): a repeat of the success changes nothing
RECEIVED_STATUSES = frozenset({P.SUCCEEDED, P.PARTIALLY_REFUNDED, P.REFUNDED})
# Shown to the buyer as paid
PAID_STATUSES = RECEIVED_STATUSES | {P.COLLECTED}
# Refunds can be taken from these
REFUNDABLE_STATUSES = frozenset({P.SUCCEEDED, P.PARTIALLY_REFUNDED})
# Nothing has come in yet; cancelling the order cancels these
UNPAID_STATUSES = frozenset({P.PENDING, P.DUE_ON_DELIVERY})
# A manual PromptPay payment in these is waiting for the admin to confirm a transfer
CONFIRMABLE_TRANSFER_STATUSES = frozenset({P.PENDING, P.CANCELLED})
