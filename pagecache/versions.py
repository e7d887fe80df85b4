"""The current content version, and the one call that starts a new one."""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from .models import ContentVersion

# Rows kept after pruning; only the newest one matters.
KEEP = 20


def current_version() -> ContentVersion:
    """The newest version (one query), renewed when a scheduled article went live."""
    version = ContentVersion.objects.order_by("-pk").first()
    if version is None or not version.is_current(timezone.now()):
        version = content_changed()
    return version


# Inside ``batched_changes()`` saves only note that something changed.
_batch = contextvars.ContextVar("pagecache_batch", default=None)


@contextmanager
def batched_changes():
    """Start one new version for all the writes inside (imports, demo loading).

    Every saved row would otherwise start a version of its own: thousands of rows
    and aggregate queries for an import that readers see as one change.
    """
    if _batch.get() is not None:  # nested: the outer batch decides
        yield
        return
    changed = [False]
    token = _batch.set(changed)
    try:
        yield
    finally:
        _batch.reset(token)
    if changed[0]:
        content_changed()


def content_changed() -> ContentVersion | None:
    """Start a new content version: every cached page is out of date from now on.

    Call it after any write that changes what readers see and that sends no model
    signal (``QuerySet.update()``, ``bulk_create()``); saves and deletes of articles,
    authors, taxonomy, citations and sources call it by themselves.
    """
    from articles.models import Article

    batch = _batch.get()
    if batch is not None:
        batch[0] = True
        return None
    now = timezone.now()
    # Any article with a future date may go live then, whatever its status: ending
    # the version a little too often is harmless, a page missing an article is not.
    # Each language has its own publication time: the soonest of them (one query).
    codes = [code for code, _name in settings.LANGUAGES]
    nexts = Article.objects.aggregate(
        **{
            code: Min(
                f"published_at_{code}", filter=Q(**{f"published_at_{code}__gt": now})
            )
            for code in codes
        }
    )
    upcoming = min((moment for moment in nexts.values() if moment), default=None)
    version = ContentVersion.objects.create(changed_at=now, valid_until=upcoming)
    transaction.on_commit(lambda: prune(version.pk))
    return version


def prune(newest: int) -> None:
    """Forget old rows, outside the writing transaction so that it never waits."""
    ContentVersion.objects.filter(pk__lte=newest - KEEP).delete()
