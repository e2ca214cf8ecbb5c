"""Language choice and bilingual fields. Thai is the default, English the second language."""

from __future__ import annotations

from flask import request
from flask_babel import get_locale

from . import geo

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


def province_name(code: str) -> str:
    """The name of the province of DOPA ``code`` in the page's language (the code itself
    for an unknown one)."""
    return localized(geo.province(code), "name") or code


THAI_LEADING_VOWELS = "เแโใไ"


def thai_sort_key(text: str) -> str:
    """Thai dictionary order for names: a leading vowel (เ แ โ ใ ไ) sorts after the
    consonant it is written before, so เชียงใหม่ comes under ช, not before ก."""
    if len(text) > 1 and text[0] in THAI_LEADING_VOWELS:
        return text[1] + text[0] + text[2:]
    return text
