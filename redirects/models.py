"""Old addresses that answer 301 with where their page lives now.

Rows are written by ``redirects.services`` when a published slug changes (articles,
pages, categories, regions, topics, authors), by the WordPress importer for old
permalinks, and by editors in the admin. They are read only when an address would
otherwise be a 404 (``redirects.middleware``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PATH_MAX_LENGTH = 500


class Redirect(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        PAGE = "page", _("Page")
        CATEGORY = "category", _("Category")
        REGION = "region", _("Region")
        TOPIC = "topic", _("Topic")
        AUTHOR = "author", _("Author")
        WORDPRESS = "wordpress", _("WordPress permalink")
        MANUAL = "manual", _("Typed by an editor")

    # Slug kinds redirect what lies under the old address too (an article's
    # reference.bib, a category's feed/), keeping the rest of the path.
    PREFIX_KINDS = frozenset(
        {Kind.ARTICLE, Kind.PAGE, Kind.CATEGORY, Kind.REGION, Kind.TOPIC, Kind.AUTHOR}
    )

    old_path = models.CharField(
        _("old address"),
        max_length=PATH_MAX_LENGTH,
        unique=True,
        help_text=_("The path readers still follow, e.g. /tr/makale/eski-ad/."),
    )
    new_path = models.CharField(
        _("new address"),
        max_length=PATH_MAX_LENGTH,
        help_text=_(
            "The path of the page now, on this site, e.g. /tr/makale/yeni-ad/."
        ),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.MANUAL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(old_path=models.F("new_path")),
                name="redirects_redirect_not_to_itself",
                violation_error_message=_("A redirect cannot lead to its own address."),
            ),
        ]
        indexes = [
            models.Index(fields=["new_path"], name="redirects_redirect_new_path"),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"
