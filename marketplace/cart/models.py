"""A signed-in user's cart, kept on the server so it follows them between devices."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, UTCDateTime, utcnow


class CartItem(Base):
    """One line of a user's cart: a product (``slot_id`` NULL) or a tour date, with a
    quantity (units, or people for a tour). Nothing is reserved until the order is placed.

    The unique constraint covers tour lines; SQL treats NULLs as distinct, so a partial
    unique index keeps one line per product.
    """

    __tablename__ = "cart_items"
    __table_args__ = (
        UniqueConstraint("user_id", "listing_id", "slot_id"),
        Index("uq_cart_items_user_id_listing_id_product", "user_id", "listing_id", unique=True,
              sqlite_where=text("slot_id IS NULL"), postgresql_where=text("slot_id IS NULL")),
        CheckConstraint("quantity >= 1 AND quantity <= 99", name="quantity_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("tour_slots.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[int]
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User")
