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
