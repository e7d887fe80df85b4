"""Articles × languages: which versions are missing, drafts, published or stale."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.querysets import language_codes

from .snapshots import label

STATE_LABELS = {
    "missing": _("missing"),
    "draft": _("draft"),
    "review": _("in review"),
    "scheduled": _("scheduled"),
    "published": _("published"),
    "stale": _("stale"),
}


@dataclass
class Cell:
    language: str
    state: str
    url: str
    stale_fields: list[str] = field(default_factory=list)

    @property
    def label(self):
        return STATE_LABELS[self.state]


@dataclass
class Row:
    article: object
    original: str | None
    cells: list[Cell]


@dataclass
class StatusTable:
    STATUSES = tuple(STATE_LABELS.items())
    languages: list[str]
    rows: list[Row]


def cell_state(article, language: str) -> tuple[str, list[str]]:
    """The version's own state, or "stale" with the original's changed fields."""
    state = article.state(language)
    if state == "missing":
        return state, []
    stale = article.stale_fields(language)
    if stale:
        original = article.original_language
        return "stale", [label(f"{name}_{original}") for name in stale]
    return state, []


def status_table(queryset, *, language=None, status=None, limit=500) -> StatusTable:
    """One query: the newest ``limit`` articles, filtered by a cell's state."""
    languages = [language] if language in language_codes() else language_codes()
    rows = []
    for article in queryset.order_by("-pk")[:limit]:
        url = reverse("admin:articles_article_change", args=[article.pk])
        cells = []
        for code in languages:
            state, stale = cell_state(article, code)
            cells.append(Cell(code, state, f"{url}#language-{code}", stale))
        if status and not any(cell.state == status for cell in cells):
            continue
        rows.append(Row(article, article.original_language, cells))
    return StatusTable(languages=languages, rows=rows)
