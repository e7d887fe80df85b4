"""The one public API for ending stored pages: ``invalidate(tags)``.

Writers name what they changed with the helpers of ``pagecache.tags``; the pages
carrying any of those tags are moved aside at once (inside the writing transaction,
which tests and single-process sites see) and again when the transaction commits
(so that no page rendered from the old rows before the commit survives it).

Scheduled versions: the soonest future publication moment of each language is kept
in the store, written by every article save; a page stored before that moment is
good until then, so a version going live needs neither a cron job nor a database
read on a hit.
"""

import contextvars
import datetime
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import tags as names
from .store import store

# Inside ``batched_changes()`` invalidations are gathered and sent once at the end.
_batch: contextvars.ContextVar[set | None] = contextvars.ContextVar(
    "pagecache_batch", default=None
)


def invalidate(tags) -> None:
    """End every stored page that carries one of ``tags`` (and untagged pages)."""
    tags = {*tags, names.UNTAGGED}
    batch = _batch.get()
    if batch is not None:
        batch.update(tags)
        return
    store().invalidate(tags)
    transaction.on_commit(lambda: store().invalidate(tags))


def content_changed() -> None:
    """End every stored page: for writes whose reach nobody has worked out (an
    import, a bulk ``update()``). Prefer ``invalidate()`` with precise tags."""
    invalidate({names.SITE})
    schedule_changed()


@contextmanager
def batched_changes():
    """Send one invalidation for all the writes inside (imports, demo loading)."""
    if _batch.get() is not None:  # nested: the outer batch decides
        yield
        return
    gathered: set = set()
    token = _batch.set(gathered)
    try:
        yield
    finally:
        _batch.reset(token)
    if gathered:
        invalidate(gathered)
        schedule_changed()


# --- scheduled versions ----------------------------------------------------------


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def next_go_live(now=None) -> dict[str, float | None]:
    """Per language, the soonest future publication moment (a POSIX time), read
    from the articles (one query)."""
    from django.db.models import Min, Q

    from articles.models import Article

    now = now or timezone.now()
    found = Article.objects.filter(trashed_at__isnull=True).aggregate(
        **{
            code: Min(
                f"published_at_{code}",
                filter=Q(
                    **{f"status_{code}": "published", f"published_at_{code}__gt": now}
                ),
            )
            for code in language_codes()
        }
    )
    return {code: (found[code].timestamp() if found[code] else None) for code in found}


def schedule_changed() -> None:
    """Keep the soonest publication moments in the store (after an article save),
    now and when the transaction commits."""
    if _batch.get() is not None:
        return
    moments = next_go_live()
    store().set_schedule(moments)
    transaction.on_commit(lambda: store().set_schedule(next_go_live()))


def good_until(schedule: dict | None, languages, now: float) -> float | None:
    """Until when a page of ``languages`` stays true, given the stored schedule
    (read again from the articles when it is missing or has come to pass)."""
    if schedule is None or any(
        moment is not None and moment <= now for moment in schedule.values()
    ):
        schedule = next_go_live(datetime.datetime.fromtimestamp(now, datetime.UTC))
        store().set_schedule(schedule)
    moments = [schedule.get(code) for code in languages]
    return min((m for m in moments if m is not None), default=None)
