"""The domain error tree.

Services raise these; the pages and the API translate them in one place
(``marketplace.errorhandlers``) into an HTML page or the JSON error shape of the
API contract. ``code`` is the machine-readable snake_case code of that contract.
"""

from __future__ import annotations

from typing import Any


class ConfigurationError(RuntimeError):
    """The app cannot start with the settings it was given."""


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, fields: dict[str, str] | None = None,
                 **extra: Any):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.fields = fields or {}
        self.extra = extra


class BadRequest(DomainError):
    status = 400
    code = "bad_request"


class NotAuthenticated(DomainError):
    status = 401
    code = "not_authenticated"


class InvalidCredentials(NotAuthenticated):
    code = "invalid_credentials"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class NotFound(DomainError):
    """Raised for objects that do not exist *and* for objects the caller may not see."""

    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class OutOfStock(Conflict):
    code = "out_of_stock"


class SlotFull(Conflict):
    code = "slot_full"


class InvalidTransition(Conflict):
    code = "invalid_transition"


class PayloadTooLarge(DomainError):
    status = 413
    code = "too_large"


class UnsupportedMediaType(DomainError):
    status = 415
    code = "unsupported_media_type"


class ValidationError(DomainError):
    """Values that parse but break a rule; ``fields`` says which and why."""

    status = 422
    code = "invalid"


class PaymentFailed(DomainError):
    status = 402
    code = "payment_failed"
