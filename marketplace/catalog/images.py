"""Public URLs of stored photos."""

from __future__ import annotations

from .storage import media_storage


def media_url(key: str) -> str:
    """The URL a stored media key is served at, as the storage says (``url_for``), so
    that another storage (object storage, a CDN) changes every photo link at once."""
    return media_storage().url_for(key)
