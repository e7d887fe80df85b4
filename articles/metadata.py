"""What machines read on an article page: JSON-LD (schema.org) and Highwire tags."""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from ankasam.pages import home_url

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
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
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
        data["image"] = absolute(article.featured_image.url)
    return data


def unique_sources(article):
    """The article's sources, each once, in marker order (citations prefetched)."""
    seen = {}
    for citation in article.citations.all():
        seen.setdefault(citation.source_id, citation.source)
    return list(seen.values())


def highwire_tags(article, *, language, url) -> list[tuple[str, str]]:
    """Highwire Press ``<meta name content>`` pairs, read by Zotero and Scholar."""
    tags = [("citation_title", article.title)]
    tags += [("citation_author", link.author.name) for link in article.byline]
    tags += [
        ("citation_publication_date", article.published_at.strftime("%Y/%m/%d")),
        ("citation_online_date", article.published_at.strftime("%Y/%m/%d")),
        ("citation_language", language),
        ("citation_publisher", settings.SITE_NAME),
        ("citation_public_url", url),
    ]
    if article.summary:
        tags.append(("citation_abstract", article.summary))
    return tags
