"""The JSON API v1 (see shared/API.md): one module per area, all on one blueprint.

Callers authenticate with ``Authorization: Bearer <token>`` only (``auth.py``); the
session cookie of the web pages is never consulted here. Errors take the contract's
shape in ``marketplace.errorhandlers``; every view declares its body, query and answers
as pydantic models with ``declare.operation``, which also feed ``openapi.json``.
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import (  # noqa: E402,F401  (routes register on import)
    accounts, audit, auth, catalog, companies, enterprises, fulfilments, images, openapi, orders, payments, reference,
    reports, reviews, slots,
)
