"""One HTML allowlist for everything that stores rich text.

Article bodies and author biographies are stored already sanitized, so templates may
mark them safe. Every path that writes HTML (admin, commands, services) goes through
``sanitize_html``.

No ``<img>`` is ever kept: an image in a body is a media-library figure, stored as
exactly ``<figure data-image="123" data-size="wide"></figure>`` (the library image's
number and one of ``FIGURE_SIZES``), which the article's save renders from the
library into the stored body (``library.figures``).
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
    "figure": {"data-image", "data-size"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

# How a library figure is placed: the column's width, wider than the column, or a
# smaller image beside the text on one side.
FIGURE_SIZES = ("full", "wide", "inset-left", "inset-right")
DEFAULT_FIGURE_SIZE = "full"

_TAG = re.compile(r"<[^>]*>")
_IMAGE_ID = re.compile(r"[1-9][0-9]{0,17}")
# A figure that names a library image, with whatever it holds (no nested figure).
LIBRARY_FIGURE = re.compile(
    r"<figure\b(?P<attrs>[^>]*\bdata-image=\"(?P<image>\d+)\"[^>]*)>"
    r"(?P<content>(?:(?!<figure\b).)*?)</figure>",
    re.S,
)
_SIZE = re.compile(r'\bdata-size="(?P<size>[a-z-]+)"')
_FIGURE_WITHOUT_IMAGE = re.compile(r"<figure\b(?![^>]*data-image=)[^>]*>")


def _figure_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: a figure's image is a number, its size one of ours."""
    if tag != "figure":
        return value
    if attribute == "data-image":
        return value if _IMAGE_ID.fullmatch(value) else None
    if attribute == "data-size":
        return value if value in FIGURE_SIZES else None
    return value


def figure_size(attrs: str) -> str:
    """The size named in a library figure's attributes, or the default."""
    match = _SIZE.search(attrs)
    return match["size"] if match else DEFAULT_FIGURE_SIZE


def _canonical_figures(html: str) -> str:
    """Every library figure as exactly ``<figure data-image data-size></figure>``
    (whatever it held: the library supplies image and caption); a ``data-size``
    on a figure without an image is dropped."""

    def canonical(match: re.Match) -> str:
        return (
            f'<figure data-image="{int(match["image"])}" '
            f'data-size="{figure_size(match["attrs"])}"></figure>'
        )

    return _FIGURE_WITHOUT_IMAGE.sub("<figure>", LIBRARY_FIGURE.sub(canonical, html))


def figure_image_ids(html: str) -> list[int]:
    """The library images ``html``'s figures show, in order, each once."""
    return list(
        dict.fromkeys(int(m["image"]) for m in LIBRARY_FIGURE.finditer(html or ""))
    )


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
        attribute_filter=_figure_attribute,
    ).strip()
    cleaned = _canonical_figures(cleaned)
    return "" if is_blank_html(cleaned) else cleaned


def is_blank_html(html: str) -> bool:
    """True when ``html`` has no visible text (e.g. an editor's empty ``<p></p>``);
    a library figure counts as something to see."""
    if LIBRARY_FIGURE.search(html or ""):
        return False
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
