"""Uploaded images: checked, cleaned and resized once, when they arrive.

Only real JPEG, PNG and WebP files are accepted, judged by their content (an SVG, a
TIFF renamed .png or an image with HTML appended are refused). Accepted images are
turned upright, stripped of EXIF and other metadata, re-encoded under a random name,
and rendered at a few widths in WebP and JPEG plus a 1200×630 crop for sharing, so
that serving a page never touches an image.
"""

from __future__ import annotations

import functools
import io
import logging
import re
import secrets
import warnings
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .storage import StorageUnavailable, check_reachable

if TYPE_CHECKING:
    from PIL import Image

logger = logging.getLogger(__name__)

MAX_PIXELS = 36_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# The name process_field gives a cleaned image (storages may add a suffix).
CLEANED_NAME = re.compile(r"[0-9a-f]{32}(?:_[A-Za-z0-9]{7})?\.(?:jpg|png|webp)")
WIDTHS = (480, 960, 1440)
SHARE_SIZE = (1200, 630)
# Markup that has no business inside an image file: the sign of a polyglot.
MARKUP = re.compile(
    rb"<\s*(?:script|html|svg|iframe|body|!doctype|\?xml)|javascript:", re.I
)


@functools.cache
def pillow():
    """Pillow's ``Image`` and ``ImageOps``, loaded when an image is first read:
    serving pages never reads one, and its web processes are spared the library.
    Pillow refuses (DecompressionBombError) anything past twice ``MAX_PIXELS``; we
    refuse earlier with a clear message, after reading only the header."""
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    return Image, ImageOps


def read_image(data: bytes) -> Image.Image:
    """The decoded image in ``data``, or a ValidationError saying what is wrong."""
    if MARKUP.search(data):
        raise ValidationError(
            _("This file contains web page code besides the image; it is refused."),
            code="polyglot",
        )
    Image, _ops = pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(too_large_message(), code="too_large") from error
    except (Image.UnidentifiedImageError, OSError) as error:
        raise ValidationError(
            _("This is not a JPEG, PNG or WebP image."), code="not_an_image"
        ) from error
    if image.format not in FORMATS:
        raise ValidationError(
            _("Only JPEG, PNG and WebP images are accepted (this is %(format)s).")
            % {"format": image.format or _("unknown")},
            code="format",
        )
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ValidationError(too_large_message(width, height), code="too_large")
    try:
        image.load()
    except (Image.DecompressionBombError, OSError, ValueError) as error:
        raise ValidationError(
            _("This image is damaged or incomplete."), code="damaged"
        ) from error
    return image


def too_large_message(width: int | None = None, height: int | None = None) -> str:
    size = f" ({width} × {height})" if width else ""
    return _(
        "This image is too large%(size)s: at most 36 megapixels, e.g. 7200 × 5000."
    ) % {"size": size}


def is_stored(field_file) -> bool:
    """Whether ``field_file`` is already in storage, not a new upload.

    Django marks the file a model was loaded with, or one it has just saved, as
    committed; an upload assigned to the field is not until the model is saved.
    """
    return getattr(field_file, "_committed", False)


class StoredImageField(models.ImageField):
    """An ImageField that does not read a stored image again to measure it.

    Django measures an image whenever the field is assigned over a loaded value
    (every form save does it, and ``refresh_from_db``), by reading the file: with
    media in a bucket, a download of the original on each save, and a failed save
    of any record with an image while the bucket is away. The width and height in
    the row were measured when that file was stored (``process_field``, or Django
    on assignment); they are trusted for that same file, a row is never measured
    when loaded, and a different file (a new upload, a restored revision's) is
    measured as before.
    """

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        if self.attname not in instance.__dict__:
            return  # deferred (``only()``): nothing to measure, nothing to load
        key = f"_{self.attname}_measured"
        file = getattr(instance, self.attname)
        name = file.name if file and is_stored(file) else None
        if name and not force:
            # Loaded with (or built from) a row: its dimensions are that file's.
            instance.__dict__[key] = name
            return
        dimensions = [
            instance.__dict__.get(field)
            for field in (self.width_field, self.height_field)
            if field
        ]
        if name and instance.__dict__.get(key) == name and all(dimensions):
            return  # the same stored file assigned again
        super().update_dimension_fields(instance, force, *args, **kwargs)
        if name:
            instance.__dict__[key] = name

    def deconstruct(self):
        # Migrations see Django's ImageField: nothing about the column changes.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


def validate_image(file) -> None:
    """A model-field validator: read a new upload and refuse it with a reason.

    A stored image was checked when it arrived; it is not read again (its file may
    well be closed already: Django measures the image on every form save). A new
    one is refused, too, while the media storage cannot take it.
    """
    if is_stored(file):
        return
    file.seek(0)
    read_image(file.read())
    file.seek(0)
    validate_storage_reachable(getattr(file, "storage", default_storage))


