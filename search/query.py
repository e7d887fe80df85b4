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

A search page's queries may not scan the table (``planned``): the planner's estimates
for prefix queries are far off in both directions, and a scan reads every entry's
vector. Counting and the newest matches of a specific query go through the GIN
index, which knows the matches without reading a vector. The newest matches of a
broad one (more than ``COUNT_CAP``) walk the entries of the language newest first
(index ``search_searchentry_newest``) and test each vector: there a match comes
every few entries, where the GIN index would hand over thousands to sort. The walk
is bounded (``WALKED``): a broad query ranks the best of its newest matches among
the newest entries.
"""

import json
import math
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import F, FloatField, Func, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.lookups import Exact, In
from django.utils import timezone

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
# A broad query looks for them among this many times as many newest entries.
WALKED = 20


@contextmanager
def planned():
    """PostgreSQL: the queries inside (a search page's) may not scan a whole table,
    in a transaction of their own (``SET LOCAL``, safe behind a transaction
    pooler). Inside a caller's transaction the setting is put back afterwards.
    Elsewhere, nothing."""
    if not uses_postgres():
        yield
        return
    nested = connection.in_atomic_block
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'),"
            " set_config('enable_seqscan', 'off', true)"
        )
        before = cursor.fetchone()[0]
        try:
            yield
        finally:
            if nested:
                cursor.execute(
                    "SELECT set_config('enable_seqscan', %s, true)", [before]
                )


def matching_query(terms: Terms) -> SearchQuery:
    """``ts_query`` without the forms that another form of their word begins
    ("security:*" beside "secur:*"): the same matches, half the index to read.
    Ranking keeps every form (``ts_query``)."""
    return SearchQuery(
        ts_expression(terms, needed=True), search_type="raw", config="simple"
    )


def ts_query(terms: Terms) -> SearchQuery:
    """Every word as alternatives of prefixes: ``(a:* | b:*) & (c:* | …)``.

    Forms are letters and digits only (``folding``), so no input reaches
    PostgreSQL's query syntax.
    """
    return SearchQuery(ts_expression(terms), search_type="raw", config="simple")


def ts_expression(terms: Terms, *, needed: bool = False) -> str:
    """``(a:* | b:*) & (c:* | …)``; ``needed``: a form another form of its word
    begins is left out, being matched already."""
    groups = terms.groups
    if needed:
        groups = [
            [f for f in group if not any(f != o and f.startswith(o) for o in group)]
            for group in groups
        ]
    return " & ".join(
        "(" + " | ".join(f"{form}:*" for form in group) + ")" for group in groups
    )


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
        return public_q(terms.language) & Q(vector=matching_query(terms))
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


def newest_matches(terms: Terms, depth: int, *, broad: bool = False):
    """PostgreSQL: the ids of the ``depth`` newest matches whose time has come.

    Published versions only; the article decides, with the rest of the query,
    whether it is still public. A specific query asks the GIN index, the B-tree of
    the language kept out (``NoIndex``); run it ``planned``. A ``broad`` one (more
    than ``COUNT_CAP`` matches) walks the language's newest ``WALKED × depth``
    entries newest first, testing each vector, until it has ``depth``: the GIN
    index would hand over thousands of matches to sort.
    """
    now = timezone.now()
    if not broad:
        return (
            SearchEntry.objects.filter(
                Exact(NoIndex(F("language")), terms.language),
                published_at__lte=now,
                vector=matching_query(terms),
            )
            .order_by("-published_at", "-article_id")
            .values("pk")[:depth]
        )
    window = (
        SearchEntry.objects.filter(language=terms.language, published_at__lte=now)
        .newest_first()
        .values("pk", "vector", "published_at", "article_id")[: WALKED * depth]
    )
    sql, params = window.query.sql_with_params()
    return RawSQL(
        f"SELECT w.pk FROM ({sql}) w WHERE w.vector @@ to_tsquery('simple', %s)"
        " ORDER BY w.published_at DESC, w.article_id DESC LIMIT %s",
        (*params, ts_expression(terms, needed=True), depth),
    )


def search(terms: Terms, depth: int = RANKED, *, broad: bool = False):
    """Entries matching ``terms``, best first, then newest (none for no terms).

    On PostgreSQL among the ``depth`` newest matches: a page must lie within it.
    ``broad``: ``count`` found more than ``COUNT_CAP`` matches.
    """
    language = terms.language
    if not terms:
        return SearchEntry.objects.none()
    if uses_postgres():
        entries = SearchEntry.objects.filter(
            Q(pk__in=newest_matches(terms, depth, broad=broad))
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
