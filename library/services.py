"""The media library's write path: every image is saved through these functions.

The admin, the WordPress importer and the demo loader call ``image_save`` (or
``image_create``); the worker's job (``library.jobs``) stores renditions. Both render
again, in the same transaction, the articles whose figures show the image
(``ImageUse`` says which), so a changed caption or new renditions reach every page
that shows it and no other.
"""

from django.core.files.base import ContentFile
from django.db import transaction

from ankasam.images import (
    delete_files_later,
    delete_replaced,
    process_field,
    stored_names,
)
from search.folding import fold, words

from .jobs import image_renditions_make
from .models import Image
from .rerender import articles_rerender


@transaction.atomic
def image_save(*, image: Image) -> Image:
    """Save ``image``: a new file is checked and cleaned (its renditions are a job
    for the worker), then the articles showing it are rendered again."""
    replaced = image.file_renditions
    renditions_due = process_field(image.file, "file_renditions", image)
    image.search_text = fold(image.texts())
    image.save()
    # A replaced file goes, with its renditions: articles and their revisions
    # name the library image, never its file.
    delete_replaced(replaced, image.file_renditions, storage=image.file.storage)
    if renditions_due:
        image_renditions_make.enqueue(pk=image.pk, source=image.file.name)
    articles_rerender(image_ids=[image.pk])
    return image


def image_create(
    *,
    content: bytes,
    name: str,
    alt: dict[str, str] | None = None,
    caption: dict[str, str] | None = None,
    credit: dict[str, str] | None = None,
    imported_from: str = "",
) -> Image:
    """A new library image from a file's bytes (importer, demo); texts per language;
    ``imported_from`` names where it came from, for a later run to find it.

    Raises ``ValidationError`` when the bytes are not an image we accept.
    """
    image = Image(file=ContentFile(content, name=name), imported_from=imported_from)
    for attr, values in (("alt", alt), ("caption", caption), ("credit", credit)):
        field = Image._meta.get_field(f"{attr}_tr")
        for code, value in (values or {}).items():
            setattr(image, f"{attr}_{code}", (value or "")[: field.max_length])
    return image_save(image=image)


def image_imported(imported_from: str, make) -> tuple[Image, bool]:
    """The library image an import made of ``imported_from``, or a new one from
    ``make(imported_from)`` (which calls ``image_create``); and whether it is new."""
    image = Image.objects.filter(imported_from=imported_from).first()
    if image is not None:
        return image, False
    return make(imported_from), True


def images_matching(term: str):
    """Library images whose texts (any language) hold every word of ``term``,
    folded as search folds them: "isik" finds "Işık", "ISIK" finds "ışık"."""
    images = Image.objects.all()
    for word in words(term)[:8]:
        images = images.filter(search_text__contains=word)
    return images


@transaction.atomic
def image_delete(*, image: Image) -> None:
    """Delete a library image no article shows (``PROTECT`` refuses otherwise),
    and its files once that commits."""
    names = stored_names(image.file_renditions)
    storage = image.file.storage
    image.delete()
    delete_files_later(names, storage=storage)
