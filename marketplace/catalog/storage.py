"""The media storage the running app writes photos to."""

from __future__ import annotations

from flask import current_app

from ..media import LocalStorage


def media_storage() -> LocalStorage:
    """The local-filesystem storage under ``MEDIA_ROOT``, served from ``MEDIA_URL``.

    The one place the pages, the API and the commands get their storage from, so
    that an object-storage implementation can replace it here alone. Needs an app context.
    """
    return LocalStorage(current_app.config["MEDIA_ROOT"], current_app.config["MEDIA_URL"])
