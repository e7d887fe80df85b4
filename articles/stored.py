"""Article pages rendered at save time: the page of each public language version,
stored in ``StoredPage`` as one document, so that an article page that is not in
the page cache reads it and fills in only what other records change (the site's
menus, the similar posts; ``fill``).

- ``pages_render(article_id)`` renders an article's pages now (its write path
  calls it after every rendering of the article, the worker after a PDF is made).
- ``articles.jobs.pages_outdated(articles)`` marks the pages of many articles
  stale, in one statement, when an author, a category, region or topic, or an
  image they show changes, and has the worker render them again
  (``pages_render_needed``). Until then their pages render on the fly.
- ``page_read(language, slug, request)`` is the read, one query compiled once per
  process (``ankasam.prepared``): the article as its page's frame needs it and
  the stored document with this request's origin, or None when there is none
  that holds now (missing, stale, rendered for another set of public languages,
  by other templates or under another script prefix).

Absolute addresses (canonical and alternate links, share links, JSON-LD,
citations) are rendered against a placeholder origin and given the request's
origin when read, the way the page rendered on the fly has them.
"""

import datetime
import hashlib
from functools import cache
from pathlib import Path
from urllib.parse import quote, quote_plus

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import get_script_prefix, set_script_prefix
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from ankasam.pages import x_default_of
from ankasam.prepared import Prepared
from citations import formats
from citations.formats import article_reference
from pagecache import tags

from .feeds import feed_links
from .metadata import (
    article_jsonld,
    highwire_tags,
    json_for_script,
    share_image,
    social_tags,
)
from .models import Article, StoredPage
from .querysets import (
    exists_in_q,
    language_codes,
    page_fields,
    public_q,
    version_flags,
)

HEAD = "articles/includes/_stored_head.html"
MAIN = "articles/includes/_stored_main.html"
DOCUMENT = "articles/article_document.html"
# Where ``DOCUMENT`` leaves what is read with it (``fill``).
MARKERS = {
    "site_nav": "<!--stored:site_nav-->",
    "footer_nav": "<!--stored:footer_nav-->",
    "similar": "<!--stored:similar-->",
}
# Never a real host (RFC 2606), and unchanged by HTML, JSON and URL escaping but
# for the three forms ``with_origin`` replaces.
PLACEHOLDER = "https://stored-page.invalid"


class PlaceholderOrigin:
    """Stands in for the request while a page is rendered for storage."""

    def __init__(self, path: str = "/"):
        self.path = path

    def build_absolute_uri(self, location: str) -> str:
        return PLACEHOLDER + location


def forms(origin: str) -> tuple[str, str, str]:
    """``origin`` as it appears in the parts: plain, and URL-quoted as the share
    links quote it (``quote_plus`` in query strings, ``quote`` in mailto)."""
    return origin, quote_plus(origin), quote(origin)


PLACEHOLDER_FORMS = forms(PLACEHOLDER)


def with_origin(text: str, origin: str) -> str:
    for placeholder, real in zip(PLACEHOLDER_FORMS, forms(origin), strict=True):
        text = text.replace(placeholder, real)
    return text


@cache
def render_version() -> str:
    """A digest of what the parts are rendered with besides the data: the
    templates, the compiled translations, the static files' hashed names and the
    file addresses. A deploy that changes any of them makes every stored part
    stale (``manage.py pages_render`` renders them again)."""
    digest = hashlib.sha256()
    folders = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    folders += [Path(p) for p in settings.LOCALE_PATHS]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".html", ".mo"} and path.is_file():
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest and staticfiles_storage.exists(manifest):
        with staticfiles_storage.open(manifest) as handle:
            digest.update(handle.read())
    digest.update(f"{settings.STATIC_URL} {settings.MEDIA_URL}".encode())
    return digest.hexdigest()[:32]


