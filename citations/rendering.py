"""Footnotes on the page: markers linked, notes numbered and written in house style.

Rendering happens when an article is saved; the results are stored with the article
(``body_html`` and ``notes_html`` of each language), so a page view parses nothing.

Every value taken from a citation is escaped; the only markup added is our own.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ankasam.dates import long_date, numeric_date

MARKER = re.compile(r"\[(\d{1,4})\]")

# ANKASAM's house style: quotation marks and the access-date label per language.
QUOTES = {"tr": ("“", "”"), "en": ("“", "”"), "ru": ("«", "»")}


def marker_keys(body: str) -> list[int]:
    """Marker keys in order of first appearance in ``body``."""
    seen: dict[int, None] = {}
    for match in MARKER.finditer(body or ""):
        seen.setdefault(int(match.group(1)), None)
    return list(seen)


@dataclass
class Note:
    number: int
    citation: object
    ibid: bool = False
    refs: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"fn-{self.number}"


def number_notes(body: str, citations) -> list[Note]:
    """Notes for ``body`` in order of first appearance, ibid marked.

    A marker without a citation gets no note (the integrity check reports it).
    """
    by_key = {c.key: c for c in citations}
    notes = []
    for key in marker_keys(body):
        citation = by_key.get(key)
        if citation is None:
            continue
        previous = notes[-1].citation if notes else None
        ibid = (
            previous is not None
            and previous.source_id == citation.source_id
            and previous.locator == citation.locator
        )
        notes.append(Note(number=len(notes) + 1, citation=citation, ibid=ibid))
    return notes


def access_date(value: date, language: str) -> str:
    """The access date of a note: written out in English, in the site's one English
    date style; DD.MM.YYYY in Turkish and Russian notes, as their house style (and
    Russia's GOST 7.0.5 "дата обращения") has it."""
    return long_date(value, language) if language == "en" else numeric_date(value)


def note_html(note: Note, language: str) -> SafeString:
    """One note in the house style of ``language``; every field escaped."""
    citation = note.citation
    if note.ibid:
        text = escape(_("Ibid."))
    else:
        source = citation.source
        opening, closing = QUOTES.get(language, QUOTES["en"])
        parts = []
        if source.authors:
            parts.append(escape(source.authors))
        parts.append(format_html("{}{}{}", opening, source.title, closing))
        if source.publisher:
            parts.append(escape(source.publisher))
        if citation.locator:
            parts.append(escape(citation.locator))
        if source.url:
            parts.append(format_html('<a href="{}">{}</a>', source.url, source.url))
        if source.doi:
            doi = f"https://doi.org/{source.doi}"
            parts.append(format_html('<a href="{}">{}</a>', doi, doi))
        if source.archive_url:
            parts.append(
                format_html(
                    '{}: <a href="{}">{}</a>',
                    _("archived copy"),
                    source.archive_url,
                    source.archive_url,
                )
            )
        if citation.accessed_on:
            label = _("Accessed: %(date)s") % {
                "date": access_date(citation.accessed_on, language)
            }
            parts.append(format_html("({})", label))
        text = mark_safe(", ".join(parts) + ".")
    note_text = getattr(citation, f"note_{language}", "") or ""
    if note_text:
        text = format_html("{} {}", text, note_text)
    return text


def render(body: str, citations, language: str) -> tuple[str, str]:
    """``body`` with linked markers, and the notes list, for one language."""
    notes = number_notes(body, citations)
    by_key = {note.citation.key: note for note in notes}

    def link(match: re.Match) -> str:
        note = by_key.get(int(match.group(1)))
        if note is None:
            return match.group(0)
        ref_id = f"fnref-{note.number}-{len(note.refs) + 1}"
        note.refs.append(ref_id)
        return (
            f'<sup class="fn-ref"><a href="#{note.anchor}" id="{ref_id}" '
            f'role="doc-noteref">[{note.number}]</a></sup>'
        )

    # The body is sanitized on save; the markers add only our fixed markup.
    linked_body = MARKER.sub(link, body or "")
    if not notes:
        return linked_body, ""
    with translation.override(language):
        back = _("Back to reference %(number)s")
        items = format_html_join(
            "\n",
            '<li id="{}">{}{}</li>',
            (
                (
                    note.anchor,
                    note_html(note, language),
                    format_html_join(
                        "",
                        ' <a href="#{}" class="fn-back" role="doc-backlink" '
                        'aria-label="{}">↩</a>',
                        ((ref, back % {"number": note.number}) for ref in note.refs),
                    ),
                )
                for note in notes
            ),
        )
    return linked_body, format_html("<ol>\n{}\n</ol>", items)
