"""Whole-page caching of public pages, with validators and CDN-readable headers.

A page is stored when an anonymous reader GETs a public URL and the answer is a
plain 200 that sets no cookie and does not declare itself private. The key holds
the current content version (see ``versions``), the language, the host and the
path, so any change of content makes every stored page unreachable. Logged-in users
(staff in the admin, editors previewing drafts) never read or fill the cache, and
their answers are marked ``private, no-store``.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date
from django.utils.translation import get_language

from .versions import current_version

# URL namespaces and names of the public site: only these are ever cached.
PUBLIC_NAMESPACES = {"frontpage", "articles", "authors", "search", "pages"}
PUBLIC_NAMES = {"sitemap", "robots"}
# Query parameters a stored page may have; any other makes the key space endless.
STORED_PARAMETERS = {"page"}
CACHE_HEADER = "X-Page-Cache"


def is_public(request) -> bool:
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.namespace in PUBLIC_NAMESPACES or match.url_name in PUBLIC_NAMES


def is_cacheable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in ("private", "no-store"))
    )


def page_key(request, version) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"page:{version.token}:{get_language()}:{digest}"


def finish(response, version) -> None:
    """Validators and caching headers of a public answer."""
    if not response.has_header("ETag"):
        set_response_etag(response)
    # The version started when content last changed, so no page of it is older.
    response["Last-Modified"] = http_date(version.changed_at.timestamp())
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PAGE_CACHE_CDN_SECONDS,
        must_revalidate=True,
    )
    patch_vary_headers(response, ("Cookie",))


class PageCacheMiddleware:
    """Serve and store public pages; put it after ``AuthenticationMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_store=True)
            return response
        if request.method not in ("GET", "HEAD") or not is_public(request):
            return self.get_response(request)
        version = current_version()
        key = None
        if set(request.GET) <= STORED_PARAMETERS:
            key = page_key(request, version)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        response = cache.get(key) if key else None
        if response is not None:
            response[CACHE_HEADER] = "hit"
        else:
            response = self.get_response(request)
            if not is_cacheable(request, response):
                return response
            finish(response, version)
            if key and request.method == "GET":
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response[CACHE_HEADER] = "miss" if key else "bypass"
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=int(version.changed_at.timestamp()),
            response=response,
        )
