"""Writing an article's corrections, as part of ``article_save``.

Who: editors and admins (``roles.can_publish``): a correction speaks for the
publication. Revisions keep the corrections as they were at each save; restoring
an older revision keeps the corrections as they are now, since a correction
stays on the public record (delete one explicitly to take it back).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from articles.corrections import Correction

from . import roles

FIELDS = ("language", "kind", "dated", "text")


def corrections_write(*, article, rows: list[dict], user) -> bool:
    """Make ``article``'s corrections ``rows`` (dicts of FIELDS, with ``id`` for an
    existing one); the others are deleted. Returns whether anything changed."""
    existing = {c.pk: c for c in article.corrections.all()}
    wanted = [
        {name: row.get(name) for name in FIELDS} | {"id": row.get("id")} for row in rows
    ]
    unchanged = sorted(
        (tuple(getattr(c, n) for n in FIELDS) for c in existing.values()), key=str
    ) == sorted((tuple(r[n] for n in FIELDS) for r in wanted), key=str)
    if unchanged:
        return False
    if user is not None and not roles.can_publish(user):
        raise PermissionDenied(_("Only editors may add or change corrections."))
    keep = {row["id"] for row in wanted if row["id"] in existing}
    article.corrections.exclude(pk__in=keep).delete()
    for row in wanted:
        values = {name: row[name] for name in FIELDS}
        if row["id"] in existing:
            Correction.objects.filter(pk=row["id"]).update(**values)
        else:
            Correction.objects.create(article=article, **values)
    return True


def corrections_snapshot(article) -> list[dict]:
    """The corrections as a revision keeps them."""
    return [
        {
            "language": c.language,
            "kind": c.kind,
            "dated": c.dated.isoformat(),
            "text": c.text,
        }
        for c in article.corrections.order_by("dated", "pk")
    ]
