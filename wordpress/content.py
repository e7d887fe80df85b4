"""WordPress post content made ready for the project's sanitizer.

Block-editor comments go, ``[caption]`` becomes ``<figure>``/``<figcaption>``, other
shortcodes are removed (and named, so the import can report them), line breaks become
paragraphs as WordPress's ``wpautop`` does, and the trailing footnote list (ANKASAM's
"[1] “Title”, Outlet, URL, (Erişim Tarihi: …)" lines, or the core footnotes block)
is taken out for ``citations.parser``. The sanitizer itself runs when the article is
saved.
"""

import html
import json
import re
from dataclasses import dataclass, field

import nh3

from ankasam.html import sanitize_html

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
CAPTION = re.compile(
    r"\[(?:wp_)?caption(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/(?:wp_)?caption\]",
    re.DOTALL,
)
CAPTION_IMAGE = re.compile(
    r"^\s*(?P<image>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?P<text>.*)$",
    re.DOTALL,
)
ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
# WordPress core's shortcodes and the usual plugin ones; any other [name ...] counts
# as a shortcode when it has attributes or a closing tag, so that prose such as
# "[sic]" and footnote labels such as "[v]" stay.
KNOWN_SHORTCODES = frozenset(
    {"gallery", "audio", "video", "playlist", "embed", "wp_caption", "caption"}
)
SHORTCODE = re.compile(
    r"\[(?P<close>/)?(?P<name>[a-zA-Z][\w-]*)(?P<attrs>(?:\s[^\]]*)?)(?P<self>/)?\]"
)
TAG = re.compile(r"<[^>]+>")
BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
CORE_FOOTNOTE = re.compile(
    r'<sup\b[^>]*\bdata-fn="(?P<id>[^"]+)"[^>]*>.*?</sup>', re.DOTALL
)
ANCHOR = re.compile(
    r'<a\b[^>]*\bhref="(?P<href>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.DOTALL
)
NOTE_LABEL = re.compile(r"^\s*(?:\[(?P<bracket>[^\]]{1,8})\]|(?P<plain>\d{1,4})[.)])\s")
LOOKS_CITED = re.compile(
    r"https?://|Erişim|Accessed|Дата обращения|^\s*\S+\s*(aynı yer|ibid|там же)",
    re.IGNORECASE,
)
NOTES_HEADINGS = frozenset(
    {
        "dipnotlar", "dipnot", "kaynakça", "kaynaklar", "notlar", "notes", "footnotes",
        "endnotes", "references", "sources", "примечания", "сноски", "источники",
        "литература",
    }
)  # fmt: skip
EMPTY_ELEMENT = re.compile(r"<(a|p)\b[^>]*>\s*</\1>")
TRAILING_DEBRIS = re.compile(r"(?:\s|<hr\b[^>]*>|<p>\s*(?:&nbsp;)?\s*</p>|&nbsp;)+$")


@dataclass
class NoteLine:
    """One line of a footnote list: its HTML as written and its text for the parser."""

    html: str
    text: str


@dataclass
class PreparedBody:
    head: str  # the content without its footnote list, not yet paragraphed
    notes: list[NoteLine] = field(default_factory=list)
    shortcodes: list[str] = field(default_factory=list)
    blocks: bool = False  # written in the block editor (already paragraphed)


def plain_text(fragment: str) -> str:
    """``fragment`` without tags and entities, whitespace collapsed."""
    text = nh3.clean(fragment or "", tags=set())
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def clean_title(raw: str) -> str:
    """A post title as plain text: markup dropped, entities decoded (max 300)."""
    return plain_text(raw)[:300].strip()


def first_words(fragment: str, count: int = 10) -> str:
    words = plain_text(fragment).split()
    text = " ".join(words[:count])
    return f"{text}…" if len(words) > count else text


def convert_captions(content: str) -> str:
    """``[caption]<img> text[/caption]`` as ``<figure><img><figcaption>``."""

    def figure(match: re.Match) -> str:
        inner = match.group("inner")
        attrs = dict(ATTRIBUTE.findall(match.group("attrs")))
        parts = CAPTION_IMAGE.match(inner)
        image, text = ("", inner)
        if parts:
            image, text = parts.group("image"), parts.group("text")
        text = text.strip() or attrs.get("caption", "")
        caption = f"<figcaption>{text}</figcaption>" if text else ""
        return f"<figure>{image}{caption}</figure>"

    return CAPTION.sub(figure, content)


def remove_shortcodes(content: str) -> tuple[str, list[str]]:
    """``content`` without shortcode tags (enclosed text kept), and their names."""
    closing = {m.group("name") for m in SHORTCODE.finditer(content) if m.group("close")}
    found: list[str] = []

    def drop(match: re.Match) -> str:
        name = match.group("name")
        is_shortcode = (
            name in KNOWN_SHORTCODES or name in closing or "=" in match.group("attrs")
        )
        if not is_shortcode:
            return match.group(0)
        if not match.group("close") and name not in found:
            found.append(name)
        return ""

    return SHORTCODE.sub(drop, content), found


ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|"
    r"pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|"
    r"section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|"
    r"summary)"
)
PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.IGNORECASE)


