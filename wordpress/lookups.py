"""Categories, topics and image files for the import, made or found once.

Each lookup remembers what it resolved, so a 10,000-post export asks the database
about each term once. Authors are ``bylines.Authors``.
"""

import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.db.models import Q
from django.utils.translation import gettext as _

from ankasam.slugs import make_slug, unique_slug
from articles.models import Category, Topic
from articles.querysets import language_codes

from .content import plain_text
from .models import ImportedTerm
from .report import ImportReport
from .translations import WPML_LANGUAGE, Member, term_groups
from .wxr import WPItem, WPItemTerm, WPTerm, WXRExport

# The category of posts that name none, in the site's three languages.
UNCATEGORIZED = {"tr": "Kategorisiz", "en": "Uncategorized", "ru": "Без рубрики"}
TERM_NAME_LENGTH = Category._meta.get_field("name").max_length
TERM_SLUG_LENGTH = Category._meta.get_field("slug").max_length
TERM_SLUG = re.compile(r"[-a-z0-9_]+")
# The taxonomies that become categories and topics.
TAXONOMIES = ("category", "post_tag")


class Terms:
    """Categories and tags as categories and topics, one per translation group."""

    def __init__(self, export: WXRExport, report: ImportReport, *, language: str):
        self.site = export.site
        self.report = report
        self.default_language = language
        self.by_slug: dict[tuple[str, str], list[WPTerm]] = defaultdict(list)
        for term in export.terms:
            self.by_slug[(term.taxonomy, term.slug)].append(term)
        self.groups = term_groups(export)
        # Whether the export says which language each category and tag is in: without
        # it, the terms of translated posts cannot be told apart from other terms.
        self.has_languages = any(
            term.taxonomy in TAXONOMIES
            for group in self.groups.values()
            for term in group.terms.values()
        )
        self.translated = self.has_languages or any(
            item.terms_of("language") or item.meta.get(WPML_LANGUAGE, "").strip()
            for item in export.items
            if item.post_type == "post"
        )
        self.records = {
            (record.taxonomy, record.slug): record
            for record in ImportedTerm.objects.filter(site=self.site)
        }
        self.resolved: dict[tuple, Category | Topic] = {}

    def wp_term(self, taxonomy: str, slug: str, name: str) -> WPTerm:
        """The export's term a post names (by slug, and by name if slugs repeat)."""
        candidates = self.by_slug.get((taxonomy, slug), [])
        named = [term for term in candidates if term.name.strip() == name.strip()]
        if named or candidates:
            return (named or candidates)[0]
        return WPTerm(term_id=0, taxonomy=taxonomy, slug=slug, name=name)

    def key(self, term: WPTerm) -> str:
        group = self.groups.get(term.term_id)
        return group.key if group else f"{term.taxonomy}:{term.slug}"

    def versions(self, term: WPTerm, language: str) -> tuple[dict, dict, list[str]]:
        """The term's name and WordPress slug in each site language, and the languages
        whose name is borrowed (from the original, when the export has no other).

        A term in no translation group is taken to be in ``language``, the language
        of the post that names it.
        """
        group = self.groups.get(term.term_id)
        given = dict(group.terms) if group else {language: term}
        # A missing language borrows the original's name (else the term's own).
        original = given.get(group.original) if group else None
        own = (original or term).name.strip() or term.slug
        names, slugs, borrowed = {}, {}, []
        for code in language_codes():
            version = given.get(code)
            name = version.name.strip() if version else ""
            if not name:
                borrowed.append(code)
            names[code] = (name or own)[:TERM_NAME_LENGTH]
            if version and version.slug:
                slugs[code] = unquote(version.slug).strip().lower()
        return names, slugs, borrowed

    def get(
        self,
        model,
        wp_item_term: WPItemTerm,
        *,
        language: str,
        post_id: int,
    ):
        """The category or topic for the WordPress term a post names, found or made."""
        taxonomy, slug = wp_item_term.domain, wp_item_term.slug
        term = self.wp_term(taxonomy, slug, wp_item_term.name)
        key = (model, self.key(term))
        if key in self.resolved:
            self._remember(taxonomy, slug, self.resolved[key])
            return self.resolved[key]
        field = "category" if model is Category else "topic"
        record = self.records.get((taxonomy, slug))
        found = getattr(record, field, None) if record else None
        if found is None:
            names, wp_slugs, borrowed = self.versions(term, language)
            found = model.objects.filter(
                Q(name_tr=names["tr"]) | Q(name_en=names["en"]) | Q(name_ru=names["ru"])
            ).first()
            if found is not None:
                self.report.object(field, "reused")
                self.report_kept_names(found, term, names, borrowed, post_id)
            else:
                found = model(**{f"name_{code}": names[code] for code in names})
                for code, wp_slug in wp_slugs.items():
                    setattr(
                        found,
                        f"slug_{code}",
                        self.free_slug(model, term, code, wp_slug, post_id),
                    )
                found.save()
                self.report.object(field, "created")
                self.report_created(term, names, borrowed, post_id)
        self.resolved[key] = found
        self._remember(taxonomy, slug, found)
        if group := self.groups.get(term.term_id):  # its translations too
            for version in group.terms.values():
                self._remember(version.taxonomy, version.slug, found)
        return found

    def free_slug(self, model, term: WPTerm, code: str, wp_slug: str, post_id: int):
        """``wp_slug`` where it can serve here in ``code``; else a free variant."""
        slug = wp_slug if TERM_SLUG.fullmatch(wp_slug) else make_slug(wp_slug)
        slug = slug[:TERM_SLUG_LENGTH].strip("-") or make_slug(term.name)
        field = f"slug_{code}"
        if model.objects.filter(**{field: slug}).exists():
            slug = unique_slug(
                slug,
                taken=lambda s: model.objects.filter(**{field: s}).exists(),
                max_length=TERM_SLUG_LENGTH,
            )
        if slug != wp_slug:
            self.report.warn(
                [post_id],
                _(
                    "%(kind)s “%(name)s”: slug “%(wp_slug)s” became “%(slug)s” "
                    "(%(code)s)."
                )
                % {
                    "kind": kind_of(term),
                    "name": term.name,
                    "wp_slug": wp_slug,
                    "slug": slug,
                    "code": code,
                },
            )
        return slug

    def report_created(self, term: WPTerm, names, borrowed, post_id: int) -> None:
        """Say what of a new term did not come over as WordPress had it."""
        kind = kind_of(term)
        if borrowed and self.translated:
            self.report.warn(
                [post_id],
                _(
                    "%(kind)s “%(name)s” has no %(codes)s name in the export; "
                    "“%(stand_in)s” stands in until an editor translates it."
                )
                % {
                    "kind": kind,
                    "name": term.name,
                    "codes": ", ".join(borrowed),
                    "stand_in": names[borrowed[0]],
                },
            )
        if term.parent:
            self.report.warn(
                [post_id],
                _(
                    "%(kind)s “%(name)s” is under “%(parent)s” in WordPress; "
                    "categories and topics here have no parents."
                )
                % {"kind": kind, "name": term.name, "parent": term.parent},
            )
        if plain_text(term.description):
            self.report.warn(
                [post_id],
                _(
                    "%(kind)s “%(name)s”: its description is not imported "
                    "(categories and topics here have none)."
                )
                % {"kind": kind, "name": term.name},
            )

    def report_kept_names(self, found, term: WPTerm, names, borrowed, post_id) -> None:
        """An existing category or topic matched by one name keeps its own names."""
        differing = [
            f"{code}: “{names[code]}”"
            for code in language_codes()
            if code not in borrowed and getattr(found, f"name_{code}") != names[code]
        ]
        if differing:
            self.report.warn(
                [post_id],
                _(
                    "%(kind)s “%(name)s” is the existing “%(existing)s” here, which "
                    "keeps its names; not taken from WordPress: %(names)s."
                )
                % {
                    "kind": kind_of(term),
                    "name": term.name,
                    "existing": str(found),
                    "names": ", ".join(differing),
                },
            )

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

    def main_category(self, item) -> WPItemTerm | None:
        """Yoast's primary category when set, else the first listed that is not
        WordPress's "Uncategorized" (when there are others)."""
        categories = item.terms_of("category")
        primary_id = item.meta.get("_yoast_wpseo_primary_category", "").strip()
        if primary_id.isdigit():
            for term in categories:
                wp_term = self.wp_term("category", term.slug, term.name)
                if wp_term.term_id == int(primary_id):
                    return term
        named = [c for c in categories if c.slug != "uncategorized"]
        return (named or categories or [None])[0]

    def for_posts(self, members: list[Member]) -> tuple[Category, list[Topic]]:
        """The article's main category, and its tags and other categories as topics.

        The original (the first member) gives the main category. Every version's
        terms count: a translation's term that translates one of the original's is
        the same category or topic; its other terms become topics too, when the
        export says which language its terms are in (else they are reported).
        """
        original = members[0]
        item = original.item
        main = self.main_category(item)
        where = {"language": original.language, "post_id": item.post_id}
        category = self.get(Category, main, **where) if main else self.uncategorized()
        topics = [
            self.get(Topic, term, **where)
            for term in item.terms
            if term.domain in TAXONOMIES
            and term is not main
            and term.slug != "uncategorized"
        ]
        seen = {
            self.key(self.wp_term(t.domain, t.slug, t.name))
            for t in item.terms
            if t.domain in TAXONOMIES
        }
        for member in members[1:]:
            theirs = [
                term
                for term in member.item.terms
                if term.domain in TAXONOMIES
                and term.slug != "uncategorized"
                and self.key(self.wp_term(term.domain, term.slug, term.name))
                not in seen
            ]
            if not theirs:
                continue
            if not self.has_languages:
                self.report.warn(
                    [member.item.post_id],
                    _(
                        "its categories and tags are not imported: %(names)s. The "
                        "export does not say which language its terms are in, so "
                        "they cannot be matched with the original's."
                    )
                    % {"names": ", ".join(f"“{t.name}”" for t in theirs)},
                )
                continue
            topics += [
                self.get(
                    Topic,
                    term,
                    language=member.language,
                    post_id=member.item.post_id,
                )
                for term in theirs
            ]
        unique = {topic.pk: topic for topic in topics}
        return category, list(unique.values())


def kind_of(term: WPTerm) -> str:
    return _("category") if term.taxonomy == "category" else _("tag")


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
