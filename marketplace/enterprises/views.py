"""Enterprise sign-up, membership and approval pages."""

from flask import Blueprint

bp = Blueprint("enterprises", __name__)