def validate_storage_reachable(storage=default_storage) -> None:
    """A ValidationError saying so when ``storage`` cannot take a file now."""
    try:
        check_reachable(storage)
    except StorageUnavailable as error:
        raise ValidationError(storage_unavailable_message(), code="storage") from error


def storage_unavailable_message() -> str:
    return _(
        "The image could not be stored: the media storage does not answer just "
        "now. Nothing was saved; what you typed is still in the form. Save again "
        "in a few minutes, choosing the file again."
    )


def clean_image(data: bytes) -> tuple[ContentFile, str]:
    """The image re-encoded upright and without metadata, and its file extension."""
    content, ext, _size = cleaned(data)
    return content, ext


def cleaned(data: bytes) -> tuple[ContentFile, str, tuple[int, int]]:
    """``clean_image`` and the cleaned image's width and height."""
    image = read_image(data)
    kind = image.format
    _image, ImageOps = pillow()
    image = ImageOps.exif_transpose(image)
    buffer = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=88, optimize=True)
    elif kind == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "WEBP", quality=85)
    return ContentFile(buffer.getvalue()), FORMATS[kind], image.size


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "webp":
        image.save(buffer, "WEBP", quality=80)
    else:
        image.convert("RGB").save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def make_renditions(name: str, *, storage=default_storage) -> dict:
    """Resized copies of the stored image ``name``; returns their paths and sizes.

    ``{"width": w, "height": h, "webp": [[path, w, h], ...], "jpeg": [...],
    "share": path}``: widths never exceed the original's.
    """
    Image, ImageOps = pillow()
    with storage.open(name, "rb") as handle:
        image = Image.open(handle)
        image.load()
    image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image.getchannel("A") if image.mode == "RGBA" else None)
    stem = PurePosixPath(name).with_suffix("")
    result = {"width": flat.width, "height": flat.height, "webp": [], "jpeg": []}
    widths = sorted(
        {w for w in WIDTHS if w < flat.width} | {min(flat.width, WIDTHS[-1])}
    )
    for width in widths:
        height = round(flat.height * width / flat.width)
        resized = flat.resize((width, height), Image.Resampling.LANCZOS)
        for fmt, ext in (("webp", "webp"), ("jpeg", "jpg")):
            path = storage.save(
                f"renditions/{stem}-{width}.{ext}", ContentFile(_encode(resized, fmt))
            )
            result[fmt].append([path, width, height])
    share = ImageOps.fit(flat, SHARE_SIZE, Image.Resampling.LANCZOS)
    result["share"] = storage.save(
        f"renditions/{stem}-share.jpg", ContentFile(_encode(share, "jpeg"))
    )
    return result


def renditions_made(renditions: dict | None) -> bool:
    """Whether the renditions of ``renditions["source"]`` exist (not pending)."""
    return bool(renditions and renditions.get("jpeg"))


def process_field(field_file, renditions_attr: str, instance) -> bool:
    """Clean and store a new image; True when its renditions are still to be made.

    Cleaning happens here, in the request, so that a bad file is refused with the
    form; the renditions are made by a background job (``ankasam.jobs``). Until
    then ``renditions`` hold the stored image's name and size, which is enough to
    show it. Works for fresh uploads (admin) and for files stored directly
    (imports, the demo). A stored image whose renditions were made from it (any
    record saved again, changed or not) is neither read nor written.
    """
    renditions = getattr(instance, renditions_attr) or {}
    if not field_file:
        setattr(instance, renditions_attr, {})
        return False
    committed = is_stored(field_file)
    if committed and renditions.get("source") == field_file.name:
        return not renditions_made(renditions)
    if committed and was_cleaned(field_file):
        # Cleaned here before (a revision's image, restored): kept as it is, since
        # other revisions may name it too; only its size is read.
        with field_file.storage.open(field_file.name, "rb") as handle:
            width, height = pillow()[0].open(handle).size
        _record(field_file, renditions_attr, instance, width, height)
        return True
    if committed:
        with field_file.storage.open(field_file.name, "rb") as handle:
            data = handle.read()
        old_name = field_file.name
    else:
        field_file.file.seek(0)
        data = field_file.file.read()
        old_name = None
    content, ext, (width, height) = cleaned(data)
    # An unguessable name, never the upload's: the images of an unpublished
    # article cannot be found from its title or file name, nor from a published
    # image's address (renditions take their stem from this name).
    name = f"{secrets.token_hex(16)}.{ext}"
    if old_name:
        # The cleaned image replaces the stored one (the bytes are in memory, and
        # were read and checked above).
        field_file.storage.delete(old_name)
    field_file.save(name, content, save=False)
    _record(field_file, renditions_attr, instance, width, height)
    return True


