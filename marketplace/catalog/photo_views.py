"""The producer's pages for a listing's photos."""

from flask import Blueprint

bp = Blueprint("photos", __name__, url_prefix="/producer/listings")
