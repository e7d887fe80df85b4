"""Import a WordPress export: one transaction, safe to run again.

``wordpress_import`` reads the whole file first (a damaged file stops it before any
write), then writes everything in one transaction (a failure leaves the database as it
was; ``dry_run`` rolls it back on purpose). Each group of translated posts becomes one
article; ``ImportedPost`` records key later runs by site and WordPress post id.
"""

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from articles.querysets import language_codes
from articles.similar import deferred_refresh
from pagecache.versions import batched_changes

from .bylines import GUEST_AUTHOR, Authors
from .content import (
    clean_title,
    finish_body,
    first_words,
    plain_text,
    prepare_body,
)
from .dropped import report_other_items, report_post_leftovers, report_text_changes
from .footnotes import Footnotes
from .inline import shown_in_text
from .lookups import Terms
from .models import ImportedPost
from .posts import ArticleWriter
from .report import ImportReport
from .translations import Member, PostGroup, group_posts, language_code
from .wxr import WXRExport, date_in_address, post_date, read_wxr

# Bump when the import starts producing different articles from the same export,
# so that a re-run rewrites what it imported before.
IMPORT_VERSION = "3"
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}


def wordpress_import(
    *,
    path: str | Path,
    media_root: Path | None = None,
    dry_run: bool = False,
    overwrite: bool = False,
    language: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import the WXR file at ``path`` (all or nothing) and report what happened.

    Raises ``wordpress.wxr.WXRError`` when the file is not a readable export.
    """
    export = read_wxr(path)
    return wordpress_export_import(
        export=export,
        media_root=media_root,
        dry_run=dry_run,
        overwrite=overwrite,
        language=language,
        progress=progress,
    )


def wordpress_export_import(
    *,
    export: WXRExport,
    media_root: Path | None = None,
    dry_run: bool = False,
    overwrite: bool = False,
    language: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import an already read export; see ``wordpress_import``."""
    report = ImportReport(dry_run=dry_run)
    writer = None
    try:
        # One new page-cache version for the whole import, not one per saved row.
        with batched_changes(), transaction.atomic():
            importer = Importer(
                export=export,
                report=report,
                media_root=media_root,
                dry_run=dry_run,
                overwrite=overwrite,
                default_language=language_code(language or export.language)
                or settings.LANGUAGE_CODE,
            )
            writer = importer.writer
            # Similar lists are ranked once, after every post is in.
            with deferred_refresh() as ranked_later:
                importer.run(progress)
                if dry_run:
                    ranked_later.clear()  # nothing will be kept to rank
                    transaction.set_rollback(True)
    except BaseException:
        if writer is not None:
            writer.delete_saved_files()
        raise
    return report


class Importer:
    def __init__(
        self,
        *,
        export: WXRExport,
        report: ImportReport,
        media_root: Path | None,
        dry_run: bool,
        overwrite: bool,
        default_language: str,
    ):
        self.export = export
        self.report = report
        self.overwrite = overwrite
        self.default_language = default_language
        self.now = timezone.now()
        self.site = export.site
        self.attachments = {
            item.post_id: item
            for item in export.items
            if item.post_type == "attachment"
        }
        self.records = {
            record.post_id: record
            for record in ImportedPost.objects.filter(site=self.site).select_related(
                "article"
            )
        }
        self.terms = Terms(export, report, language=default_language)
        self.writer = ArticleWriter(
            report=report,
            authors=Authors(export, report, language=default_language),
            terms=self.terms,
            attachments=self.attachments,
            media_root=media_root,
            dry_run=dry_run,
        )

    def run(self, progress) -> None:
        posts = []
        for item in self.export.items:
            self.report.comments += item.comments
            if item.post_type == GUEST_AUTHOR:
                continue  # counted by the bylines that credit them
            if item.post_type != "post":
                self.report.item(item.post_type, "skipped")
            elif item.status in SKIPPED_STATUSES:
                self.report.item("post", "skipped")
                self.report.warn(
                    [item.post_id],
                    _("status “%(status)s” is not imported.") % {"status": item.status},
                )
            else:
                posts.append(item)
        shown = {
            int(item.meta["_thumbnail_id"].strip())
            for item in posts
            if item.meta.get("_thumbnail_id", "").strip().isdigit()
        } | shown_in_text(posts, self.attachments)
        report_other_items(self.report, self.export.items, shown=shown)
        report_post_leftovers(self.report, posts)
        groups = group_posts(self.export, posts, default_language=self.default_language)
        if not self.terms.has_languages and any(len(g.members) > 1 for g in groups):
            self.report.warn(
                [],
                _(
                    "The export has translated posts but does not say which language "
                    "its categories and tags are in (no term_translations of "
                    "Polylang, no _wpml_import_* term meta of WPML Export and "
                    "Import): each article takes its original's terms, named alike "
                    "in every language. Export again with WPML Export and Import "
                    "active to import each term once, named in every language."
                ),
            )
        for done, group in enumerate(groups, start=1):
            self.import_group(group)
            if progress:
                progress(done, len(groups))
        self.writer.finish()

    # --- one group of translations -------------------------------------------------

    def skip(self, members: list[Member], message: str) -> None:
        self.report.item("post", "skipped", len(members))
        self.report.warn([m.item.post_id for m in members], message)

    def visibility(self, member: Member) -> str:
        item = member.item
        if item.status == "pending":
            self.report.warn(
                [item.post_id], _("pending review in WordPress; imported as a draft.")
            )
        elif item.status == "private":
            self.report.warn(
                [item.post_id],
                _(
                    "private in WordPress; imported as a draft, which readers do "
                    "not see."
                ),
            )
        if item.status == "publish":
            if item.password:
                self.report.warn(
                    [item.post_id],
                    _("password-protected in WordPress; imported as a draft."),
                )
                return "hidden"
            return "public"
        if item.status == "future":
            date = post_date(item)
            if date and date > self.now:
                return "scheduled"
            self.report.warn(
                [item.post_id],
                _("its scheduled date has passed unpublished; imported as a draft."),
            )
        return "hidden"

    def usable_members(self, group: PostGroup) -> list[Member]:
        codes = language_codes()
        usable, seen = [], set()
        for member in group.members:
            if member.language not in codes:
                self.skip(
                    [member],
                    _(
                        "language “%(language)s” is not one of the site's (%(codes)s); "
                        "skipped. Use --language for an export without translations."
                    )
                    % {"language": member.language, "codes": ", ".join(codes)},
                )
            elif member.language in seen:
                self.skip(
                    [member],
                    _("another %(language)s version in its translation group; skipped.")
                    % {"language": member.language},
                )
            else:
                seen.add(member.language)
                usable.append(member)
        return usable

    def import_group(self, group: PostGroup) -> None:
        members = self.usable_members(group)
        if not members:
            return
        # Each post's status becomes its language version's: a draft translation
        # of a published post is kept, as a draft version.
        seen = {id(m): self.visibility(m) for m in members}
        included = members
        states = {}
        for member in members:
            if seen[id(member)] in ("public", "scheduled"):
                date = post_date(member.item)
                if date is None:
                    # The first import's moment, kept: a re-run changes nothing.
                    record = self.records.get(member.item.post_id)
                    stored = record and record.article
                    date = (
                        stored and stored.published_at_in(member.language)
                    ) or self.now
                    self.report.warn(
                        [member.item.post_id],
                        _(
                            "no date in WordPress; published at the time of its "
                            "first import."
                        ),
                    )
                states[member.language] = (Article.Status.PUBLISHED, date)
            else:
                states[member.language] = (Article.Status.DRAFT, None)
        public = [m for m in members if seen[id(m)] != "hidden"]
        if public:
            hidden = [m for m in members if seen[id(m)] == "hidden"]
            if hidden:
                self.report.warn(
                    [m.item.post_id for m in hidden],
                    _(
                        "not public in WordPress while its translation is; kept as "
                        "a draft version that readers do not see."
                    ),
                )
        records = [
            self.records[m.item.post_id]
            for m in included
            if m.item.post_id in self.records
        ]
        fingerprint = self.fingerprint(included, states)
        article = next((r.article for r in records if r.article), None)
        if records and len({r.article_id for r in records}) > 1:
            self.report.warn(
                [m.item.post_id for m in included],
                _("imported earlier as separate articles; the first one is updated."),
            )
        outcome = "imported"
        if records:
            if article is None and not self.overwrite:
                self.skip(
                    included,
                    _(
                        "its article was deleted here since the last import; not "
                        "re-created (use --overwrite)."
                    ),
                )
                return
            if article is not None:
                synced = max(r.synced_at for r in records if r.article_id == article.pk)
                edited = article.updated_at > synced
                if edited and not self.overwrite:
                    self.skip(
                        included,
                        _(
                            "its article was edited here since the last import; not "
                            "overwritten (use --overwrite)."
                        ),
                    )
                    return
                complete = len(records) == len(included)
                if (
                    not edited
                    and complete
                    and all(r.fingerprint == fingerprint for r in records)
                ):
                    for _member in included:
                        self.report.item("post", "unchanged")
                    self.report.object("article", "unchanged")
                    return
                outcome = "updated"
        previous_image = next((r.featured_image_path for r in records), "")
        article, image_path = self.write(
            included, article, states=states, image_path=previous_image
        )
        for _member in included:
            self.report.item("post", outcome)
        self.report.object("article", outcome)
        self.remember(included, article, fingerprint, image_path)

    def fingerprint(self, members, states) -> str:
        data = [
            IMPORT_VERSION,
            sorted(
                (code, status, date.isoformat() if date else None)
                for code, (status, date) in states.items()
            ),
        ]
        for member in members:
            item = member.item
            data.append(
                [
                    item.post_id,
                    member.language,
                    item.title,
                    item.content,
                    item.excerpt,
                    item.post_name,
                    item.modified_gmt,
                    item.creator,
                    [(t.domain, t.slug, t.name) for t in item.terms],
                    item.meta.get("footnotes", ""),
                    item.meta.get("_thumbnail_id", ""),
                ]
            )
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()

    def write(self, members, article, *, states, image_path):
        footnotes = Footnotes(report=self.report)
        versions = {}
        for member in members:
            item = member.item
            prepared = prepare_body(
                item.content, footnotes_meta=item.meta.get("footnotes", "")
            )
            if prepared.shortcodes:
                self.report.warn(
                    [item.post_id],
                    _("shortcodes removed: %(names)s.")
                    % {"names": ", ".join(f"[{n}]" for n in prepared.shortcodes)},
                )
            footnotes.add(member.language, item.post_id, prepared)
            versions[member.language] = (member, prepared)
        footnotes.choose()
        fields = {}
        for code, (member, prepared) in versions.items():
            item = member.item
            prepared.head = self.writer.inline.replace(
                prepared.head, language=code, post_id=item.post_id
            )
            body = finish_body(prepared, footnotes.kept(code))
            report_text_changes(self.report, item, prepared)
            title = clean_title(item.title)
            summary = plain_text(item.excerpt)
            if not plain_text(body):
                body = f"<p>{summary or title}</p>" if (summary or title) else ""
                if body:
                    self.report.warn(
                        [item.post_id],
                        _("no content; its excerpt or title became the text."),
                    )
            if not title and body:
                title = first_words(body)
                self.report.warn(
                    [item.post_id],
                    _("no title; the first words of the text became the title."),
                )
            fields[code] = {
                "title": title,
                "summary": summary,
                "body": body,
                "item": item,
            }
        self.writer.inline.save_texts()
        return self.writer.save(
            article,
            members=members,
            fields=fields,
            states=states,
            footnotes=footnotes,
            image_path=image_path,
        )

    def remember(self, members, article, fingerprint, image_path) -> None:
        synced = article.updated_at  # as the writer stored it
        for member in members:
            item = member.item
            values = {
                "language": member.language,
                "article": article,
                "slug": self.writer.old_slug(item).lower(),
                "published_on": date_in_address(item),
                "fingerprint": fingerprint,
                "synced_at": synced,
                "featured_image_path": image_path,
            }
            record = self.records.get(item.post_id)
            if record is None:
                record = ImportedPost(site=self.site, post_id=item.post_id, **values)
                self.records[item.post_id] = record
            else:
                for name, value in values.items():
                    setattr(record, name, value)
            self.writer.pending_records.append(record)
