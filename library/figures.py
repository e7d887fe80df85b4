"""Library figures in article bodies, rendered when the article is saved.

A body stores ``<figure data-image="123" data-size="wide"></figure>`` (the sanitizer,
``ankasam.html``, keeps exactly that shape). Saving the article renders each one
into its stored ``body_html`` as ``<figure><picture>…</picture><figcaption>`` with the
image's renditions, size, alt text, caption and credit in that language, and records
which images the article uses (``ImageUse``), so that a changed image re-renders
exactly those articles (``library.services``). A figure whose image does not exist
renders nothing; ``figure_problems`` reports it, and a missing alt text, to the
publication gate.
"""

import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ankasam.html import LIBRARY_FIGURE, figure_image_ids, figure_size
from ankasam.images import picture_html

from .models import Image, ImageUse

# The width each size takes on the page, for the browser to pick a rendition.
SIZES = {
    "full": "(min-width: 42rem) 42rem, 100vw",
    "wide": "(min-width: 64rem) 64rem, 100vw",
    "inset-left": "(min-width: 42rem) 20rem, 100vw",
    "inset-right": "(min-width: 42rem) 20rem, 100vw",
}


def images_for(bodies) -> dict[int, Image]:
    """The library images the figures of ``bodies`` show, by id (one query)."""
    ids = {pk for body in bodies for pk in figure_image_ids(body)}
    if not ids:
        return {}
    return {image.pk: image for image in Image.objects.filter(pk__in=ids)}


def figure_html(image: Image, size: str, language: str) -> str:
    """One figure as the page shows it, in ``language``; every text escaped."""
    picture = picture_html(
        image.file_renditions, image.text_in("alt", language), sizes=SIZES[size]
    )
    caption = image.text_in("caption", language)
    credit = image.text_in("credit", language)
    parts = []
    if caption:
        parts.append(format_html('<span class="figure__caption">{}</span>', caption))
    if credit:
        parts.append(format_html('<span class="figure__credit">{}</span>', credit))
    figcaption = (
        format_html("<figcaption>{}</figcaption>", mark_safe(" ".join(parts)))
        if parts
        else ""
    )
    return format_html(
        '<figure class="figure figure--{}">{}{}</figure>', size, picture, figcaption
    )


def render_figures(html: str, language: str, images: dict[int, Image]) -> str:
    """``html`` (a stored rendering) with its library figures rendered."""

    def render(match: re.Match) -> str:
        image = images.get(int(match["image"]))
        if image is None or not image.file_renditions.get("source"):
            return ""
        return figure_html(image, figure_size(match["attrs"]), language)

    return LIBRARY_FIGURE.sub(render, html or "")


def figure_problems(body: str, language: str, images: dict[int, Image]) -> list[str]:
    """Why the figures of ``body`` keep its ``language`` version from readers."""
    problems = []
    for pk in figure_image_ids(body):
        image = images.get(pk)
        if image is None:
            problems.append(
                _("A figure shows image #%(number)s, which is not in the library.")
                % {"number": pk}
            )
        elif not image.text_in("alt", language):
            problems.append(
                _(
                    "Image #%(number)s has no description (alt text) in this "
                    "language: add it in the media library."
                )
                % {"number": pk}
            )
    return problems


def uses_record(*, article_id: int, image_ids) -> None:
    """Make ``ImageUse`` say exactly which (existing) images the article shows."""
    ids = set(image_ids)
    ImageUse.objects.filter(article_id=article_id).exclude(image_id__in=ids).delete()
    stored = set(
        ImageUse.objects.filter(article_id=article_id).values_list(
            "image_id", flat=True
        )
    )
    ImageUse.objects.bulk_create(
        [ImageUse(article_id=article_id, image_id=pk) for pk in ids - stored],
        ignore_conflicts=True,
    )
