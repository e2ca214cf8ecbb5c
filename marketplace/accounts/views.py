"""Sign up, sign in and sign out on the web (session cookie; the API uses tokens)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..errors import Conflict, InvalidCredentials, ValidationError
from ..extensions import db, limiter
from ..redirects import local_url
from .forms import LoginForm, RegisterForm, show_field_errors
from .services import authenticate, register_user

bp = Blueprint("accounts", __name__)

# Limits per client address on the POSTs that try passwords or create accounts.
SIGN_IN_LIMIT = "10 per minute;50 per hour"
REGISTER_LIMIT = "5 per minute;20 per hour"


def _next_url(form) -> str:
    return local_url(form.next.data or request.args.get("next"), url_for("catalog.index"))


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(REGISTER_LIMIT, methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("catalog.index"))
    form = RegisterForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        try:
            user = register_user(db.session, email=form.email.data or "", password=form.password.data or "",
                                 name=form.name.data or "", phone=form.phone.data or None)
        except (ValidationError, Conflict) as error:
            db.session.rollback()
            show_field_errors(form, error.fields)
        else:
            db.session.commit()
            login_user(user)  # the cart hears of it and takes in the visitor's cart
            db.session.commit()
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.name), "success")
            return redirect(_next_url(form))
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/register.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(_next_url(form))
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        try:
            user = authenticate(db.session, form.email.data, form.password.data)
        except InvalidCredentials:
            db.session.rollback()
            form.form_errors.append(_("The email or password is incorrect."))
        else:
            db.session.commit()  # keeps a re-hashed password, when the hash parameters changed
            login_user(user, remember=bool(form.remember.data))  # the cart takes in the visitor's cart
            db.session.commit()
            flash(_("You are signed in."), "success")
            return redirect(_next_url(form))
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
def logout():
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("catalog.index"))
