"""Finding search entries: the same tokens and forms on PostgreSQL and SQLite.

A query is a ``stemming.Terms``: every word typed must match, a word matches when one
of its forms begins a token of the entry. PostgreSQL asks the GIN-indexed tsvector
(``form:*`` alternatives) and ranks with ``ts_rank``; SQLite asks its FTS5 table
(``"form"*`` alternatives) and ranks with ``bm25`` (title 5, summary 2, body 1, the
proportions of ``ts_rank``'s weights for A, B and C).
"""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Count, F, FloatField, Func, Q, Value
from django.db.models.lookups import Exact, In

from articles.models import Article
from articles.querysets import language_codes

from .indexing import uses_postgres
from .models import SearchEntry, SearchIndex
from .stemming import Terms, search_terms

BM25_WEIGHTS = (5.0, 2.0, 1.0)  # title_terms, summary_terms, body_terms


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


def public_q(language: str) -> Q:
    return Q(language=language, article__in=Article.objects.public(language))


def match_q(terms: Terms) -> Q:
    """Entries of ``terms.language`` matching every word, public in that language.

    On SQLite through the FTS5 table as a subquery, which any ``OR`` can combine.
    """
    if uses_postgres():
        return public_q(terms.language) & Q(vector=ts_query(terms))
    rows = SearchIndex.objects.filter(document__match=fts_query(terms))
    return public_q(terms.language) & Q(pk__in=rows.values("entry_id"))


class BM25(Func):
    function = "bm25"
    output_field = FloatField()


class Unindexed(Func):
    """SQLite's unary ``+``: the same value, but no index may serve the condition."""

    template = "+%(expressions)s"


def search(terms: Terms):
    """Entries matching ``terms``, best first, then newest (none for no terms)."""
    language = terms.language
    if not terms:
        return SearchEntry.objects.none()
    if uses_postgres():
        entries = SearchEntry.objects.filter(match_q(terms)).annotate(
            rank=SearchRank(F("vector"), ts_query(terms))
        )
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
    """How many public articles match ``words`` in each other language (one query)."""
    others = [
        terms
        for code in language_codes()
        if code != language and (terms := search_terms(words, code))
    ]
    if not others:
        return {}
    rows = (
        SearchEntry.objects.filter(reduce(or_, (match_q(terms) for terms in others)))
        .values("language")
        .annotate(count=Count("pk"))
        .order_by()
    )
    found = {row["language"]: row["count"] for row in rows}
    return {t.language: found[t.language] for t in others if found.get(t.language)}
