"""Public URLs of stored photos."""

from __future__ import annotations

from flask import current_app


def media_url(key: str) -> str:
    """The URL a stored media key is served at (``MEDIA_URL`` + key)."""
    return current_app.config["MEDIA_URL"].rstrip("/") + "/" + key.lstrip("/")
