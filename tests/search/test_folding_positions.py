"""Marks land on the characters as typed, whether every character folds to one
(the fast path) or some fold to none or to several (combining marks, ß)."""

import unicodedata

import pytest

from search.folding import fold, units
from search.highlight import highlight
from search.stemming import search_terms


@pytest.mark.parametrize(
    "text",
    [
        "Işık ve İstanbul’un enerjisi",  # one character each
        unicodedata.normalize("NFD", "Işık ve İstanbul’un enerjisi"),  # marks apart
        "Straße, Işık, Grüße",  # ß folds to two
    ],
)
def test_each_unit_maps_back_to_the_words_as_written(text):
    found = units(text)
    assert [folded for _start, _end, folded in found] == fold(text).replace(
        ",", ""
    ).split()
    for start, end, folded in found:
        assert fold(text[start:end]) == folded


def test_marks_land_on_the_typed_word_after_a_decomposed_mark():
    text = unicodedata.normalize("NFD", "Güneş ışık enerjisi")
    marked = highlight(text, search_terms(["isik"], "tr"))
    assert marked.count("<mark>") == 1
    assert unicodedata.normalize("NFC", marked).split("<mark>")[1].startswith("ışık")
