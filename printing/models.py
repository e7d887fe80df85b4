"""The PDF of each public language version of an article, made by the worker."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticlePdf(models.Model):
    """One language version of an article as a PDF file in the media storage.

    ``fingerprint`` is a hash of the print page the file was made from: a job that
    finds it unchanged makes nothing (retries and repeats are free).
    """

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="pdfs",
        verbose_name=_("article"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to="pdfs/", max_length=300)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    made_at = models.DateTimeField(_("made at"))

    class Meta:
        ordering = ["article_id", "language"]
        verbose_name = _("PDF")
        verbose_name_plural = _("PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="printing_articlepdf_unique"
            ),
        ]

    def __str__(self):
        return f"{self.article_id} [{self.language}] {self.file.name}"

    @property
    def url(self) -> str:
        return self.file.url