def page_context(article, *, language: str, alternates: dict, request) -> dict:
    """What the parts' templates show; ``article`` is loaded ``for_detail()``."""
    absolute = request.build_absolute_uri
    url = absolute(alternates[language])
    reference = article_reference(article, language=language, url=url)
    return {
        "article": article,
        "request": request,
        "alternates": alternates,
        "other_languages": [code for code in alternates if code != language],
        "cite_chicago": formats.chicago(reference),
        "cite_apa": formats.apa(reference),
        "highwire": highwire_tags(article, language=language, url=url),
        "jsonld": json_for_script(
            article_jsonld(
                article, language=language, alternates=alternates, absolute=absolute
            )
        ),
        "social": social_tags(
            article,
            language=language,
            alternates=alternates,
            absolute=absolute,
            image=share_image(article),
        ),
    }


def render_parts(article, *, language: str, alternates: dict, request) -> dict:
    """The parts of ``article`` in the active ``language``: ``head`` and ``main``."""
    context = page_context(
        article, language=language, alternates=alternates, request=request
    )
    return {
        "head": mark_safe(render_to_string(HEAD, context)),
        "main": mark_safe(render_to_string(MAIN, context)),
    }


def stored_prefix() -> str:
    """The script prefix stored pages are rendered under: a request under another
    one (a proxy's SCRIPT_NAME) renders its page on the fly."""
    return settings.FORCE_SCRIPT_NAME or "/"


def render_document(article, *, language: str, alternates: dict) -> str:
    """The page of ``article`` in the active ``language`` as ``DOCUMENT`` renders
    it, for the placeholder origin: the article page's template, and the context
    its view gives it, but for the frame's context processors."""
    request = PlaceholderOrigin(alternates[language])
    return render_to_string(
        DOCUMENT,
        {
            "article": article,
            "object": article,
            "request": request,
            "stored": render_parts(
                article, language=language, alternates=alternates, request=request
            ),
            "title": getattr(article, f"title_{language}"),
            "site_name": settings.SITE_NAME,
            "alternates": alternates,
            "x_default": x_default_of(alternates),
            "current_language": language,
            "feeds": feed_links(),
        },
    )


def fill(document: str, **parts: str) -> str:
    """``document`` with the parts read with it in place of their markers."""
    for name, marker in MARKERS.items():
        document = document.replace(marker, parts[name], 1)
    return document


def shown_tags(article) -> list[str]:
    """What the parts show (``article`` loaded ``for_detail()``)."""
    return sorted(
        {
            tags.article(article.pk),
            tags.term("category", article.category_id),
            *(tags.term("region", region.pk) for region in article.regions.all()),
            *(tags.term("topic", topic.pk) for topic in article.topics.all()),
            *(tags.term("author", link.author_id) for link in article.byline),
        }
    )


def alternates_of(article, languages) -> dict[str, str]:
    return {code: article.get_absolute_url(code) for code in languages}


@transaction.atomic
def pages_render(article_id: int) -> int:
    """Render and store the parts of every published (or scheduled) language
    version of the article, and forget the others; returns how many it stored.
    Holds the article's row lock, as its write path does, so that the worker and
    an editor's save never write its parts at once."""
    locked = Article.objects.select_for_update().filter(pk=article_id)
    if locked.values_list("pk", flat=True).first() is None:
        return 0
    article = Article.objects.for_detail().get(pk=article_id)
    now = timezone.now()
    public = article.public_languages()
    wanted = [
        code
        for code in language_codes()
        if article.status_in(code) == Article.Status.PUBLISHED
        and code in article.languages()
        and not article.is_trashed
    ]
    StoredPage.objects.filter(article_id=article_id).exclude(
        language__in=wanted
    ).delete()
    shown = shown_tags(article)
    prefix = get_script_prefix()
    set_script_prefix(stored_prefix())
    try:
        documents = {}
        for code in wanted:
            # A scheduled version is rendered as it will be once it is live.
            languages = (
                public
                if code in public
                else sorted({*public, code}, key=language_codes().index)
            )
            with translation.override(code):
                documents[code] = (
                    languages,
                    render_document(
                        article,
                        language=code,
                        alternates=alternates_of(article, languages),
                    ),
                )
    finally:
        set_script_prefix(prefix)
    for code, (languages, document) in documents.items():
        StoredPage.objects.update_or_create(
            article_id=article_id,
            language=code,
            defaults={
                "document": document,
                "tags": shown,
                "languages": ",".join(languages),
                "version": render_version(),
                "stale": False,
                "rendered_at": now,
            },
        )
    return len(wanted)


