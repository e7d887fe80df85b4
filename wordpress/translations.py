"""Which posts of an export are translations of one another, and in which language.

Polylang exports give each post a ``language`` term and a ``post_translations`` term;
the latter's description is the serialized ``language => post id`` map of the group.
WPML's "Export and Import" add-on writes post meta into the export:
``_wpml_import_language_code``, ``_wpml_import_translation_group`` and, on
translations, ``_wpml_import_source_language_code`` (the original's language); posts
that WPML duplicated carry ``_icl_lang_duplicate_of`` (the original's post id).
Terms are linked the same ways: Polylang's ``term_translations`` terms (a serialized
``language => term id`` map), and WPML Export and Import's ``<wp:termmeta>`` with the
same three ``_wpml_import_*`` keys as its post meta (the translation group is WPML's
``trid``). A category named in three languages becomes one category with three names.

A post with none of this is a single-language article in the export's language.
"""

from dataclasses import dataclass, field

from articles.querysets import language_codes

from .wxr import WPItem, WPTerm, WXRExport, php_unserialize

WPML_LANGUAGE = "_wpml_import_language_code"
WPML_GROUP = "_wpml_import_translation_group"
WPML_SOURCE = "_wpml_import_source_language_code"
WPML_DUPLICATE_OF = "_icl_lang_duplicate_of"


def language_code(value: str) -> str:
    """``en_US``, ``en-us`` or ``EN`` as ``en``; "" when there is nothing."""
    return (value or "").strip().replace("_", "-").split("-")[0].lower()


@dataclass
class Member:
    item: WPItem
    language: str  # two letters; may be one the site does not have


@dataclass
class PostGroup:
    """The posts that become one article, the original first."""

    key: str
    members: list[Member] = field(default_factory=list)
    plugin: str = ""  # "polylang", "wpml" or ""

    @property
    def post_ids(self) -> list[int]:
        return [member.item.post_id for member in self.members]


def polylang_languages(export: WXRExport) -> dict[str, str]:
    """Polylang's language term slugs mapped to two-letter codes (via the locale)."""
    codes = {}
    for term in export.terms:
        if term.taxonomy != "language":
            continue
        code = language_code(term.slug)
        try:
            details = php_unserialize(term.description) if term.description else {}
        except ValueError:
            details = {}
        if isinstance(details, dict) and details.get("locale"):
            code = language_code(str(details["locale"]))
        codes[term.slug] = code
    return codes


def serialized_map(description: str) -> dict[str, int]:
    try:
        value = php_unserialize(description)
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): int(v) for k, v in value.items() if str(v).isdigit()}


@dataclass
class TermGroup:
    """Terms of one taxonomy that translate one another: one category or topic here."""

    key: str
    terms: dict[str, WPTerm] = field(default_factory=dict)  # language -> term
    original: str = ""  # the language the others were translated from, if known

    @property
    def names(self) -> dict[str, str]:
        return {code: term.name for code, term in self.terms.items()}


def term_groups(export: WXRExport) -> dict[int, TermGroup]:
    """The translation group of each term that has one, by term id.

    A term in a group of its own still has a known language. Terms that neither
    plugin describes are missing from the result.
    """
    by_id = {term.term_id: term for term in export.terms}
    languages = polylang_languages(export)
    groups: dict[int, TermGroup] = {}
    for term in export.terms:
        if term.taxonomy != "term_translations":
            continue
        group = TermGroup(key=f"pll:{term.slug}")
        for slug, term_id in serialized_map(term.description).items():
            if term_id in by_id:
                code = languages.get(slug, language_code(slug))
                group.terms.setdefault(code, by_id[term_id])
                groups[term_id] = group
    wpml: dict[tuple[str, str], TermGroup] = {}
    for term in export.terms:
        trid = term.meta.get(WPML_GROUP, "").strip()
        code = language_code(term.meta.get(WPML_LANGUAGE, ""))
        if not trid or not code or term.term_id in groups:
            continue
        key = (term.taxonomy, trid)
        group = wpml.setdefault(key, TermGroup(key=f"wpml:{term.taxonomy}:{trid}"))
        group.terms.setdefault(code, term)
        if source := language_code(term.meta.get(WPML_SOURCE, "")):
            group.original = source
        groups[term.term_id] = group
    return groups


def group_posts(
    export: WXRExport, posts: list[WPItem], *, default_language: str
) -> list[PostGroup]:
    """``posts`` as translation groups, in the export's order of their first post."""
    pll_languages = polylang_languages(export)
    pll_groups = {
        term.slug: serialized_map(term.description)
        for term in export.terms
        if term.taxonomy == "post_translations"
    }
    by_id = {item.post_id: item for item in posts}
    duplicated = {
        int(item.meta[WPML_DUPLICATE_OF].strip())
        for item in posts
        if item.meta.get(WPML_DUPLICATE_OF, "").strip().isdigit()
    }
    order = {code: position for position, code in enumerate(language_codes())}

    def wpml_key(item: WPItem) -> str | None:
        if item.meta.get(WPML_GROUP, "").strip():
            return f"wpml:{item.meta[WPML_GROUP].strip()}"
        original = item.meta.get(WPML_DUPLICATE_OF, "").strip()
        if original.isdigit():
            source = by_id.get(int(original))
            if source is not None and source.meta.get(WPML_GROUP, "").strip():
                return f"wpml:{source.meta[WPML_GROUP].strip()}"
            return f"wpml-dup:{original}"
        if item.post_id in duplicated:
            return f"wpml-dup:{item.post_id}"
        return None

    groups: dict[str, PostGroup] = {}
    for item in posts:
        language, key, plugin = "", None, ""
        pll_language = item.terms_of("language")
        pll_group = item.terms_of("post_translations")
        if pll_language or pll_group:
            plugin = "polylang"
            if pll_language:
                slug = pll_language[0].slug
                language = pll_languages.get(slug, language_code(slug))
            if pll_group and pll_group[0].slug in pll_groups:
                key = f"pll:{pll_group[0].slug}"
                if not language:
                    language = next(
                        (
                            language_code(code)
                            for code, post_id in pll_groups[key[4:]].items()
                            if post_id == item.post_id
                        ),
                        "",
                    )
        elif key := wpml_key(item):
            plugin = "wpml"
            language = language_code(item.meta.get(WPML_LANGUAGE, ""))
        language = language or default_language
        key = key or f"post:{item.post_id}"
        group = groups.setdefault(key, PostGroup(key=key, plugin=plugin))
        group.members.append(Member(item=item, language=language))

    def original_first(member: Member) -> tuple:
        meta = member.item.meta
        is_translation = bool(
            meta.get(WPML_SOURCE, "").strip() or meta.get(WPML_DUPLICATE_OF, "").strip()
        )
        return (is_translation, order.get(member.language, len(order)))

    for group in groups.values():
        group.members.sort(key=original_first)
    return list(groups.values())
