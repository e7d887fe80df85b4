"""Tokens and forms: what the index holds for a word and what a query looks for."""

import pytest

from ankasam.slugs import transliterate
from search.folding import query_words
from search.stemming import piece_tokens, search_terms, word_forms, word_tokens


@pytest.mark.parametrize(
    ("word", "stem"),
    [("Güvenliği", "guvenlik"), ("GÜVENLİĞİ", "guvenlik"), ("yaptırımlar", "yaptirim")],
)
def test_turkish_is_stemmed_as_written_whatever_the_case(word, stem):
    assert stem in word_tokens(word, "tr")


def test_turkish_typed_without_marks_is_stemmed_too():
    assert "yaptirim" in word_tokens("yaptirimlar", "tr")


@pytest.mark.parametrize(("word", "stem"), [("bölgesi", "bolge"), ("filosu", "filo")])
def test_the_turkish_possessive_buffer_s_is_dropped(word, stem):
    assert stem in piece_tokens(word, "tr")


def test_english_and_russian_use_their_own_stemmers():
    assert "polici" in word_tokens("Policies", "en")
    assert "санкц" in word_tokens("Санкциями", "ru")
    assert "санкц" not in word_tokens("Санкциями", "en")


def test_cyrillic_words_get_the_latin_spelling_of_the_slugs():
    tokens = word_tokens("Северная", "ru")
    assert transliterate("северная") in tokens  # "severnaia"
    assert "severn" in tokens  # and of the stem


def test_an_apostrophe_word_is_indexed_by_its_parts_and_whole():
    tokens = set(word_tokens("Türkiye’nin", "tr"))
    assert {"turkiye", "turki", "nin", "turkiyenin"} <= tokens


@pytest.mark.parametrize("typed", ["Türkiye'nin", "Türkiye’nin", "Türkiyeʼnin"])
def test_a_turkish_suffix_after_an_apostrophe_is_not_looked_for_alone(typed):
    forms = word_forms(typed, "tr")
    assert "turkiye" in forms
    assert "turkiyenin" in forms
    assert "nin" not in forms


def test_an_elision_looks_for_the_word_after_it():
    assert "ivoire" in word_forms("d'Ivoire", "en")


def test_latin_letters_are_read_back_into_cyrillic_on_the_russian_site_only():
    assert {"санкц", "sankts"} <= set(word_forms("sanktsii", "ru"))
    assert "газпром" in word_forms("GAZPROM", "ru")
    assert all(form.isascii() for form in word_forms("gazprom", "tr"))


def test_longest_latin_spellings_are_read_first():
    assert "щ" in "".join(word_forms("shchit", "ru"))
    assert "ж" in "".join(word_forms("zhurnal", "ru"))


def test_stems_too_short_to_mean_anything_are_not_looked_for():
    assert word_forms("orta", "tr") == ("orta",)


def test_search_terms_keep_one_group_per_word_typed():
    terms = search_terms(query_words("Işık IŞIK politikası"), "tr")
    assert [group[0] for group in terms.groups] == ["isik", "politikasi"]
    assert not search_terms(query_words("!!! 😀"), "tr")
