"""Editorial writes: revisions, status changes, restoring, the trash."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, ArticleAuthor
from articles.services import article_render
from citations.checks import check_article
from citations.models import Citation

from . import roles
from .models import Revision, Transition
from .snapshots import changed_fields, snapshot

TRASH_DAYS = 30


@transaction.atomic
def revision_record(*, article: Article, user) -> Revision:
    """Keep the article as it is now; a no-op when nothing changed since the last."""
    data = snapshot(article)
    last = article.revisions.order_by("-number").first()
    if last is not None and last.data == data:
        return last
    return Revision.objects.create(
        article=article,
        number=max(article.version, (last.number + 1) if last else 1),
        created_by=user,
        data=data,
        changed=changed_fields(last.data if last else None, data),
    )


def publication_problems(article: Article) -> list[str]:
    """Why ``article`` cannot be published now (empty when it can)."""
    problems = []
    if not article.languages():
        problems.append(str(Article.NO_VERSION_MESSAGE))
    problems += [problem.message for problem in check_article(article)]
    return problems


@transaction.atomic
def article_transition(
    *,
    article: Article,
    to_status: str,
    user,
    published_at: datetime.datetime | None = None,
) -> Transition | None:
    """Move ``article`` to ``to_status`` if ``user`` may; record who and when.

    Publishing with a future ``published_at`` schedules the article. Publishing is
    refused (``ValidationError`` with the reasons) while its footnotes have problems.
    """
    if to_status not in roles.allowed_statuses(user, article) or not (
        roles.can_edit(user, article) or roles.can_publish(user)
    ):
        raise PermissionDenied(_("You may not give this article that status."))
    if to_status == Article.Status.PUBLISHED:
        problems = publication_problems(article)
        if problems:
            raise ValidationError(problems)
    from_status = article.status
    if published_at is not None:
        article.published_at = published_at
    if from_status == to_status and published_at is None:
        return None
    article.status = to_status
    article.save()
    revision_record(article=article, user=user)
    if from_status == to_status:
        return None
    return Transition.objects.create(
        article=article, from_status=from_status, to_status=to_status, created_by=user
    )


def record_transition(*, article: Article, from_status: str, user) -> None:
    """Note a status change that a form already saved."""
    if from_status != article.status:
        Transition.objects.create(
            article=article,
            from_status=from_status,
            to_status=article.status,
            created_by=user,
        )


@transaction.atomic
def revision_restore(*, revision: Revision, user) -> Article:
    """Put the article back as ``revision`` has it, as a new revision (history kept).

    The status is not restored: publishing stays a separate, checked decision.
    """
    article = revision.article
    data = revision.data
    for key, value in data.items():
        if key.rpartition("_")[0] in (
            "title", "slug", "summary", "body", "featured_image_alt"
        ):  # fmt: skip
            setattr(article, key, value or (None if key.startswith("slug_") else ""))
    article.published_at = datetime.datetime.fromisoformat(data["published_at"])
    article.category_id = data["category"]
    article.save()
    article.regions.set(data["regions"])
    article.topics.set(data["topics"])
    ArticleAuthor.objects.filter(article=article).delete()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author_id=author, position=position)
        for position, author in enumerate(data["authors"])
    )
    article.citations.all().delete()
    Citation.objects.bulk_create(
        Citation(
            article=article,
            key=item["key"],
            source_id=item["source"],
            accessed_on=item["accessed_on"],
            locator=item["locator"],
            **{k: v for k, v in item.items() if k.startswith("note_")},
        )
        for item in data["citations"]
    )
    article_render(article=article)
    article.refresh_from_db()
    revision_record(article=article, user=user)
    return article


@transaction.atomic
def article_trash(*, article: Article, user) -> None:
    """Move ``article`` to the trash: hidden everywhere, restorable for 30 days."""
    if not roles.can_publish(user) and not user.has_perm("articles.delete_article"):
        raise PermissionDenied(_("You may not delete articles."))
    if article.status == Article.Status.TRASHED:
        return
    Transition.objects.create(
        article=article,
        from_status=article.status,
        to_status=Article.Status.TRASHED,
        created_by=user,
    )
    article.status_before_trash = article.status
    article.status = Article.Status.TRASHED
    article.trashed_at = timezone.now()
    article.save()


@transaction.atomic
def article_untrash(*, article: Article, user) -> None:
    """Bring ``article`` back from the trash, as a draft if it had been published."""
    if not user.has_perm("articles.delete_article"):
        raise PermissionDenied(_("You may not restore articles."))
    if article.status != Article.Status.TRASHED:
        return
    if article.trashed_at < timezone.now() - datetime.timedelta(days=TRASH_DAYS):
        raise ValidationError(_("Articles stay in the trash for 30 days only."))
    previous = article.status_before_trash or Article.Status.DRAFT
    # Coming back never republishes by itself: an editor decides that again.
    article.status = Article.Status.DRAFT if previous == "published" else previous
    article.trashed_at = None
    article.status_before_trash = ""
    article.save()
    Transition.objects.create(
        article=article,
        from_status=Article.Status.TRASHED,
        to_status=article.status,
        created_by=user,
    )


@transaction.atomic
def trash_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete for good the articles that have been in the trash for over 30 days."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=TRASH_DAYS)
    old = Article.objects.filter(status=Article.Status.TRASHED, trashed_at__lt=cutoff)
    count = old.count()
    old.delete()
    return count
