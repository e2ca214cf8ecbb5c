"""``/admin/categories``: the national admin's table of listing categories and the form
to add one; ``/admin/categories/<id>`` renames, retires and restores one. The rules are
``catalog.categories``'."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext

from ..accounts.access import current_actor, role_required
from ..accounts.models import Role
from ..catalog import categories as rules
from ..catalog.models import Category
from ..db import utcnow
from ..errors import InvalidTransition, ValidationError
from ..extensions import db
from ..i18n import localized
from .category_forms import KIND_NAMES, CategoryActionForm, NewCategoryForm, RenameCategoryForm, show_field_errors
from .views import bp


def _render_categories(form: NewCategoryForm, status: int = 200) -> ResponseReturnValue:
    rows = rules.category_rows(db.session, current_actor())
    return render_template("admin/categories.html", rows=rows, form=form, kind_names=KIND_NAMES), status


@bp.get("/categories")
@role_required(Role.ADMIN)
def categories() -> ResponseReturnValue:
    return _render_categories(NewCategoryForm(formdata=None))


@bp.post("/categories")
@role_required(Role.ADMIN)
def add_category() -> ResponseReturnValue:
    form = NewCategoryForm()
    if not form.validate_on_submit():
        return _render_categories(form, 422)
    try:
        category = rules.create_category(db.session, current_actor(), now=utcnow(), **form.values())
    except ValidationError as error:
        db.session.rollback()
        show_field_errors(form, error.fields)
        return _render_categories(form, error.status)
    db.session.commit()
    flash(_("The category %(name)s is added: producers can choose it for new listings.",
            name=localized(category, "name")), "success")
    return redirect(url_for(".categories"))


def _render_category(category: Category, form: RenameCategoryForm, status: int = 200,
                     action_error: str | None = None) -> ResponseReturnValue:
    row = rules.category_rows(db.session, current_actor(), category.id)[0]
    return render_template("admin/category.html", category=category, row=row, form=form,
                           action_form=CategoryActionForm(formdata=None), action_error=action_error,
                           kind_names=KIND_NAMES), status


@bp.get("/categories/<int:category_id>")
@role_required(Role.ADMIN)
def category(category_id: int) -> ResponseReturnValue:
    found = rules.category_for_admin(db.session, current_actor(), category_id)
    return _render_category(found, RenameCategoryForm.of(found))


@bp.post("/categories/<int:category_id>")
@role_required(Role.ADMIN)
def rename_category(category_id: int) -> ResponseReturnValue:
    found = rules.category_for_admin(db.session, current_actor(), category_id)
    form = RenameCategoryForm()
    if not form.validate_on_submit():
        return _render_category(found, form, 422)
    try:
        changed = rules.rename_category(db.session, current_actor(), found, name_th=form.name_th.data,
                                        name_en=form.name_en.data, now=utcnow())
    except ValidationError as error:
        db.session.rollback()
        show_field_errors(form, error.fields)
        return _render_category(found, form, error.status)
    db.session.commit()
    if changed:
        flash(_("The category is renamed: its listings show the new name."), "success")
    else:
        flash(_("Nothing was changed."), "info")
    return redirect(url_for(".category", category_id=found.id))


@bp.post("/categories/<int:category_id>/retire")
@role_required(Role.ADMIN)
def retire_category(category_id: int) -> ResponseReturnValue:
    found = rules.category_for_admin(db.session, current_actor(), category_id)
    if not CategoryActionForm().validate_on_submit():
        return _render_category(found, RenameCategoryForm.of(found), 400)
    try:
        rules.retire_category(db.session, current_actor(), found, now=utcnow())
    except InvalidTransition as error:
        db.session.rollback()
        return _render_category(found, RenameCategoryForm.of(found), error.status,
                                action_error=_("This category is retired already."))
    db.session.commit()
    count = rules.category_rows(db.session, current_actor(), found.id)[0].listings
    flash(ngettext("%(name)s is retired: it takes no new listings. Its %(num)d listing keeps it.",
                   "%(name)s is retired: it takes no new listings. Its %(num)d listings keep it.",
                   count, name=localized(found, "name")), "success")
    return redirect(url_for(".category", category_id=found.id))


@bp.post("/categories/<int:category_id>/restore")
@role_required(Role.ADMIN)
def restore_category(category_id: int) -> ResponseReturnValue:
    found = rules.category_for_admin(db.session, current_actor(), category_id)
    if not CategoryActionForm().validate_on_submit():
        return _render_category(found, RenameCategoryForm.of(found), 400)
    try:
        rules.restore_category(db.session, current_actor(), found, now=utcnow())
    except InvalidTransition as error:
        db.session.rollback()
        return _render_category(found, RenameCategoryForm.of(found), error.status,
                                action_error=_("This category is in use already."))
    db.session.commit()
    flash(_("%(name)s is in use again: producers can choose it for new listings.",
            name=localized(found, "name")), "success")
    return redirect(url_for(".category", category_id=found.id))
