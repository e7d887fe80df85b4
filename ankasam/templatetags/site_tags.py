from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.utils.translation import get_language_info

from ankasam.pages import home_url
from articles.querysets import current_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: where the switch goes, and whether the page is there."""
    alternates = context.get("alternates") or {}
    current = current_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": alternates.get(code) or home_url(code),
                "exists": code in alternates,
                "current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def absolute(context, url):
    """``url`` made absolute against the current request."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request and url else url


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without query string, but with a page number after 1."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        url += "?" + urlencode({"page": page.number})
    return url


@register.simple_tag
def language_name(code):
    return get_language_info(code)["name_local"]


@register.simple_tag(takes_context=True)
def page_feeds(context):
    """The page's feeds for the head: its own, else the site's in this language."""
    from articles.feeds import feed_links

    feeds = context.get("feeds")
    return feeds if feeds is not None else feed_links()


@register.simple_tag(takes_context=True)
def site_social_tags(context):
    """Open Graph and Twitter tags of a page that is not an article."""
    from articles.metadata import OG_LOCALES, share_image

    request = context.get("request")
    if request is None:
        return []
    language = current_language()
    image = share_image()
    image_url = request.build_absolute_uri(image["url"])
    alternates = context.get("alternates") or {}
    tags = [
        ("property", "og:type", "website"),
        ("property", "og:site_name", settings.SITE_NAME),
        ("property", "og:title", settings.SITE_NAME),
        ("property", "og:url", request.build_absolute_uri(request.path)),
        ("property", "og:locale", OG_LOCALES.get(language, language)),
    ]
    tags += [
        ("property", "og:locale:alternate", OG_LOCALES.get(code, code))
        for code in alternates
        if code != language
    ]
    return [
        *tags,
        ("property", "og:image", image_url),
        ("property", "og:image:width", str(image["width"])),
        ("property", "og:image:height", str(image["height"])),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:image", image_url),
    ]
