"""Similar articles, ranked when articles are saved and stored per language.

Alike: 3 points per shared topic, 2 per shared region, 2 per shared author, and up
to about 4 for shared title and summary words in the language (``search.similarity``);
ties go to the newest. Only articles sharing something are similar. Each language's
list keeps ``STORED`` ranked candidates (published there, scheduled included), so
that a page shows the first public ones in one indexed query whatever the archive's
size, and a version going live needs no new ranking.
"""

import datetime
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from ankasam.dates import long_date
from ankasam.prepared import Prepared

from .models import Article, ArticleAuthor, SimilarArticle, detail_url
from .querysets import exists_in_q, language_codes, public_q

STORED = 8
# The best candidates of a saved article, whose own lists it may now enter.
NEIGHBOURS = 4
# At most this many articles listing the saved one are ranked again (per language);
# the others keep it until their next save, and pages hide it once it is not public.
LISTERS = 20
# Of the articles sharing a topic, region or author, the newest this many are
# candidates (ties go to the newest anyway): a popular topic costs a save no more
# as the archive grows.
RELATED = 1000

# The ids of the articles saved inside ``deferred_refresh()``, ranked once at its end.
_deferred: ContextVar[set | None] = ContextVar("similar_deferred", default=None)


def eligible(language: str):
    """Articles that may be listed in ``language``: a version there, published or
    scheduled, not in the trash."""
    return Article.objects.filter(
        exists_in_q(language),
        trashed_at__isnull=True,
        **{f"status_{language}": Article.Status.PUBLISHED},
    )


def relations(article_ids) -> dict[int, dict[str, set[int]]]:
    """Topics, regions and authors of each article (three queries)."""
    found = {
        pk: {"topics": set(), "regions": set(), "authors": set()} for pk in article_ids
    }
    links = (
        ("topics", Article.topics.through, "topic_id"),
        ("regions", Article.regions.through, "region_id"),
        ("authors", ArticleAuthor, "author_id"),
    )
    for name, through, field in links:
        rows = through.objects.filter(article_id__in=article_ids).values_list(
            "article_id", field
        )
        for article_id, other in rows:
            found[article_id][name].add(other)
    return found


def shared(through, field: str, ids, points: int, scores: Counter, exclude: int):
    """``points`` for each of the newest ``RELATED`` articles sharing ``ids``."""
    if not ids:
        return
    rows = (
        through.objects.filter(**{f"{field}__in": ids})
        .exclude(article_id=exclude)
        .order_by("-article_id")
    )
    for article_id in rows.values_list("article_id", flat=True)[:RELATED]:
        scores[article_id] += points


def rank(article, language: str, related: dict[str, set[int]], limit: int = STORED):
    """``(score, article id)`` of up to ``limit`` (0: all) articles most like
    ``article`` in ``language``, best first (a few indexed queries; no scan of the
    archive)."""
    from search.similarity import text_scores

    scores: Counter = Counter()
    shared(Article.topics.through, "topic_id", related["topics"], 3, scores, article.pk)
    shared(
        Article.regions.through, "region_id", related["regions"], 2, scores, article.pk
    )
    shared(ArticleAuthor, "author_id", related["authors"], 2, scores, article.pk)
    for article_id, score in text_scores(article, language).items():
        scores[article_id] += 4.0 * score
    if not scores:
        return []
    dates = dict(
        eligible(language)
        .filter(pk__in=list(scores))
        .values_list("pk", f"published_at_{language}")
    )
    ranked = sorted(
        dates,
        key=lambda pk: (-scores[pk], -dates[pk].timestamp(), -pk),
    )
    return [(scores[pk], pk) for pk in (ranked[:limit] if limit else ranked)]


def store_ranking(article_id: int, language: str, ranking) -> bool:
    """Write ``article_id``'s list in ``language``; True when it changed.

    Each place is written over where it exists (an upsert), then the places past
    the new list's end are removed: two saves writing one list at once wait for
    each other row by row and the last one's list stands, where deleting and
    inserting again would collide on the places the other had just written."""
    stored = list(
        SimilarArticle.objects.filter(article_id=article_id, language=language)
        .order_by("rank")
        .values_list("similar_id", flat=True)
    )
    if stored == [pk for _score, pk in ranking]:
        return False
    if ranking:
        SimilarArticle.objects.bulk_create(
            [
                SimilarArticle(
                    article_id=article_id,
                    language=language,
                    rank=position,
                    similar_id=pk,
                    score=score,
                )
                for position, (score, pk) in enumerate(ranking)
            ],
            update_conflicts=True,
            unique_fields=["article", "language", "rank"],
            update_fields=["similar", "score"],
        )
    SimilarArticle.objects.filter(
        article_id=article_id, language=language, rank__gte=len(ranking)
    ).delete()
    return True


def rankings(article_ids, language: str) -> dict[int, list]:
    """The lists of ``article_ids`` in ``language`` as they should be now (reads
    only)."""
    fields = [
        f"{name}_{code}"
        for name in ("title", "summary", "body", "status")
        for code in language_codes()
    ]
    articles = Article.objects.filter(pk__in=list(article_ids)).only(
        "pk", "trashed_at", *fields
    )
    related = relations([a.pk for a in articles])
    found = {}
    for article in articles:
        listed = (
            not article.is_trashed
            and article.status_in(language) == Article.Status.PUBLISHED
            and language in article.languages()
        )
        found[article.pk] = (
            rank(article, language, related[article.pk]) if listed else []
        )
    return found


