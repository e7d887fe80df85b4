"""The worker's job for stored article pages (``articles.stored``)."""

from django_tasks import task

from .stored import pages_render, pages_unrendered


@task()
def pages_refresh() -> int:
    """Render the articles whose stored parts need it (stale, missing, or from
    other templates after a deploy), each in its own transaction, so that an
    editor's save waits for one at most; returns how many it rendered."""
    ids = pages_unrendered()
    for article_id in ids:
        pages_render(article_id)
    return len(ids)
