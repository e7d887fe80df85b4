"""/sitemap.xml (every public language version, with its alternates) and robots.txt.

Items are (object, language) pairs; each URL lists all the languages of its page as
``xhtml:link`` alternates plus an x-default, the way the page's own head does.
"""

from abc import ABCMeta, abstractmethod

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from ankasam.pages import home_url, url_in
from articles.models import Article, Category, Region, Topic
from articles.querysets import language_codes
from authors.models import Author
from pages.models import Page


class LanguageSitemap(Sitemap, metaclass=ABCMeta):
    """A sitemap of (object, language) items with hreflang alternates."""

    def items(self):
        if not hasattr(self, "_items_cache"):
            self._items_cache = [
                (obj, code)
                for obj, codes in self.objects_with_languages()
                for code in codes
            ]
        return self._items_cache

    @abstractmethod
    def objects_with_languages(self):
        """(object, language codes it has a page in) pairs."""

    @abstractmethod
    def url(self, obj, code) -> str:
        """The path of ``obj``'s page in language ``code``."""

    def languages_of(self, obj) -> list[str]:
        return language_codes()

    def x_default(self, obj, urls: dict[str, str]) -> str:
        return urls.get(settings.LANGUAGE_CODE) or next(iter(urls.values()))

    def location(self, item):
        return self.url(*item)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for info in urls:
            obj, _code = info["item"]
            paths = {code: self.url(obj, code) for code in self.languages_of(obj)}
            info["alternates"] = [
                {"lang_code": code, "location": origin + path}
                for code, path in paths.items()
            ] + [
                {
                    "lang_code": "x-default",
                    "location": origin + self.x_default(obj, paths),
                }
            ]
        return urls


class ArticleSitemap(LanguageSitemap):
    """Every published language version: one query per language."""

    def objects_with_languages(self):
        articles, languages = {}, {}
        fields = ["pk", "updated_at", *(f"slug_{c}" for c in language_codes())]
        for code in language_codes():
            for article in Article.objects.public(code).only(*fields).order_by("pk"):
                articles.setdefault(article.pk, article)
                languages.setdefault(article.pk, []).append(code)
        self._languages = languages
        return [(articles[pk], languages[pk]) for pk in sorted(articles)]

    def languages_of(self, obj):
        return self._languages[obj.pk]

    def url(self, obj, code):
        return obj.get_absolute_url(code)

    def lastmod(self, item):
        return item[0].updated_at


class HomeSitemap(LanguageSitemap):
    def objects_with_languages(self):
        return [("home", language_codes())]

    def url(self, obj, code):
        return home_url(code)

    def x_default(self, obj, urls):
        return "/"  # the root picks the reader's language


class TermSitemap(LanguageSitemap):
    """Categories, regions and topics, and authors, that have published articles."""

    def objects_with_languages(self):
        published = Article.objects.published()
        objects = []
        for model in (Category, Region, Topic, Author):
            rows = model.objects.filter(articles__in=published).distinct()
            objects += [(obj, language_codes()) for obj in rows]
        return objects

    def url(self, obj, code):
        if isinstance(obj, Author):
            return url_in(code, "authors:detail", slug=obj.slug)
        return url_in(code, obj.url_name, slug=getattr(obj, f"slug_{code}"))


class PageSitemap(LanguageSitemap):
    """Every published language version of the static pages: one query."""

    def objects_with_languages(self):
        pages = Page.objects.order_by("pk")
        return [(page, langs) for page in pages if (langs := page.public_languages())]

    def languages_of(self, obj):
        return obj.public_languages()

    def url(self, obj, code):
        return obj.get_absolute_url(code)

    def lastmod(self, item):
        return item[0].updated_at


class ExpertsSitemap(LanguageSitemap):
    def objects_with_languages(self):
        return [("experts", language_codes())]

    def url(self, obj, code):
        return url_in(code, "authors:experts")


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "lists": TermSitemap,
    "pages": PageSitemap,
    "experts": ExpertsSitemap,
}


@require_GET
def robots_txt(request):
    """Crawlers: everything public, not the admin nor search results; the sitemap."""
    lines = ["User-agent: *", f"Disallow: {reverse('admin:index')}"]
    lines += [
        f"Disallow: {url_in(code, 'search:results')}" for code in language_codes()
    ]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
