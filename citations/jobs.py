"""The worker's link checks: one job per source, on a schedule and on citing.

``manage.py check_links`` (run it from cron or a systemd timer, e.g. nightly)
enqueues a check of every source with an address that was never checked or last
checked more than ``LINK_CHECK["days"]`` ago; ``article_save`` enqueues, on
commit, a check of the article's sources that were never checked (a citation
just added). The worker runs them; each writes only the source's ``link_*``
fields, so an editor's open form stays valid.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .links import fetch_status, options
from .models import LinkStatus, Source


@task()
def source_check(*, source_id: int) -> str:
    """Check the address of one source and record what it answered."""
    source = Source.objects.filter(pk=source_id).only("url").first()
    if source is None or not source.url:
        return "nothing to check"
    result = fetch_status(source.url)
    now = timezone.now()
    if result.refused:
        status = LinkStatus.REFUSED
    elif not result.ok:
        status = LinkStatus.BROKEN
    elif result.final_url != source.url:
        status = LinkStatus.REDIRECTED
    else:
        status = LinkStatus.OK
    fields = {
        "link_status": status,
        "link_status_code": result.status,
        "link_final_url": result.final_url[:1000],
        "link_error": result.error[:300],
        "link_checked_at": now,
    }
    if result.ok:
        fields["link_ok_at"] = now
    # Only while the source still has that address.
    Source.objects.filter(pk=source_id, url=source.url).update(**fields)
    return status or "unchecked"


def sources_due(now=None):
    """Sources with an address whose check is due."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=options()["days"])
    return (
        Source.objects.exclude(url="")
        .filter(Q(link_checked_at__isnull=True) | Q(link_checked_at__lt=cutoff))
        .order_by("link_checked_at", "pk")
    )


def sources_check_enqueue(article) -> None:
    """Once the transaction commits, check the never-checked sources ``article``
    cites (the ones just added)."""
    ids = list(
        Source.objects.filter(citations__article=article, link_checked_at__isnull=True)
        .exclude(url="")
        .values_list("pk", flat=True)
        .distinct()
    )
    if ids:
        transaction.on_commit(
            lambda: [source_check.enqueue(source_id=pk) for pk in ids]
        )
