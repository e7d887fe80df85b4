"""What machines read on an article page: JSON-LD, Highwire, Open Graph, Twitter.

Dates are ISO 8601 (Highwire's YYYY/MM/DD) in the site's time zone, so their calendar
day is the one the page shows.
"""

import datetime
import json
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime, make_aware

from ankasam.dates import local_day
from ankasam.pages import home_url
from citations.formats import first_citation_per_source

from .corrections import corrections_in

# The characters that could end a script element or start markup inside it.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data) -> SafeString:
    """JSON that cannot break out of the ``<script>`` element holding it."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))


def article_jsonld(article, *, language, alternates, absolute) -> dict:
    """schema.org ScholarlyArticle for one language version.

    ``alternates`` maps language codes to this article's URLs; ``absolute`` turns a
    path into an absolute URL. Needs ``for_detail()``'s prefetches (no queries).
    """
    publisher = {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": absolute(home_url(language)),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static("img/ankasam-logo.png")),
        },
    }
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": absolute(alternates[language]),
        "url": absolute(alternates[language]),
        "headline": article.title,
        "name": article.title,
        "description": article.summary,
        "inLanguage": language,
        "datePublished": localtime(article.published_at).isoformat(),
        "dateModified": date_modified(article, language).isoformat(),
        "articleSection": article.category.name,
        "keywords": [topic.name for topic in article.topics.all()],
        "author": [
            {
                "@type": "Person",
                "name": link.author.name,
                "jobTitle": link.author.role,
                "url": absolute(link.author.get_absolute_url()),
                "affiliation": {"@type": "Organization", "name": settings.SITE_NAME},
            }
            for link in article.byline
        ],
        "publisher": publisher,
        "citation": [
            {
                "@type": "CreativeWork",
                "name": source.title,
                **({"url": source.url} if source.url else {}),
                **(
                    {"publisher": {"@type": "Organization", "name": source.publisher}}
                    if source.publisher
                    else {}
                ),
            }
            for source in unique_sources(article)
        ],
    }
    others = [
        {"@type": "ScholarlyArticle", "@id": absolute(url), "inLanguage": code}
        for code, url in alternates.items()
        if code != language
    ]
    original = next(iter(alternates))  # the first language in settings order
    if language == original:
        if others:
            data["workTranslation"] = others
    else:
        data["translationOfWork"] = {
            "@type": "ScholarlyArticle",
            "@id": absolute(alternates[original]),
            "inLanguage": original,
        }
    if article.featured_image:
        data["image"] = absolute(article.featured_image.file.url)
    return data


def date_modified(article, language: str):
    """The last change readers were told of: the last save, or a correction's day
    (its start in the site's zone) when that is later (``for_detail()``)."""
    modified = localtime(article.updated_at)
    corrections = corrections_in(article, language)
    if corrections:
        day = datetime.datetime.combine(corrections[-1].dated, datetime.time())
        modified = max(modified, make_aware(day))
    return modified


def unique_sources(article):
    """The article's sources, each once, in key order (citations prefetched)."""
    return [c.source for c in first_citation_per_source(article.citations.all())]


def highwire_tags(article, *, language, url) -> list[tuple[str, str]]:
    """Highwire Press ``<meta name content>`` pairs, read by Zotero and Scholar."""
    tags = [("citation_title", article.title)]
    tags += [("citation_author", link.author.name) for link in article.byline]
    tags += [
        ("citation_publication_date", f"{local_day(article.published_at):%Y/%m/%d}"),
        ("citation_online_date", f"{local_day(article.published_at):%Y/%m/%d}"),
        ("citation_language", language),
        ("citation_publisher", settings.SITE_NAME),
        ("citation_public_url", url),
    ]
    if article.summary:
        tags.append(("citation_abstract", article.summary))
    pdf = getattr(article, f"pdf_{language}", None)  # for_detail()'s annotation
    if pdf:  # only once the worker has made it
        tags.append(("citation_pdf_url", urljoin(url, default_storage.url(pdf))))
    return tags


# --- Open Graph and Twitter cards ------------------------------------------------

OG_LOCALES = {"tr": "tr_TR", "en": "en_US", "ru": "ru_RU"}
SHARE_SIZE = (1200, 630)
SITE_CARD = "img/ankasam-share.png"  # 1200×630, for pages without their own image


def share_image(article=None) -> dict:
    """The 1200×630 sharing card: the featured image's rendition, made at upload
    time, or the site's card. Nothing about images is computed here."""
    image = article.featured_image if article else None
    renditions = image.file_renditions if image else {}
    if renditions.get("share"):
        return {
            "url": default_storage.url(renditions["share"]),
            "width": SHARE_SIZE[0],
            "height": SHARE_SIZE[1],
            "alt": image.alt or settings.SITE_NAME,
        }
    return {
        "url": static(SITE_CARD),
        "width": SHARE_SIZE[0],
        "height": SHARE_SIZE[1],
        "alt": settings.SITE_NAME,
    }


def social_tags(article, *, language, alternates, absolute, image) -> list:
    """Open Graph and Twitter card ``(attribute, name, content)`` triples.

    Needs ``for_detail()``'s prefetches (no queries).
    """
    url = absolute(alternates[language])
    image_url = absolute(image["url"])
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", settings.SITE_NAME),
        ("property", "og:title", article.title),
        ("property", "og:url", url),
        ("property", "og:locale", OG_LOCALES.get(language, language)),
    ]
    tags += [
        ("property", "og:locale:alternate", OG_LOCALES.get(code, code))
        for code in alternates
        if code != language
    ]
    if article.summary:
        tags.append(("property", "og:description", article.summary))
    tags += [
        ("property", "og:image", image_url),
        ("property", "og:image:width", str(image["width"])),
        ("property", "og:image:height", str(image["height"])),
        ("property", "og:image:alt", image["alt"]),
        (
            "property",
            "article:published_time",
            localtime(article.published_at).isoformat(),
        ),
        (
            "property",
            "article:modified_time",
            localtime(article.updated_at).isoformat(),
        ),
        ("property", "article:section", article.category.name),
    ]
    tags += [
        ("property", "article:author", absolute(link.author.get_absolute_url()))
        for link in article.byline
    ]
    tags += [("property", "article:tag", topic.name) for topic in article.topics.all()]
    tags += [
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", article.title),
        ("name", "twitter:image", image_url),
        ("name", "twitter:image:alt", image["alt"]),
    ]
    if article.summary:
        tags.append(("name", "twitter:description", article.summary))
    return tags
