"""The worker's job for stored article pages (``articles.stored``), and the one
way to hand it work."""

from django.db import transaction
from django_tasks import task

from .models import StoredPage
from .stored import pages_render_needed


@task()
def pages_refresh() -> int:
    """Render the articles whose stored parts need it (stale, missing, or from
    other templates after a deploy); returns how many it rendered."""
    return pages_render_needed()


def pages_outdated(articles) -> int:
    """Mark the stored parts of ``articles`` (a queryset) stale and have the
    worker render them again once the transaction commits."""
    marked = StoredPage.objects.filter(article__in=articles, stale=False).update(
        stale=True
    )
    if marked:
        transaction.on_commit(lambda: pages_refresh.enqueue())
    return marked
