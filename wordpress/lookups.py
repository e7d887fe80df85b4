"""Authors, categories, topics and image files for the import, made or found once.

Each lookup remembers what it resolved, so a 10,000-post export asks the database
about each login and term once.
"""

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _

from articles.models import Category, Topic
from articles.querysets import language_codes
from authors.models import Author

from .models import ImportedAuthor, ImportedTerm
from .report import ImportReport
from .translations import language_code, polylang_languages, serialized_map
from .wxr import WPItem, WPTerm, WXRExport

# The category of posts that name none, in the site's three languages.
UNCATEGORIZED = {"tr": "Kategorisiz", "en": "Uncategorized", "ru": "Без рубрики"}
TERM_NAME_LENGTH = 120


class Authors:
    """WordPress logins as authors, by the login → author records of the site."""

    def __init__(self, export: WXRExport, report: ImportReport):
        self.site = export.site
        self.report = report
        self.wp_authors = {author.login: author for author in export.authors}
        self.known = {
            record.login: record.author
            for record in ImportedAuthor.objects.filter(site=self.site).select_related(
                "author"
            )
        }

    def get(self, login: str) -> Author | None:
        if not login:
            return None
        author = self.known.get(login)
        if author is not None:
            return author
        wp_author = self.wp_authors.get(login)
        email = wp_author.email if wp_author else ""
        try:
            validate_email(email)
        except ValidationError:
            email = ""
        author = Author(
            name=(wp_author.name if wp_author else login)[:200], email=email[:254]
        )
        author.save()
        ImportedAuthor.objects.create(site=self.site, login=login, author=author)
        self.report.object("author", "created")
        self.known[login] = author
        return author


class Terms:
    """Categories and tags as categories and topics, one per translation group."""

    def __init__(self, export: WXRExport, report: ImportReport):
        self.site = export.site
        self.report = report
        self.by_slug: dict[tuple[str, str], WPTerm] = {
            (term.taxonomy, term.slug): term for term in export.terms
        }
        by_id = {term.term_id: term for term in export.terms}
        languages = polylang_languages(export)
        # term id -> {language: name} of the term's Polylang translation group
        self.group_names: dict[int, dict[str, str]] = {}
        self.group_key: dict[int, str] = {}
        for term in export.terms:
            if term.taxonomy != "term_translations":
                continue
            members = serialized_map(term.description)
            names = {}
            for slug, term_id in members.items():
                if term_id in by_id:
                    code = languages.get(slug, language_code(slug))
                    names[code] = by_id[term_id].name
            for term_id in members.values():
                self.group_names[term_id] = names
                self.group_key[term_id] = term.slug
        self.records = {
            (record.taxonomy, record.slug): record
            for record in ImportedTerm.objects.filter(site=self.site)
        }
        self.resolved: dict[tuple, Category | Topic] = {}

    def wp_term(self, taxonomy: str, slug: str, name: str) -> WPTerm:
        return self.by_slug.get((taxonomy, slug)) or WPTerm(
            term_id=0, taxonomy=taxonomy, slug=slug, name=name
        )

    def names(self, term: WPTerm) -> dict[str, str]:
        """The term's name in each site language (one name serves all when alone)."""
        given = {
            code: name.strip()
            for code, name in self.group_names.get(term.term_id, {}).items()
            if name.strip()
        }
        own = term.name.strip() or term.slug
        return {
            code: (given.get(code) or own)[:TERM_NAME_LENGTH]
            for code in language_codes()
        }

    def get(self, model, taxonomy: str, slug: str, name: str):
        """The category or topic for a WordPress term, found or made."""
        term = self.wp_term(taxonomy, slug, name)
        group = self.group_key.get(term.term_id, f"{taxonomy}:{slug}")
        key = (model, group)
        if key in self.resolved:
            self._remember(taxonomy, slug, self.resolved[key])
            return self.resolved[key]
        field = "category" if model is Category else "topic"
        record = self.records.get((taxonomy, slug))
        found = getattr(record, field, None) if record else None
        names = self.names(term)
        if found is None:
            found = model.objects.filter(
                Q(name_tr=names["tr"]) | Q(name_en=names["en"]) | Q(name_ru=names["ru"])
            ).first()
            if found is not None:
                self.report.object(field, "reused")
        if found is None:
            found = model(**{f"name_{code}": names[code] for code in names})
            found.save()
            self.report.object(field, "created")
        self.resolved[key] = found
        self._remember(taxonomy, slug, found)
        return found

    def _remember(self, taxonomy: str, slug: str, obj) -> None:
        field = "category" if isinstance(obj, Category) else "topic"
        record = self.records.get((taxonomy, slug))
        if record is None:
            record = ImportedTerm(site=self.site, taxonomy=taxonomy, slug=slug)
            self.records[(taxonomy, slug)] = record
        elif getattr(record, f"{field}_id") == obj.pk:
            return
        setattr(record, field, obj)
        record.save()

    def uncategorized(self) -> Category:
        key = (Category, "uncategorized")
        if key not in self.resolved:
            found = Category.objects.filter(
                Q(name_en=UNCATEGORIZED["en"]) | Q(name_tr=UNCATEGORIZED["tr"])
            ).first()
            if found is None:
                found = Category(
                    **{f"name_{code}": name for code, name in UNCATEGORIZED.items()}
                )
                found.save()
                self.report.object("category", "created")
            self.resolved[key] = found
        return self.resolved[key]

    def for_post(self, item: WPItem) -> tuple[Category, list[Topic]]:
        """The post's main category, and its tags and other categories as topics.

        The main category is Yoast's primary one when set, else the first listed
        that is not WordPress's "Uncategorized" (when there are others).
        """
        categories = item.terms_of("category")
        primary = None
        primary_id = item.meta.get("_yoast_wpseo_primary_category", "").strip()
        if primary_id.isdigit():
            primary = next(
                (
                    c
                    for c in categories
                    if self.wp_term("category", c.slug, c.name).term_id
                    == int(primary_id)
                ),
                None,
            )
        if primary is None and categories:
            named = [c for c in categories if c.slug != "uncategorized"]
            primary = (named or categories)[0]
        category = (
            self.get(Category, "category", primary.slug, primary.name)
            if primary
            else self.uncategorized()
        )
        topics = [
            self.get(Topic, "category", c.slug, c.name)
            for c in categories
            if c is not primary and c.slug != "uncategorized"
        ]
        topics += [
            self.get(Topic, "post_tag", t.slug, t.name)
            for t in item.terms_of("post_tag")
        ]
        unique = {topic.pk: topic for topic in topics}
        return category, list(unique.values())


def attachment_path(attachment: WPItem) -> str:
    """The file's path under wp-content/uploads, as the export names it."""
    attached = attachment.meta.get("_wp_attached_file", "").strip()
    if attached:
        return attached.lstrip("/")
    path = unquote(urlparse(attachment.attachment_url).path)
    if "/uploads/" in path:
        return path.split("/uploads/", 1)[1]
    return path.lstrip("/")


def media_file(media_root: Path | None, relative: str) -> tuple[Path | None, str]:
    """The file under ``media_root``, or ``None`` and why not."""
    if media_root is None:
        return None, _("no --media-root was given")
    root = media_root.resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root):
        return None, _("%(path)s lies outside the media root") % {"path": relative}
    if not candidate.is_file():
        return None, _("%(path)s is not in the media root") % {"path": relative}
    return candidate, ""
