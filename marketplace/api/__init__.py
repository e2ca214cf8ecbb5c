"""The JSON API v1 (see shared/API.md): one module per area, all on one blueprint."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
