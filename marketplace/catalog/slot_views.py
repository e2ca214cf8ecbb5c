"""The producer's pages for a tour's dated slots."""

from flask import Blueprint

bp = Blueprint("slots", __name__, url_prefix="/producer/listings")
