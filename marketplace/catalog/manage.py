"""The producer's pages for managing their listings: a dashboard of their enterprises
and listings, the new and edit forms, and the publish / unpublish / archive / delete
buttons. Every listing and enterprise is loaded through the authorization queries,
so another producer's gets a 404 and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..accounts.access import current_actor
from ..enterprises.models import CommunityEnterprise, EnterpriseStatus
from ..enterprises.queries import enterprise_for_member, member_enterprises
from ..errors import Conflict, ValidationError
from ..extensions import db
from ..i18n import localized
from ..redirects import local_url
from . import services
from .forms import ListingForm, conflict_message, form_for, show_field_problems, show_listing_errors
from .models import Category, Listing, ListingKind, ListingStatus
from .queries import categories, listing_for_producer, listing_was_ordered, producer_listings

bp = Blueprint("manage", __name__, url_prefix="/producer")


def _category_name(category: Category) -> str:
    return localized(category, "name")


def _own_enterprise(enterprise_id: int | None) -> CommunityEnterprise:
    """The enterprise asked for; without one, the producer's only enterprise."""
    if enterprise_id is None:
        enterprises = member_enterprises(db.session, current_actor())
        if len(enterprises) != 1:
            abort(404)
        return enterprises[0]
    return enterprise_for_member(db.session, current_actor(), enterprise_id)


def _render_form(form: ListingForm, enterprise: CommunityEnterprise, listing: Listing | None, status: int = 200):
    context = {
        "form": form, "enterprise": enterprise, "listing": listing, "kind": form.kind,
        "can_publish": enterprise.status == EnterpriseStatus.APPROVED,
    }
    if listing is not None:
        context.update(
            ordered=listing_was_ordered(db.session, listing.id),
            photos_url=url_for("photos.index", listing_id=listing.id),
            slots_url=url_for("slots.index", listing_id=listing.id) if listing.kind is ListingKind.TOUR else None,
        )
    return render_template("manage/listing_form.html", **context), status


def _edit_form(listing: Listing, *, from_request: bool) -> ListingForm:
    kwargs: dict[str, Any] = {"data": ListingForm.initial(listing)}
    if not from_request:
        kwargs["formdata"] = None
    form = form_for(listing.kind, **kwargs)
    form.set_categories(categories(db.session), _category_name, current=listing.category)
    return form


@bp.get("/")
@login_required
def dashboard():
    session = db.session
    enterprises = member_enterprises(session, current_actor())
    listings = producer_listings(session, current_actor())
    listings_of: dict[int, list[Listing]] = {enterprise.id: [] for enterprise in enterprises}
    for listing in listings:
        listings_of.setdefault(listing.enterprise_id, []).append(listing)
    low_stock = [
        listing for listing in listings
        if listing.kind is ListingKind.PRODUCT and listing.status is not ListingStatus.ARCHIVED
        and listing.stock is not None and listing.stock <= listing.low_stock_threshold
    ]
    return render_template("manage/dashboard.html", enterprises=enterprises, listings_of=listings_of,
                           low_stock=low_stock)


@bp.route("/listings/new", methods=["GET", "POST"])
@login_required
def new_listing():
    session = db.session
    enterprise = _own_enterprise(request.args.get("enterprise", type=int))
    kind_value = request.args.get("kind", ListingKind.PRODUCT.value)
    if kind_value not in ListingKind.__members__.values():
        abort(404)
    form = form_for(ListingKind(kind_value))
    form.set_categories(categories(session), _category_name)
    status = 422 if form.is_submitted() else 200
    if form.validate_on_submit():
        publish_now = request.form.get("action") == "publish"
        try:
            listing = services.create_listing(
                session, current_actor(), enterprise.id, kind=form.kind.value,
                status=ListingStatus.ACTIVE.value if publish_now else ListingStatus.DRAFT.value,
                **form.listing_fields(),
            )
        except (ValidationError, Conflict) as error:
            session.rollback()
            show_listing_errors(form, error)
            status = error.status
        else:
            session.commit()
            if publish_now:
                flash(_("Your listing is published."), "success")
            else:
                flash(_("Your listing is saved as a draft. Add photos, then publish it."), "success")
            return redirect(url_for(".edit_listing", listing_id=listing.id))
    elif form.is_submitted():
        show_field_problems(form, services.listing_problems(session, form.kind, form.readable_fields()))
    return _render_form(form, enterprise, None, status)


@bp.route("/listings/<int:listing_id>/edit", methods=["GET", "POST"])
@login_required
def edit_listing(listing_id: int):
    session = db.session
    listing = listing_for_producer(db.session, current_actor(), listing_id)
    form = _edit_form(listing, from_request=True)
    status = 422 if form.is_submitted() else 200
    if form.validate_on_submit():
        try:
            services.update_listing(session, current_actor(), listing, **form.listing_fields())
        except (ValidationError, Conflict) as error:
            session.rollback()
            show_listing_errors(form, error)
            status = error.status
        else:
            session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for(".edit_listing", listing_id=listing.id))
    elif form.is_submitted():
        show_field_problems(form, services.listing_problems(session, form.kind, form.readable_fields(), listing))
    return _render_form(form, listing.enterprise, listing, status)


def _act(listing_id: int, action: Callable[..., Any], done: str, *, after: str | None = None):
    """Run one service on the producer's listing, then go to ``after``, or back where
    the button was (the edit page by default); a refusal re-renders the edit page with
    why (409)."""
    session = db.session
    listing = listing_for_producer(db.session, current_actor(), listing_id)
    try:
        action(session, current_actor(), listing)
    except Conflict as error:
        session.rollback()
        form = _edit_form(listing, from_request=False)
        form.form_errors.append(conflict_message(error))
        return _render_form(form, listing.enterprise, listing, error.status)
    session.commit()
    flash(done, "success")
    return redirect(after or local_url(request.form.get("next"), url_for(".edit_listing", listing_id=listing_id)))


@bp.post("/listings/<int:listing_id>/publish")
@login_required
def publish_listing(listing_id: int):
    return _act(listing_id, services.publish, _("The listing is published and shown in the market."))


@bp.post("/listings/<int:listing_id>/unpublish")
@login_required
def unpublish_listing(listing_id: int):
    return _act(listing_id, services.unpublish, _("The listing is a draft again and hidden from the market."))


@bp.post("/listings/<int:listing_id>/archive")
@login_required
def archive_listing(listing_id: int):
    return _act(listing_id, services.archive, _("The listing is archived and hidden from the market."))


@bp.post("/listings/<int:listing_id>/delete")
@login_required
def delete_listing(listing_id: int):
    return _act(listing_id, services.delete_listing, _("The listing is deleted."), after=url_for(".dashboard"))
