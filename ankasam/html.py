"""One HTML allowlist for everything that stores rich text.

Article bodies and author biographies are stored already sanitized, so templates may
mark them safe. Every path that writes HTML (admin, commands, services) goes through
``sanitize_html``.
"""

import html as html_module
import re

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub",
        "sup", "a", "ul", "ol", "li", "blockquote", "figure", "figcaption", "hr",
        "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "caption",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

_TAG = re.compile(r"<[^>]*>")


def sanitize_html(html: str) -> str:
    """``html`` reduced to the allowlist; a fragment with no visible text becomes ""."""
    if not html or not html.strip():
        return ""
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
    return "" if is_blank_html(cleaned) else cleaned


def is_blank_html(html: str) -> bool:
    """True when ``html`` has no visible text (e.g. an editor's empty ``<p></p>``)."""
    text = _TAG.sub("", html or "").replace("&nbsp;", " ")
    return not text.strip()


_MARKER = re.compile(r"\[\d+\]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def plain_text(html: str) -> str:
    """The words of a sanitized body: tags become spaces, markers [n] disappear."""
    text = html_module.unescape(_TAG.sub(" ", _MARKER.sub("", html or "")))
    return _SPACE.sub(" ", text).strip()


def word_count(html: str) -> int:
    """The words a reader reads in a stored body."""
    return len(_WORD.findall(plain_text(html)))
