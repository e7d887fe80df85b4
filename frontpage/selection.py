"""What a language's front page shows: the lead, the picks, then the latest by category.

Editors choose the lead story and the picks (``FrontPageItem``); only articles public
in that language are shown. Without a chosen lead the newest article leads, and without
chosen picks the page goes straight on to the categories. An article appears once: the
lead and the picks are left out of the category sections. One query, and one for the
bylines.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber

from articles.models import Article

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
    position = FrontPageItem.objects.filter(
        front_page_id=language, article_id=OuterRef("pk")
    ).values("position")[:1]
    # The chosen articles and enough of each category's newest to fill its section
    # once the chosen are left out: one query (plus the bylines).
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
    content = FrontPageContent(chosen=bool(chosen))
    if chosen:
        content.lead, content.picks = chosen[0], chosen[1:]
    elif rows:
        content.lead = max(rows, key=lambda a: (getattr(a, newest), a.pk))
    shown = {a.pk for a in [content.lead, *content.picks] if a is not None}
    latest = [a for a in rows if a.rank <= PER_CATEGORY + ITEMS]
    for category, items in groupby(latest, key=lambda a: a.category):
        rest = [a for a in items if a.pk not in shown][:PER_CATEGORY]
        if rest:
            content.sections.append((category, rest))
    return content
