"""Sources as bibliographic records, cited by articles as data.

A citation belongs to one article and serves all of its language versions: the body of
each language holds markers ``[key]`` that point at the citation with that key, and the
notes are rendered from the source in the house style of the page's language.
"""

from django.conf import global_settings
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

web_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with http:// or https://."),
)
doi_format = RegexValidator(
    r"^10\.\d{4,9}/\S+$",
    message=_("A DOI starts with 10. and a registrant code, e.g. 10.1000/xyz123."),
)

SOURCE_LANGUAGES = sorted(global_settings.LANGUAGES, key=lambda item: item[0])


class LinkStatus(models.TextChoices):
    """What the last check of a source's address found (citations.links)."""

    UNCHECKED = "", _("not checked yet")
    OK = "ok", _("works")
    REDIRECTED = "redirected", _("redirected")
    BROKEN = "broken", _("broken")
    REFUSED = "refused", _("not checked: not a public address")


class Source(models.Model):
    title = models.CharField(
        _("title"),
        max_length=500,
        help_text=_("As the source itself gives it, in its own language."),
    )
    authors = models.CharField(
        _("authors"),
        max_length=500,
        blank=True,
        help_text=_("Optional. Several authors separated by semicolons."),
    )
    publisher = models.CharField(
        _("publisher or outlet"),
        max_length=300,
        blank=True,
        help_text=_("e.g. Al Jazeera, Associated Press News, Foreign Affairs."),
    )
    url = models.CharField(
        _("web address"),
        max_length=1000,
        blank=True,
        validators=[web_url],
        help_text=_("http:// or https:// only. Sources are reused by their address."),
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    doi = models.CharField(
        _("DOI"), max_length=200, blank=True, validators=[doi_format]
    )
    language = models.CharField(
        _("language of the source"),
        max_length=10,
        blank=True,
        choices=SOURCE_LANGUAGES,
    )
    archive_url = models.CharField(
        _("archived copy"),
        max_length=1000,
        blank=True,
        validators=[web_url],
        help_text=_(
            "Optional: the address of a saved copy (e.g. on web.archive.org), shown "
            "in the note so that readers can still read a page that moved or went."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The link checker's findings (citations.links): derived, never typed.
    link_status = models.CharField(
        _("link"),
        max_length=16,
        blank=True,
        default="",
        choices=LinkStatus.choices,
        editable=False,
    )
    link_status_code = models.PositiveSmallIntegerField(
        _("HTTP status"), null=True, blank=True, editable=False
    )
    link_final_url = models.CharField(
        _("address after redirects"), max_length=1000, blank=True, editable=False
    )
    link_error = models.CharField(
        _("check error"), max_length=300, blank=True, editable=False
    )
    link_checked_at = models.DateTimeField(
        _("link last checked"), null=True, blank=True, editable=False
    )
    link_ok_at = models.DateTimeField(
        _("link last worked"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~models.Q(url=""),
                name="citations_source_unique_url",
                violation_error_message=_("A source with this web address exists."),
            ),
            models.CheckConstraint(
                condition=models.Q(url="")
                | models.Q(url__startswith="http://")
                | models.Q(url__startswith="https://"),
                name="citations_source_web_url",
                violation_error_message=_("Only http:// and https:// addresses."),
            ),
            models.CheckConstraint(
                condition=models.Q(archive_url="")
                | models.Q(archive_url__startswith="http://")
                | models.Q(archive_url__startswith="https://"),
                name="citations_source_archive_web_url",
                violation_error_message=_("Only http:// and https:// addresses."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["link_status", "link_checked_at"],
                name="citations_source_link_check",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.publisher})" if self.publisher else self.title

    @property
    def author_list(self) -> list[str]:
        return [name.strip() for name in self.authors.split(";") if name.strip()]


class Citation(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="citations",
        verbose_name=_("article"),
    )
    key = models.PositiveSmallIntegerField(
        _("marker"),
        help_text=_(
            "The text cites this as [marker]. Numbers on the page follow the order "
            "in which markers first appear, whatever their value here."
        ),
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="citations",
        verbose_name=_("source"),
    )
    accessed_on = models.DateField(
        _("access date"),
        null=True,
        blank=True,
        help_text=_("When the web page was read. Required for web sources."),
    )
    locator = models.CharField(
        _("page or section"), max_length=100, blank=True, help_text=_("e.g. p. 12")
    )
    note = models.CharField(
        _("short note"),
        max_length=300,
        blank=True,
        help_text=_("Optional, shown after the reference."),
    )

    class Meta:
        ordering = ["key", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "key"],
                name="citations_citation_unique_key",
                violation_error_message=_("Each marker is used by one citation only."),
            ),
            models.CheckConstraint(
                condition=models.Q(key__gte=1), name="citations_citation_key_positive"
            ),
        ]

    def __str__(self):
        return f"[{self.key}] {self.source}"