def autop(text: str) -> str:
    """Blank-line-separated text as paragraphs and single breaks as ``<br />``.

    A port of the parts of WordPress's ``wpautop`` that shape the result: block
    elements are left alone, ``<pre>`` is untouched.
    """
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    preserved: list[str] = []

    def keep(match: re.Match) -> str:
        preserved.append(match.group(0))
        return f"<pre wp-pre-tag-{len(preserved) - 1}></pre>"

    text = PRE.sub(keep, text) + "\n"
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(rf"(<{ALLBLOCKS}[\s/>])", r"\n\n\1", text)
    text = re.sub(rf"(</{ALLBLOCKS}>)", r"\1\n\n", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    text = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(rf"<p>([^<]+)</({ALLBLOCKS})>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?{ALLBLOCKS}[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(rf"<p>\s*(</?{ALLBLOCKS}[^>]*>)", r"\1", text)
    text = re.sub(rf"(</?{ALLBLOCKS}[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = re.sub(rf"(</?{ALLBLOCKS}[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(
        r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text
    )
    text = re.sub(r"\n</p>$", "</p>", text)
    for index, block in enumerate(preserved):
        text = text.replace(f"<pre wp-pre-tag-{index}></pre>", block)
    return text.strip()


def line_text(line: str) -> str:
    """A footnote line as the parser reads it; a link's address kept beside its text."""

    def expand(match: re.Match) -> str:
        href, text = match.group("href"), match.group("text")
        return text if href in text else f"{text} {href}"

    return plain_text(ANCHOR.sub(expand, line))


def is_note_line(text: str) -> bool:
    label = NOTE_LABEL.match(text + " ")
    if not label:
        return False
    return bool(label.group("bracket")) or bool(LOOKS_CITED.search(text))


def split_notes(content: str) -> tuple[str, list[NoteLine]]:
    """The content before its trailing footnote list, and the list's lines."""
    lines = BR.sub("\n", content).split("\n")
    start = None
    index = len(lines) - 1
    while index >= 0:
        text = line_text(lines[index])
        if not text:
            index -= 1
            continue
        if not is_note_line(text):
            break
        start = index
        index -= 1
    if start is None:
        return content, []
    notes = [
        NoteLine(html=line.strip(), text=line_text(line))
        for line in lines[start:]
        if line_text(line)
    ]
    head_lines = lines[:start]
    # A heading such as "Dipnotlar" or "Notes:" right above the list goes with it.
    while head_lines and not line_text(head_lines[-1]):
        head_lines.pop()
    if head_lines and line_text(head_lines[-1]).rstrip(":").lower() in NOTES_HEADINGS:
        head_lines.pop()
    head = TRAILING_DEBRIS.sub("", "\n".join(head_lines))
    return head, notes


def core_footnotes(
    content: str, meta: str, *, first: int
) -> tuple[str, list[NoteLine]]:
    """The core footnotes block: ``<sup data-fn>`` become ``[n]`` markers.

    ``meta`` is the post's ``footnotes`` meta (JSON, in order of appearance); markers
    are numbered from ``first``.
    """
    try:
        entries = json.loads(meta) if meta else []
    except ValueError:
        entries = []
    if not isinstance(entries, list):
        entries = []
    numbers = {}
    notes = []
    for entry in entries:
        if not isinstance(entry, dict) or "id" not in entry:
            continue
        number = first + len(numbers)
        numbers[entry["id"]] = number
        text = f"[{number}] {line_text(str(entry.get('content', '')))}"
        notes.append(NoteLine(html=f"<p>{html.escape(text)}</p>", text=text))

    def marker(match: re.Match) -> str:
        number = numbers.get(match.group("id"))
        return f"[{number}]" if number else match.group(0)

    return CORE_FOOTNOTE.sub(marker, content), notes


def prepare_body(content: str, *, footnotes_meta: str = "") -> PreparedBody:
    """Split a post's content into its text and its footnote lines."""
    blocks = "<!-- wp:" in content
    text = BLOCK_COMMENT.sub("", content)
    text = convert_captions(text)
    text, shortcodes = remove_shortcodes(text)
    head, notes = split_notes(text)
    last = 0
    for note in notes:
        label = NOTE_LABEL.match(note.text + " ")
        if label and (label.group("bracket") or "").isdigit():
            last = max(last, int(label.group("bracket")))
        elif label and label.group("plain"):
            last = max(last, int(label.group("plain")))
    head, core = core_footnotes(head, footnotes_meta, first=max(last, len(notes)) + 1)
    return PreparedBody(
        head=head, notes=notes + core, shortcodes=shortcodes, blocks=blocks
    )


def finish_body(prepared: PreparedBody, kept: list[NoteLine]) -> str:
    """The body to store: the text, then the note lines that stay as text."""
    parts = [prepared.head.strip()]
    for line in kept:
        fragment = line.html
        if not re.match(r"<p\b", fragment):
            fragment = f"<p>{fragment}</p>"
        parts.append(fragment)
    text = "\n\n".join(part for part in parts if part)
    if not prepared.blocks:
        text = autop(text)
    # Sanitized here too (Article.save does it again) to drop what the allowlist
    # leaves empty: a link that only wrapped an image, an emptied paragraph.
    text = EMPTY_ELEMENT.sub("", sanitize_html(text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def count_images(fragment: str) -> int:
    return len(re.findall(r"<img\b", fragment or "", re.IGNORECASE))


# Elements the sanitizer removes together with what they show (images, embeds,
# scripts, forms), and headings it keeps only as text.
LOST_ELEMENTS = (
    "iframe", "video", "audio", "embed", "object", "script", "style", "svg",
    "canvas", "form", "input", "button", "select", "textarea", "noscript",
)  # fmt: skip
FLATTENED_ELEMENTS = ("h1", "h5", "h6")


def count_elements(fragment: str, names) -> dict[str, int]:
    """How many of each element in ``names`` ``fragment`` opens (0s left out)."""
    counts = {}
    for name in names:
        if found := len(re.findall(rf"<{name}\b", fragment or "", re.IGNORECASE)):
            counts[name] = found
    return counts
