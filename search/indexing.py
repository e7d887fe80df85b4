"""Keeping the search entries of an article in step with its language versions."""

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from ankasam.html import plain_text

from .models import SearchEntry
from .stemming import index_terms

MAX_BODY = 200_000  # characters of body text indexed per language
FTS_TABLE = "search_searchentry_fts"


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def indexed_text(body_html: str) -> str:
    """The body's plain text, as much of it as is indexed."""
    return plain_text(body_html)[:MAX_BODY]


def entry_terms(language: str, title: str, summary: str, body: str) -> dict:
    """The ``*_terms`` columns of an entry (see ``stemming``)."""
    return {
        "title_terms": index_terms(title, language),
        "summary_terms": index_terms(summary, language),
        "body_terms": index_terms(body, language),
    }


def document_vector():
    """Title (A) above summary (B) above body (C). The tokens are already what is to
    be matched (stems included), so PostgreSQL takes them as they are ("simple")."""
    vector = None
    for field, weight in (
        ("title_terms", "A"),
        ("summary_terms", "B"),
        ("body_terms", "C"),
    ):
        part = SearchVector(field, config="simple", weight=weight)
        vector = part if vector is None else vector + part
    return vector


def publication_time(article, language: str):
    """The version's publication time while it is published, else None."""
    if article.status_in(language) != article.Status.PUBLISHED:
        return None
    return article.published_at_in(language)


@transaction.atomic
def index_article(article) -> None:
    """Write one search entry per language version of ``article``, drop the rest."""
    languages = article.languages()
    SearchEntry.objects.filter(article=article).exclude(language__in=languages).delete()
    for code in languages:
        title = getattr(article, f"title_{code}") or ""
        summary = getattr(article, f"summary_{code}") or ""
        body = indexed_text(getattr(article, f"body_{code}") or "")
        entry, _created = SearchEntry.objects.update_or_create(
            article=article,
            language=code,
            defaults={
                "title": title,
                "summary": summary,
                "body": body,
                "published_at": publication_time(article, code),
                **entry_terms(code, title, summary, body),
            },
        )
        if uses_postgres():
            SearchEntry.objects.filter(pk=entry.pk).update(vector=document_vector())


def rebuild_fts() -> None:
    """SQLite: rebuild the FTS5 table from the entries (its triggers keep it in step;
    this repairs it after writes that bypassed them)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def reindex_all() -> int:
    """Rebuild every entry (after an import that bypassed ``save()``)."""
    from articles.models import Article

    count = 0
    for article in Article.objects.iterator(chunk_size=200):
        index_article(article)
        count += 1
    rebuild_fts()
    return count
