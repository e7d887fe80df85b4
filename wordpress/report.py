"""What an import did, per kind of thing, and what deserves a look."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Outcome keys as the report prints them.
OUTCOMES = {
    "imported": gettext_lazy("imported"),
    "updated": gettext_lazy("updated"),
    "unchanged": gettext_lazy("unchanged"),
    "skipped": gettext_lazy("skipped"),
    "created": gettext_lazy("created"),
    "reused": gettext_lazy("reused"),
    "missing": gettext_lazy("missing"),
    "would import": gettext_lazy("would import"),
}

OBJECTS = {
    "article": gettext_lazy("articles"),
    "author": gettext_lazy("authors"),
    "category": gettext_lazy("categories"),
    "topic": gettext_lazy("topics"),
    "citation": gettext_lazy("citations"),
    "source": gettext_lazy("sources"),
    "featured image": gettext_lazy("featured images"),
    "inline image": gettext_lazy("images in the text"),
}


def _detail(outcomes: Counter) -> str:
    return ", ".join(
        f"{outcomes[key]} {OUTCOMES.get(key, key)}" for key in sorted(outcomes)
    )


@dataclass
class ImportReport:
    dry_run: bool = False
    # Every <item> of the export, by post type, by what became of it.
    items: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    # What was written here: articles, authors, categories, topics, sources ...
    objects: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    comments: int = 0
    warnings: list[str] = field(default_factory=list)

    def item(self, post_type: str, outcome: str, count: int = 1) -> None:
        self.items[post_type or "?"][outcome] += count

    def object(self, kind: str, outcome: str, count: int = 1) -> None:
        if count:
            self.objects[kind][outcome] += count

    def warn(self, post_ids, message: str) -> None:
        ids = ", ".join(f"#{post_id}" for post_id in post_ids)
        self.warnings.append(
            _("Post %(ids)s: %(message)s") % {"ids": ids, "message": message}
            if ids
            else message
        )

    def lines(self) -> list[str]:
        """The report as text, one line per kind, then the warnings."""
        lines = [_("WordPress items in the export:")]
        for post_type in sorted(self.items):
            outcomes = self.items[post_type]
            total = sum(outcomes.values())
            lines.append(f"  {post_type}: {total} ({_detail(outcomes)})")
        if self.comments:
            lines.append(
                "  "
                + _("comments: %(count)s (skipped: the site has no comments)")
                % {"count": self.comments}
            )
        lines.append(_("Written here:"))
        for kind in sorted(self.objects):
            lines.append(f"  {OBJECTS.get(kind, kind)}: {_detail(self.objects[kind])}")
        if self.warnings:
            lines.append(_("Warnings (%(count)s):") % {"count": len(self.warnings)})
            lines.extend(f"  - {warning}" for warning in self.warnings)
        return lines
