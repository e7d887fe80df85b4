"""How alike two articles' words are, as an SQL expression for ``similar_to``."""

from functools import reduce
from operator import add

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import (
    Case,
    F,
    FloatField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from .folding import words
from .indexing import config_for, uses_postgres
from .models import SearchEntry

MAX_KEYWORDS = 12
MIN_KEYWORD_LENGTH = 4  # shorter words are mostly particles and stop words


def keywords(article, language: str) -> list[str]:
    """Distinct folded words of the title, then the summary, of one version."""
    text = " ".join(
        getattr(article, f"{field}_{language}") or "" for field in ("title", "summary")
    )
    found = []
    for word in words(text):
        if len(word) >= MIN_KEYWORD_LENGTH and not word.isdigit() and word not in found:
            found.append(word)
    return found[:MAX_KEYWORDS]


def text_similarity(article, language: str):
    """0 to about 1 per candidate row: its version in ``language`` shares the
    article's title and summary words (PostgreSQL: ts_rank of an OR query; SQLite:
    the share of words found in its title, twice, or summary)."""
    terms = keywords(article, language)
    if not terms:
        return Value(0.0)
    entries = SearchEntry.objects.filter(article=OuterRef("pk"), language=language)
    if uses_postgres():
        query = SearchQuery(
            " | ".join(terms), search_type="raw", config=config_for(language)
        )
        score = SearchRank(F("vector"), query)
    else:
        score = reduce(
            add,
            [
                Case(
                    When(title_folded__contains=f" {term}", then=Value(2.0)),
                    When(summary_folded__contains=f" {term}", then=Value(1.0)),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
                for term in terms
            ],
        ) / Value(2.0 * len(terms))
    return Coalesce(
        Subquery(entries.annotate(score=score).values("score")[:1]),
        Value(0.0),
        output_field=FloatField(),
    )