def store_rankings(found: dict[int, list], language: str) -> set[int]:
    """Write the lists in ``found``, in the order of their article ids: concurrent
    saves take the lists' row locks in one order, so that they never deadlock.
    Returns the ids whose list changed."""
    return {pk for pk in sorted(found) if store_ranking(pk, language, found[pk])}


def refresh(article_ids, language: str) -> set[int]:
    """Rank the lists of ``article_ids`` in ``language`` again; returns the ids
    whose list changed."""
    return store_rankings(rankings(article_ids, language), language)


@transaction.atomic
def similar_refresh(*, article: Article) -> set[int]:
    """After ``article`` was saved (or trashed): its lists, and the lists it may
    enter (its best candidates') or leave (those listing it), in every language.
    Everything is ranked first, then written in article id order. Returns the
    ids of the articles whose stored list changed (none yet inside
    ``deferred_refresh``, which ranks at its end)."""
    pending = _deferred.get()
    if pending is not None:
        pending.add(article.pk)
        return set()
    return refresh_around({article.pk})


def refresh_around(article_ids: set[int], *, ranked_apart=frozenset()) -> set[int]:
    """The lists of ``article_ids`` and of the articles they may enter or leave,
    each ranked once, in every language (but those in ``ranked_apart``, ranked in
    another batch); returns the ids whose list changed."""
    changed = set()
    for language in language_codes():
        found = rankings(article_ids, language)
        best = {
            pk
            for saved in article_ids
            for _score, pk in found.get(saved, [])[:NEIGHBOURS]
        }
        listers = set()
        for saved in article_ids:  # each saved article's listers, bounded alike
            listers.update(
                SimilarArticle.objects.filter(
                    similar_id=saved, language=language
                ).values_list("article_id", flat=True)[:LISTERS]
            )
        others = (best | listers) - set(article_ids) - set(ranked_apart)
        if others:
            found |= rankings(others, language)
        changed |= store_rankings(found, language)
    return changed


@contextmanager
def deferred_refresh():
    """Rank the similar lists touched by the saves inside once, at the end (an
    import of many articles), rather than after each save. Use it inside the
    transaction of those saves, and inside ``batched_changes`` so that the pages
    listing the changed lists are ended with the rest. Yields the set of pending
    ids: a caller that rolls its saves back (a dry run) clears it."""
    from pagecache import tags
    from pagecache.versions import invalidate

    if _deferred.get() is not None:  # nested: the outer one ranks
        yield
        return
    pending: set[int] = set()
    token = _deferred.set(pending)
    try:
        yield pending
    finally:
        _deferred.reset(token)
    if pending:
        existing = set(
            Article.objects.filter(pk__in=pending).values_list("pk", flat=True)
        )
        changed = set()
        ids = sorted(existing)
        for start in range(0, len(ids), 200):
            changed |= refresh_around(
                set(ids[start : start + 200]), ranked_apart=existing
            )
        invalidate({tags.similar(pk) for pk in changed})


def similar_rebuild(*, batch: int = 200) -> int:
    """Rank every article's lists again (after a migration, or for operators)."""
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            for language in language_codes():
                refresh(ids[start : start + batch], language)
    return len(ids)


@dataclass(frozen=True)
class Card:
    """A similar article as its page's card shows it."""

    pk: int
    title: str
    url: str
    published_at: datetime.datetime
    category_name: str

    def get_absolute_url(self) -> str:
        return self.url


def cards_query(language: str, limit: int, *, article_id: int, now):
    """The first ``limit`` public articles of an article's stored list in
    ``language``: id, title, address, publication moment and category name."""
    return (
        SimilarArticle.objects.filter(
            public_q(language, now, prefix="similar__"),
            article_id=article_id,
            language=language,
        )
        .order_by("rank")
        .values(
            "similar_id",
            *(
                f"similar__{name}_{language}"
                for name in ("title", "slug", "published_at")
            ),
            f"similar__category__name_{language}",
        )[:limit]
    )


CARDS = Prepared(cards_query, article_id=int, now=datetime.datetime)


def similar_section(cards: list[Card]) -> SafeString:
    """The "Similar Posts" section of an article page, in the active language (empty
    without cards). Written here rather than in a template: every article page that
    is not in the page cache renders it, in a tenth of the template's time."""
    if not cards:
        return SafeString("")
    items = format_html_join(
        "",
        CARD,
        (
            (
                card.category_name,
                card.url,
                card.title,
                timezone.localtime(card.published_at).isoformat(),
                long_date(card.published_at),
            )
            for card in cards
        ),
    )
    return format_html(SECTION, gettext("Similar Posts"), items)


SECTION = """
<section class="similar" aria-labelledby="similar-title">
  <h2 id="similar-title">{}</h2>
  <div class="cards cards--compact">{}
  </div>
</section>"""
CARD = """
    <article class="card">
      <p class="card__category">{}</p>
      <h3 class="card__title"><a href="{}">{}</a></h3>
      <p class="card__meta"><time datetime="{}">{}</time></p>
    </article>"""


def similar_cards(article_id: int, *, language: str, limit: int) -> list[Card]:
    """The cards of an article's similar list as its page shows them: one query
    through the list's index, compiled once per process (``ankasam.prepared``)."""
    rows = CARDS.rows(language, limit, article_id=article_id, now=timezone.now())
    return [
        Card(
            pk=row["similar_id"],
            title=row[f"similar__title_{language}"],
            url=detail_url(language, row[f"similar__slug_{language}"]),
            published_at=row[f"similar__published_at_{language}"],
            category_name=row[f"similar__category__name_{language}"] or "",
        )
        for row in rows
    ]
