"""Reading JSON request bodies: one place decides what a malformed body answers."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from ..errors import BadRequest, UnsupportedMediaType


def _is_json(mimetype: str) -> bool:
    if mimetype == "application/json":
        return True
    return mimetype.startswith("application/") and mimetype.endswith("+json")


def json_body() -> dict[str, Any]:
    """The request's body as a JSON object.

    Raises ``UnsupportedMediaType`` (415) unless the body is declared as JSON, and
    ``BadRequest`` (400) when it is empty, not UTF-8 JSON, or not a JSON object.
    Checking the values is the services' business.
    """
    if not _is_json(request.mimetype):
        raise UnsupportedMediaType("Send the body as JSON with 'Content-Type: application/json'")
    raw = request.get_data(cache=True)
    if not raw.strip():
        raise BadRequest("The request body is empty; send a JSON object")
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError as error:  # UnicodeDecodeError and JSONDecodeError both are
        raise BadRequest(f"The request body is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise BadRequest("The request body must be a JSON object")
    return data
