"""The site's navigation links: categories and the pages placed in the menu or the
footer, read together in one query when a page first shows them."""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import CharField, F, IntegerField, Value
from django.urls import reverse
from django.utils import translation

from articles.models import Category
from articles.querysets import current_language

from .models import Page

CATEGORY, PAGE = 0, 1


@dataclass(frozen=True)
class NavLink:
    name: str
    url: str
    placement: str = ""

    def get_absolute_url(self) -> str:
        return self.url


class Navigation:
    """Lazy: no query until a template reads ``categories``, ``menu`` or ``footer``."""

    def __init__(self, language: str | None = None):
        self.language = language or current_language()

    @cached_property
    def _links(self) -> list[NavLink]:
        code = self.language
        # Every column is an annotation, named and ordered alike on both sides, so
        # that the two halves of the union line up on every database.
        columns = (
            "nav_kind", "nav_name", "nav_slug", "nav_where", "nav_position", "nav_id"
        )  # fmt: skip

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
                .values_list(*columns)
            )

        categories = select(
            Category.objects.all(), CATEGORY, "name", Value("", CharField())
        )
        pages = select(
            Page.objects.public(code).linked(), PAGE, "title", F("placement")
        )
        rows = categories.union(pages, all=True).order_by(
            *columns[:1], "nav_position", "nav_id"
        )
        links = []
        with translation.override(code):
            for kind, name, slug, where, _position, _id in rows:
                if not slug:
                    continue
                name_ = "articles:category" if kind == CATEGORY else "pages:detail"
                links.append(
                    NavLink(name or "", reverse(name_, kwargs={"slug": slug}), where)
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
