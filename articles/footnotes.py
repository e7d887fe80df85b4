"""Footnotes as the site shows them (provisional: notes are one line of text each).

The body carries markers such as ``[1]``; the notes are stored one per line. Markers
become superscript links to their note, and each note links back to every marker
that cites it.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe

MARKER = re.compile(r"\[(\d{1,3})\]")
# "[1] text", "[v] text" (a typo in the source), "1. text": the label is not the number.
LEADING_LABEL = re.compile(r"^\s*(\[[^\]]{1,5}\]|\d{1,3}[.)])\s*")


@dataclass
class Note:
    number: int
    html: SafeString
    refs: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"fn-{self.number}"


def parse_notes(text: str) -> list[Note]:
    """Notes from stored text: one per non-empty line, numbered in order."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return [
        Note(number=n, html=mark_safe(urlize(escape(LEADING_LABEL.sub("", line)))))
        for n, line in enumerate(lines, start=1)
    ]


def render_markers(body: str, notes: list[Note]) -> SafeString:
    """``body`` with each ``[n]`` linked to note n, which records the link's id."""
    by_number = {note.number: note for note in notes}

    def link(match: re.Match) -> str:
        number = int(match.group(1))
        note = by_number.get(number)
        if note is None:
            return match.group(0)
        ref_id = f"fnref-{number}-{len(note.refs) + 1}"
        note.refs.append(ref_id)
        return (
            f'<sup class="fn-ref"><a href="#{note.anchor}" id="{ref_id}" '
            f'role="doc-noteref">[{number}]</a></sup>'
        )

    # The body is sanitized at save time; markers only add our own fixed markup.
    return mark_safe(MARKER.sub(link, body or ""))
