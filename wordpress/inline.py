"""Images in the text of posts, brought into the media library as figures.

WordPress keeps an image in a post's text as an ``<img>`` pointing at an upload
(often a resized copy, ``map-1024x576.jpg``), alone, inside a link, or in a
``<figure>`` with a ``<figcaption>`` (the block editor, or ``[caption]`` converted
by ``content``). Each one whose file is under ``--media-root`` becomes a library
image (checked and cleaned as every upload; the original file rather than the
resized copy when it is there), used as ``<figure data-image="…" data-size="…">``;
its alt text and caption are taken per language from each version that shows it.
The same file is one library image for every post and language, and again on a
re-run. What cannot be brought in is left for the sanitizer to remove, and said.
"""

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from library.models import Image
from library.services import image_create, image_save

from .content import plain_text
from .lookups import attachment_path, media_file
from .report import ImportReport
from .wxr import WPItem

IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
FIGURE = re.compile(
    r"<figure\b(?P<attrs>[^>]*)>(?P<inner>.*?)</figure>", re.DOTALL | re.IGNORECASE
)
LINKED = re.compile(
    r"<a\b[^>]*>\s*(?P<img><img\b[^>]*>)\s*</a>", re.DOTALL | re.IGNORECASE
)
FIGCAPTION = re.compile(
    r"<figcaption\b[^>]*>(?P<text>.*?)</figcaption>", re.DOTALL | re.IGNORECASE
)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
WP_IMAGE = re.compile(r"\bwp-image-(\d{1,18})\b")
RESIZED = re.compile(r"-\d{1,5}x\d{1,5}(?=\.[A-Za-z0-9]+$)")
ALIGNMENTS = {
    "alignleft": "inset-left",
    "alignright": "inset-right",
    "alignwide": "wide",
    "alignfull": "wide",
}
TEXT_LENGTH = {
    name: Image._meta.get_field(f"{name}_tr").max_length for name in ("alt", "caption")
}


def attributes(tag: str) -> dict[str, str]:
    return {
        name.lower(): html.unescape(double or single)
        for name, double, single in ATTRIBUTE.findall(tag)
    }


def shown_in_text(posts: list[WPItem], attachments: dict[int, WPItem]) -> set[int]:
    """The attachments the texts of ``posts`` show: named by an image's class
    (``wp-image-123``) or by their file's path."""
    paths = {attachment_path(item): pk for pk, item in attachments.items()}
    shown = set()
    for post in posts:
        for tag in IMG.findall(post.content or ""):
            found = attributes(tag)
            number = WP_IMAGE.search(found.get("class", ""))
            if number and int(number[1]) in attachments:
                shown.add(int(number[1]))
                continue
            path = unquote(urlparse(found.get("src", "")).path)
            if "/uploads/" in path:
                relative = path.split("/uploads/", 1)[1]
                pk = paths.get(relative) or paths.get(RESIZED.sub("", relative))
                if pk:
                    shown.add(pk)
    return shown


def size_of(classes: str) -> str:
    for name in classes.split():
        if name in ALIGNMENTS:
            return ALIGNMENTS[name]
    return "full"


