"""Enterprise sign-up, membership and approval pages.

Producers: ``/producer/enterprises`` (theirs), ``/producer/enterprises/new`` (sign-up) and
``/producer/enterprises/<id>`` (details and co-managers). Company staff and admins:
``/company/enterprises`` (the enterprises of their province(s), every province's for
an admin, pending first, filtered by status, province, OTOP stars and a search) and
``/company/enterprises/<id>`` (review, approve, suspend). Anyone:
``/enterprises/<id>``, an approved enterprise's public page with its listings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from .. import geo
from ..accounts.access import STAFF, current_actor, role_required
from ..accounts.models import Role
from ..address_form import address_needs_refresh, fill_address_choices
from ..companies.queries import provinces_by_region
from ..db import utcnow
from ..errors import Conflict, InvalidTransition, ValidationError
from ..extensions import db
from ..i18n import localized
from ..redirects import local_url
from .forms import ApproveForm, EnterpriseForm, InviteForm, StarsForm, SuspendForm, show_field_errors
from .models import CommunityEnterprise, EnterpriseStatus
from .queries import (
    enterprise_for_member, enterprise_for_staff, enterprise_members, member_enterprises, overseen_provinces,
    parse_enterprise_filters, staff_enterprises,
)
from .services import (
    add_member, approve_enterprise, register_enterprise, remove_member, suspend_enterprise, verify_stars,
)

bp = Blueprint("enterprises", __name__)


def address_text(province_code: str, district_code: str, subdistrict_code: str) -> str:
    """The subdistrict, district and province, in the page's language, for the templates."""
    places = (geo.subdistrict(subdistrict_code), geo.district(district_code), geo.province(province_code))
    return ", ".join(localized(place, "name") for place in places if place is not None)


bp.add_app_template_global(address_text, "address_text")

STAFF_PAGE_SIZE = 50


# -- producers ----------------------------------------------------------------------------------

@bp.get("/producer/enterprises")
@login_required
def mine():
    return render_template("enterprises/mine.html", enterprises=member_enterprises(db.session, current_actor()))


@bp.route("/producer/enterprises/new", methods=["GET", "POST"])
@login_required
def new():
    form = EnterpriseForm()
    status = 200
    next_step = None
    if form.is_submitted():
        if address_needs_refresh(form):
            fill_address_choices(form)
            next_step = "district" if not form.district_code.data else "subdistrict"
        elif form.validate():
            try:
                enterprise = register_enterprise(db.session, current_actor(), form.details())
            except (ValidationError, Conflict) as error:
                db.session.rollback()
                show_field_errors(form, error.fields)
                status = error.status
            else:
                db.session.commit()
                flash(_("Thank you! %(name)s is registered and waits for the approval of the provincial "
                        "company.", name=enterprise.name_th), "success")
                return redirect(url_for(".manage", enterprise_id=enterprise.id))
        else:
            status = 422
    if next_step is None:
        fill_address_choices(form)
    return render_template("enterprises/new.html", form=form, next_step=next_step), status


def _render_manage(enterprise: CommunityEnterprise, invite_form: InviteForm, status: int = 200,
                   members_error: str | None = None):
    return render_template(
        "enterprises/manage.html", enterprise=enterprise, members=enterprise_members(db.session, enterprise),
        invite_form=invite_form, members_error=members_error,
    ), status


@bp.get("/producer/enterprises/<int:enterprise_id>")
@login_required
def manage(enterprise_id: int):
    enterprise = enterprise_for_member(db.session, current_actor(), enterprise_id)
    return _render_manage(enterprise, InviteForm(formdata=None))


@bp.post("/producer/enterprises/<int:enterprise_id>/members")
@login_required
def invite(enterprise_id: int):
    enterprise = enterprise_for_member(db.session, current_actor(), enterprise_id)
    form = InviteForm()
    status = 422
    if form.validate_on_submit():
        try:
            user = add_member(db.session, current_actor(), enterprise, form.email.data)
        except (ValidationError, Conflict) as error:
            db.session.rollback()
            show_field_errors(form, error.fields)
            status = error.status
        else:
            db.session.commit()
            flash(_("%(name)s can now manage this enterprise with you.", name=user.name), "success")
            return redirect(url_for(".manage", enterprise_id=enterprise.id))
    return _render_manage(enterprise, form, status)


@bp.post("/producer/enterprises/<int:enterprise_id>/members/<int:user_id>/remove")
@login_required
def remove(enterprise_id: int, user_id: int):
    enterprise = enterprise_for_member(db.session, current_actor(), enterprise_id)
    leaving = user_id == current_actor().id
    try:
        remove_member(db.session, current_actor(), enterprise, user_id)
    except Conflict:
        db.session.rollback()
        return _render_manage(enterprise, InviteForm(formdata=None), 409, members_error=_(
            "An enterprise needs at least one member: invite someone else before you leave."
        ))
    db.session.commit()
    if leaving:
        flash(_("You no longer manage %(name)s.", name=enterprise.name_th), "info")
        return redirect(url_for(".mine"))
    flash(_("The member was removed."), "info")
    return redirect(url_for(".manage", enterprise_id=enterprise.id))


# -- company staff ------------------------------------------------------------------------------

# The staff list's query arguments, kept in its tabs, form and next-page link.
STAFF_FILTER_ARGS = ("status", "province", "stars", "declared_unverified", "q")


def _staff_filter_args() -> dict[str, str]:
    given = ((name, (request.args.get(name) or "").strip()) for name in STAFF_FILTER_ARGS)
    return {name: value for name, value in given if value}


