"""How alike two articles' words are, for the stored similar lists
(``articles.similar``)."""

from functools import reduce
from operator import add, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, F, FloatField, Q, Value, When

from .folding import fold, units
from .indexing import uses_postgres
from .models import SearchEntry
from .stemming import parts, piece_tokens

MAX_KEYWORDS = 12
# The best this many articles by words are scored: a save's cost stays the same
# whatever the archive's size, however common the words.
CANDIDATES = 200
MIN_KEYWORD_LENGTH = 4  # shorter words are mostly particles and stop words


def keywords(article, language: str) -> list[tuple[str, ...]]:
    """Distinct words of the title, then the summary, of one version: each as its
    tokens (the word, its stems), any of which stands for it."""
    text = " ".join(
        getattr(article, f"{field}_{language}") or "" for field in ("title", "summary")
    )
    found, seen = [], set()
    for start, end, _folded in units(text):
        word = parts(text[start:end])[0]  # "Türkiye" of "Türkiye’nin"
        folded = fold(word)
        if len(folded) < MIN_KEYWORD_LENGTH or folded.isdigit() or folded in seen:
            continue
        seen.add(folded)
        found.append(piece_tokens(word, language))
    return found[:MAX_KEYWORDS]


def contains_any(field: str, tokens: tuple[str, ...]) -> Q:
    return reduce(or_, (Q(**{f"{field}__contains": f" {token}"}) for token in tokens))


def text_scores(article, language: str) -> dict[int, float]:
    """0 to about 1 for each other article whose version in ``language`` shares the
    article's title and summary words (PostgreSQL: ts_rank of an OR query through
    the GIN index; SQLite: the share of words found in its title, twice, or
    summary). One query, for the best ``CANDIDATES``; articles sharing no word are
    absent."""
    terms = keywords(article, language)
    if not terms:
        return {}
    entries = SearchEntry.objects.filter(language=language).exclude(
        article_id=article.pk
    )
    if uses_postgres():
        query = SearchQuery(
            " | ".join(token for tokens in terms for token in tokens),
            search_type="raw",
            config="simple",
        )
        entries = entries.filter(vector=query).annotate(
            score=SearchRank(F("vector"), query)
        )
    else:
        score = reduce(
            add,
            [
                Case(
                    When(contains_any("title_terms", tokens), then=Value(2.0)),
                    When(contains_any("summary_terms", tokens), then=Value(1.0)),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
                for tokens in terms
            ],
        ) / Value(2.0 * len(terms))
        entries = entries.annotate(score=score).filter(score__gt=0)
    best = entries.order_by("-score", "-article_id")[:CANDIDATES]
    return dict(best.values_list("article_id", "score"))