def page_query(language: str, *, slug: str, now):
    """The stored parts of the public ``language`` version at ``slug``, with what
    the frame needs of the article: its addresses, states, publication moments
    and titles in every language, and which languages it has a version in."""
    codes = language_codes()
    return (
        StoredPage.objects.filter(
            public_q(language, now, prefix="article__"),
            language=language,
            **{f"article__slug_{language}": slug},
        )
        .annotate(**version_flags(prefix="article__"))
        .values(
            *PART_COLUMNS,
            *(f"article__{name}" for name in page_fields()),
            *(f"has_version_{code}" for code in codes),
        )
        .order_by()[:1]
    )


PART_COLUMNS = ("article_id", "document", "tags", "languages", "version", "stale")
PAGE_READ = Prepared(page_query, slug=str, now=datetime.datetime)


def page_read(*, language: str, slug: str, request):
    """An article page's one read: ``(article, parts)`` for the public version at
    ``slug``, the article loaded as ``for_page()`` loads it and ``parts`` its
    stored parts with this request's origin, or None when they do not hold (stale,
    rendered by other templates or for other public languages). None when no
    parts are stored for that address (no such page, or none rendered yet)."""
    row = PAGE_READ.first(language, slug=slug, now=timezone.now())
    if row is None:
        return None
    loaded = {"id": row["article_id"]}
    loaded.update((name, row[f"article__{name}"]) for name in page_fields())
    # from_db takes the values in the order of the model's columns.
    names = [f.attname for f in Article._meta.concrete_fields if f.attname in loaded]
    article = Article.from_db("default", names, [loaded[name] for name in names])
    for code in language_codes():
        setattr(article, f"has_version_{code}", row[f"has_version_{code}"])
    return article, holding(row, article.public_languages(), request)


def holding(row: dict, languages: list[str], request) -> dict | None:
    """The stored parts of ``row`` for this request, if they hold: rendered by
    these templates, not stale, and for the public languages ``languages`` of
    now."""
    if (
        row["stale"]
        or row["version"] != render_version()
        or row["languages"] != ",".join(languages)
        or get_script_prefix() != stored_prefix()
    ):
        return None
    origin = f"{request.scheme}://{request.get_host()}"
    return {
        "document": with_origin(row["document"], origin),
        "tags": row["tags"],
    }


def pages_unrendered(*, everything: bool = False) -> list[int]:
    """Ids of the articles whose stored parts need rendering: a published version
    without parts, or parts that are stale or from other templates (all articles
    outside the trash with ``everything``)."""
    articles = Article.objects.untrashed()
    if not everything:
        current = StoredPage.objects.filter(stale=False, version=render_version())
        missing = Q()
        for code in language_codes():
            published = Q(**{f"status_{code}": Article.Status.PUBLISHED})
            missing |= (
                published
                & exists_in_q(code)
                & ~Q(pk__in=current.filter(language=code).values("article_id"))
            )
        articles = articles.filter(missing)
    return list(articles.order_by("pk").values_list("pk", flat=True))


def pages_render_needed(*, everything: bool = False) -> int:
    """Render the parts of ``pages_unrendered()`` (every article with
    ``everything``), each in its own transaction, so that an editor's save waits
    for one at most; returns how many articles it rendered."""
    ids = pages_unrendered(everything=everything)
    for article_id in ids:
        pages_render(article_id)
    return len(ids)
