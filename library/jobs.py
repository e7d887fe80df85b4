"""The worker's job for library images: renditions, then the articles showing them."""

from django.db import transaction
from django_tasks import task

from ankasam.images import renditions_for, renditions_made
from ankasam.jobs import retry_later

from .models import Image
from .rerender import articles_rerender


@task()
def image_renditions_make(*, pk: int, source: str, attempt: int = 1):
    """Make the renditions of ``source`` for library image ``pk``.

    Nothing happens when the image is gone, holds another file by now, or its
    renditions already exist; pages show the stored file, sized, until then.
    """
    current = Image.objects.filter(pk=pk).values("file", "file_renditions").first()
    if current is None or current["file"] != source:
        return "outdated"
    if renditions_made(current["file_renditions"]):
        return "done already"
    try:
        renditions = renditions_for(source)
    except Exception:
        retry_later(image_renditions_make, attempt, pk=pk, source=source)
        raise
    stored = image_renditions_store(pk=pk, source=source, renditions=renditions)
    return "made" if stored else "outdated"


@transaction.atomic
def image_renditions_store(*, pk: int, source: str, renditions: dict) -> bool:
    """Store renditions made from ``source`` if the image still holds that file;
    then re-render the articles showing it. False when it is gone or changed."""
    stored = Image.objects.filter(pk=pk, file=source).update(file_renditions=renditions)
    if not stored:
        return False
    articles_rerender(image_ids=[pk])
    return True
