import pytest

from articles.models import Article
from citations.models import Citation, Source
from citations.services import ImportRefused, citations_import, source_rerender
from editorial.services import article_save
from tests.articles.factories import ArticleFactory
from tests.citations.factories import SourceFactory

pytestmark = pytest.mark.django_db

NOTES = (
    "[1] “First”, Al Jazeera, https://example.org/1, (Erişim Tarihi: 04.11.2023).\n"
    "[2] “Second”, Barron’s, https://example.org/2, (Erişim Tarihi: 04.11.2023).\n"
    "[3] Aynı yer."
)


def test_import_creates_citations_keyed_by_note_number():
    article = ArticleFactory(body_tr="<p>a [1] b [2] c [3]</p>", citations=[])
    report = citations_import(article=article, text=NOTES)
    keys = list(article.citations.values_list("key", "source__title"))
    assert keys == [(1, "First"), (2, "Second"), (3, "Second")]
    assert report.sources_created == 2


def test_pasted_notes_are_rendered_by_the_save_that_imports_them():
    article = ArticleFactory(
        languages=("tr",), body_tr="<p>a [1] b [2] c [3]</p>", citations=[]
    )
    result = article_save(article=article, paste=NOTES)
    assert len(result.pasted.citations) == 3
    assert "Aynı yer." in Article.objects.get(pk=article.pk).notes_html_tr
    # The revision of that save holds the pasted citations.
    assert [c["key"] for c in result.revision.data["citations"]] == [1, 2, 3]


def test_import_reuses_sources_with_the_same_address():
    existing = SourceFactory(url="https://example.org/1", title="Kept as it was")
    article = ArticleFactory(body_tr="<p>[1] [2] [3]</p>", citations=[])
    report = citations_import(article=article, text=NOTES)
    assert report.sources_reused == 1
    assert article.citations.get(key=1).source == existing
    assert Source.objects.filter(url="https://example.org/1").count() == 1


def test_import_is_all_or_nothing():
    article = ArticleFactory(citations=[{}])  # marker [1] is taken
    with pytest.raises(ImportRefused) as refused:
        citations_import(article=article, text=NOTES)
    assert "[1]" in refused.value.problems[0]
    assert Citation.objects.filter(article=article).count() == 1
    assert not Source.objects.filter(title="Second").exists()


def test_import_refuses_unreadable_lines():
    article = ArticleFactory(citations=[])
    with pytest.raises(ImportRefused):
        citations_import(article=article, text="[1] Aynı yer.")


def test_editing_a_source_rerenders_the_articles_citing_it():
    source = SourceFactory(title="Old title")
    first = ArticleFactory(citations=[{"source": source}])
    second = ArticleFactory(citations=[{"source": source}])
    source.title = "New title"
    source.save()
    assert source_rerender(source=source) == 2
    for article in (first, second):
        article.refresh_from_db()
        assert "New title" in article.notes_html_ru
        assert "Old title" not in article.notes_html_ru


def test_a_list_that_continues_the_citations_misses_nothing():
    article = ArticleFactory(languages=("tr",), body_tr="<p>a [1] b [2]</p>")
    report = citations_import(
        article=article,
        text="[2] “Second”, Barron’s, https://example.org/2, "
        "(Erişim Tarihi: 04.11.2023).",
    )
    assert [c.key for c in report.citations] == [2]
    assert report.warnings == []


def test_a_list_with_a_real_gap_says_which_notes_are_missing():
    article = ArticleFactory(languages=("tr",), body_tr="<p>a [1] b [4]</p>")
    report = citations_import(
        article=article,
        text="[4] “Fourth”, Barron’s, https://example.org/4, "
        "(Erişim Tarihi: 04.11.2023).",
    )
    assert len(report.warnings) == 1
    assert "2–3" in report.warnings[0]
