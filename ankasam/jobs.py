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

from django.apps import apps
from django.utils import timezone
from django_tasks import task

from pagecache import tags
from pagecache.versions import invalidate

from .images import renditions_for, renditions_made

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


@task()
def renditions_make(*, model: str, pk: int, field: str, source: str, attempt: int = 1):
    """Make the renditions of ``source``, the image in ``field`` of one record.

    Nothing happens when the record is gone, holds another image by now, or its
    renditions already exist. The page shows the stored image, sized, until then.
    """
    Model = apps.get_model(model)
    renditions_attr = f"{field}_renditions"
    current = Model.objects.filter(pk=pk).values(field, renditions_attr).first()
    if current is None or current[field] != source:
        return "outdated"
    if renditions_made(current[renditions_attr]):
        return "done already"
    try:
        renditions = renditions_for(source)
    except Exception:
        retry_later(
            renditions_make, attempt, model=model, pk=pk, field=field, source=source
        )
        raise
    # Only if the record still holds that image; no save(): renditions are derived
    # data, and an editor's open form must stay at its version.
    Model.objects.filter(pk=pk, **{field: source}).update(
        **{renditions_attr: renditions}
    )
    invalidate(_shown_by(Model, pk))
    return "made"


def _shown_by(Model, pk) -> set[str]:
    """The pages that show an image of this record."""
    label = Model._meta.label_lower
    if label == "articles.article":
        return {tags.article(pk)}
    if label == "authors.author":
        return {tags.term("author", pk)}
    return {tags.SITE}


def renditions_enqueue(instance, field: str) -> None:
    """Have the worker make the renditions of the image in ``instance.<field>``."""
    renditions_make.enqueue(
        model=instance._meta.label_lower,
        pk=instance.pk,
        field=field,
        source=getattr(instance, field).name,
    )
