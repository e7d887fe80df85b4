"""RSS 2.0 and Atom feeds of the public articles of one language.

One feed per language for the whole site, and one per category, region, topic and
author. Titles and summaries are plain text: the XML writer escapes them, control
characters that XML forbids are dropped, and descriptions are HTML-escaped so that a
reader shows a summary's "<" as text, never as markup.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from authors.models import Author
from pagecache import tags

from .models import Article, Category, Region, Topic
from .querysets import current_language

FEED_ITEMS = 20
# Characters XML 1.0 does not allow, even escaped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value) -> str:
    return NOT_XML.sub("", str(value or ""))


@dataclass(frozen=True)
class Scope:
    """Which articles a feed lists: those of one object, found by its slug."""

    model: type
    filter_field: str
    translated_slug: bool = True

    def get(self, slug: str):
        field = f"slug_{current_language()}" if self.translated_slug else "slug"
        return get_object_or_404(self.model, **{field: slug})


SCOPES = {
    "category": Scope(Category, "category"),
    "region": Scope(Region, "regions"),
    "topic": Scope(Topic, "topics"),
    "author": Scope(Author, "authors", translated_slug=False),
}


class ArticlesFeed(Feed):
    """The newest public articles in the current language, of a scope or of all."""

    def __init__(self, *, scope: str | None = None, atom: bool = False):
        super().__init__()
        self.scope = SCOPES[scope] if scope else None
        self.feed_type = Atom1Feed if atom else Rss201rev2Feed

    def get_object(self, request, slug=None):
        return self.scope.get(slug) if self.scope else None

    def items(self, obj):
        language = current_language()
        articles = Article.objects.public(language)
        if obj is not None:
            articles = articles.filter(**{self.scope.filter_field: obj})
            kind = "author" if isinstance(obj, Author) else obj._meta.model_name
            tags.tag(tags.term(kind, obj.pk), tags.members(kind, obj.pk))
        else:
            tags.tag(tags.listing(language))
        newest = articles.order_by(f"-published_at_{language}", "-pk")
        items = list(newest.for_listing()[:FEED_ITEMS])
        for item in items:  # each item shows the article, its category and byline
            tags.tag(tags.article(item.pk), tags.term("category", item.category_id))
            tags.tag(*(tags.term("author", link.author_id) for link in item.byline))
        return items

    def title(self, obj):
        name = obj.name if obj is not None else _("Latest publications")
        return xml_text(f"{settings.SITE_NAME}: {name}")

    def description(self, obj):
        return _("Analyses, expert opinions, interviews and reports from ANKASAM.")

    subtitle = description

    def link(self, obj):
        return obj.get_absolute_url() if obj is not None else reverse("frontpage:home")

    def feed_url(self, obj):
        return None  # the address it was requested at

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        return escape(xml_text(item.summary))

    def item_link(self, item):
        return item.get_absolute_url(current_language())

    # In the site's time zone, so a reader that shows the date as written gives the
    # calendar day the page shows (RFC 822 and RFC 3339 dates keep their offset).
    def item_pubdate(self, item):
        return localtime(item.published_at)

    def item_updateddate(self, item):
        return localtime(item.updated_at)

    def item_author_name(self, item):
        return xml_text(", ".join(link.author.name for link in item.byline)) or None

    def item_categories(self, item):
        return [xml_text(item.category.name)]


def feed_links(obj=None) -> list[dict]:
    """The RSS and Atom feeds of a page about ``obj`` (or of the site), for <head>."""
    if obj is None:
        name, kwargs, title = "articles:feed", {}, _("Latest publications")
    elif isinstance(obj, Author):
        name, kwargs, title = "authors:feed", {"slug": obj.slug}, obj.name
    else:
        name = f"{obj.url_name}-feed"
        kwargs, title = {"slug": obj.slug}, obj.name
    return [
        {
            "type": kind,
            "title": f"{settings.SITE_NAME}: {title} ({label})",
            "href": reverse(name + suffix, kwargs=kwargs),
        }
        for kind, label, suffix in (
            ("application/rss+xml", "RSS", ""),
            ("application/atom+xml", "Atom", "-atom"),
        )
    ]
