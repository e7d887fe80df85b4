"""Folding reduces Turkish and Russian spellings to one form, on both sides."""

import pytest

from search.folding import fold, query_words


@pytest.mark.parametrize("text", ["ışık", "IŞIK", "Işık", "isik", "ISIK"])
def test_turkish_dotless_and_dotted_i_fold_together(text):
    assert fold(text) == "isik"


@pytest.mark.parametrize("text", ["İstanbul", "istanbul", "ISTANBUL", "ıstanbul"])
def test_istanbul_folds_the_same_however_it_is_typed(text):
    assert fold(text) == "istanbul"


def test_russian_yo_is_ye_but_short_i_stays():
    assert fold("Ёлка ещё") == fold("елка еще")
    assert fold("Мой") == "мой"


def test_query_terms_keep_only_letters_and_digits():
    assert query_words("a & b | !c:* (d) \"e 'f 😀\x00g") == list("abcdefg")[:8]


def test_query_terms_are_bounded():
    terms = query_words("kelime " * 5000 + " ".join(f"w{n}" for n in range(50)))
    assert len(terms) <= 8
    assert all(len(term) <= 40 for term in query_words("x" * 10_000))


@pytest.mark.parametrize("apostrophe", ["'", "’", "ʼ", "`", "´"])
def test_every_apostrophe_folds_to_one(apostrophe):
    assert fold(f"Türkiye{apostrophe}nin") == "turkiye'nin"


def test_query_words_are_kept_as_typed_and_distinct_once_folded():
    assert query_words("Türkiye’nin IŞIK ışık, isik") == ["Türkiye’nin", "IŞIK"]
