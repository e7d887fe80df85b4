"""Probes for process managers and load balancers: never cached, nothing secret.

``/healthz`` answers as soon as the process can answer at all (a liveness probe:
it touches nothing else). ``/readyz`` says whether this process can serve readers
and editors now: the database, the cache, the media storage and the job queue each
answer. A 503 names what failed, never how.
"""

import logging

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult

from .storage import check_reachable

logger = logging.getLogger(__name__)


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def cache_round_trip() -> None:
    key, value = "readyz", get_random_string(8)
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")


def storage() -> None:
    # A bucket: one HEAD request on it (it exists, the credentials may use it);
    # the local disk: a look-up in its folder.
    check_reachable(default_storage)


def job_queue() -> None:
    DBTaskResult.objects.only("pk").first()


CHECKS = {
    "database": database,
    "cache": cache_round_trip,
    "storage": storage,
    "jobs": job_queue,
}


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            # The reason goes to the log, not to whoever asks.
            logger.exception("readiness check %s failed", name)
            results[name] = "failed"
        else:
            results[name] = "ok"
    ready = all(result == "ok" for result in results.values())
    response = JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": results},
        status=200 if ready else 503,
    )
    if not ready:
        response["Retry-After"] = "5"
    return response
