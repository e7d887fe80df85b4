"""The paste parser on the real sample's seven notes and on the other house styles."""

import datetime
from pathlib import Path

import pytest
from django.utils import translation

from citations.parser import parse_date, parse_footnotes

SAMPLE = (
    Path(__file__).resolve().parents[3]
    / "shared/samples/north-korea-diplomatic-missions.en.txt"
)


@pytest.fixture
def sample_notes():
    text = SAMPLE.read_text(encoding="utf-8")
    return text[text.index("[1] “North") : text.index("Zeki Talustan GÜLTEN")]


def test_sample_gives_seven_notes_with_ibid(sample_notes):
    result = parse_footnotes(sample_notes)
    assert [n.number for n in result.notes] == [1, 2, 3, 4, 5, 6, 7]
    assert [n.ibid for n in result.notes] == [False] * 5 + [True, True]
    assert result.errors == []


def test_sample_fields_are_kept_as_typed(sample_notes):
    notes = parse_footnotes(sample_notes).notes
    assert notes[0].title == (
        "North Korea Says Closing Foreign Missions as Part of Its ‘Regular Affairs’"
    )
    assert notes[0].publisher == "Al Jazeera"
    assert notes[0].accessed_on == datetime.date(2023, 11, 4)
    # A wrong closing quote still ends the title.
    assert (
        notes[1].title == "North Korea Says Recent Embassy Closures ‘Regular Affairs’"
    )
    assert notes[1].publisher == "Barron’s"
    # The outlet's typo stays; the missing space before the address does not matter.
    assert notes[2].publisher == "Vocie of Ameria News"
    assert notes[3].publisher == "Associated Press News"
    assert notes[3].url.startswith("https://apnews.com/article/north-korea-closes")
    assert notes[4].url == notes[1].url


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "note labelled “v”; numbered 5 from its position"),
        ("tr", "“v” etiketli not; konumuna göre 5 numaralandı"),
    ],
)
def test_sample_numbering_problem_is_reported(sample_notes, code, expected):
    with translation.override(code):
        warnings = parse_footnotes(sample_notes).warnings
    assert len(warnings) == 1
    assert expected in warnings[0]


def test_russian_and_english_labels_and_quotes():
    result = parse_footnotes(
        "1. «Итоги саммита», ТАСС, https://tass.ru/p/1 (Дата обращения: 05.09.2023)\n"
        "2) Там же.\n"
        "[3] “Talks”, Reuters, https://reuters.com/x, (Accessed: 4 November 2023).\n"
        "[4] Ibid."
    )
    first, second, third, fourth = result.notes
    assert (first.title, first.publisher) == ("Итоги саммита", "ТАСС")
    assert first.accessed_on == datetime.date(2023, 9, 5)
    assert second.ibid and fourth.ibid
    assert third.accessed_on == datetime.date(2023, 11, 4)
    assert result.warnings == [] and result.errors == []


def test_authors_before_the_title_are_read():
    note = parse_footnotes("[1] Victor Cha, “Korea”, CSIS, p. 4").notes[0]
    assert (note.authors, note.title, note.publisher) == (
        "Victor Cha",
        "Korea",
        "CSIS, p. 4",
    )


def test_gaps_and_repeats_are_reported():
    result = parse_footnotes("[1] “A”, X\n[3] “B”, Y\n[3] “C”, Z")
    assert [n.number for n in result.notes] == [1, 3, 4]
    assert len(result.warnings) == 2


@pytest.mark.parametrize(
    "text",
    ["[1] Aynı yer.", "[1] “A”, X, https://a.org, (Erişim Tarihi: 31.02.2023)"],
)
def test_unreadable_lines_are_errors_not_guesses(text):
    result = parse_footnotes(text)
    assert result.notes == []
    assert len(result.errors) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04.11.2023", datetime.date(2023, 11, 4)),
        ("4/11/2023", datetime.date(2023, 11, 4)),
        ("2023-11-04", datetime.date(2023, 11, 4)),
        ("4 November 2023", datetime.date(2023, 11, 4)),
        ("November 4, 2023", datetime.date(2023, 11, 4)),
        ("32.01.2023", None),
        ("yesterday", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected
