"""One place that turns errors into answers: the JSON error shape of the API
contract under ``/api/``, and real pages in the site's style everywhere else."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest as BadRequestError
from werkzeug.exceptions import HTTPException

from .errors import DomainError

log = logging.getLogger(__name__)

_HTTP_CODES = {
    400: "bad_request", 401: "not_authenticated", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
    422: "invalid", 429: "rate_limited", 500: "server_error",
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, code: str, message: str, fields: Mapping[str, str] | None = None,
                   **extra: Any) -> tuple[Response | str, int]:
    """The API's error body, or the site's error page, for one failure."""
    if wants_json():
        error: dict[str, Any] = {"code": code, "message": message}
        if fields:
            error["fields"] = fields
        error.update(extra)
        return jsonify({"error": error}), status
    template = f"errors/{status}.html" if status in (403, 404, 500) else "errors/generic.html"
    return render_template(template, status=status, message=message, fields=fields or {}), status


def page_message(status: int) -> str:
    """What a page says for a failure of this status, in the reader's language: a
    page never shows the English text a service wrote for the API."""
    return {
        400: _("The request could not be understood."),
        401: _("Please sign in to continue."),
        402: _("The payment did not go through."),
        403: _("You do not have permission to see this page."),
        404: _("We could not find that page."),
        405: _("That action is not allowed here."),
        409: _("This was changed meanwhile, or cannot be done in its present state. Please reload and try again."),
        413: _("The file is too large."),
        415: _("That kind of file or request is not accepted here."),
        422: _("Some of the values are not valid. Please go back and check them."),
        429: _("Too many requests. Please wait a moment and try again."),
    }.get(status, _("Something went wrong on our side. Please try again."))


def refuse_nul_characters() -> None:
    """No text we store or search may hold NUL (PostgreSQL refuses it outright, and
    nothing a person types contains one): such a request is malformed."""
    form = request.form.values() if request.mimetype == "application/x-www-form-urlencoded" else ()
    values = [*request.args.values(), *form]  # uploads are parsed by their own views, with their size limit
    if any("\x00" in value for value in values):
        raise BadRequestError(description="The request contains a NUL character.")


def register_errorhandlers(app: Flask) -> None:
    app.before_request(refuse_nul_characters)

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        if not wants_json():  # the page for the status; the service's English message is the API's
            return error_response(error.status, error.code, page_message(error.status))
        return error_response(error.status, error.code, error.message, error.fields, **error.extra)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return error_response(400, "csrf_failed", _("Your form expired. Please go back and try again."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        message = (error.description or error.name) if wants_json() else page_message(status)
        body, status = error_response(status, _HTTP_CODES.get(status, "error"), message)
        response = make_response(body, status)
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, HTTPException):  # pragma: no cover - routed above
            return http_error(error)
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return error_response(500, "server_error", page_message(500))
