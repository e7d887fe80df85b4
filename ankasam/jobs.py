"""Background jobs, run by the worker (``python manage.py db_worker``).

Jobs go through Django's tasks API (the django-tasks backport, database backend):
a job enqueued inside a write is a row written in the same transaction, so it
exists exactly when the write commits, and the worker picks it up then. Every job
here is idempotent (running it twice, or for an outdated file, changes nothing
more) and retried a few times with a growing delay when it fails; staff see each
run in the admin (*Task results*).
"""

import datetime
import logging

from django.utils import timezone

logger = logging.getLogger(__name__)

ATTEMPTS = 4


def retry_later(job, attempt: int, **kwargs) -> None:
    """Enqueue ``job`` again after a growing delay, up to ``ATTEMPTS`` runs."""
    if attempt >= ATTEMPTS:
        logger.error("%s gave up after %s attempts: %s", job.name, attempt, kwargs)
        return
    if not job.get_backend().supports_defer:  # the immediate backend (tests)
        return
    delay = datetime.timedelta(seconds=30 * 2 ** (attempt - 1))
    job.using(run_after=timezone.now() + delay).enqueue(attempt=attempt + 1, **kwargs)
