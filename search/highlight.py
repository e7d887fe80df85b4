"""Search terms marked in titles and snippets, found the way the search finds them."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .folding import units
from .stemming import HAS_CYRILLIC, Terms, latin, word_matches

ELLIPSIS = "…"


def clues(terms: Terms) -> tuple[str, ...]:
    """Beginnings that a word the search matches shares with one of its forms: a
    Snowball stem differs from its word at most in its last letter ("polici" of
    "policy", "guvenlik" of "güvenliği"), so each form without that letter."""
    return tuple({form[:-1] if len(form) > 2 else form for form in terms.forms})


def matches(text: str, terms: Terms) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each word the search matches, in order.

    The clues rule out most words cheaply; the others are matched exactly.
    """
    if not terms or not text:
        return []
    starts = clues(terms)
    in_latin = terms.typed_in_latin
    spans = []
    for start, end, folded in units(text):
        if not any(part.startswith(starts) for part in folded.split("'")) and not (
            in_latin
            and HAS_CYRILLIC.search(folded)
            and latin(folded).startswith(starts)
        ):
            continue
        if word_matches(text[start:end], terms):
            spans.append((start, end))
    return spans


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
