"""Read a WordPress eXtended RSS export (WXR 1.0 to 1.2) into plain data.

The file is streamed (``iterparse``), so a large export costs the memory of its items,
not of an element tree. A file that is not well-formed XML raises ``WXRError`` with
the line and column where the parser gave up, before anything is imported.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _


class WXRError(Exception):
    """The file cannot be read as a WordPress export; the message says where."""


@dataclass
class WPAuthor:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""

    @property
    def name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name.strip() or full or self.login


@dataclass
class WPTerm:
    term_id: int
    taxonomy: str
    slug: str
    name: str
    description: str = ""
    parent: str = ""  # the parent term's slug
    # ``<wp:termmeta>`` (WordPress 4.6+): WPML Export and Import writes the term's
    # language and translation group here, as it does in a post's meta.
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class WPItemTerm:
    domain: str
    slug: str
    name: str


@dataclass
class WPItem:
    post_id: int
    post_type: str
    status: str
    title: str = ""
    link: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    date: str = ""
    date_gmt: str = ""
    modified_gmt: str = ""
    password: str = ""
    parent: int = 0
    attachment_url: str = ""
    sticky: bool = False
    terms: list[WPItemTerm] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: int = 0

    def terms_of(self, domain: str) -> list[WPItemTerm]:
        return [term for term in self.terms if term.domain == domain]


@dataclass
class WXRExport:
    title: str = ""
    link: str = ""
    base_blog_url: str = ""
    language: str = ""
    version: str = ""
    authors: list[WPAuthor] = field(default_factory=list)
    terms: list[WPTerm] = field(default_factory=list)
    items: list[WPItem] = field(default_factory=list)

    @property
    def site(self) -> str:
        """The site's address without scheme or trailing slash: the import's key."""
        url = self.base_blog_url or self.link
        return re.sub(r"^[a-z]+://", "", url.strip().lower()).rstrip("/")


def _prefix(uri: str) -> str:
    if "wordpress.org/export/" in uri:
        return "excerpt" if uri.rstrip("/").endswith("excerpt") else "wp"
    if "purl.org/rss/1.0/modules/content" in uri:
        return "content"
    if "purl.org/dc/elements" in uri:
        return "dc"
    return uri


def _name(tag: str, cache: dict[str, str]) -> str:
    """``{namespace}local`` as ``wp:local``, whatever the WXR version's namespace."""
    name = cache.get(tag)
    if name is None:
        if tag.startswith("{"):
            uri, _sep, local = tag[1:].partition("}")
            name = f"{_prefix(uri)}:{local}"
        else:
            name = tag
        cache[tag] = name
    return name


def _int(text: str) -> int:
    try:
        return int((text or "").strip())
    except ValueError:
        return 0


def _children(element, cache) -> dict[str, str]:
    return {_name(child.tag, cache): (child.text or "") for child in element}


def _meta_pair(element, cache) -> tuple[str, str]:
    """A ``<wp:postmeta>`` or ``<wp:termmeta>``'s key and value."""
    pair = _children(element, cache)
    return pair.get("wp:meta_key", "").strip(), pair.get("wp:meta_value", "")


def _item(element, cache) -> WPItem:
    values = {}
    terms, meta, comments = [], {}, 0
    for child in element:
        name = _name(child.tag, cache)
        if name == "category":
            terms.append(
                WPItemTerm(
                    domain=child.get("domain", ""),
                    slug=child.get("nicename", ""),
                    name=child.text or "",
                )
            )
        elif name == "wp:postmeta":
            key, value = _meta_pair(child, cache)
            meta.setdefault(key, value)
        elif name == "wp:comment":
            comments += 1
        else:
            values[name] = child.text or ""
    return WPItem(
        post_id=_int(values.get("wp:post_id", "")),
        post_type=values.get("wp:post_type", "").strip(),
        status=values.get("wp:status", "").strip(),
        title=values.get("title", ""),
        link=values.get("link", "").strip(),
        creator=values.get("dc:creator", "").strip(),
        content=values.get("content:encoded", ""),
        excerpt=values.get("excerpt:encoded", ""),
        post_name=values.get("wp:post_name", "").strip(),
        date=values.get("wp:post_date", "").strip(),
        date_gmt=values.get("wp:post_date_gmt", "").strip(),
        modified_gmt=values.get("wp:post_modified_gmt", "").strip(),
        password=values.get("wp:post_password", ""),
        parent=_int(values.get("wp:post_parent", "")),
        attachment_url=values.get("wp:attachment_url", "").strip(),
        sticky=values.get("wp:is_sticky", "").strip() == "1",
        terms=terms,
        meta=meta,
        comments=comments,
    )