class InlineImages:
    """Turns a version's ``<img>`` into library figures, during one import."""

    def __init__(
        self,
        *,
        report: ImportReport,
        attachments: dict[int, WPItem],
        media_root: Path | None,
        dry_run: bool,
        saved_files: list,
    ):
        self.report = report
        self.attachments = attachments
        self.media_root = media_root
        self.dry_run = dry_run
        self.saved_files = saved_files
        self.images: dict[str, Image | None] = {}  # by path under uploads
        self.changed: dict[int, Image] = {}  # texts to save before the article
        self.without_media_root = 0

    def replace(self, text: str, *, language: str, post_id: int) -> str:
        """``text`` with every image that could be brought in as a figure."""

        def in_figure(match: re.Match) -> str:
            image = IMG.search(match["inner"])
            if image is None:
                return match[0]
            caption = FIGCAPTION.search(match["inner"])
            classes = attributes(f"<x {match['attrs']}>").get("class", "")
            figure = self.figure(
                image[0],
                caption=plain_text(caption["text"]) if caption else "",
                classes=classes,
                language=language,
                post_id=post_id,
            )
            return figure or match[0]

        def alone(match: re.Match) -> str:
            tag = match["img"] if "img" in match.groupdict() else match[0]
            figure = self.figure(tag, language=language, post_id=post_id)
            return figure or match[0]

        text = FIGURE.sub(in_figure, text)
        text = LINKED.sub(alone, text)
        return IMG.sub(alone, text)

    def figure(
        self, tag: str, *, caption="", classes="", language: str, post_id: int
    ) -> str | None:
        found = attributes(tag)
        relative = self.upload_path(found)
        if not relative:
            self.report.object("inline image", "missing")
            self.report.warn(
                [post_id],
                _("an image from outside the site was removed: %(src)s.")
                % {"src": found.get("src", "")[:200]},
            )
            return None
        image = self.image(relative, post_id=post_id)
        if image is None:
            return None
        alt = found.get("alt", "").strip()
        self.describe(image, {"alt": {language: alt}, "caption": {language: caption}})
        size = size_of(f"{classes} {found.get('class', '')}")
        return f'<figure data-image="{image.pk}" data-size="{size}"></figure>'

    def upload_path(self, found: dict[str, str]) -> str:
        """The image's path under wp-content/uploads: its attachment's when the
        class names one (``wp-image-123``), else from its address."""
        number = WP_IMAGE.search(found.get("class", ""))
        attachment = self.attachments.get(int(number[1])) if number else None
        if attachment is not None:
            return attachment_path(attachment)
        path = unquote(urlparse(found.get("src", "")).path)
        return path.split("/uploads/", 1)[1] if "/uploads/" in path else ""

    def image(self, relative: str, *, post_id: int) -> Image | None:
        """The library image of the upload ``relative`` (made once), or None."""
        if relative in self.images:
            return self.images[relative]
        image = self.known(relative)
        if image is None:
            image = self.bring_in(relative, post_id=post_id)
        else:
            self.report.object("inline image", "reused")
        self.images[relative] = image
        return image

    def known(self, relative: str) -> Image | None:
        """The library image an import (this one or an earlier) made of the upload
        ``relative``."""
        if self.images.get(relative) is not None:
            return self.images[relative]
        return Image.objects.filter(imported_from=relative).first()

    def create(self, path: Path, relative: str) -> Image:
        """A new library image of the file ``path`` (``relative`` in the uploads);
        raises ``ValidationError`` when it is not an image we accept."""
        image = image_create(
            content=path.read_bytes(), name=path.name, imported_from=relative
        )
        self.saved_files.append((image.file.storage, image.file.name))
        self.images[relative] = image
        return image

    def describe(self, image: Image, texts: dict[str, dict[str, str]]) -> None:
        """Give ``image`` the texts it lacks (``{"alt": {"tr": ...}}``); saved by
        ``save_texts``."""
        for name, values in texts.items():
            for language, value in values.items():
                attr = f"{name}_{language}"
                if value and not getattr(image, attr):
                    setattr(image, attr, value[: TEXT_LENGTH[name]])
                    self.changed[image.pk] = image

    def bring_in(self, relative: str, *, post_id: int) -> Image | None:
        original = RESIZED.sub("", relative)
        path, why = media_file(self.media_root, original)
        if path is None and original != relative:
            path, why = media_file(self.media_root, relative)
        if path is None:
            self.report.object("inline image", "missing")
            if self.media_root is None:
                self.without_media_root += 1
            else:
                self.report.warn(
                    [post_id],
                    _("an image in the text was removed: %(why)s.") % {"why": why},
                )
            return None
        if self.dry_run:
            self.report.object("inline image", "would import")
            return None
        try:
            image = self.create(path, relative)
        except ValidationError as error:
            self.report.object("inline image", "missing")
            self.report.warn(
                [post_id],
                _("an image in the text was removed: %(path)s: %(why)s")
                % {"path": relative, "why": " ".join(error.messages)},
            )
            return None
        self.report.object("inline image", "imported")
        return image

    def save_texts(self) -> None:
        """Store the alt texts and captions found since the last call (before the
        article using them is saved, so that its figures show them)."""
        for image in self.changed.values():
            image_save(image=image)
        self.changed.clear()
