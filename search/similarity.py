"""How alike two articles' words are, for the stored similar lists
(``articles.similar``)."""

from functools import reduce
from operator import add, or_

from django.db import connection
from django.db.models import Case, FloatField, Q, Value, When

from .folding import fold, units
from .indexing import uses_postgres
from .models import SearchEntry
from .stemming import parts, piece_tokens

MAX_KEYWORDS = 12
# The best this many articles by words are scored: a save's cost stays the same
# whatever the archive's size, however common the words.
CANDIDATES = 200
# PostgreSQL looks for them among the language's newest versions, this many.
WALKED = 2000
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
    article's title and summary words, for the best ``CANDIDATES``; articles
    sharing no word are absent. One query.

    PostgreSQL: ts_rank of an OR query, among the language's ``WALKED`` newest
    published or scheduled versions (walked through the index
    ``search_searchentry_newest``): the GIN index would hand over nearly every
    version for words this common, each to be ranked. SQLite: the share of words
    found in each version's title, twice, or summary."""
    terms = keywords(article, language)
    if not terms:
        return {}
    entries = SearchEntry.objects.filter(language=language).exclude(
        article_id=article.pk
    )
    if uses_postgres():
        window = entries.newest_first().values("article_id", "vector")[:WALKED]
        sql, params = window.query.sql_with_params()
        query = " | ".join(token for tokens in terms for token in tokens)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT w.article_id, ts_rank(w.vector, to_tsquery('simple', %s))"
                f" AS score FROM ({sql}) w"
                " WHERE w.vector @@ to_tsquery('simple', %s)"
                " ORDER BY score DESC, w.article_id DESC LIMIT %s",
                [query, *params, query, CANDIDATES],
            )
            return dict(cursor.fetchall())
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
