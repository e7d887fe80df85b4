from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One language version of an article as search sees it: plain and folded text.

    Rows exist for every language version, published or not; queries keep only
    ``Article.objects.public(language)``, so a scheduled article is found from its
    publication time on without reindexing. On PostgreSQL ``vector`` holds the
    weighted tsvector (title A, summary B, body C) and has a GIN index; on SQLite it
    stays empty and the ``*_folded`` columns are searched instead.
    """

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="search_entries",
        verbose_name=_("article"),
    )
    language = models.CharField(_("language"), max_length=8)
    title = models.TextField(_("title"))
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body as plain text"), blank=True)
    title_folded = models.TextField(editable=False)
    summary_folded = models.TextField(editable=False, blank=True)
    body_folded = models.TextField(editable=False, blank=True)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["article", "language"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="search_searchentry_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["language"], name="search_searchentry_language"),
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"
