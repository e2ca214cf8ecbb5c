"""``/admin/people``: the national admin finds accounts, and at ``/admin/people/<id>``
changes their roles and company or locks them. The rules are ``people_services``',
shared with ``PATCH /api/v1/users/{id}``."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ..accounts.access import current_actor, role_required
from ..accounts.models import Role, User
from ..db import utcnow
from ..errors import Conflict, ValidationError
from ..extensions import db
from . import people_services as admin
from .people_forms import ROLE_NAMES, PersonForm, show_field_errors
from .views import bp

PAGE_SIZE = 50


@bp.get("/people")
@role_required(Role.ADMIN)
def people() -> ResponseReturnValue:
    q = (request.args.get("q") or "").strip()[:254]
    try:
        page = admin.find_users(db.session, current_actor(), q, cursor=request.args.get("cursor") or None,
                                limit=PAGE_SIZE)
    except ValidationError:  # a cursor that was tampered with: start again
        return redirect(url_for(".people", q=q or None))
    return render_template("admin/people.html", users=page.items, next_cursor=page.next_cursor, q=q,
                           role_names=ROLE_NAMES)


def _render_person(user: User, form: PersonForm, status: int = 200) -> ResponseReturnValue:
    form.fill_companies(admin.staff_companies(db.session))
    return render_template("admin/person.html", person=user, form=form, role_names=ROLE_NAMES), status


@bp.get("/people/<int:user_id>")
@role_required(Role.ADMIN)
def person(user_id: int) -> ResponseReturnValue:
    user = admin.user_for_admin(db.session, current_actor(), user_id)
    form = PersonForm(formdata=None)
    form.fill_from(user)
    return _render_person(user, form)


@bp.post("/people/<int:user_id>")
@role_required(Role.ADMIN)
def change_person(user_id: int) -> ResponseReturnValue:
    user = admin.user_for_admin(db.session, current_actor(), user_id)
    form = PersonForm()
    if not form.validate_on_submit():
        return _render_person(user, form, 422)
    try:
        admin.change_user(db.session, current_actor(), user, now=utcnow(), roles=form.chosen_roles(),
                          company_id=form.chosen_company_id(), locked=form.locked.data)
    except (ValidationError, Conflict) as error:
        db.session.rollback()
        show_field_errors(form, error.fields)
        return _render_person(user, form, error.status)
    db.session.commit()
    flash(_("The account of %(name)s is saved.", name=user.name), "success")
    return redirect(url_for(".person", user_id=user.id))
