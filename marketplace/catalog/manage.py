"""The producer's pages for managing their listings."""

from flask import Blueprint

bp = Blueprint("manage", __name__, url_prefix="/producer")
