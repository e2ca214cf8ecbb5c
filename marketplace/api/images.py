"""images routes of the API."""

from . import bp  # noqa: F401
