"""The site's navigation links: categories and the pages placed in the menu or the
footer, read together in one query when a page first shows them."""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import CharField, F, IntegerField, Value
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import translation

from ankasam.prepared import Prepared
from articles.models import Category
from articles.querysets import current_language

from .models import Page

CATEGORY, PAGE = 0, 1


COLUMNS = ("nav_kind", "nav_name", "nav_slug", "nav_where", "nav_position", "nav_id")


def links_query(code: str):
    """Categories, then the public pages placed in the menu or the footer, in
    their order, in language ``code``."""

    # Every column is an annotation, named and ordered alike on both sides, so
    # that the two halves of the union line up on every database.
    def select(queryset, kind, name, where):
        return (
            queryset.order_by()
            .annotate(
                nav_kind=Value(kind, output_field=IntegerField()),
                nav_name=F(f"{name}_{code}"),
                nav_slug=F(f"slug_{code}"),
                nav_where=where,
                nav_position=F("position"),
                nav_id=F("pk"),
            )
            .values(*COLUMNS)
        )

    categories = select(
        Category.objects.all(), CATEGORY, "name", Value("", CharField())
    )
    pages = select(Page.objects.public(code).linked(), PAGE, "title", F("placement"))
    return categories.union(pages, all=True).order_by(
        *COLUMNS[:1], "nav_position", "nav_id"
    )


# Compiled once per process and language (``ankasam.prepared``).
LINKS = Prepared(links_query)


@dataclass(frozen=True)
class NavLink:
    name: str
    url: str
    placement: str = ""

    def get_absolute_url(self) -> str:
        return self.url


# Menus as rendered, by template, language, script prefix and the rows read: the
# same rows always render the same HTML, so a page reads them and renders only
# what it has not seen in this process. Bounded: a few entries in a running site.
RENDERED: dict[tuple, str] = {}
RENDERED_MAX = 256


class Navigation:
    """Lazy: no query until a template reads ``categories``, ``menu`` or ``footer``."""

    def __init__(self, language: str | None = None):
        self.language = language or current_language()

    @cached_property
    def _rows(self) -> tuple[tuple, ...]:
        return tuple(
            tuple(row[name] for name in COLUMNS) for row in LINKS.rows(self.language)
        )

    def html(self, template_name: str, context: dict) -> str:
        """``template_name`` rendered with ``context`` (that names this navigation),
        from the rows read now; the same rows render once per process."""
        key = (template_name, self.language, get_script_prefix(), self._rows)
        html = RENDERED.get(key)
        if html is None:
            if len(RENDERED) >= RENDERED_MAX:
                RENDERED.clear()
            with translation.override(self.language):
                html = RENDERED[key] = render_to_string(template_name, context)
        return html

    @cached_property
    def _links(self) -> list[NavLink]:
        links = []
        with translation.override(self.language):
            for values in self._rows:
                row = dict(zip(COLUMNS, values, strict=True))
                if not row["nav_slug"]:
                    continue
                name = (
                    "articles:category"
                    if row["nav_kind"] == CATEGORY
                    else "pages:detail"
                )
                links.append(
                    NavLink(
                        row["nav_name"] or "",
                        reverse(name, kwargs={"slug": row["nav_slug"]}),
                        row["nav_where"],
                    )
                )
        return links

    @property
    def categories(self) -> list[NavLink]:
        return [link for link in self._links if not link.placement]

    @property
    def menu(self) -> list[NavLink]:
        return [link for link in self._links if link.placement == Page.Placement.MENU]

    @property
    def footer(self) -> list[NavLink]:
        return [link for link in self._links if link.placement == Page.Placement.FOOTER]
