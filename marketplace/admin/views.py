"""``/admin/``: the national admin's start page, leading to each desk of the back office."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..accounts.access import role_required
from ..accounts.models import Role

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
@role_required(Role.ADMIN)
def index():
    return render_template("admin/index.html")


from . import people_views  # noqa: E402,F401  (its routes register on bp)
