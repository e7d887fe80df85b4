"""Finding search entries: full-text on PostgreSQL, folded prefixes on SQLite.

Both backends get the same folded terms (see ``folding``): every term must match
the start of a word of the title, summary or body. PostgreSQL ranks with
``ts_rank`` on the weighted vector; SQLite with a score of title (4), summary (2)
and body (1) matches per term.
"""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, Count, F, FloatField, Q, Value, When

from articles.models import Article
from articles.querysets import language_codes

from .indexing import config_for, uses_postgres
from .models import SearchEntry

SQLITE_WEIGHTS = (("title_folded", 4.0), ("summary_folded", 2.0), ("body_folded", 1.0))


def ts_query(language: str, terms: list[str]) -> SearchQuery:
    """Every term as a prefix, stemmed for the language or word for word.

    Terms are letters and digits only (``folding.query_terms``), so the raw syntax
    cannot be broken by what a reader typed.
    """
    parts = [
        SearchQuery(f"{term}:*", search_type="raw", config=config_for(language))
        | SearchQuery(f"{term}:*", search_type="raw", config="simple")
        for term in terms
    ]
    return reduce(and_, parts)


def term_q(term: str) -> Q:
    return reduce(
        or_, (Q(**{f"{field}__contains": f" {term}"}) for field, _w in SQLITE_WEIGHTS)
    )


def match_q(language: str, terms: list[str]) -> Q:
    """Entries of ``language`` matching all ``terms``, public in that language."""
    q = Q(language=language, article__in=Article.objects.public(language))
    if uses_postgres():
        return q & Q(vector=ts_query(language, terms))
    return q & reduce(and_, (term_q(term) for term in terms))


def rank(language: str, terms: list[str]):
    if uses_postgres():
        return SearchRank(F("vector"), ts_query(language, terms))
    scores = [
        Case(
            When(**{f"{field}__contains": f" {term}"}, then=Value(weight)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        for term in terms
        for field, weight in SQLITE_WEIGHTS
    ]
    return reduce(lambda a, b: a + b, scores)


def search(language: str, terms: list[str]):
    """Entries in ``language`` matching ``terms``, best first, then newest."""
    return (
        SearchEntry.objects.filter(match_q(language, terms))
        .annotate(rank=rank(language, terms))
        .order_by("-rank", f"-article__published_at_{language}", "-article_id")
    )


def counts_elsewhere(language: str, terms: list[str]) -> dict[str, int]:
    """How many public articles match in each other language (one query)."""
    others = [code for code in language_codes() if code != language]
    rows = (
        SearchEntry.objects.filter(reduce(or_, (match_q(c, terms) for c in others)))
        .values("language")
        .annotate(count=Count("pk"))
        .order_by()
    )
    found = {row["language"]: row["count"] for row in rows}
    return {code: found[code] for code in others if found.get(code)}
