"""The migration to stemmed tokens re-indexes the entries that exist, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("search", "0001_initial")]
AFTER = [("search", "0002_stemmed_terms")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def found_by_the_database(term: str) -> list[int]:
    """Entry ids the database's own full-text index finds for one token."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT id FROM search_searchentry"
                " WHERE vector @@ to_tsquery('simple', %s)",
                [term],
            )
        else:
            cursor.execute(
                "SELECT rowid FROM search_searchentry_fts"
                " WHERE search_searchentry_fts MATCH %s",
                [f'"{term}"'],
            )
        return [row[0] for row in cursor.fetchall()]


def test_existing_entries_lose_their_stems_going_back_and_get_them_again():
    article = ArticleFactory(
        title_tr="Bölge politikası", body_tr="<p>Санкции</p>", languages=("tr",)
    )
    try:
        old = migrate(BEFORE)
        entry = old.get_model("search", "SearchEntry").objects.get(article=article.pk)
        # What 0001 wrote: the folded words only.
        assert (entry.title_folded, entry.body_folded) == (
            " bolge politikasi",
            " санкции",
        )
        new = migrate(AFTER)
        entry = new.get_model("search", "SearchEntry").objects.get(pk=entry.pk)
        assert entry.title_terms == " bolge politikasi politikas politika"
        assert entry.body_terms == " санкции sanktsii"  # a Turkish version: no stem
        assert found_by_the_database("politika") == [entry.pk]
    finally:
        migrate(AFTER)
