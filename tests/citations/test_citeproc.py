"""The house Chicago and APA are citeproc-py's, but for the differences we accept.

Each fixture source (tests/citations/references.py) and the sample article are written
to CSL-JSON as readers download it, rendered by citeproc-py with the CSL project's
Chicago 18th edition and APA 7 styles in Turkish, English and Russian, and compared
with the house formatter after the differences listed in citeproc_check.ACCEPTED.
"""

import json

import pytest
from django.utils import translation

from ankasam.dates import local_day
from citations import formats
from tests.articles.factories import ArticleFactory
from tests.authors.factories import AuthorFactory
from tests.citations.citeproc_check import (
    ACCEPTED,
    Case,
    citeproc_entry,
    csl_item,
    expected,
    house_entry,
)
from tests.citations.factories import SourceFactory
from tests.citations.readers import from_csl
from tests.citations.references import REFERENCES

LANGUAGES = ["tr", "en", "ru"]
CASES = [
    pytest.param(ref, style, language, id=f"{ref.key}-{style}-{language}")
    for ref in REFERENCES
    for style in ("chicago", "apa")
    for language in LANGUAGES
]


def test_the_fixture_set_has_twenty_sources_of_every_type():
    assert len(REFERENCES) >= 20
    assert {ref.kind for ref in REFERENCES} == set(formats.BIBTEX_TYPES)
    assert len({ref.key for ref in REFERENCES}) == len(REFERENCES)


@pytest.mark.parametrize(("ref", "style", "language"), CASES)
def test_house_style_is_citeprocs_but_for_the_accepted_differences(
    ref, style, language
):
    with translation.override(language):
        assert house_entry(ref, style, language) == expected(ref, style, language)


@pytest.mark.parametrize("difference", ACCEPTED, ids=lambda d: d.apply.__name__)
def test_every_accepted_difference_is_needed(difference):
    """A listed difference that changes nothing would hide nothing: drop it."""
    changed = [
        (ref.key, style, language)
        for ref in REFERENCES
        for style in difference.styles
        for language in LANGUAGES
        if difference.apply(
            text := citeproc_entry(csl_item(ref), style, language),
            Case(ref, style, language),
        )
        != text
    ]
    assert changed


# --- The sample article, as readers download it ----------------------------------


@pytest.fixture
def sample(db):
    """The sample article's first four sources, cited by Zeki Talustan Gülten."""
    author = AuthorFactory(name="Zeki Talustan Gülten")
    sources = [
        SourceFactory(
            title=(
                "North Korea Says Closing Foreign Missions as Part of Its "
                "‘Regular Affairs’"
            ),
            publisher="Al Jazeera",
            url="https://www.aljazeera.com/news/2023/11/3/north-korea-says-closing",
        ),
        SourceFactory(
            title="North Korea Says Recent Embassy Closures ‘Regular Affairs’",
            publisher="Barron’s",
            url="https://www.barrons.com/news/north-korea-says-recent-closures",
        ),
        SourceFactory(
            title="North Korea Closes 4 Diplomatic Missions, Suggesting Economic Woes",
            publisher="Voice of America News",
            url="https://www.voanews.com/a/north-korea-closes-4-missions/733916",
        ),
        SourceFactory(
            title=(
                "North Korea is Closing Some Diplomatic Missions in What May be a "
                "Sign of Its Economic Troubles"
            ),
            publisher="Associated Press News",
            url="https://apnews.com/article/north-korea-closes-diplomatic-missions",
        ),
    ]
    return ArticleFactory(
        title_en="North Korea’s Decision to Shutdown The Diplomatic Missions",
        title_tr="Kuzey Kore’nin Diplomatik Misyonlarını Kapatma Kararı",
        title_ru="Решение Северной Кореи закрыть дипломатические миссии",
        category__name_en="Analysis",
        category__name_tr="Analiz",
        category__name_ru="Анализ",
        authors=[author],
        body_tr="<p>Bir.[1] İki.[2] Üç.[3] Dört.[4]</p>",
        body_en="<p>One.[1] Two.[2] Three.[3] Four.[4]</p>",
        body_ru="<p>Один.[1] Два.[2] Три.[3] Четыре.[4]</p>",
        citations=[{"source": source} for source in sources],
    )


def downloaded(client, article, language, kind):
    with translation.override(language):
        path = article.get_absolute_url(language) + f"{kind}.json"
    return json.loads(client.get(path).content)


def references(items):
    """CSL-JSON items read back into references, to render both ways."""
    return [from_csl(item) for item in items]


@pytest.mark.parametrize("language", LANGUAGES)
def test_sample_article_csl_json_renders_as_the_page_cites_it(client, sample, language):
    (item,) = downloaded(client, sample, language, "reference")
    (ref,) = references([item])
    with translation.override(language):
        page = client.get(sample.get_absolute_url(language)).content.decode()
        for style in ("chicago", "apa"):
            text = expected(ref, style, language)
            assert house_entry(ref, style, language) == text
            assert str(getattr(formats, style)(ref, language)) in page


def test_sample_article_csl_json_gives_the_expected_strings(client, sample):
    (item,) = downloaded(client, sample, "en", "reference")
    day = local_day(sample.published_at_en)
    url = item["URL"]
    date = f"{day:%B} {day.day}, {day.year}"
    assert citeproc_entry(item, "chicago", "en") == (
        "Gülten, Zeki Talustan. “North Korea’s Decision to Shutdown The Diplomatic "
        f"Missions”. Analysis. ANKASAM, {date}. {url}."
    )
    assert citeproc_entry(item, "apa", "en") == (
        f"Gülten, Z. T. ({day.year}, {day:%B} {day.day}). <i>North Korea’s Decision to "
        f"Shutdown The Diplomatic Missions</i> [Analysis]. ANKASAM. {url}"
    )


def test_sample_sources_csl_json_gives_the_expected_strings(client, sample):
    items = downloaded(client, sample, "en", "sources")
    assert [citeproc_entry(item, "chicago", "en") for item in items] == [
        "Al Jazeera. “North Korea Says Closing Foreign Missions as Part of Its "
        "‘Regular Affairs’”. Al Jazeera. Accessed November 4, 2023. "
        "https://www.aljazeera.com/news/2023/11/3/north-korea-says-closing.",
        "Barron’s. “North Korea Says Recent Embassy Closures ‘Regular Affairs’”. "
        "Barron’s. Accessed November 4, 2023. "
        "https://www.barrons.com/news/north-korea-says-recent-closures.",
        "Voice of America News. “North Korea Closes 4 Diplomatic Missions, Suggesting "
        "Economic Woes”. Voice of America News. Accessed November 4, 2023. "
        "https://www.voanews.com/a/north-korea-closes-4-missions/733916.",
        "Associated Press News. “North Korea Is Closing Some Diplomatic Missions in "
        "What May Be a Sign of Its Economic Troubles”. Associated Press News. Accessed "
        "November 4, 2023. "
        "https://apnews.com/article/north-korea-closes-diplomatic-missions.",
    ]
    for ref in references(items):
        for language in LANGUAGES:
            for style in ("chicago", "apa"):
                with translation.override(language):
                    assert house_entry(ref, style, language) == expected(
                        ref, style, language
                    )
