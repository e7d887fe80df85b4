"""What editors choose for each language's front page: a lead story, then picks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The lead story and up to four editor's picks.
PICKS = 4
ITEMS = 1 + PICKS


class FrontPage(models.Model):
    """One per language (made by the migration); its items are the editors' choice."""

    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, primary_key=True
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("front page")
        verbose_name_plural = _("front pages")

    def __str__(self):
        return str(dict(settings.LANGUAGES).get(self.language, self.language))


class FrontPageItem(models.Model):
    front_page = models.ForeignKey(
        FrontPage,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("front page"),
    )
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("article"),
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("The first is the lead story; the next are the editor's picks."),
    )

    class Meta:
        ordering = ["front_page", "position", "pk"]
        verbose_name = _("chosen article")
        verbose_name_plural = _(
            "chosen articles (the first is the lead story, then up to four picks)"
        )
        constraints = [
            models.UniqueConstraint(
                fields=["front_page", "article"],
                name="frontpage_frontpageitem_once",
                violation_error_message=_("This article is already on this page."),
            )
        ]
        indexes = [
            models.Index(fields=["front_page", "position"], name="frontpage_item_order")
        ]

    def __str__(self):
        return f"{self.front_page_id} #{self.position}: {self.article_id}"
