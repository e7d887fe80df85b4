"""Whole-page caching of public pages, with validators and CDN-readable headers.

A page is stored when an anonymous reader GETs a public URL and the answer is a
plain 200 that sets no cookie and does not declare itself private. It is stored
once, compressed then (brotli, gzip, and as is), with the tags of what it shows
(``pagecache.tags``); a hit is one lookup of the variant the reader accepts, with no
database query. A write ends exactly the pages carrying its tags
(``pagecache.invalidate``), keeping them aside as stale copies that are served only
when a page cannot be rendered because the database is unavailable. Logged-in users
(staff in the admin, editors previewing drafts) never read or fill the cache, and
their answers are marked ``private, no-store``.
"""

import gzip
import hashlib
import pickle

import brotli
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date
from django.utils.translation import get_language

from . import tags as names
from .store import store
from .versions import good_until, language_codes

# URL namespaces and names of the public site: only these are ever cached.
PUBLIC_NAMESPACES = {"frontpage", "articles", "authors", "search", "pages"}
PUBLIC_NAMES = {"sitemap", "robots"}
# Pages outside the language prefixes show every language.
ALL_LANGUAGES = {"sitemap", "robots"}
# What pages that declare nothing themselves show, by URL name.
URL_TAGS = {"sitemap": {names.SITEMAP}}
# Query parameters a stored page may have; any other makes the key space endless.
STORED_PARAMETERS = {"page"}
CACHE_HEADER = "X-Page-Cache"
# Errors that mean "the database cannot be reached" rather than a bug.
DATABASE_DOWN = (OperationalError, InterfaceError)
BROTLI_QUALITY = 5  # once per stored page; 11 costs tens of ms for little gain
GZIP_LEVEL = 6


def public_match(request):
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    if match.namespace in PUBLIC_NAMESPACES or match.url_name in PUBLIC_NAMES:
        return match
    return None


def is_public(request) -> bool:
    return public_match(request) is not None


def is_cacheable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in ("private", "no-store"))
    )


def page_digest(request) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return hashlib.sha256(f"{get_language()} {where}".encode()).hexdigest()


def accepted_encoding(request) -> str:
    """``br``, else ``gzip``, else ``identity``, as Accept-Encoding allows."""
    weights = {}
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, _sep, params = part.partition(";")
        weight = 1.0
        params = params.strip().lower()
        if params.startswith("q="):
            try:
                weight = float(params[2:])
            except ValueError:
                weight = 0.0
        weights[name.strip().lower()] = weight
    for encoding in ("br", "gzip"):
        if weights.get(encoding, weights.get("*", 0.0)) > 0:
            return encoding
    return "identity"


def finish(response, stored_at: float) -> None:
    """Validators and caching headers of a public answer."""
    if not response.has_header("ETag"):
        set_response_etag(response)
    response["Last-Modified"] = http_date(stored_at)
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PAGE_CACHE_CDN_SECONDS,
        must_revalidate=True,
    )
    patch_vary_headers(response, ("Cookie", "Accept-Encoding"))


def variants(response, stored_at: float, until: float | None) -> dict[str, bytes]:
    """The stored forms of a finished answer: one blob per encoding, each its
    headers and body (compressed here, once)."""
    body = response.content
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in {"content-length", CACHE_HEADER.lower()}
    ]
    etag = response["ETag"]
    weak = etag if etag.startswith("W/") else f"W/{etag}"
    bodies = {
        "br": brotli.compress(body, quality=BROTLI_QUALITY),
        "gzip": gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0),
        "identity": body,
    }
    blobs = {}
    for encoding, data in bodies.items():
        extra = [("Content-Length", str(len(data)))]
        if encoding != "identity":
            # Another representation of the same page: a weak validator of its own.
            extra += [("Content-Encoding", encoding)]
        own = [
            (name, weak if name == "ETag" and encoding != "identity" else value)
            for name, value in headers
        ]
        blobs[encoding] = pickle.dumps(
            (own + extra, data, stored_at, until), protocol=pickle.HIGHEST_PROTOCOL
        )
    return blobs


def answer(request, entry: tuple, state: str):
    """The stored answer as the reader gets it (or a 304)."""
    headers, body, stored_at, _until = entry
    response = HttpResponse(body, headers=dict(headers))
    response = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=int(stored_at),
        response=response,
    )
    response[CACHE_HEADER] = state
    return response


class PageCacheMiddleware:
    """Serve and store public pages; put it after ``AuthenticationMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_store=True)
            return response
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        match = public_match(request)
        if match is None:
            return self.get_response(request)
        pages = store()
        encoding = accepted_encoding(request)
        digest = None
        if set(request.GET) <= STORED_PARAMETERS:
            digest = page_digest(request)
            blob = pages.get(digest, encoding)
            if blob is not None:
                entry = pickle.loads(blob)
                until = entry[3]
                if until is None or timezone.now().timestamp() < until:
                    return answer(request, entry, "hit")
        generation, schedule = pages.prepare()
        with names.collecting() as collected:
            try:
                response = self.get_response(request)
            except DATABASE_DOWN:
                stale = self.stale_copy(pages, digest, encoding)
                if stale is None:
                    raise
                return answer(request, pickle.loads(stale), "stale")
            if response.status_code >= 500 and collected.database_down:
                stale = self.stale_copy(pages, digest, encoding)
                if stale is not None:
                    return answer(request, pickle.loads(stale), "stale")
        if not is_cacheable(request, response):
            return response
        now = timezone.now().timestamp()
        languages = (
            language_codes() if match.url_name in ALL_LANGUAGES else [get_language()]
        )
        until = good_until(schedule, languages, now)
        if collected.until is not None and (until is None or collected.until < until):
            until = collected.until
        finish(response, now)
        blobs = variants(response, now, until)
        shown = collected.tags or URL_TAGS.get(match.url_name) or {names.UNTAGGED}
        tags = shown | {names.SITE}
        if digest and request.method == "GET" and generation is not None:
            pages.put(digest, blobs, tags, generation)
        state = "miss" if digest else "bypass"
        return answer(request, pickle.loads(blobs[encoding]), state)

    def process_exception(self, request, exception):
        """A view that failed for want of its database: note it, so that the miss
        serves the stale copy instead of the error page."""
        if isinstance(exception, DATABASE_DOWN):
            collected = names.current()
            if collected is not None:
                collected.database_down = True
        return None

    def stale_copy(self, pages, digest, encoding):
        return pages.get_stale(digest, encoding) if digest else None
