"""Sales and payout pages for producers."""

from flask import Blueprint

bp = Blueprint("sales", __name__, url_prefix="/producer/sales")
