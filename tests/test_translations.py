"""Every interface string exists in Turkish and Russian, and the catalogues compile."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def catalog(code):
    with (LOCALE / code / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=code)


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_every_message_is_translated(code):
    untranslated = [
        message.id
        for message in catalog(code)
        if message.id
        and (
            "fuzzy" in message.flags
            or not (
                all(message.string)
                if isinstance(message.string, tuple)
                else message.string
            )
        )
    ]
    assert untranslated == []


@pytest.mark.parametrize("code", ["tr", "en", "ru"])
def test_compiled_catalogue_is_there_and_current(code):
    source = LOCALE / code / "LC_MESSAGES" / "django.po"
    compiled = source.with_suffix(".mo")
    assert compiled.exists(), "run `make translations`"
    assert compiled.stat().st_mtime >= source.stat().st_mtime, "run `make translations`"


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_placeholders_survive_translation(code):
    for message in catalog(code):
        if message.id and isinstance(message.id, str) and "%(" in message.id:
            for placeholder in ("%(number)s", "%(count)s", "%(site_name)s"):
                assert (placeholder in message.id) == (placeholder in message.string)
