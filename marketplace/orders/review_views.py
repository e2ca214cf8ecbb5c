"""The review page of one order line: ``/orders/<order_id>/lines/<line_id>/review``.

Only the consumer of the order sees it (anyone else gets 404). Before the line's
fulfilment is delivered (goods) or completed (tour) it says when the review opens;
once reviewed it shows the review. The rules live in ``orders.reviews``.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; not in types-WTForms 3.2
from wtforms.validators import Length, Optional

from ..accounts.access import current_actor
from ..db import utcnow
from ..errors import Conflict, ValidationError
from ..extensions import db
from ..fulfilment.states import FulfilmentKind
from . import reviews
from .models import OrderLine

bp = Blueprint("reviews", __name__)

STAR_CHOICES = [SelectChoice(str(count)) for count in range(reviews.RATING_MIN, reviews.RATING_MAX + 1)]


def _at_most(count: int) -> Length:
    return Length(max=count, message=_l("At most %(max)d characters."))


class ReviewForm(FlaskForm):
    """Only what a browser could get wrong is checked here (overlong text); the ratings'
    rules are ``reviews.submit_review``'s."""

    product_rating = RadioField(_l("Your rating of the product"), choices=STAR_CHOICES, validate_choice=False)
    product_text = TextAreaField(
        _l("What did you think of it? (optional)"), validators=[Optional(), _at_most(reviews.TEXT_MAX)],
        render_kw={"rows": 5, "maxlength": reviews.TEXT_MAX},
    )
    service_rating = RadioField(_l("Your rating of the service (optional)"), choices=STAR_CHOICES,
                                validate_choice=False)
    service_text = TextAreaField(
        _l("How was the service? (optional)"), validators=[Optional(), _at_most(reviews.TEXT_MAX)],
        render_kw={"rows": 3, "maxlength": reviews.TEXT_MAX},
    )


def _reason_message(reason: str) -> str:
    return {
        reviews.RATING_REQUIRED: _("Choose from 1 to 5 stars."),
        reviews.RATING_NOT_A_NUMBER: _("Choose from 1 to 5 stars."),
        reviews.RATING_OUT_OF_RANGE: _("Choose from 1 to 5 stars."),
        reviews.TEXT_TOO_LONG: _("At most %(max)d characters.", max=reviews.TEXT_MAX),
    }.get(reason, reason)


def _show_field_errors(form: ReviewForm, fields: dict[str, str]) -> None:
    for name, reason in fields.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, _reason_message(reason)]
        else:
            form.form_errors.append(_reason_message(reason))


def _not_yet_message(line: OrderLine) -> str:
    if line.fulfilment.kind is FulfilmentKind.TOUR:
        return _("You can review this tour once it is completed.")
    return _("You can review this item once it has been delivered.")


def _line(order_id: int, line_id: int) -> OrderLine:
    return reviews.line_for_consumer(db.session, current_actor(), order_id, line_id)


@bp.route("/orders/<int:order_id>/lines/<int:line_id>/review", methods=["GET", "POST"])
@login_required
def review(order_id: int, line_id: int):
    line = _line(order_id, line_id)
    form = ReviewForm()
    status = 200
    problem = None
    if form.is_submitted():
        status = 422
        if form.validate():
            try:
                reviews.submit_review(
                    db.session, current_actor(), line.id,
                    product_rating=form.product_rating.data, product_text=form.product_text.data,
                    service_rating=form.service_rating.data, service_text=form.service_text.data, now=utcnow(),
                )
            except ValidationError as error:
                db.session.rollback()
                _show_field_errors(form, error.fields)
            except Conflict as error:
                db.session.rollback()
                status = error.status
                problem = (_("You have already reviewed this item.") if error.code == "review_exists"
                           else _not_yet_message(line))
            else:
                db.session.commit()
                flash(_("Thank you! Your review is published."), "success")
                return redirect(url_for(".review", order_id=order_id, line_id=line_id))
    existing = reviews.review_of_line(db.session, line.id)
    return render_template(
        "reviews/review.html", line=line, order=line.order, company=line.fulfilment.company, form=form,
        existing=existing, reviewable=reviews.is_reviewable(line), not_yet=_not_yet_message(line),
        problem=problem,
    ), status
