"""Language choice and bilingual fields. Thai is the default, English the second language."""

from __future__ import annotations

from flask import request
from flask_babel import get_locale

LANGUAGES = ("th", "en")
DEFAULT_LANGUAGE = "th"
LANG_COOKIE = "lang"


def select_locale() -> str:
    """``?lang=`` wins, then the language cookie, then the browser's preference."""
    if not request:
        return DEFAULT_LANGUAGE
    for candidate in (request.args.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def localized(obj: object, field: str) -> str:
    """The English ``<field>_en`` when the page is in English and it is filled in,
    otherwise the Thai ``<field>_th``."""
    if obj is None:
        return ""
    if current_language() == "en":
        english: str | None = getattr(obj, f"{field}_en", None)
        if english:
            return english
    thai: str | None = getattr(obj, f"{field}_th", "")
    return thai or ""
