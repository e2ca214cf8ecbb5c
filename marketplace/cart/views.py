"""The cart pages: ``/cart`` shows it; ``/cart/add``, ``/cart/update`` and ``/cart/remove``
change it and come back (POST, redirect, GET)."""

from __future__ import annotations

from flask import Blueprint, Flask, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..accounts.models import User
from ..clock import today_in_thailand
from ..extensions import db
from ..i18n import localized
from .forms import AddToCartForm, CartLineForm, UpdateCartForm, first_error, problem_message
from .models import CartItem
from .services import (
    UNAVAILABLE, AccountCart, Cart, CartError, CookieCart, add_item, cart_contents, merge_session_cart, remove_item,
    update_item,
)

bp = Blueprint("cart", __name__, url_prefix="/cart")


def current_cart() -> Cart:
    """The signed-in user's account cart, or the visitor's cookie cart."""
    if current_user.is_authenticated:
        return AccountCart(db.session, current_user._get_current_object())
    return CookieCart(session)


def cart_count() -> int:
    """How many units the cart holds, for a badge in the header."""
    if current_user.is_authenticated:
        return db.session.scalar(select(func.coalesce(func.sum(CartItem.quantity), 0))
                                 .where(CartItem.user_id == current_user.id)) or 0
    return sum(CookieCart(session).quantities().values())


bp.add_app_template_global(cart_count, "cart_count")


def merge_cart_at_sign_in(app: Flask, user: User) -> None:
    """On Flask-Login's ``user_logged_in`` (sign-in and sign-up): the visitor's cookie
    cart moves into the account's cart, in the request's transaction."""
    merge_session_cart(db.session, user, CookieCart(session), today=today_in_thailand())


def _listing_page(listing_id: int | None):
    if listing_id:
        return redirect(url_for("catalog.listing", listing_id=listing_id))
    return redirect(url_for("catalog.index"))


@bp.get("/")
def view():
    contents = cart_contents(db.session, current_cart(), today=today_in_thailand())
    messages = {line.key: problem_message(line.problem, localized(line.listing, "title") or None)
                for line in contents.lines if line.problem is not None}
    return render_template("cart/cart.html", contents=contents, problems=messages)


@bp.post("/add")
def add():
    form = AddToCartForm()
    if not form.validate_on_submit():
        flash(first_error(form), "error")
        return _listing_page(form.listing_id.data)
    listing_id, slot_id = form.key
    assert form.quantity.data is not None  # InputRequired
    try:
        add_item(db.session, current_cart(), listing_id, slot_id, form.quantity.data, today=today_in_thailand())
    except CartError as error:
        db.session.rollback()
        flash(problem_message(error.problem, error.title, error.in_cart), "error")
        if error.problem.reason == UNAVAILABLE:
            return redirect(url_for(".view"))
        return _listing_page(listing_id)
    db.session.commit()
    flash(_("Added to your cart."), "success")
    return redirect(url_for(".view"))


@bp.post("/update")
def update():
    form = UpdateCartForm()
    if not form.validate_on_submit():
        flash(first_error(form), "error")
        return redirect(url_for(".view"))
    listing_id, slot_id = form.key
    assert form.quantity.data is not None  # InputRequired
    try:
        quantity = update_item(db.session, current_cart(), listing_id, slot_id, form.quantity.data,
                               today=today_in_thailand())
    except CartError as error:
        db.session.rollback()
        flash(problem_message(error.problem, error.title, 0), "error")
        return redirect(url_for(".view"))
    db.session.commit()
    flash(_("Your cart is updated.") if quantity else _("Removed from your cart."), "success")
    return redirect(url_for(".view"))


@bp.post("/remove")
def remove():
    form = CartLineForm()
    if form.validate_on_submit():
        remove_item(current_cart(), *form.key)
        db.session.commit()
        flash(_("Removed from your cart."), "success")
    return redirect(url_for(".view"))
