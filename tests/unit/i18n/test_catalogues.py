"""The message catalogues keep up with the code.

Messages are extracted from the code exactly as ``marketplace/translations/babel.cfg``
says, and then: every message has a Thai translation, the English catalogue and the
template hold every message too, and no catalogue carries fuzzy or stale entries. So a
string cannot reach a page without its translation, and a dropped one leaves no trace.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
TRANSLATIONS = ROOT / "marketplace" / "translations"
# The same options as the command documented in babel.cfg.
EXTRACT_OPTIONS = [
    "-F", str(TRANSLATIONS / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext",
    "--ignore-dirs", ".*", "--no-location", "--sort-output",
]
LANGUAGES = ("th", "en")


def key(message: Message) -> tuple[str | None, str]:
    singular = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return message.context, singular


def keys(catalog: Catalog) -> set[tuple[str | None, str]]:
    return {key(message) for message in catalog if message.id}


def load(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Catalog:
    output = tmp_path_factory.mktemp("i18n") / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", *EXTRACT_OPTIONS, "-o", str(output), str(ROOT)])
    return load(output)


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request) -> str:
    return request.param


def catalogue(language: str) -> Catalog:
    return load(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po")


def test_the_code_has_messages_from_python_and_templates(extracted):
    found = keys(extracted)

    assert (None, "We could not find that page.") in found  # marketplace/errorhandlers.py
    assert (None, "Enter your email address.") in found  # a lazy_gettext in a form
    assert (None, "Sign in") in found  # templates/base.html
    assert (None, "No reviews yet") in found  # templates/_macros/, which Babel skips unless told


def test_every_message_has_a_thai_translation(extracted):
    thai = catalogue("th")
    untranslated = []
    for message in extracted:
        if not message.id:
            continue
        translation = thai.get(message.id, context=message.context)
        strings = translation.string if translation is not None else None
        strings = strings if isinstance(strings, (list, tuple)) else [strings]
        if translation is None or not all(strings):
            untranslated.append(key(message)[1])

    assert not untranslated, "Missing Thai translations (run pybabel update, then translate):\n" + "\n".join(
        untranslated
    )


def test_the_catalogue_holds_exactly_the_messages_of_the_code(extracted, language):
    catalog = catalogue(language)

    assert sorted(keys(extracted) - keys(catalog), key=str) == [], "missing: run pybabel update"
    assert sorted(keys(catalog) - keys(extracted), key=str) == [], "stale: pybabel update --ignore-obsolete"


def test_the_template_is_up_to_date(extracted):
    template = load(TRANSLATIONS / "messages.pot")

    assert keys(template) == keys(extracted), "run pybabel extract as babel.cfg says"


def test_no_fuzzy_or_obsolete_entries(language):
    catalog = catalogue(language)

    assert not catalog.obsolete
    assert [key(message)[1] for message in catalog if message.id and message.fuzzy] == []
    assert not catalog.fuzzy  # the header


def test_translations_keep_their_placeholders(language):
    catalog = catalogue(language)
    problems = [(key(message)[1], [str(error) for error in errors]) for message, errors in catalog.check()]

    assert problems == []


def test_the_catalogues_declare_their_language_and_plural_forms(language):
    catalog = catalogue(language)

    assert str(catalog.locale) == language
    assert catalog.num_plurals == (1 if language == "th" else 2)
