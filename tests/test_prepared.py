"""A prepared query gives what its QuerySet gives, for every call's values, on
both databases, and refuses a value the ORM did not pass as a parameter."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ankasam.prepared import Prepared
from articles.models import Article
from articles.querysets import public_q
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def public_by_slug(language, *, slug, now):
    return (
        Article.objects.filter(public_q(language, now), **{f"slug_{language}": slug})
        .annotate(stamp=F(f"published_at_{language}"))
        .values("id", f"title_{language}", "stamp", "trashed_at")
        .order_by()
    )


BY_SLUG = Prepared(public_by_slug, slug=str, now=datetime.datetime)


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_rows_are_the_querysets_rows_for_each_calls_values(code):
    first, second = ArticleFactory(), ArticleFactory()
    now = timezone.now()
    for article in (first, second):
        slug = getattr(article, f"slug_{code}")
        expected = list(public_by_slug(code, slug=slug, now=now))
        assert expected and BY_SLUG.rows(code, slug=slug, now=now) == expected
        # Values are converted as the QuerySet converts them (aware datetimes).
        assert BY_SLUG.first(code, slug=slug, now=now)["stamp"].tzinfo is not None
    # The moment is a value too: before publication, nothing is public.
    slug = getattr(first, f"slug_{code}")
    earlier = getattr(first, f"published_at_{code}") - datetime.timedelta(days=1)
    assert BY_SLUG.rows(code, slug=slug, now=earlier) == []
    assert BY_SLUG.first(code, slug="no-such-article", now=now) is None


def test_the_query_is_compiled_once_and_runs_as_one_query():
    article = ArticleFactory()
    BY_SLUG.rows("en", slug=article.slug_en, now=timezone.now())
    compiled = BY_SLUG.compiled_for(("en",), "default")
    with CaptureQueriesContext(connection) as captured:
        BY_SLUG.rows("en", slug="other", now=timezone.now())
    assert BY_SLUG.compiled_for(("en",), "default") is compiled
    (query,) = captured.captured_queries
    assert '"slug_en"' in query["sql"] and "other" in query["sql"]


def test_a_value_the_orm_writes_into_the_sql_is_refused():
    # A slice's bound is written into the SQL, not passed as a parameter: a
    # value given there cannot be put in again, and the compile says so.
    def sliced(*, first):
        return Article.objects.values("id")[first:]

    with pytest.raises(ValueError, match="'first' is not a parameter"):
        Prepared(sliced, first=int).rows(first=3)


def plans_of(column: str) -> int:
    """How many times PostgreSQL ran prepared statements that read ``column``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(generic_plans + custom_plans), 0)"
            " FROM pg_prepared_statements WHERE statement LIKE %s",
            [f'%"{column}"%'],
        )
        return cursor.fetchone()[0]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL keeps prepared statements"
)
def test_postgresql_runs_the_query_as_a_prepared_statement():
    article = ArticleFactory()
    before = plans_of("slug_en")
    for _ in range(3):
        assert BY_SLUG.rows("en", slug=article.slug_en, now=timezone.now())
    assert plans_of("slug_en") == before + 3
    # Counting queries (or DEBUG) logs each with its values: not prepared then.
    with CaptureQueriesContext(connection):
        assert BY_SLUG.rows("en", slug=article.slug_en, now=timezone.now())
    assert plans_of("slug_en") == before + 3
