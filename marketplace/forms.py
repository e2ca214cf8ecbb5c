"""What every page form shares: showing a service's ``{field: reason}`` next to the inputs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_wtf import FlaskForm


def attach_errors(form: FlaskForm, messages: Iterable[tuple[str, str]], *,
                  rename: Mapping[str, str] | None = None) -> None:
    """Put each ``(field, message)`` next to the form's input of that name (after
    ``rename``, for services that name a field differently); a message for a field the
    form lacks goes above the form, in ``form.form_errors``."""
    for name, message in messages:
        field = getattr(form, (rename or {}).get(name, name), None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message]
        else:
            form.form_errors.append(message)
