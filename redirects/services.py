"""The redirect write path and the one read the 404 path makes.

``redirects_slug_changed`` is called by every write path that can change a published
address (``editorial.services.article_save``, ``pages.services.page_save``,
``articles.services.term_save``, ``authors.services.author_save``);
``redirect_save`` by the admin for a redirect an editor types; ``redirect_record``
by both and by the WordPress importer. Chains are collapsed as
they are written (A→B then B→C stores A→C and B→C), so a reader is sent once; an
address that becomes live again stops redirecting, so no change can make a loop.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import PATH_MAX_LENGTH, Redirect

# How many leading segments of a 404's path are tried as a moved prefix.
MAX_PREFIX_SEGMENTS = 6


def path_problems(path: str) -> list[str]:
    """Why ``path`` cannot be one end of a redirect: it must be a path on this site."""
    if not path.startswith("/") or path.startswith(("//", "/\\")):
        return [_("Give a path on this site that starts with one “/”.")]
    if len(path) > PATH_MAX_LENGTH:
        return [
            _("An address is at most %(n)d characters long.") % {"n": PATH_MAX_LENGTH}
        ]
    if any(ch.isspace() or ord(ch) < 32 or ch in "\\\x7f" for ch in path):
        return [_("An address has no spaces, backslashes or control characters.")]
    return []


def final_target(path: str, *, exclude_pk=None) -> str:
    """Where ``path`` leads after following the stored redirects (at most a few)."""
    seen = {path}
    rows = Redirect.objects.exclude(pk=exclude_pk) if exclude_pk else Redirect.objects
    while (
        target := rows.filter(old_path=path).values_list("new_path", flat=True).first()
    ):
        if target in seen:
            break
        seen.add(target)
        path = target
    return path


def redirect_problems(*, old_path: str, new_path: str, exclude_pk=None) -> list[str]:
    """The one check of a typed redirect: two site paths, no loop."""
    problems = path_problems(old_path) + path_problems(new_path)
    if problems:
        return list(dict.fromkeys(problems))
    if old_path == new_path:
        return [_("The new address is the old address: a redirect to itself loops.")]
    if final_target(new_path, exclude_pk=exclude_pk) == old_path:
        return [
            _("%(new)s already leads back to %(old)s: this redirect would loop.")
            % {"new": new_path, "old": old_path}
        ]
    return []


@transaction.atomic
def redirect_record(
    *, old_path: str, new_path: str, language: str = "", kind: str
) -> Redirect | None:
    """``old_path`` answers 301 to ``new_path``, which is live (or about to be).

    The live address stops redirecting, every redirect to the old address now
    leads straight to the new one, and the old address's own row is created or
    replaced. Returns None when the two are the same address.
    """
    if old_path == new_path or path_problems(old_path) or path_problems(new_path):
        return None
    Redirect.objects.filter(old_path=new_path).delete()
    Redirect.objects.filter(new_path=old_path).update(new_path=new_path)
    redirect, _created = Redirect.objects.update_or_create(
        old_path=old_path,
        defaults={"new_path": new_path, "language": language, "kind": kind},
    )
    return redirect


@transaction.atomic
def redirect_save(*, redirect: Redirect) -> Redirect:
    """Save a redirect an editor typed or changed; raises ``ValidationError``.

    A target that itself redirects is replaced by where it leads, and redirects
    to the old address are sent on to the target, so chains never form.
    """
    problems = redirect_problems(
        old_path=redirect.old_path, new_path=redirect.new_path, exclude_pk=redirect.pk
    )
    if problems:
        raise ValidationError(problems)
    redirect.new_path = final_target(redirect.new_path, exclude_pk=redirect.pk)
    redirect.save()
    Redirect.objects.filter(new_path=redirect.old_path).exclude(
        old_path=redirect.new_path
    ).update(new_path=redirect.new_path)
    return redirect


def address_in(language: str, url_name: str, slug: str | None) -> str | None:
    """The path of ``url_name`` with ``slug`` as it reads in ``language``."""
    if not slug:
        return None
    try:
        with translation.override(language):
            return reverse(url_name, kwargs={"slug": slug})
    except NoReverseMatch:
        return None


def redirects_slug_changed(
    *,
    kind: str,
    url_name: str,
    before: dict[str, str | None],
    after: dict[str, str | None],
    languages,
) -> list[Redirect]:
    """Record old → new addresses of a page whose slugs changed.

    ``before`` and ``after`` map language codes to the slug then and now;
    ``languages`` are the codes whose old address was public (only those can be
    linked to). Call it once, after the row is written, in the same transaction.
    """
    recorded = []
    for code in languages:
        old = address_in(code, url_name, before.get(code))
        new = address_in(code, url_name, after.get(code))
        if old and new and old != new:
            redirect = redirect_record(
                old_path=old, new_path=new, language=code, kind=kind
            )
            if redirect is not None:
                recorded.append(redirect)
    return recorded


def candidates(path: str) -> list[str]:
    """``path`` and the directories above it that a moved page may have been."""
    if len(path) > PATH_MAX_LENGTH or not path.startswith("/"):
        return []
    found = [path]
    segments = path.strip("/").split("/")
    for n in range(min(len(segments) - 1, MAX_PREFIX_SEGMENTS), 1, -1):
        found.append("/" + "/".join(segments[:n]) + "/")
    return found


def redirect_target(path: str) -> str | None:
    """Where a reader of the missing ``path`` should go now: one query, or none."""
    paths = candidates(path)
    if not paths:
        return None
    rows = Redirect.objects.filter(old_path__in=paths).values_list(
        "old_path", "new_path", "kind"
    )
    best = None
    for old, new, kind in rows:
        if old == path:
            return new
        if kind in Redirect.PREFIX_KINDS and (best is None or len(old) > len(best[0])):
            best = (old, new)
    if best is None:
        return None
    old, new = best
    return new + path[len(old) :]


BATCH = 500


@transaction.atomic
def redirects_bulk_record(*, moves, kind: str) -> int:
    """``redirect_record`` for many (old path, new path, language) at once: imports.

    The last move of an old path wins; an old path that is also a new one (live)
    is left out. A few queries per 500 moves rather than three per move.
    """
    latest = {}
    for old, new, language in moves:
        if old != new and not path_problems(old) and not path_problems(new):
            latest[old] = (new, language)
    live = {new for new, _language in latest.values()}
    latest = {old: move for old, move in latest.items() if old not in live}
    olds, lives = list(latest), list(live)
    for start in range(0, len(lives), BATCH):
        Redirect.objects.filter(old_path__in=lives[start : start + BATCH]).delete()
    for start in range(0, len(olds), BATCH):
        pointing = Redirect.objects.filter(new_path__in=olds[start : start + BATCH])
        for redirect in pointing.only("pk", "new_path"):
            redirect.new_path = latest[redirect.new_path][0]
            redirect.save(update_fields=["new_path", "updated_at"])
    Redirect.objects.bulk_create(
        [
            Redirect(old_path=old, new_path=new, language=language, kind=kind)
            for old, (new, language) in latest.items()
        ],
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["old_path"],
        update_fields=["new_path", "language", "kind", "updated_at"],
    )
    return len(latest)
