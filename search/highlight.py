"""Search terms marked in titles and snippets, found the way the search finds them."""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .folding import UNIT, folded_with_positions, units_of
from .stemming import HAS_CYRILLIC, Terms, latin, word_matches

ELLIPSIS = "…"
LETTER = re.compile(r"[^\W_]")


def clues(terms: Terms) -> tuple[str, ...]:
    """Beginnings that a word the search matches shares with one of its forms: a
    Snowball stem differs from its word at most in its last letter ("polici" of
    "policy", "guvenlik" of "güvenliği"), so each form without that letter."""
    return tuple({form[:-1] if len(form) > 2 else form for form in terms.forms})


def matches(text: str, terms: Terms) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each word the search matches, in order.

    The clues rule out most words cheaply: one regular expression finds where a
    part of a word begins with one, and only those words are matched exactly.
    Latin letters typed for Cyrillic text are compared word by word.
    """
    if not terms or not text:
        return []
    starts = clues(terms)
    folded, positions = folded_with_positions(text)
    if terms.typed_in_latin and HAS_CYRILLIC.search(folded):
        candidates = [
            (start, end)
            for start, end, unit in units_of(folded, positions)
            if any(part.startswith(starts) for part in unit.split("'"))
            or (HAS_CYRILLIC.search(unit) and latin(unit).startswith(starts))
        ]
    else:
        candidates = []
        for found in clue_pattern(starts).finditer(folded):
            unit = unit_around(folded, found.start())
            span = (positions[unit.start()], positions[unit.end() - 1] + 1)
            if not candidates or candidates[-1] != span:
                candidates.append(span)
    return [
        (start, end)
        for start, end in candidates
        if word_matches(text[start:end], terms)
    ]


@lru_cache(maxsize=256)
def clue_pattern(starts: tuple[str, ...]) -> re.Pattern:
    """Where a part of a word (after a non-letter or an apostrophe) begins with one
    of ``starts``."""
    alternatives = "|".join(re.escape(s) for s in sorted(starts, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})")


def unit_around(folded: str, index: int) -> re.Match:
    """The word as written (parts joined by apostrophes) that has ``index`` in it."""
    start = index
    while start and (
        LETTER.match(folded, start - 1)
        or (folded[start - 1] == "'" and start > 1 and LETTER.match(folded, start - 2))
    ):
        start -= 1
    return UNIT.match(folded, start)


def marked(text: str, spans) -> SafeString:
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def highlight(text: str, terms: Terms) -> SafeString:
    """All of ``text``, escaped, with the matching words in ``<mark>``."""
    return marked(text, matches(text, terms))


def snippet(text: str, terms: Terms, *, length: int = 240, spans=None) -> SafeString:
    """About ``length`` characters of ``text`` around the most matches (``spans``,
    when they are known already), marked."""
    if spans is None:
        spans = matches(text, terms)
    if not spans:
        cut = text[:length]
        if len(text) > length:
            cut = cut.rsplit(" ", 1)[0] + ELLIPSIS
        return mark_safe(escape(cut))
    # The window starting at the match followed by the most matches within length.
    best = max(
        range(min(len(spans), 200)),
        key=lambda i: sum(1 for s, _e in spans[i:] if s < spans[i][0] + length),
    )
    start = max(0, spans[best][0] - length // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[best][0] else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > spans[best][1] else end
    inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    prefix = ELLIPSIS if start else ""
    suffix = ELLIPSIS if end < len(text) else ""
    return mark_safe(prefix + marked(text[start:end], inside) + suffix)


def result_snippet(body: str, summary: str, terms: Terms) -> SafeString:
    """A snippet of the body where it matches, else of the summary, else its start."""
    for text in (body, summary):
        if spans := matches(text, terms):
            return snippet(text, terms, spans=spans)
    return snippet(summary or body, terms, spans=[])
