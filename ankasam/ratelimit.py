"""Per-client limits on the pages that cost the most to answer (search, citation
files), so that they are not the cheapest way to load the site. Reading is never
limited.

A client is its address (the proxy's ``X-Forwarded-For`` last hop when
``DJANGO_BEHIND_PROXY`` is set). Counts live in the cache, shared by every process
when it is Redis, one fixed window at a time. When the cache cannot answer, nobody
is limited: a limit must never turn into an error.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_address(request) -> str:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[
                -1
            ]  # what our own proxy saw; earlier hops are the client's word
    return request.META.get("REMOTE_ADDR", "")


def over_limit(scope: str, address: str, limit: int, window: int) -> int:
    """Seconds to wait when ``address`` has used up ``limit`` in this window, else 0."""
    now = time.time()
    slot = int(now // window)
    key = f"ratelimit:{scope}:{address}:{slot}"
    try:
        if cache.add(key, 1, timeout=window + 1):
            return 0
        count = cache.incr(key)
    except Exception:  # the cache is away, or the key expired between the calls
        return 0
    if count <= limit:
        return 0
    return max(1, int((slot + 1) * window - now) + 1)


def rate_limited(scope: str):
    """Answer 429 (in the reader's language, with Retry-After) past the limit that
    ``settings.RATE_LIMITS[scope]`` gives as (requests, seconds)."""

    def decorate(view):
        @functools.wraps(view)
        def limited(request, *args, **kwargs):
            limit, window = settings.RATE_LIMITS[scope]
            wait = over_limit(scope, client_address(request), limit, window)
            if not wait:
                return view(request, *args, **kwargs)
            response = render(request, "429.html", {"wait": wait}, status=429)
            response["Retry-After"] = str(wait)
            response["Cache-Control"] = "private, no-store"
            return response

        return limited

    return decorate
