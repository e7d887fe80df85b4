"""Checks: a page cache that several processes cannot share (``--deploy``), and
its two middlewares in their places."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.caches, deploy=True)
def page_cache_shared(app_configs, **kwargs):
    """Without Redis, each process keeps its own stored pages, and a write ends
    only those of the process that made it: under gunicorn with several workers,
    readers of the others may see the old page until it expires."""
    if settings.REDIS_URL or not settings.PAGE_CACHE_SECONDS:
        return []
    return [
        Warning(
            "The page cache lives in each process's memory (REDIS_URL is not set).",
            hint="With more than one process (gunicorn workers, several app "
            "servers), set REDIS_URL so that a publish reaches every process, or "
            "DJANGO_PAGE_CACHE_SECONDS=0 to store no pages.",
            id="pagecache.W001",
        )
    ]


FRONT = "pagecache.middleware.PageCacheFrontMiddleware"
INNER = "pagecache.middleware.PageCacheMiddleware"
AUTHENTICATION = "django.contrib.auth.middleware.AuthenticationMiddleware"


@register(Tags.caches)
def page_cache_middleware(app_configs, **kwargs):
    """The inner middleware only marks what may be stored; the front one stores it
    and must see every header, so it comes before the others and the inner after
    authentication."""
    middleware = list(settings.MIDDLEWARE)
    if INNER not in middleware:
        return []
    inner = middleware.index(INNER)
    if FRONT not in middleware or middleware.index(FRONT) > inner:
        return [
            Error(
                f"{INNER} needs {FRONT} before it.",
                hint="Put the front middleware first (after the request id), so "
                "that stored pages carry every header.",
                id="pagecache.E001",
            )
        ]
    if AUTHENTICATION in middleware and middleware.index(AUTHENTICATION) > inner:
        return [
            Error(
                f"{INNER} must come after {AUTHENTICATION}.",
                id="pagecache.E002",
            )
        ]
    return []
