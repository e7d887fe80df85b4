"""What a language's front page shows: the lead, the picks, then the latest by category.

Editors choose the lead story and the picks (``FrontPageItem``); only articles public
in that language are shown. Without a chosen lead the newest article leads, and without
chosen picks the page goes straight on to the categories. An article appears once: the
lead and the picks are left out of the category sections. On PostgreSQL one query
whose cost does not grow with the archive, one for the categories and one for the
bylines; on SQLite one window query and the bylines.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.db import connection
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import RowNumber

from articles.models import Article, Category

from .models import ITEMS, FrontPageItem

PER_CATEGORY = 4


@dataclass
class FrontPageContent:
    lead: Article | None = None
    picks: list[Article] = field(default_factory=list)
    sections: list[tuple] = field(default_factory=list)
    chosen: bool = False


def front_page(language: str) -> FrontPageContent:
    newest = f"published_at_{language}"
    if connection.features.supports_slicing_ordering_in_compound:
        chosen, latest = by_parts(language)
    else:
        chosen, latest = by_window(language)
    content = FrontPageContent(chosen=bool(chosen))
    if chosen:
        content.lead, content.picks = chosen[0], chosen[1:]
    elif latest:
        content.lead = max(latest, key=lambda a: (getattr(a, newest), a.pk))
    shown = {a.pk for a in [content.lead, *content.picks] if a is not None}
    for category, items in groupby(latest, key=lambda a: a.category):
        rest = [a for a in items if a.pk not in shown][:PER_CATEGORY]
        if rest:
            content.sections.append((category, rest))
    return content


def by_parts(language: str) -> tuple[list[Article], list[Article]]:
    """The chosen articles (in their order) and each category's newest, enough to
    fill its section once the chosen are left out (in the categories' order):
    one query of parts that each walk an index for a few rows, whatever the size
    of the archive (plus the categories and the bylines). PostgreSQL."""
    newest = f"published_at_{language}"
    listed = Article.objects.public(language).for_listing()
    chosen_items = FrontPageItem.objects.filter(front_page_id=language)
    position = chosen_items.filter(article_id=OuterRef("pk")).values("position")[:1]
    parts = [
        listed.filter(pk__in=chosen_items.values("article_id"))
        .annotate(front_position=Subquery(position))
        .order_by("front_position", "pk")[:ITEMS]
    ]
    for category in Category.objects.order_by().values_list("pk", flat=True):
        parts.append(
            listed.filter(category_id=category)
            .annotate(front_position=Value(None, output_field=IntegerField()))
            .order_by(f"-{newest}", "-pk")[: PER_CATEGORY + ITEMS]
        )
    rows = list(parts[0].union(*parts[1:], all=True))
    chosen = sorted(
        (a for a in rows if a.front_position is not None),
        key=lambda a: (a.front_position, a.pk),
    )
    latest = sorted(
        (a for a in rows if a.front_position is None),
        key=lambda a: (
            a.category.position,
            a.category_id,
            -getattr(a, newest).timestamp(),
            -a.pk,
        ),
    )
    return chosen, latest


def by_window(language: str) -> tuple[list[Article], list[Article]]:
    """The same from one window query over the language's public articles, for
    SQLite, which has no sliced parts in a UNION (plus the bylines)."""
    newest = f"published_at_{language}"
    position = FrontPageItem.objects.filter(
        front_page_id=language, article_id=OuterRef("pk")
    ).values("position")[:1]
    rows = list(
        Article.objects.public(language)
        .for_listing()
        .annotate(
            front_position=Subquery(position),
            rank=Window(
                RowNumber(),
                partition_by=F("category_id"),
                order_by=[F(newest).desc(), F("pk").desc()],
            ),
        )
        .filter(Q(rank__lte=PER_CATEGORY + ITEMS) | Q(front_position__isnull=False))
        .order_by("category__position", "category_id", f"-{newest}", "-pk")
    )
    chosen = sorted(
        (a for a in rows if a.front_position is not None),
        key=lambda a: (a.front_position, a.pk),
    )[:ITEMS]
    return chosen, [a for a in rows if a.rank <= PER_CATEGORY + ITEMS]