def _record(field_file, renditions_attr: str, instance, width: int, height: int):
    """Note the stored image's name and size (its renditions are still to come)."""
    setattr(
        instance,
        renditions_attr,
        {"source": field_file.name, "width": width, "height": height},
    )
    # Django measures a just-saved file from its spent buffer and gets nothing.
    field = field_file.field
    if field.width_field:
        setattr(instance, field.width_field, width)
    if field.height_field:
        setattr(instance, field.height_field, height)


def was_cleaned(field_file) -> bool:
    """Whether the stored ``field_file`` is an image ``process_field`` cleaned: it
    has the name it gives and renditions were made from it (a file stored by an
    importer under a name that merely looks so has none)."""
    path = PurePosixPath(field_file.name)
    return bool(
        CLEANED_NAME.fullmatch(path.name)
        and field_file.storage.exists(f"renditions/{path.with_suffix('')}-share.jpg")
    )


def renditions_for(name: str, *, storage=default_storage) -> dict:
    """The renditions of the stored image ``name``, as ``process_field`` records."""
    return {"source": name, **make_renditions(name, storage=storage)}


def stored_names(renditions: dict | None) -> list[str]:
    """The stored image and every rendition a ``*_renditions`` record names."""
    renditions = renditions or {}
    names = [renditions.get("source"), renditions.get("share")]
    for fmt in ("webp", "jpeg"):
        names += [path for path, _width, _height in renditions.get(fmt, [])]
    return [name for name in names if name]


_RENDITION_TAIL = re.compile(r"-(?:\d+|share)(?:_[A-Za-z0-9]{7})?\.(?:webp|jpg)")


def files_of(name: str, *, storage=default_storage) -> list[str]:
    """The stored image ``name`` and every rendition made from it, found by their
    names (``renditions/<stem>-<width>.webp`` ...), also when no record lists them
    any more (an image only a revision names)."""
    stem = PurePosixPath(name).with_suffix("")
    folder = PurePosixPath("renditions") / stem.parent
    try:
        _folders, files = storage.listdir(str(folder))
    except (FileNotFoundError, NotImplementedError):
        files = []
    prefix = stem.name
    renditions = sorted(
        str(folder / file)
        for file in files
        if file.startswith(prefix) and _RENDITION_TAIL.fullmatch(file[len(prefix) :])
    )
    return [name, *renditions]


def delete_files_later(names, *, storage=None) -> None:
    """Once the transaction commits, delete the stored files ``names``; a storage
    that does not answer leaves them, and says so in the log."""
    names = sorted(set(names))
    storage = storage or default_storage

    def delete():
        for name in names:
            try:
                storage.delete(name)
            except (StorageUnavailable, OSError):
                logger.warning("image file %s could not be deleted", name)

    if names:
        transaction.on_commit(delete)


def delete_replaced(before: dict | None, after: dict | None, *, storage=None) -> None:
    """Once the save commits, delete the files of an image the record no longer
    holds (``before`` and ``after`` are its ``*_renditions`` around the save).

    For records without revisions (author photos): nothing else can name those
    files. A storage that does not answer leaves them, and says so in the log.
    """
    if not before or (before.get("source") == (after or {}).get("source")):
        return
    delete_files_later(stored_names(before), storage=storage)


def picture_html(renditions: dict | None, alt: str, sizes="100vw", css_class="") -> str:
    """A ``<picture>`` with WebP and JPEG srcsets from stored renditions.

    Width and height come from the renditions, so the browser reserves the space
    and nothing about the image is computed while serving the page. Until the
    worker has made them, the stored image is shown at its size. Empty without an
    image.
    """
    if not renditions or not renditions.get("source"):
        return ""
    css = format_html(' class="{}"', css_class) if css_class else ""
    if not renditions.get("jpeg"):
        # Renditions are still being made: the stored image itself, sized.
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}"{} loading="lazy" '
            'decoding="async">',
            default_storage.url(renditions["source"]),
            renditions.get("width", ""),
            renditions.get("height", ""),
            alt,
            css,
        )

    def srcset(fmt):
        return ", ".join(
            f"{default_storage.url(path)} {width}w"
            for path, width, _h in renditions[fmt]
        )

    largest = renditions["jpeg"][-1]
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" '
        'alt="{}"{} loading="lazy" decoding="async"></picture>',
        srcset("webp"),
        sizes,
        default_storage.url(largest[0]),
        srcset("jpeg"),
        sizes,
        largest[1],
        largest[2],
        alt,
        css,
    )
