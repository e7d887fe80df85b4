"""``manage.py check --deploy``: a page cache that several processes cannot share."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
