"""The media storage the running app writes photos to and links them from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app

from ..media import LocalStorage, MediaStorage


def storage_from_config(config: Mapping[str, Any]) -> MediaStorage:
    """The local-filesystem storage under ``MEDIA_ROOT``, served from ``MEDIA_URL``:
    the one place to put an object-storage implementation instead."""
    return LocalStorage(config["MEDIA_ROOT"], config["MEDIA_URL"])


def media_storage() -> MediaStorage:
    """The app's storage (bound in ``create_app``): the pages, the API and the commands
    all store through it and take photo URLs from its ``url_for``. Needs an app context."""
    storage: MediaStorage = current_app.extensions["media_storage"]
    return storage
