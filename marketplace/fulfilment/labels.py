"""The words people read for fulfilment statuses and kinds, in one place."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .states import FulfilmentKind, FulfilmentStatus

S = FulfilmentStatus

STATUS_LABELS = {
    S.AWAITING_PAYMENT: _l("Awaiting payment"),
    S.NEW: _l("New"),
    S.ACCEPTED: _l("Accepted"),
    S.PACKED: _l("Packed"),
    S.SHIPPED: _l("Shipped"),
    S.DELIVERED: _l("Delivered"),
    S.CONFIRMED: _l("Confirmed"),
    S.COMPLETED: _l("Completed"),
    S.CANCELLED: _l("Cancelled"),
}
KIND_LABELS = {FulfilmentKind.GOODS: _l("Goods"), FulfilmentKind.TOUR: _l("Tour")}
