"""Write one article from the prepared versions of its WordPress posts."""

import re
from pathlib import Path
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ankasam.slugs import make_slug, unique_slug
from articles.models import Article
from articles.querysets import language_codes
from citations.services import ImportRefused
from editorial.services import article_save

from .bylines import Authors
from .inline import InlineImages
from .lookups import Terms, attachment_path, media_file
from .models import ImportedPost
from .permalinks import permalinks_record
from .report import ImportReport
from .wxr import WPItem, parse_gmt

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SLUG_LENGTH = Article._meta.get_field("slug").max_length
WOULD_IMPORT = object()  # a dry run's featured image


class ArticleWriter:
    def __init__(
        self,
        *,
        report: ImportReport,
        authors: Authors,
        terms: Terms,
        attachments: dict[int, WPItem],
        media_root: Path | None,
        dry_run: bool,
    ):
        self.report = report
        self.authors = authors
        self.terms = terms
        self.attachments = attachments
        self.media_root = media_root
        self.dry_run = dry_run
        self.pending_records: list[ImportedPost] = []
        self.saved_files: list[tuple] = []
        self.without_media_root = 0
        self.inline = InlineImages(
            report=report,
            attachments=attachments,
            media_root=media_root,
            dry_run=dry_run,
            saved_files=self.saved_files,
        )

    @staticmethod
    def old_slug(item: WPItem) -> str:
        """The slug of the post's old addresses, percent-decoded."""
        return unquote(item.post_name).strip()[:200]

    def slugs_for(self, article: Article, items: dict[str, WPItem]) -> dict:
        """Each language's WordPress slug where it can serve here (one query)."""
        wanted = {}
        for code, item in items.items():
            decoded = self.old_slug(item).lower()
            if not decoded:
                wanted[code] = getattr(article, f"slug_{code}") or None
                continue
            candidate = decoded if SLUG.fullmatch(decoded) else make_slug(decoded)
            wanted[code] = candidate[:SLUG_LENGTH].strip("-") or make_slug(decoded)
            if wanted[code] != decoded:
                self.report.warn(
                    [item.post_id],
                    _(
                        "slug “%(wp_slug)s” became “%(slug)s” (addresses here are "
                        "Latin letters, digits and hyphens, at most %(length)s)."
                    )
                    % {"wp_slug": decoded, "slug": wanted[code], "length": SLUG_LENGTH},
                )
        lookup = Q()
        for code, slug in wanted.items():
            if slug:
                lookup |= Q(**{f"slug_{code}": slug})
        taken = set()
        if lookup:
            others = Article.objects.exclude(pk=article.pk or 0).filter(lookup)
            for row in others.values(*(f"slug_{code}" for code in wanted)):
                taken |= {(code, row[f"slug_{code}"]) for code in wanted}
        return {
            code: self.free_slug(article, code, slug, items[code])
            if (code, slug) in taken
            else slug
            for code, slug in wanted.items()
        }

    def free_slug(self, article, code: str, taken: str, item: WPItem) -> str:
        """``taken`` is another article's slug in ``code``: the next free variant."""
        others = Article.objects.exclude(pk=article.pk or 0)
        field = f"slug_{code}"
        slug = unique_slug(
            taken,
            taken=lambda s: others.filter(**{field: s}).exists(),
            max_length=SLUG_LENGTH,
        )
        self.report.warn(
            [item.post_id],
            _("slug “%(taken)s” is taken here; it became “%(slug)s”.")
            % {"taken": taken, "slug": slug},
        )
        return slug

    def save(
        self,
        article: Article | None,
        *,
        members,
        fields: dict[str, dict],
        states: dict[str, tuple],
        footnotes,
        image_path: str,
    ) -> tuple[Article, str]:
        """Create or update the article through the write path; returns it and its
        image's upload path. ``states`` gives each language its (status, date)."""
        new = article is None
        article = article or Article()
        slugs = self.slugs_for(
            article, {code: version["item"] for code, version in fields.items()}
        )
        for code in language_codes():
            if code not in fields:
                if new:  # as the admin stores an untranslated language
                    for name in ("title", "summary", "body"):
                        setattr(article, f"{name}_{code}", "")
                continue
            version = fields[code]
            setattr(article, f"title_{code}", version["title"])
            setattr(article, f"summary_{code}", version["summary"])
            setattr(article, f"body_{code}", version["body"])
            setattr(article, f"slug_{code}", slugs[code])
            status, published_at = states[code]
            setattr(article, f"status_{code}", status)
            setattr(article, f"published_at_{code}", published_at)
        if new:
            article.original_language = members[0].language
        category, topics = self.terms.for_posts(members)
        article.category = category
        image_path = self.featured_image(article, members, image_path)
        relations = {
            "topics": topics,
            "byline": self.authors.byline(members),
            "citations": [],
            # What WordPress showed its readers stays public; the report lists its
            # footnote problems for the editors to fix.
            "check_publication": False,
        }
        text = footnotes.paste_text()
        result = None
        if text:
            try:
                with transaction.atomic():
                    result = article_save(article=article, paste=text, **relations)
            except (ImportRefused, ValidationError) as error:
                if new:  # the row was rolled back with the savepoint
                    article.pk = None
                    article._state.adding = True
                footnotes.refused(error)
                kept = footnotes.base_lines()
                for code in fields:
                    body = getattr(article, f"body_{code}")
                    extra = "".join(f"<p>{line.text}</p>" for line in kept)
                    setattr(article, f"body_{code}", body + extra)
            else:
                footnotes.imported(result.pasted)
        if result is None:
            result = article_save(article=article, **relations)
        modified = [
            moment
            for moment in (parse_modified(m.item) for m in members)
            if moment is not None
        ]
        dates = [date for _status, date in states.values() if date]
        article.updated_at = max(modified) if modified else min(dates, default=None)
        if article.updated_at:
            Article.objects.filter(pk=article.pk).update(updated_at=article.updated_at)
        else:
            article.refresh_from_db(fields=["updated_at"])
        return article, image_path

    def featured_image(self, article: Article, members, previous: str) -> str:
        """Set the featured image: the media-library image of its file (brought
        in once, with the descriptions of each language); returns the upload path."""
        chosen = None
        alt = {}
        for member in members:
            thumbnail = member.item.meta.get("_thumbnail_id", "").strip()
            if not thumbnail:
                continue
            attachment = (
                self.attachments.get(int(thumbnail)) if thumbnail.isdigit() else None
            )
            if attachment is None:
                self.report.warn(
                    [member.item.post_id],
                    _("featured image %(id)s is not in the export; skipped.")
                    % {"id": thumbnail},
                )
                continue
            text = attachment.meta.get("_wp_attachment_image_alt", "").strip()
            alt[member.language] = text
            chosen = chosen or (member, attachment)
        if chosen is None:
            return ""
        member, attachment = chosen
        relative = attachment_path(attachment)
        if article.featured_image_id and previous == relative:
            return relative
        image = self.inline.known(relative)
        if image is not None:
            self.report.object("featured image", "reused")
        else:
            image = self.new_featured_image(member, relative)
            if image is WOULD_IMPORT:
                return relative
            if image is None:
                return ""
        self.inline.describe(image, {"alt": alt})
        self.inline.save_texts()
        article.featured_image = image
        return relative

    def new_featured_image(self, member, relative: str):
        """A library image of the featured image's file, or None (and why)."""
        path, why = media_file(self.media_root, relative)
        if path is None:
            self.report.object("featured image", "missing")
            if self.media_root is None:
                self.without_media_root += 1
            else:
                self.report.warn(
                    [member.item.post_id],
                    _("featured image skipped: %(why)s.") % {"why": why},
                )
            return None
        if self.dry_run:
            self.report.object("featured image", "would import")
            return WOULD_IMPORT
        try:
            image = self.inline.create(path, relative)
        except ValidationError:
            self.report.object("featured image", "missing")
            self.report.warn(
                [member.item.post_id],
                _("featured image skipped: %(path)s is not a readable image.")
                % {"path": relative},
            )
            return None
        self.report.object("featured image", "imported")
        return image

    def finish(self) -> None:
        self.authors.finish()
        new = [r for r in self.pending_records if r.pk is None]
        old = [r for r in self.pending_records if r.pk is not None]
        ImportedPost.objects.bulk_create(new, batch_size=500)
        ImportedPost.objects.bulk_update(
            old,
            [
                "language",
                "article",
                "slug",
                "published_on",
                "fingerprint",
                "synced_at",
                "featured_image_path",
            ],
            batch_size=500,
        )
        permalinks_record(self.pending_records)
        if self.without_media_root:
            self.report.warn(
                [],
                _(
                    "%(count)s featured images were not imported: no --media-root "
                    "was given."
                )
                % {"count": self.without_media_root},
            )
        if self.inline.without_media_root:
            self.report.warn(
                [],
                _(
                    "%(count)s images in the text were not imported: no "
                    "--media-root was given."
                )
                % {"count": self.inline.without_media_root},
            )

    def delete_saved_files(self) -> None:
        """Remove the files this run stored, when its transaction did not commit."""
        for storage, name in self.saved_files:
            storage.delete(name)


def parse_modified(item: WPItem):
    return parse_gmt(item.modified_gmt)
