"""An article as data, to keep as a revision, compare and restore."""

import datetime
import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from articles.querysets import language_codes

TRANSLATED = ("title", "slug", "summary", "body", "featured_image_alt")
LABELS = {
    "title": _("title"),
    "slug": _("slug"),
    "summary": _("summary"),
    "body": _("body"),
    "featured_image_alt": _("featured image description"),
    "status": _("status"),
    "published_at": _("publication date"),
    "category": _("category"),
    "regions": _("regions"),
    "topics": _("topics"),
    "authors": _("authors"),
    "citations": _("citations"),
}


def snapshot(article) -> dict:
    """Everything an editor can change, in JSON-ready form (runs a few queries)."""
    data = {
        f"{name}_{code}": getattr(article, f"{name}_{code}") or ""
        for name in TRANSLATED
        for code in language_codes()
    }
    data.update(
        status=article.status,
        # Forms keep whole seconds: microseconds would look like an edit.
        published_at=article.published_at.astimezone(datetime.UTC)
        .replace(microsecond=0)
        .isoformat(),
        category=article.category_id,
        regions=sorted(article.regions.values_list("pk", flat=True)),
        topics=sorted(article.topics.values_list("pk", flat=True)),
        authors=list(
            article.article_authors.order_by("position").values_list(
                "author_id", flat=True
            )
        ),
        citations=[
            {
                "key": c.key,
                "source": c.source_id,
                "accessed_on": c.accessed_on.isoformat() if c.accessed_on else None,
                "locator": c.locator,
                **{
                    f"note_{code}": getattr(c, f"note_{code}") or ""
                    for code in language_codes()
                },
            }
            for c in article.citations.order_by("key")
        ],
    )
    return data


def label(field: str) -> str:
    name, _sep, code = field.rpartition("_")
    if name in TRANSLATED and code in language_codes():
        return f"{LABELS[name]} [{code}]"
    return str(LABELS.get(field, field))


def changed_fields(before: dict | None, after: dict) -> list[str]:
    if before is None:
        return []
    return [key for key in after if before.get(key) != after.get(key)]


WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> SafeString:
    """``old`` → ``new`` word by word, with <del> and <ins>; all text escaped."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, a, b, autojunk=False
    ).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))


def diff(before: dict, after: dict) -> list[tuple[str, SafeString]]:
    """(label, readable difference) for every field that differs."""
    rows = []
    for key in changed_fields(before, after):
        old, new = before.get(key), after.get(key)
        if isinstance(old, str) and isinstance(new, str):
            rows.append((label(key), word_diff(old, new)))
        else:
            rows.append(
                (
                    label(key),
                    mark_safe(
                        f"<del>{escape(str(old))}</del> <ins>{escape(str(new))}</ins>"
                    ),
                )
            )
    return rows
