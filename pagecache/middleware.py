"""Whole-page caching of public pages, with validators and CDN-readable headers.

A page is stored when an anonymous reader GETs a public URL and the answer is a
plain 200 that sets no cookie and does not declare itself private. It is stored
once, compressed then (brotli, gzip, and as is), with the tags of what it shows
(``pagecache.tags``) and with every header the middleware stack gave it. A write
ends exactly the pages carrying its tags (``pagecache.invalidate``), keeping them
aside as stale copies that are served only when a page cannot be rendered because
the database is unavailable. Logged-in users (staff in the admin, editors previewing
drafts) never read or fill the cache, and their answers are marked ``private,
no-store``.

Two middlewares share the work. ``PageCacheFrontMiddleware`` comes first: a reader
without a session cookie (so certainly anonymous) gets a stored page from it, one
lookup of the variant the reader accepts, before any other middleware runs and with
no database query; on the way out it stores what the inner middleware marked as
storable, now that every other middleware has added its headers.
``PageCacheMiddleware`` sits after authentication: it knows the user, decides what
may be stored, collects the tags while the view renders, and serves the stale copy
when the database is away.
"""

import gzip
import hashlib
import pickle

import brotli
from django.conf import settings
from django.core.exceptions import DisallowedHost
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
from django.utils.translation import get_language, get_language_from_request

from . import tags as names
from .store import seconds, store
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
# Set outside the front middleware, per request: never stored.
REQUEST_HEADERS = {"content-length", CACHE_HEADER.lower(), "x-request-id"}
# Errors that mean "the database cannot be reached" rather than a bug.
DATABASE_DOWN = (OperationalError, InterfaceError)
BROTLI_QUALITY = 5  # once per stored page; 11 costs tens of ms for little gain
GZIP_LEVEL = 6
ADMIN_PREFIX = "/admin/"


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


def page_digest(request) -> str | None:
    """The stored page's key for this request, or None when no page is stored for
    it (not GET or HEAD, other query parameters, a host not allowed). The language
    is the one ``LocaleMiddleware`` will choose, worked out the same way."""
    if request.method not in ("GET", "HEAD") or not set(request.GET) <= (
        STORED_PARAMETERS
    ):
        return None
    try:
        where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    except DisallowedHost:
        return None  # the stack answers 400
    language = get_language_from_request(request, check_path=True)
    return hashlib.sha256(f"{language} {where}".encode()).hexdigest()


def never_stored(request) -> bool:
    """Addresses the front middleware does not look up: static and media files, the
    admin, and plain HTTP where the site redirects it to HTTPS."""
    prefixes = (settings.STATIC_URL, settings.MEDIA_URL, ADMIN_PREFIX)
    return request.path_info.startswith(prefixes) or (
        settings.SECURE_SSL_REDIRECT and not request.is_secure()
    )


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


COMPRESSORS = {
    "br": lambda body: brotli.compress(body, quality=BROTLI_QUALITY),
    "gzip": lambda body: gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0),
    "identity": lambda body: body,
}


def variants(
    response, stored_at: float, until: float | None, encodings=tuple(COMPRESSORS)
) -> dict[str, bytes]:
    """The stored forms of a finished answer: one blob per encoding (all of them
    unless told), each its headers and body (compressed here, once)."""
    body = response.content
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in REQUEST_HEADERS
    ]
    etag = response["ETag"]
    weak = etag if etag.startswith("W/") else f"W/{etag}"
    bodies = {encoding: COMPRESSORS[encoding](body) for encoding in encodings}
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


class Storable:
    """What the inner middleware decided about a rendered page, for the front
    middleware to finish on the way out: store it under ``digest`` (unless None),
    with these tags, if no invalidation happened since ``generation``."""

    def __init__(self, digest, tags, generation, until):
        self.digest = digest
        self.tags = tags
        self.generation = generation
        self.until = until

    def finish(self, request, response, encoding: str):
        now = timezone.now().timestamp()
        finish(response, now)
        stored = (
            self.digest is not None
            and request.method == "GET"
            and self.generation is not None
            and seconds() > 0  # DJANGO_PAGE_CACHE_SECONDS=0: the cache is off
        )
        # Every form of a page that is stored; only the reader's of one that is not.
        blobs = variants(
            response, now, self.until, COMPRESSORS if stored else [encoding]
        )
        if stored:
            store().put(self.digest, blobs, self.tags, self.generation)
        state = "miss" if self.digest else "bypass"
        return answer(request, pickle.loads(blobs[encoding]), state)


def lookup(request, pages, digest: str, encoding: str):
    """The stored answer (or a 304) for ``digest``, if there is a fresh one."""
    blob = pages.get(digest, encoding)
    if blob is not None:
        entry = pickle.loads(blob)
        until = entry[3]
        if until is None or timezone.now().timestamp() < until:
            return answer(request, entry, "hit")
    return None


class PageCacheFrontMiddleware:
    """Serve stored pages to readers without a session, and store what
    ``PageCacheMiddleware`` marked; put it first, after the request id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        digest = None if never_stored(request) else page_digest(request)
        request.page_cache_digest = digest
        encoding = accepted_encoding(request)
        if digest is not None and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            found = lookup(request, store(), digest, encoding)
            if found is not None:
                return found
        response = self.get_response(request)
        storable = getattr(response, "page_cache_storable", None)
        if storable is None:
            return response
        del response.page_cache_storable
        if not is_cacheable(request, response):
            return response  # a middleware on the way out set a cookie, say
        return storable.finish(request, response, encoding)


class PageCacheMiddleware:
    """Decide what is stored, collect its tags, and serve stale copies while the
    database is away; put it after ``AuthenticationMiddleware``."""

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
        # Set by the front middleware; absent only where it is not installed.
        digest = getattr(request, "page_cache_digest", None)
        if digest is not None:
            # A reader with a session cookie the front could not vouch for.
            found = lookup(request, pages, digest, encoding)
            if found is not None:
                return found
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
        shown = collected.tags or URL_TAGS.get(match.url_name) or {names.UNTAGGED}
        response.page_cache_storable = Storable(
            digest, shown | {names.SITE}, generation, until
        )
        return response

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
