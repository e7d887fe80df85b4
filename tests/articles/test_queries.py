"""Every public page costs a constant number of queries, whatever it shows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime

from articles.models import Article, StoredPage
from editorial.services import article_save
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    RegionFactory,
    TopicFactory,
)
from tests.authors.factories import AuthorFactory

pytestmark = pytest.mark.django_db

DETAIL_BUDGET = 8  # the ceiling for the article page
# A miss reads no page-cache table (the cache lives in the cache). Pinned counts:
# the stored parts with the article's columns the frame needs
# (``articles.stored.page_read``), navigation, the stored similar list (one query
# through its index).
DETAIL_QUERIES = 3
# With stale parts: those three, and the article loaded for_detail() (article,
# byline, regions, topics, cited sources) to render them.
DETAIL_UNSTORED_QUERIES = 8
# With no parts stored at all, the article is looked up by its address too.
DETAIL_UNRENDERED_QUERIES = 9


def home_queries() -> int:
    """Latest per category and the chosen (one query: on SQLite a window over the
    language's articles, on PostgreSQL parts that each walk an index, after the
    categories), their bylines, navigation."""
    return 4 if connection.features.supports_slicing_ordering_in_compound else 3


# The term or author, count, page, bylines, navigation.
LIST_QUERIES = 5
# Count, page, bylines, navigation.
ARCHIVE_QUERIES = 4
# Count, page (corrections with their articles), navigation.
CORRECTIONS_QUERIES = 3


def queries(client, path) -> int:
    """Queries of a real render: the page cache must have missed."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, path
    assert response["X-Page-Cache"] == "miss", path
    return len(context)


def article_url(article, code="tr"):
    with translation.override(code):
        return article.get_absolute_url(code)


def rich_article(*, code, authors, notes, languages, terms):
    topics = [TopicFactory() for _ in range(terms)]
    regions = [RegionFactory() for _ in range(terms)]
    body = "<p>Metin. " + " ".join(f"Cümle.[{n}]" for n in range(1, notes + 1)) + "</p>"
    article = ArticleFactory(
        languages=languages,
        authors=[AuthorFactory() for _ in range(authors)],
        topics=topics,
        regions=regions,
        citations=[{} for _ in range(notes)],
        **{f"body_{code}": body},
    )
    for _ in range(terms):  # candidates for "Similar Posts"
        ArticleFactory(topics=topics, regions=regions, authors=[AuthorFactory()])
    return article


def plain_and_rich(code) -> tuple[Article, Article]:
    """A plain article (one author, no notes, one language, one term) and a rich
    one (10 authors, 50 notes, three languages, six terms), public in ``code``."""
    return (
        rich_article(code=code, authors=1, notes=0, languages=(code,), terms=1),
        rich_article(
            code=code, authors=10, notes=50, languages=("tr", "en", "ru"), terms=6
        ),
    )


def page_costs(client, code, articles) -> list[int]:
    return [queries(client, article_url(article, code)) for article in articles]


@pytest.mark.parametrize("code", ["tr", "en"])
def test_article_page_queries_do_not_grow_with_authors_notes_languages(client, code):
    cost_small, cost_large = page_costs(client, code, plain_and_rich(code))
    assert cost_small == cost_large == DETAIL_QUERIES <= DETAIL_BUDGET


@pytest.mark.parametrize("code", ["tr", "en"])
def test_an_article_whose_parts_are_stale_costs_a_constant_number_too(client, code):
    articles = plain_and_rich(code)
    StoredPage.objects.update(stale=True)
    cost_small, cost_large = page_costs(client, code, articles)
    assert cost_small == cost_large == DETAIL_UNSTORED_QUERIES
    # Articles whose pages were never asked for, with no parts stored at all.
    articles = plain_and_rich(code)
    StoredPage.objects.all().delete()
    cost_small, cost_large = page_costs(client, code, articles)
    assert cost_small == cost_large == DETAIL_UNRENDERED_QUERIES


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_home_queries_do_not_grow_with_articles(client, code):
    ArticleFactory()
    few = queries(client, f"/{code}/")
    for _ in range(4):
        category = CategoryFactory()
        for _ in range(5):
            ArticleFactory(
                category=category, authors=[AuthorFactory(), AuthorFactory()]
            )
    many = queries(client, f"/{code}/")
    assert few == many == home_queries()


def grow_list(build, *, count):
    for _ in range(count):
        build(authors=[AuthorFactory(), AuthorFactory(), AuthorFactory()])


@pytest.mark.parametrize("code", ["tr", "en"])
def test_list_pages_queries_do_not_grow_with_items(client, code):
    category, region, topic, author = (
        CategoryFactory(),
        RegionFactory(),
        TopicFactory(),
        AuthorFactory(),
    )
    pages = {
        "category": (lambda **kw: ArticleFactory(category=category, **kw)),
        "region": (lambda **kw: ArticleFactory(regions=[region], **kw)),
        "topic": (lambda **kw: ArticleFactory(topics=[topic], **kw)),
        "author": (
            lambda **kw: ArticleFactory(authors=[author, *kw.pop("authors")], **kw)
        ),
    }
    objects = {"category": category, "region": region, "topic": topic, "author": author}
    for name, build in pages.items():
        with translation.override(code):
            path = objects[name].get_absolute_url()
        grow_list(build, count=1)
        few = queries(client, path)
        grow_list(build, count=11)
        many = queries(client, path)
        assert few == many == LIST_QUERIES, name


def test_archive_queries_do_not_grow_with_items(client):
    ArticleFactory()
    year = localtime(ArticleFactory().published_at).year
    few = queries(client, f"/tr/arsiv/{year}/")
    grow_list(ArticleFactory, count=11)
    assert queries(client, f"/tr/arsiv/{year}/") == few == ARCHIVE_QUERIES


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_corrections_list_queries_do_not_grow_with_items(client, code):
    def corrected(count):
        article = ArticleFactory(authors=[AuthorFactory(), AuthorFactory()])
        article_save(
            article=Article.objects.get(pk=article.pk),
            corrections=[
                {
                    "id": None,
                    "language": language,
                    "kind": "update",
                    "dated": datetime.date(2024, 1, 1 + n),
                    "text": f"Not {n}.",
                }
                for n in range(count)
                for language in ("tr", "en", "ru")
            ],
        )

    with translation.override(code):
        path = reverse("articles:corrections")
    corrected(1)
    few = queries(client, path)
    for _ in range(6):
        corrected(3)
    assert queries(client, path) == few == CORRECTIONS_QUERIES
