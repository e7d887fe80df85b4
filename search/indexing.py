"""Keeping the search entries of an article in step with its language versions."""

import html
import re

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from .folding import index_text
from .models import SearchEntry

# PostgreSQL text search configurations of the site's languages.
CONFIGS = {"tr": "turkish", "en": "english", "ru": "russian"}
TAG = re.compile(r"<[^>]+>")
MARKER = re.compile(r"\[\d+\]")
SPACE = re.compile(r"\s+")
MAX_BODY = 200_000  # characters of body text indexed per language


def config_for(language: str) -> str:
    return CONFIGS.get(language, "simple")


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def plain_text(body_html: str) -> str:
    """The words of a sanitized body: tags become spaces, markers [n] disappear."""
    text = html.unescape(TAG.sub(" ", MARKER.sub("", body_html or "")))
    return SPACE.sub(" ", text).strip()[:MAX_BODY]


def document_vector(language: str):
    """Title (A) above summary (B) above body (C), each stemmed for the language and
    also word for word ("simple"), so that prefixes match whatever the stemmer did."""
    vector = None
    for field, weight in (
        ("title_folded", "A"),
        ("summary_folded", "B"),
        ("body_folded", "C"),
    ):
        for config in (config_for(language), "simple"):
            part = SearchVector(field, config=config, weight=weight)
            vector = part if vector is None else vector + part
    return vector


@transaction.atomic
def index_article(article) -> None:
    """Write one search entry per language version of ``article``, drop the rest."""
    languages = article.languages()
    SearchEntry.objects.filter(article=article).exclude(language__in=languages).delete()
    for code in languages:
        title = getattr(article, f"title_{code}") or ""
        summary = getattr(article, f"summary_{code}") or ""
        body = plain_text(getattr(article, f"body_{code}") or "")
        entry, _created = SearchEntry.objects.update_or_create(
            article=article,
            language=code,
            defaults={
                "title": title,
                "summary": summary,
                "body": body,
                "title_folded": index_text(title),
                "summary_folded": index_text(summary),
                "body_folded": index_text(body),
            },
        )
        if uses_postgres():
            SearchEntry.objects.filter(pk=entry.pk).update(vector=document_vector(code))


def reindex_all() -> int:
    """Rebuild every entry (after an import that bypassed ``save()``)."""
    from articles.models import Article

    count = 0
    for article in Article.objects.iterator(chunk_size=200):
        index_article(article)
        count += 1
    return count