def _staff_filter_messages(fields: Mapping[str, str]) -> dict[str, str]:
    """The reader's words for what is wrong with each filter."""
    messages = {
        "status": _("There is no such status. Choose one of the tabs below."),
        "province": _("Choose a province from the list."),
        "stars": _("Choose from 1 to 5 OTOP stars."),
        "declared_unverified": _("Tick the box or leave it empty."),
        "q": _("Search for at most 100 characters."),
    }
    return {name: messages.get(name, _("Some filters are not valid. Please correct them and try again."))
            for name in fields}


@bp.get("/company/enterprises")
@role_required(*STAFF)
def staff():
    """The enterprises the staff member oversees (every province's for an admin),
    filtered by status, province, OTOP stars and a search; a province the staff member
    does not oversee lists nothing, like a search that matches nothing."""
    user = current_actor()
    args = _staff_filter_args()
    overseen = overseen_provinces(db.session, user)
    context: dict[str, Any] = {
        "args": args, "here": request.full_path.rstrip("?"), "every_province": user.has_role(Role.ADMIN),
        "provinces": provinces_by_region(overseen), "only_province": overseen[0] if len(overseen) == 1 else None,
        "enterprises": [], "next_cursor": None, "errors": {},
    }
    try:
        filters = parse_enterprise_filters(args)
    except ValidationError as error:
        context["errors"] = _staff_filter_messages(error.fields)
        return render_template("enterprises/staff.html", **context), 422
    try:
        page = staff_enterprises(db.session, user, filters, cursor=request.args.get("cursor") or None,
                                 limit=STAFF_PAGE_SIZE)
    except ValidationError:
        abort(400)
    context.update(enterprises=page.items, next_cursor=page.next_cursor)
    return render_template("enterprises/staff.html", **context)


def _render_review(enterprise: CommunityEnterprise, approve_form: ApproveForm, suspend_form: SuspendForm,
                   status: int = 200, stars_form: StarsForm | None = None):
    level = enterprise.otop_stars if enterprise.otop_stars is not None else enterprise.otop_stars_declared
    return render_template(
        "enterprises/review.html", enterprise=enterprise, members=enterprise_members(db.session, enterprise),
        approve_form=approve_form, suspend_form=suspend_form,
        stars_form=stars_form or StarsForm(formdata=None, otop_stars=str(level or "")),
    ), status


@bp.get("/company/enterprises/<int:enterprise_id>")
@role_required(*STAFF)
def review(enterprise_id: int):
    enterprise = enterprise_for_staff(db.session, current_actor(), enterprise_id)
    return _render_review(enterprise, ApproveForm(formdata=None), SuspendForm(formdata=None))


def _transition_message(enterprise: CommunityEnterprise) -> str:
    if enterprise.status is EnterpriseStatus.APPROVED:
        return _("This enterprise is already approved.")
    if enterprise.status is EnterpriseStatus.SUSPENDED:
        return _("This enterprise is already suspended.")
    return _("This change is not possible now.")


def _change_status(enterprise_id: int, form: ApproveForm | SuspendForm, change: Callable[..., Any], done: str):
    """The approve and suspend posts: one service call; the review page again on failure,
    with the reason kept."""
    enterprise = enterprise_for_staff(db.session, current_actor(), enterprise_id)
    status = 422
    if form.validate_on_submit():
        try:
            change(db.session, current_actor(), enterprise, reason=form.reason.data)
        except (ValidationError, Conflict) as error:
            db.session.rollback()
            status = error.status
            if isinstance(error, InvalidTransition):
                form.form_errors.append(_transition_message(enterprise))
            else:
                show_field_errors(form, error.fields)
        else:
            db.session.commit()
            flash(done, "success")
            return redirect(local_url(form.next.data, url_for(".review", enterprise_id=enterprise.id)))
    approve_form = form if isinstance(form, ApproveForm) else ApproveForm(formdata=None)
    suspend_form = form if isinstance(form, SuspendForm) else SuspendForm(formdata=None)
    return _render_review(enterprise, approve_form, suspend_form, status)


@bp.post("/company/enterprises/<int:enterprise_id>/stars")
@role_required(*STAFF)
def stars(enterprise_id: int):
    """Staff confirm (or clear) the OTOP star level; only a verified level shows as stars."""
    enterprise = enterprise_for_staff(db.session, current_actor(), enterprise_id)
    form = StarsForm()
    if form.validate_on_submit():
        try:
            verify_stars(db.session, current_actor(), enterprise, form.otop_stars.data or None, now=utcnow())
        except ValidationError:
            db.session.rollback()
            form.otop_stars.errors = [_("Choose a level from 1 to 5, or none.")]
        else:
            db.session.commit()
            flash(_("The OTOP stars are verified: the storefront shows them."), "success")
            return redirect(url_for(".review", enterprise_id=enterprise.id))
    return _render_review(enterprise, ApproveForm(formdata=None), SuspendForm(formdata=None), 422, stars_form=form)


@bp.post("/company/enterprises/<int:enterprise_id>/approve")
@role_required(*STAFF)
def approve(enterprise_id: int):
    return _change_status(enterprise_id, ApproveForm(), approve_enterprise,
                          _("The enterprise is approved: its producers can publish listings."))


@bp.post("/company/enterprises/<int:enterprise_id>/suspend")
@role_required(*STAFF)
def suspend(enterprise_id: int):
    return _change_status(enterprise_id, SuspendForm(), suspend_enterprise,
                          _("The enterprise is suspended: its listings are hidden from the storefront."))
