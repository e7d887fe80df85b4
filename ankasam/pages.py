"""What every public page tells the base template: its language versions.

A page's *alternates* map each language it really exists in to its URL there. The head
turns them into hreflang links and a canonical link, and the language switch uses them
to keep a reader on the same page; languages without a version lead to that language's
home page instead.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from articles.querysets import current_language, language_codes


def url_in(language: str, name: str, **kwargs) -> str:
    """``reverse(name)`` as it reads in ``language`` (prefix and translated path)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def home_url(language: str) -> str:
    return url_in(language, "frontpage:home")


def x_default_of(alternates: dict[str, str]) -> str | None:
    """The address for readers of no listed language: the default language's
    version, else the first there is."""
    if not alternates:
        return None
    return alternates.get(settings.LANGUAGE_CODE) or next(iter(alternates.values()))


class PageMixin:
    """For class-based views: puts ``alternates``, ``x_default`` and ``feeds`` into the
    context."""

    def get_alternates(self) -> dict[str, str]:
        """Language code → URL of this page there; every language by default."""
        return {code: self.url_in(code) for code in language_codes()}

    def url_in(self, language: str) -> str:
        name = self.request.resolver_match.view_name
        return url_in(language, name, **self.kwargs)

    def get_x_default(self, alternates: dict[str, str]) -> str | None:
        return x_default_of(alternates)

    def get_feeds(self) -> list[dict]:
        """The feeds the head advertises: the site's, by default."""
        from articles.feeds import feed_links

        return feed_links()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        alternates = self.get_alternates()
        context["alternates"] = alternates
        context["x_default"] = self.get_x_default(alternates)
        context["current_language"] = current_language()
        context["feeds"] = self.get_feeds()
        return context