def _channel_element(export: WXRExport, name: str, element, cache) -> None:
    if name == "wp:author":
        values = _children(element, cache)
        export.authors.append(
            WPAuthor(
                login=values.get("wp:author_login", "").strip(),
                email=values.get("wp:author_email", "").strip(),
                display_name=values.get("wp:author_display_name", ""),
                first_name=values.get("wp:author_first_name", ""),
                last_name=values.get("wp:author_last_name", ""),
            )
        )
    elif name in {"wp:category", "wp:tag", "wp:term"}:
        values, meta = {}, {}
        for child in element:
            child_name = _name(child.tag, cache)
            if child_name == "wp:termmeta":
                key, value = _meta_pair(child, cache)
                meta.setdefault(key, value)
            else:
                values[child_name] = child.text or ""
        if name == "wp:category":
            taxonomy, slug_key, name_key = "category", "category_nicename", "cat_name"
            description_key, parent_key = "category_description", "category_parent"
        elif name == "wp:tag":
            taxonomy, slug_key, name_key = "post_tag", "tag_slug", "tag_name"
            description_key, parent_key = "tag_description", ""
        else:
            taxonomy = values.get("wp:term_taxonomy", "").strip()
            slug_key, name_key = "term_slug", "term_name"
            description_key, parent_key = "term_description", "term_parent"
        export.terms.append(
            WPTerm(
                term_id=_int(values.get("wp:term_id", "")),
                taxonomy=taxonomy,
                slug=values.get(f"wp:{slug_key}", "").strip(),
                name=values.get(f"wp:{name_key}", ""),
                description=values.get(f"wp:{description_key}", ""),
                parent=values.get(f"wp:{parent_key}", "").strip() if parent_key else "",
                meta=meta,
            )
        )
    elif name == "title":
        export.title = element.text or ""
    elif name == "link":
        export.link = (element.text or "").strip()
    elif name == "language":
        export.language = (element.text or "").strip()
    elif name == "wp:base_blog_url":
        export.base_blog_url = (element.text or "").strip()
    elif name == "wp:wxr_version":
        export.version = (element.text or "").strip()


def read_wxr(path: str | Path) -> WXRExport:
    """Every author, term and item of the export at ``path``."""
    export = WXRExport()
    cache: dict[str, str] = {}
    depth = 0
    root_name = ""
    try:
        for event, element in ET.iterparse(str(path), events=("start", "end")):
            if event == "start":
                depth += 1
                if depth == 1:
                    root_name = _name(element.tag, cache)
                continue
            depth -= 1
            # rss (0) > channel (1) > channel elements and items (2)
            if depth != 2:
                continue
            name = _name(element.tag, cache)
            if name == "item":
                export.items.append(_item(element, cache))
            else:
                _channel_element(export, name, element, cache)
            element.clear()
    except ET.ParseError as error:
        line, column = error.position
        reason = re.sub(r":\s*line \d+, column \d+$", "", str(error))
        raise WXRError(
            _(
                "%(file)s is not well-formed XML (truncated or damaged?): %(reason)s "
                "at line %(line)s, column %(column)s. Nothing was imported."
            )
            % {
                "file": Path(path).name,
                "reason": reason,
                "line": line,
                "column": column + 1,
            }
        ) from error
    except OSError as error:
        raise WXRError(
            _("%(file)s cannot be read: %(reason)s")
            % {"file": path, "reason": error.strerror or error}
        ) from error
    if root_name != "rss" or not export.version:
        raise WXRError(
            _(
                "%(file)s is XML but not a WordPress export (no RSS channel with "
                "wp:wxr_version). Nothing was imported."
            )
            % {"file": Path(path).name}
        )
    return export


def php_unserialize(text: str):
    """The value of PHP's ``serialize()`` output: arrays, strings, numbers, null.

    Polylang keeps a translation group's ``language => post id`` map in a term's
    description this way. Anything else raises ``ValueError``.
    """
    data = text.strip().encode()
    value, end = _php_value(data, 0)
    if end != len(data):
        raise ValueError("trailing data")
    return value


def _php_value(data: bytes, pos: int):
    kind = data[pos : pos + 1]
    if kind == b"N":
        return None, pos + 2
    if kind in {b"i", b"b", b"d"}:
        end = data.index(b";", pos)
        raw = data[pos + 2 : end].decode()
        value = float(raw) if kind == b"d" else int(raw)
        return (bool(value) if kind == b"b" else value), end + 1
    if kind == b"s":
        colon = data.index(b":", pos + 2)
        length = int(data[pos + 2 : colon])
        start = colon + 2  # past :"
        value = data[start : start + length].decode()
        return value, start + length + 2  # past ";
    if kind == b"a":
        colon = data.index(b":", pos + 2)
        count = int(data[pos + 2 : colon])
        pos = colon + 2  # past :{
        result = {}
        for _index in range(count):
            key, pos = _php_value(data, pos)
            value, pos = _php_value(data, pos)
            result[key] = value
        return result, pos + 1  # past }
    raise ValueError(f"unsupported PHP value at {pos}")


def parse_gmt(value: str) -> datetime | None:
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def post_date(item: WPItem) -> datetime | None:
    """The post's date: GMT when the export has it, else local in TIME_ZONE."""
    if moment := parse_gmt(item.date_gmt):
        return moment
    if not item.date or item.date.startswith("0000"):
        return None
    try:
        local = datetime.strptime(item.date, "%Y-%m-%d %H:%M:%S").replace(
            tzinfo=timezone.get_default_timezone()
        )
    except ValueError:
        return None
    return local


def date_in_address(item: WPItem) -> date | None:
    """The date of the post's /yyyy/mm/dd/ address: WordPress's local date."""
    try:
        return date.fromisoformat(item.date[:10])
    except ValueError:
        return None
