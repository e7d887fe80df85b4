"""Finding search entries: the same tokens and forms on PostgreSQL and SQLite.

A query is a ``stemming.Terms``: every word typed must match, a word matches when one
of its forms begins a token of the entry. PostgreSQL asks the GIN-indexed tsvector
(``form:*`` alternatives) and ranks with ``ts_rank``; SQLite asks its FTS5 table
(``"form"*`` alternatives) and ranks with ``bm25`` (title 5, summary 2, body 1, the
proportions of ``ts_rank``'s weights for A, B and C).

Work per query is bounded on PostgreSQL, whatever the size of the archive: matches
are counted up to ``COUNT_CAP`` (beyond, the planner's estimate is shown as "about
N"), and ranking reads the ``RANKED`` newest matches (more for a deeper page). A
query with fewer matches, which is what a specific query has, is ranked exactly as
before; a broad one shows the best of its newest matches.
"""

import json
import math

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Func, Q, Value
from django.db.models.lookups import Exact, In

from articles.models import Article
from articles.querysets import language_codes, published_q

from .indexing import uses_postgres
from .models import SearchEntry, SearchIndex
from .stemming import Terms, search_terms

BM25_WEIGHTS = (5.0, 2.0, 1.0)  # title_terms, summary_terms, body_terms
# Matches counted exactly; beyond, the count is an estimate and pages stop there.
COUNT_CAP = 1000
# Newest matches that PostgreSQL ranks (at least: a deeper page ranks more).
RANKED = 200


def ts_query(terms: Terms) -> SearchQuery:
    """Every word as alternatives of prefixes: ``(a:* | b:*) & (c:* | …)``.

    Forms are letters and digits only (``folding``), so no input reaches
    PostgreSQL's query syntax.
    """
    expression = " & ".join(
        "(" + " | ".join(f"{form}:*" for form in group) + ")" for group in terms.groups
    )
    return SearchQuery(expression, search_type="raw", config="simple")


def fts_query(terms: Terms) -> str:
    """The same query in FTS5 syntax: ``("a"* OR "b"*) AND (…)``; every form is a
    quoted string of letters and digits, so it cannot be read as an operator."""
    return " AND ".join(
        "(" + " OR ".join(f'"{form}"*' for form in group) + ")"
        for group in terms.groups
    )


class NoIndex(Func):
    """PostgreSQL: the same text, but no B-tree may serve the condition (``|| ''``)."""

    template = "(%(expressions)s || '')"


def public_q(language: str) -> Q:
    if uses_postgres():
        # An entry exists only for a version that exists (``index_article``), so
        # the article's side is "published" alone: no body is read to decide it.
        # The entry's own time only narrows the rows to join first.
        return Q(
            Exact(NoIndex(F("language")), language), published_at__isnull=False
        ) & published_q(language, prefix="article__")
    return Q(language=language, article__in=Article.objects.public(language))


def match_q(terms: Terms) -> Q:
    """Entries of ``terms.language`` matching every word, public in that language.

    On SQLite through the FTS5 table as a subquery, which any ``OR`` can combine.
    """
    if uses_postgres():
        return public_q(terms.language) & Q(vector=ts_query(terms))
    rows = SearchIndex.objects.filter(document__match=fts_query(terms))
    return public_q(terms.language) & Q(pk__in=rows.values("entry_id"))


def matches(terms: Terms):
    return SearchEntry.objects.filter(match_q(terms)).order_by()


def count(terms: Terms) -> tuple[int, int | None]:
    """How many entries match, counted up to ``COUNT_CAP`` (one query), and beyond
    that an estimate: PostgreSQL's plan (one more query), or the count on SQLite."""
    found = matches(terms)[: COUNT_CAP + 1].count()
    if found <= COUNT_CAP:
        return found, None
    if not uses_postgres():
        return COUNT_CAP, matches(terms).count()
    sql, params = matches(terms).values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    rows = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]
    return COUNT_CAP, about(max(rows, COUNT_CAP + 1))


def about(number: float) -> int:
    """``number`` to two significant digits (1,234 → 1,200)."""
    digits = max(int(math.log10(number)) - 1, 0)
    return int(round(number, -digits))


class BM25(Func):
    function = "bm25"
    output_field = FloatField()


class Unindexed(Func):
    """SQLite's unary ``+``: the same value, but no index may serve the condition."""

    template = "+%(expressions)s"


def newest_matches(terms: Terms, depth: int):
    """PostgreSQL: the ids of the ``depth`` newest matches, found by the GIN index.

    Published versions only, scheduled ones included (the article decides, later,
    whether their time has come). The language is kept off its B-tree: walking it
    would read the whole vector of every entry of the language to test it, where
    the GIN index knows the matches.
    """
    return (
        SearchEntry.objects.filter(
            Exact(NoIndex(F("language")), terms.language),
            published_at__isnull=False,
            vector=ts_query(terms),
        )
        .order_by("-published_at", "-article_id")
        .values("pk")[:depth]
    )


def search(terms: Terms, depth: int = RANKED):
    """Entries matching ``terms``, best first, then newest (none for no terms).

    On PostgreSQL among the ``depth`` newest matches: a page must lie within it.
    """
    language = terms.language
    if not terms:
        return SearchEntry.objects.none()
    if uses_postgres():
        entries = SearchEntry.objects.filter(
            Q(pk__in=newest_matches(terms, depth))
            & published_q(language, prefix="article__")
        ).annotate(rank=SearchRank(F("vector"), ts_query(terms)))
    else:
        # A join, so that bm25() sees the rows FTS5 matched. FTS5 must drive it:
        # asked once per entry instead, it would expand every prefix again each
        # time (a hundred times slower), so the entry's own conditions are kept
        # off their indexes.
        public = Article.objects.public(language).order_by().values("pk")
        entries = SearchEntry.objects.filter(
            Exact(Unindexed(F("language")), language),
            In(Unindexed(F("article_id")), public),
            fts__document__match=fts_query(terms),
        ).annotate(rank=-BM25(F("fts__document"), *(Value(w) for w in BM25_WEIGHTS)))
    return entries.order_by(
        "-rank", f"-article__published_at_{language}", "-article_id"
    )


def counts_elsewhere(language: str, words: list[str]) -> dict[str, int]:
    """How many public articles match ``words`` in each other language (one query),
    each counted up to ``COUNT_CAP + 1``."""
    others = [
        terms
        for code in language_codes()
        if code != language and (terms := search_terms(words, code))
    ]
    if not others:
        return {}
    parts, params = [], []
    for terms in others:
        sql, part_params = (
            matches(terms).values("pk")[: COUNT_CAP + 1].query.sql_with_params()
        )
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS matches)")
        params += part_params
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        found = cursor.fetchone()
    return {t.language: n for t, n in zip(others, found, strict=True) if n}
