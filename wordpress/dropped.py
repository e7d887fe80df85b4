"""What of an export the import does not carry over, or changes, named in the report.

The import reads posts: their text, dates, states, slugs, categories, tags, bylines,
featured images and footnotes, and the guest authors and attachments these name.
Everything else an export holds is said here with the ids of the posts it belongs
to, so that nothing is dropped silently: other post types, comments, sticky flags,
other taxonomies' terms and custom fields (WordPress's own bookkeeping aside), and
what the site's plainer titles, summaries and bodies leave out of a post's text.
"""

import re
from collections import defaultdict

from django.utils.translation import gettext as _

from .bylines import GUEST_AUTHOR
from .content import (
    FLATTENED_ELEMENTS,
    LOST_ELEMENTS,
    TAG,
    PreparedBody,
    count_elements,
    count_images,
    plain_text,
)
from .report import ImportReport
from .translations import WPML_DUPLICATE_OF, WPML_GROUP, WPML_LANGUAGE, WPML_SOURCE
from .wxr import WPItem

TITLE_LENGTH = 300
# Markup of an excerpt beyond the paragraphs that a summary is anyway.
EXCERPT_MARKUP = re.compile(r"<(?!/?(?:p|br)\b)/?[a-z]", re.IGNORECASE)
# Taxonomies whose terms the import reads (categories, tags, co-authors, Polylang).
READ_TAXONOMIES = frozenset(
    {"category", "post_tag", "author", "language", "post_translations"}
)
# Post meta the import reads.
READ_META = frozenset(
    {
        "footnotes",
        "_thumbnail_id",
        "_yoast_wpseo_primary_category",
        WPML_LANGUAGE,
        WPML_GROUP,
        WPML_SOURCE,
        WPML_DUPLICATE_OF,
    }
)
# WordPress's and its plugins' bookkeeping: nothing a reader ever saw.
BOOKKEEPING_META = frozenset(
    {
        "_edit_last", "_edit_lock", "_encloseme", "_pingme", "_wp_page_template",
        "_wp_desired_post_slug", "_wp_old_date", "_publicize_pending",
        "_last_translation_edit_mode", "_yoast_wpseo_content_score",
        "_yoast_wpseo_estimated-reading-time-minutes", "_yoast_wpseo_linkdex",
        "_yoast_wpseo_wordproof_timestamp", "_pingback_lock",
    }
)  # fmt: skip
BOOKKEEPING_PREFIXES = (
    "_oembed_", "_wp_trash_meta_", "_wpas_", "_wpml_", "_icl_", "_jetpack_",
    "_publicize_", "_menu_item_",
)  # fmt: skip


def report_other_items(
    report: ImportReport, items: list[WPItem], *, shown: set[int]
) -> None:
    """Name the items that are not posts (nor guest authors) and are not imported.

    ``shown`` holds the attachments that some post shows, as its featured image or
    in its text: those are read through their post.
    """
    by_type: dict[str, list[int]] = defaultdict(list)
    for item in items:
        if item.post_type in ("post", GUEST_AUTHOR):
            continue
        if item.post_type == "attachment" and item.post_id in shown:
            continue
        by_type[item.post_type or "?"].append(item.post_id)
    for post_type, ids in sorted(by_type.items()):
        ids = list(dict.fromkeys(ids))  # menus repeat their items
        if post_type == "attachment":
            report.warn(
                ids,
                _(
                    "attachments are not imported on their own: these are shown by "
                    "no imported post (as its featured image or in its text)."
                ),
            )
        else:
            report.warn(
                ids, _("post type “%(type)s” is not imported.") % {"type": post_type}
            )


def report_post_leftovers(report: ImportReport, posts: list[WPItem]) -> None:
    """Name what the posts to import hold that the site has no place for."""
    if commented := [item.post_id for item in posts if item.comments]:
        report.warn(commented, _("comments are not imported (the site has none)."))
    if sticky := [item.post_id for item in posts if item.sticky]:
        report.warn(
            sticky,
            _("sticky in WordPress (kept at the top of the blog); the site pins none."),
        )
    taxonomies: dict[str, dict[str, list[int]]] = defaultdict(dict)
    fields: dict[str, list[int]] = defaultdict(list)
    for item in posts:
        for term in item.terms:
            if term.domain not in READ_TAXONOMIES:
                taxonomies[term.domain].setdefault(term.name or term.slug, [])
                taxonomies[term.domain][term.name or term.slug].append(item.post_id)
        for key, value in item.meta.items():
            if not key:
                continue
            if key == "_wp_old_slug" and value.strip():
                report.warn(
                    [item.post_id],
                    _(
                        "its former slug “%(slug)s” is not imported; addresses "
                        "with it do not redirect."
                    )
                    % {"slug": value.strip()},
                )
            elif not (
                key in READ_META
                or key in BOOKKEEPING_META
                or key.startswith(BOOKKEEPING_PREFIXES)
                or key == "_wp_old_slug"
            ):
                fields[key].append(item.post_id)
    for taxonomy, terms in sorted(taxonomies.items()):
        ids = sorted({post_id for ids in terms.values() for post_id in ids})
        report.warn(
            ids,
            _("terms of the “%(taxonomy)s” taxonomy are not imported: %(terms)s.")
            % {
                "taxonomy": taxonomy,
                "terms": ", ".join(f"“{name}”" for name in sorted(terms)),
            },
        )
    for key, ids in sorted(fields.items()):
        report.warn(ids, _("custom field “%(key)s” is not imported.") % {"key": key})


def report_text_changes(
    report: ImportReport, item: WPItem, prepared: PreparedBody
) -> None:
    """Name what a post's title, excerpt and body lose on their way here."""
    if TAG.search(item.title):
        report.warn(
            [item.post_id], _("its title's markup is removed (titles are plain text).")
        )
    if len(plain_text(item.title)) > TITLE_LENGTH:
        report.warn(
            [item.post_id],
            _("its title is cut to %(length)s characters.") % {"length": TITLE_LENGTH},
        )
    if EXCERPT_MARKUP.search(item.excerpt):
        report.warn(
            [item.post_id],
            _("its excerpt's markup is removed (summaries are plain text)."),
        )
    notes = "".join(line.html for line in prepared.notes)
    text = prepared.head + notes
    # Images in the text became library figures, or were reported one by one
    # (``inline``); images in footnote lines are not figures.
    if images := count_images(notes):
        report.warn(
            [item.post_id],
            _("%(count)s images in its footnotes were removed.") % {"count": images},
        )
    if lost := count_elements(text, LOST_ELEMENTS):
        report.warn(
            [item.post_id],
            _(
                "removed from the text with what they showed (the site's sanitizer "
                "allows none in article bodies): %(elements)s."
            )
            % {"elements": ", ".join(f"{n} <{name}>" for name, n in lost.items())},
        )
    if flattened := count_elements(text, FLATTENED_ELEMENTS):
        report.warn(
            [item.post_id],
            _(
                "%(elements)s became plain text (article bodies have headings "
                "<h2> to <h4>)."
            )
            % {"elements": ", ".join(f"{n} <{name}>" for name, n in flattened.items())},
        )
