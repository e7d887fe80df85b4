"""The media library: every image is uploaded once and used by reference.

Articles show library images as figures in their bodies
(``<figure data-image="…" data-size="…">``, see ``library.figures``). Alt text,
caption and credit are per language.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ankasam.images import StoredImageField, validate_image


class Image(models.Model):
    file = StoredImageField(
        _("image"),
        upload_to="library/%Y/%m/",
        validators=[validate_image],
        width_field="width",
        height_field="height",
        help_text=_(
            "JPEG, PNG or WebP, up to 36 megapixels; at least 1440 pixels wide "
            "for a wide figure."
        ),
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Made by the worker (``library.jobs``); until then the image's name and size.
    file_renditions = models.JSONField(default=dict, blank=True, editable=False)
    # Translated (translation.py).
    alt = models.CharField(
        _("description (alt text)"),
        max_length=300,
        help_text=_(
            "What the image shows, for readers who cannot see it. Needed in every "
            "language an article using it is published in."
        ),
    )
    caption = models.CharField(
        _("caption"),
        max_length=600,
        blank=True,
        help_text=_("Shown under the figure."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_('Who made the image and its licence, e.g. "Photo: A. Yılmaz".'),
    )
    # The file's path in the site an import brought it from (wp-content/uploads),
    # so that a re-run finds it again.
    imported_from = models.CharField(
        _("imported from"), max_length=500, blank=True, db_index=True, editable=False
    )
    # Every language's texts, folded (search.folding), for the library's search:
    # written by ``image_save``.
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        language = translation.get_language() or settings.LANGUAGE_CODE
        codes = [language] + [code for code, _name in settings.LANGUAGES]
        text = next(
            (value for code in codes if (value := self.text_in("alt", code))), ""
        )
        name = PurePosixPath(self.file.name or "").name
        label = text or name or str(_("(no image)"))
        return f"#{self.pk} {label}" if self.pk else label

    def text_in(self, name: str, language: str) -> str:
        """``alt``, ``caption`` or ``credit`` in ``language`` (no fallback)."""
        return (getattr(self, f"{name}_{language}", "") or "").strip()

    def texts(self) -> str:
        """Every language's alt text, caption and credit, one line each."""
        return "\n".join(
            value
            for name in ("alt", "caption", "credit")
            for code, _name in settings.LANGUAGES
            if (value := self.text_in(name, code))
        )


class ImageUse(models.Model):
    """That an article's body shows an image as a figure: written on every save of
    the article, so that a changed image re-renders exactly the articles using it."""

    image = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        related_name="uses",
        verbose_name=_("image"),
    )
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="image_uses",
        verbose_name=_("article"),
    )

    class Meta:
        ordering = ["image", "article"]
        verbose_name = _("figure in an article")
        verbose_name_plural = _("figures in articles")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "article"], name="library_imageuse_unique"
            ),
        ]

    def __str__(self):
        return f"{self.image} → {self.article}"
