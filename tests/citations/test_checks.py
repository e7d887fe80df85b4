"""Integrity checks: each problem names its marker and language."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from citations.checks import check, check_article
from tests.articles.factories import ArticleFactory
from tests.citations.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 1, 10)


def citation(key, *, url="https://example.org/a", accessed_on=TODAY):
    return CitationFactory.build(
        key=key, source=SourceFactory.build(url=url), accessed_on=accessed_on
    )


def messages(language="en", **kwargs):
    with translation.override(language):
        return [problem.message for problem in check(today=TODAY, **kwargs)]


def test_a_consistent_article_has_no_problems():
    bodies = {"tr": "<p>[1] [2]</p>", "en": "<p>[2] [1]</p>"}
    assert messages(bodies=bodies, citations=[citation(1), citation(2)]) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "Turkish text: marker [3] has no citation."),
        ("tr", "Türkçe metin: [3] işaretinin atfı yok."),
    ],
)
def test_marker_without_citation(code, expected):
    found = messages(code, bodies={"tr": "<p>[1] [3]</p>"}, citations=[citation(1)])
    assert found == [expected]


def test_citation_without_marker_in_the_original():
    found = messages(bodies={"en": "<p>[1]</p>"}, citations=[citation(1), citation(2)])
    assert found == ["Citation [2] is not referenced in the English text."]


def test_translation_with_other_markers_than_the_original():
    bodies = {"tr": "<p>[1] [2]</p>", "ru": "<p>[1] [3]</p>"}
    with translation.override("en"):
        found = check(today=TODAY, bodies=bodies, citations=[citation(1), citation(2)])
    assert [p.message for p in found if p.language == "ru" and p.key is None] == [
        "Russian text: its markers differ from the Turkish text "
        "(missing [2]; extra [3])."
    ]


def test_web_source_needs_an_access_date():
    found = messages(
        bodies={"tr": "<p>[1]</p>"}, citations=[citation(1, accessed_on=None)]
    )
    assert found == ["Citation [1]: a web source needs an access date."]


def test_a_source_without_address_needs_no_access_date():
    found = messages(
        bodies={"tr": "<p>[1]</p>"}, citations=[citation(1, url="", accessed_on=None)]
    )
    assert found == []


def test_access_date_in_the_future():
    future = citation(1, accessed_on=TODAY + datetime.timedelta(days=1))
    found = messages("ru", bodies={"ru": "<p>[1]</p>"}, citations=[future])
    assert found == ["Ссылка [1]: дата обращения 11.01.2024 ещё не наступила."]


def test_check_article_uses_only_existing_language_versions():
    article = ArticleFactory(languages=("tr",), title_en="Title only")
    assert check_article(article) == []


def test_check_citations_command_reports_and_fails(capsys):
    ArticleFactory()
    broken = ArticleFactory(body_tr="<p>[1] [4]</p>")
    with pytest.raises(CommandError, match="3 footnote problem"):
        call_command("check_citations", language="en")
    out = capsys.readouterr().out
    assert f"#{broken.pk}" in out
    assert "Turkish text: marker [4] has no citation." in out


def test_check_citations_command_passes_on_clean_articles(capsys):
    ArticleFactory()
    call_command("check_citations", language="tr")
    assert "All footnotes are in order." in capsys.readouterr().out
