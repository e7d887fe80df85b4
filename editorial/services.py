"""The article write path: every change to an article goes through these functions.

The admin (form, bulk actions, history, trash), the WordPress importer, the demo
loader and revision restore call them; each one is atomic. ``article_save`` runs, in
this order and once each:

1. the version check and the write lock: one conditional UPDATE on ``version`` (a
   form opened at version n saves only over version n; two concurrent saves can
   never both succeed);
2. who may change what (roles; translators only their languages' fields);
3. sanitize every body;
4. slugs, per language;
5. the original language (the first version saved), change dates and what each
   translation was made from;
6. (images are media-library images, saved through ``library.services``);
7. the row, then its relations: regions, topics, byline, citations; the old
   address of each public version whose slug changed redirects to the new one;
8. pasted footnotes become citations; footnotes are rendered once, then checked;
9. the publication gate of each language that is (or becomes) published, and each
   language's state change recorded as a transition;
10. the revision: exactly what was saved, citations included;
11. derived data: the search entries, the similar lists (this article's and those
    it may enter or leave), and the end of the cached pages showing it.

``article_submit``, ``article_publish``, ``article_unpublish`` (per language),
``revision_restore``, ``article_trash`` and ``article_untrash`` change what they
name and then save through ``article_save``.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from ankasam.html import sanitize_html
from ankasam.slugs import fill_slugs
from articles.models import Article, ArticleAuthor
from articles.querysets import language_codes
from articles.services import article_changed, article_reach, article_render
from citations.checks import Problem, check_article
from citations.jobs import sources_check_enqueue
from citations.models import Citation
from citations.services import ImportReport, citations_import
from pagecache import tags
from pagecache.versions import invalidate
from printing.jobs import pdfs_enqueue
from redirects.services import redirects_slug_changed
from search.indexing import index_article

from . import roles
from .autosave import NEW, autosave_discard
from .corrections import corrections_write
from .models import Revision, Transition
from .publication import publication_problems
from .snapshots import (
    article_fields,
    changed_fields,
    label,
    restore_fields,
    restored_relations,
    snapshot,
)

TRASH_DAYS = 30
Status = Article.Status


class StaleArticle(Exception):
    """The article was saved by someone else after the form was opened."""

    def __init__(self, article_id: int, seen: int):
        self.article_id = article_id
        self.seen = seen
        self.changes = changes_since(article_id, seen)
        super().__init__("; ".join(self.changes) or "stale")


class PublicationRefused(ValidationError):
    """A language cannot be (or stay) published; the messages say why."""


@dataclass
class SaveResult:
    article: Article
    revision: Revision
    pasted: ImportReport | None = None
    # Footnote problems that did not block this save (drafts): to show as warnings.
    problems: list[Problem] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)


# --- reading the version, for forms ------------------------------------------------


def article_version_locked(article_id: int) -> int | None:
    """The stored version of the article, locked until the transaction ends.

    A form's stale check calls this: a concurrent save of the same article waits
    for this transaction, then sees the new version, so it is refused rather than
    silently overwriting.
    """
    return locked_rows(article_id).values_list("version", flat=True).first()


def locked_rows(article_id: int):
    """The article's row, locked until the transaction ends (where the database
    can lock rows and a transaction is open; SQLite serializes writers anyway).

    The lock is an update's (FOR NO KEY UPDATE): rows of other transactions that
    refer to the article (another article's similar list naming it) are not held
    up by it, so that two editors' saves never wait on each other in a cycle."""
    rows = Article.objects.filter(pk=article_id)
    if connection.in_atomic_block and connection.features.has_select_for_update:
        rows = rows.select_for_update(no_key=True)
    return rows


def changes_since(article_id: int, seen: int) -> list[str]:
    """Who changed what after version ``seen``, for the refusal message."""
    changes = []
    revisions = (
        Revision.objects.filter(article_id=article_id, number__gt=seen)
        .select_related("created_by")
        .order_by("number")
    )
    for revision in revisions:
        who = revision.created_by.get_username() if revision.created_by else "?"
        when = date_format(localtime(revision.created_at), "DATETIME_FORMAT")
        fields = ", ".join(label(f) for f in revision.changed) or _("no field")
        changes.append(
            _("%(who)s at %(when)s changed %(fields)s")
            % {"who": who, "when": when, "fields": fields}
        )
    return changes


# --- the save ------------------------------------------------------------------------


@transaction.atomic
def article_save(
    *,
    article: Article,
    user=None,
    expected_version: int | None = None,
    regions=None,
    topics=None,
    byline: list | None = None,
    citations: list[dict] | None = None,
    paste: str = "",
    check_publication: bool = True,
    corrections: list[dict] | None = None,
) -> SaveResult:
    """Save ``article`` as it is set now, with the relations given (``None``: keep).

    ``user`` None is the system (importer, demo loader): no role checks.
    ``byline`` is the ordered list of authors (or their ids); ``citations`` a list of
    dicts of Citation fields (``key``, ``source_id`` ...), replacing the old ones.
    Raises ``StaleArticle`` when ``expected_version`` is no longer current,
    ``PermissionDenied``, and ``PublicationRefused`` (nothing is written then).
    ``check_publication=False`` (imports only) keeps what another system already
    published public whatever its footnotes; the result lists their problems.
    """
    new = article.pk is None
    now = timezone.now()
    for code in language_codes():  # a form that sent no state means a draft
        if not getattr(article, f"status_{code}"):
            setattr(article, f"status_{code}", Status.DRAFT)
    # 1. The version check and the lock, in one statement.
    if new:
        article.version = 1
        before = None
    else:
        rows = Article.objects.filter(pk=article.pk)
        if expected_version is not None:
            rows = rows.filter(version=expected_version)
        if not rows.update(version=F("version") + 1):
            raise StaleArticle(article.pk, expected_version)
        before = stored_values(article.pk)
        article.version = before["version"]
    # The lists it is in now. A row the write path never saved (version 0 before
    # this save: fixtures, raw inserts) is in none that a stored page knows of.
    reach = article_reach(None if new or article.version == 1 else article.pk)
    # 2. Who may change what.
    if user is not None:
        check_permission(user, article, before)
    # 3-5. Sanitize, slugs, the original language and change dates.
    for code in language_codes():
        body = getattr(article, f"body_{code}") or ""
        setattr(article, f"body_{code}", sanitize_html(body))
    fill_slugs(article, source="title")
    if not article.original_language and article.languages():
        article.original_language = article.languages()[0]
    article.mark_changed_languages(before, now)
    versions = article.languages()
    for code in language_codes():
        if article.status_in(code) != Status.PUBLISHED:
            continue
        if code not in versions:
            if before and before[f"status_{code}"] == Status.PUBLISHED:
                # An editor emptied a published version: it is taken down, as a
                # recorded transition, rather than refusing the save.
                setattr(article, f"status_{code}", Status.DRAFT)
        elif not article.published_at_in(code):
            setattr(article, f"published_at_{code}", now)
    # 6. Images are media-library images, saved there (``library.services``).
    if new and user is not None and not article.created_by_id:
        article.created_by = user
    # 7. The row and its relations.
    article.save()
    if regions is not None:
        article.regions.set(regions)
    if topics is not None:
        article.topics.set(topics)
    if byline is not None:
        write_byline(article, byline)
    if citations is not None:
        write_citations(article, citations)
    if corrections is not None and corrections_write(
        article=article, rows=corrections, user=user
    ):
        invalidate({tags.corrections(code) for code in language_codes()})
    if before is not None:
        redirects_slug_changed(
            kind="article",
            url_name="articles:detail",
            before={code: before[f"slug_{code}"] for code in language_codes()},
            after={code: getattr(article, f"slug_{code}") for code in language_codes()},
            languages=stored_article(before).public_languages(),
        )
    # 8. Pasted footnotes, then one rendering and one check.
    pasted = citations_import(article=article, text=paste) if paste.strip() else None
    article_render(article=article)
    footnote_problems = check_article(article)
    # 9. The gate of every published language, and the state changes.
    refusals = []
    for code in language_codes():
        if article.status_in(code) == Status.PUBLISHED:
            refusals += publication_problems(
                article=article, language=code, footnote_problems=footnote_problems
            )
    if refusals and check_publication:
        raise PublicationRefused(list(dict.fromkeys(refusals)))
    transitions = record_transitions(article, before, user)
    # 10. The revision of what was saved.
    revision = revision_record(article=article, user=user)
    # 11. Derived data: search entries, similar lists, and the cached pages.
    index_article(article)
    article_changed(article=article, before=reach)
    pdfs_enqueue(article)
    sources_check_enqueue(article)
    # 12. What the member's form kept unsaved is saved now.
    if user is not None:
        autosave_discard(user=user, keys=[NEW] if new else [str(article.pk)])
    return SaveResult(
        article=article,
        revision=revision,
        pasted=pasted,
        problems=footnote_problems,
        transitions=transitions,
    )


def stored_values(article_id: int) -> dict:
    """The row as stored: what this save compares with."""
    names = [field.attname for field in article_fields()]
    return (
        Article.objects.filter(pk=article_id)
        .values(*names, "version", "trashed_at", "created_by_id")
        .get()
    )


def stored_article(before: dict) -> Article:
    """The row as stored, unsaved and without its files: an image field without its
    dimensions would open its file, which this save may have replaced."""
    files = {
        field.attname
        for field in Article._meta.concrete_fields
        if isinstance(field, models.FileField)
    }
    kept = {name: value for name, value in before.items() if name not in files}
    return Article(**kept)


def check_permission(user, article: Article, before: dict | None) -> None:
    """Refuse a save that ``user``'s role does not allow (decided here, not only by
    the form): editing at all, a translator's other fields, each language's state."""
    stored = stored_article(before) if before else None
    if stored is not None and not roles.can_edit(user, stored):
        raise PermissionDenied(_("You may not edit this article."))
    if stored is None and not user.has_perm("articles.add_article"):
        raise PermissionDenied(_("You may not create articles."))
    allowed = roles.editable_fields(user, stored)
    if allowed is not None and before is not None:
        changed = [
            field.attname
            for field in article_fields()
            if field.attname not in allowed
            and comparable(getattr(article, field.attname))
            != comparable(before[field.attname])
        ]
        if changed:
            raise PermissionDenied(
                _("You may not change these fields: %(fields)s.")
                % {"fields": ", ".join(label(name) for name in changed)}
            )
    for code in language_codes():
        old = before[f"status_{code}"] if before else Status.DRAFT
        to = article.status_in(code)
        if to != old and to not in roles.allowed_statuses(user, stored, code):
            raise PermissionDenied(
                _("You may not give the %(language)s version that status.")
                % {"language": code.upper()}
            )
        old_at = before[f"published_at_{code}"] if before else None
        if (
            to == Status.PUBLISHED
            and article.published_at_in(code) != old_at
            and old_at is not None
            and not roles.can_publish(user)
        ):
            raise PermissionDenied(_("You may not change publication dates."))


def comparable(value):
    """A stored file by its name, and no value as the empty string."""
    if hasattr(value, "storage"):
        return value.name or ""
    return "" if value is None else value


def write_byline(article: Article, authors: list) -> None:
    """The byline in this order; links of authors who stay keep their rows (an
    open form's rows stay valid)."""
    ids = list(dict.fromkeys(getattr(author, "pk", author) for author in authors))
    links = {link.author_id: link for link in article.article_authors.all()}
    ArticleAuthor.objects.filter(article=article).exclude(author_id__in=ids).delete()
    changed, new = [], []
    for position, author_id in enumerate(ids):
        link = links.get(author_id)
        if link is None:
            new.append(
                ArticleAuthor(article=article, author_id=author_id, position=position)
            )
        elif link.position != position:
            link.position = position
            changed.append(link)
    ArticleAuthor.objects.bulk_update(changed, ["position"])
    ArticleAuthor.objects.bulk_create(new)


# Markers are unique per article: rows changing theirs move aside first.
PARKED_KEY = 20000


def write_citations(article: Article, rows: list[dict]) -> None:
    """The citations as ``rows`` give them (dicts of Citation fields). A row with
    an ``id``, or else with the marker of an existing citation, updates it, so that
    an open form's rows stay valid; the others are created; the rest deleted."""
    existing = {citation.pk: citation for citation in article.citations.all()}
    by_key = {citation.key: citation for citation in existing.values()}
    plan = []
    for row in rows:
        values = dict(row)
        target = existing.get(values.pop("id", None)) or by_key.get(values.get("key"))
        if target is not None and target.pk in {t.pk for t, _v in plan if t}:
            target = None  # two rows claimed one citation: the second is new
        plan.append((target, values))
    kept = {target.pk for target, _values in plan if target is not None}
    article.citations.exclude(pk__in=kept).delete()
    moving = [
        target
        for target, values in plan
        if target is not None and values.get("key", target.key) != target.key
    ]
    for offset, target in enumerate(moving):
        target.key = PARKED_KEY + offset
    Citation.objects.bulk_update(moving, ["key"])
    for target, values in plan:
        if target is None:
            continue
        for name, value in values.items():
            setattr(target, name, value)
    names = sorted({name for _target, values in plan for name in values})
    updated = [target for target, _values in plan if target is not None]
    if updated and names:
        Citation.objects.bulk_update(updated, names)
    Citation.objects.bulk_create(
        Citation(article=article, **values) for target, values in plan if target is None
    )


def record_transitions(article: Article, before: dict | None, user) -> list[Transition]:
    """One transition for each language whose state changed in this save."""
    transitions = []
    for code in language_codes():
        old = before[f"status_{code}"] if before else Status.DRAFT
        to = article.status_in(code)
        if old != to:
            transitions.append(
                Transition(
                    article=article,
                    language=code,
                    from_status=old,
                    to_status=to,
                    created_by=user,
                )
            )
    return Transition.objects.bulk_create(transitions)


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


# --- intents -------------------------------------------------------------------------


def locked(article: Article) -> Article:
    """The stored article, locked for this transaction."""
    return locked_rows(article.pk).get()


@transaction.atomic
def article_set_status(
    *,
    article: Article,
    language: str,
    to_status: str,
    user,
    published_at: datetime.datetime | None = None,
) -> Transition | None:
    """Give the ``language`` version ``to_status`` (a future ``published_at`` with
    ``published`` schedules it). Returns the transition, or None when unchanged."""
    article = locked(article)
    if article.is_trashed:
        raise ValidationError(_("This article is in the trash."))
    if language not in article.languages() and to_status != Status.DRAFT:
        raise PublicationRefused(
            publication_problems(
                article=article, language=language, footnote_problems=[]
            )
        )
    unchanged = article.status_in(language) == to_status and published_at is None
    if unchanged:
        return None
    setattr(article, f"status_{language}", to_status)
    if published_at is not None:
        setattr(article, f"published_at_{language}", published_at)
    result = article_save(article=article, user=user)
    return next((t for t in result.transitions if t.language == language), None)


def article_submit(*, article: Article, language: str, user) -> Transition | None:
    """Send a draft language version to the editors' review queue."""
    return article_set_status(
        article=article, language=language, to_status=Status.REVIEW, user=user
    )


def article_publish(
    *,
    article: Article,
    language: str,
    user,
    at: datetime.datetime | None = None,
) -> Transition | None:
    """Publish the ``language`` version now, or schedule it for ``at``."""
    return article_set_status(
        article=article,
        language=language,
        to_status=Status.PUBLISHED,
        user=user,
        published_at=at,
    )


def article_unpublish(*, article: Article, language: str, user) -> Transition | None:
    """Take the ``language`` version back to draft; the others stay as they are."""
    return article_set_status(
        article=article, language=language, to_status=Status.DRAFT, user=user
    )


@transaction.atomic
def revision_restore(*, revision: Revision, user) -> Article:
    """Put the article back as ``revision`` has it, as a new revision (history kept).

    Each language's publication state is not restored: publishing stays a separate,
    checked decision.
    """
    article = locked(revision.article)
    restore_fields(article, revision.data)
    article_save(article=article, user=user, **restored_relations(revision.data))
    return article


@transaction.atomic
def article_trash(*, article: Article, user) -> None:
    """Move ``article`` to the trash: hidden everywhere, restorable for 30 days."""
    if not roles.can_publish(user) and not user.has_perm("articles.delete_article"):
        raise PermissionDenied(_("You may not delete articles."))
    article = locked(article)
    if article.is_trashed:
        return
    reach = article_reach(article.pk)
    article.trashed_at = timezone.now()
    Article.objects.filter(pk=article.pk).update(
        trashed_at=article.trashed_at, version=F("version") + 1
    )
    Transition.objects.create(
        article=article, from_status="", to_status="trashed", created_by=user
    )
    article_changed(article=article, before=reach)
    pdfs_enqueue(article)


@transaction.atomic
def article_untrash(*, article: Article, user) -> Article:
    """Bring ``article`` back from the trash; published versions come back as drafts
    (an editor decides to publish them again)."""
    if not user.has_perm("articles.delete_article"):
        raise PermissionDenied(_("You may not restore articles."))
    article = locked(article)
    if not article.is_trashed:
        return article
    if article.trashed_at < timezone.now() - datetime.timedelta(days=TRASH_DAYS):
        raise ValidationError(_("Articles stay in the trash for 30 days only."))
    Article.objects.filter(pk=article.pk).update(trashed_at=None)
    article.trashed_at = None
    Transition.objects.create(
        article=article, from_status="trashed", to_status="", created_by=user
    )
    for code in language_codes():
        if article.status_in(code) == Status.PUBLISHED:
            setattr(article, f"status_{code}", Status.DRAFT)
    article_save(article=article, user=user)
    return article


@transaction.atomic
def trash_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete for good the articles that have been in the trash for over 30 days."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=TRASH_DAYS)
    old = Article.objects.filter(trashed_at__lt=cutoff)
    count = old.count()
    old.delete()  # its images stay in the media library
    return count
