"""Static pages (About us, Team, Contact ...), translated, linked from the menu or
the footer. Written only through ``pages.services.page_save``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from articles.querysets import language_codes


def public_q(language: str) -> models.Q:
    """The one definition of "readers of ``language`` may see this page"."""
    return models.Q(
        **{
            f"status_{language}": "published",
            f"title_{language}__gt": "",
            f"body_{language}__gt": "",
        }
    )


class PageQuerySet(models.QuerySet):
    def public(self, language: str):
        """Pages published in ``language`` with a title and a body there."""
        return self.filter(public_q(language))

    def linked(self):
        """Pages placed in the menu or the footer, in their order (no relations)."""
        return self.exclude(placement=Page.Placement.NONE).order_by(
            "placement", "position", "pk"
        )


class Page(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Placement(models.TextChoices):
        MENU = "menu", _("Main menu")
        FOOTER = "footer", _("Footer")
        NONE = "none", _("Not linked")

    # The fields of one language version (revisions keep them, restore them).
    CONTENT_FIELDS = ("title", "slug", "body")

    title = models.CharField(_("title"), max_length=200, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Address in this language; made from the title when left empty."),
    )
    body = models.TextField(_("body"), blank=True)
    # Translated (translation.py): each language is published on its own.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    placement = models.CharField(
        _("placement"),
        max_length=16,
        choices=Placement.choices,
        default=Placement.FOOTER,
        help_text=_("Where the site links to this page."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first.")
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["placement", "position", "pk"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            *(
                models.CheckConstraint(
                    condition=models.Q(
                        **{f"status_{code}__in": ["draft", "published"]}
                    ),
                    name=f"pages_page_status_{code}_valid",
                )
                for code in language_codes()
            ),
            models.CheckConstraint(
                condition=models.Q(placement__in=["menu", "footer", "none"]),
                name="pages_page_placement_valid",
            ),
        ]

    def __str__(self):
        return next(
            (t for t in (getattr(self, f"title_{c}") for c in language_codes()) if t),
            str(_("(untitled page)")),
        )

    def get_absolute_url(self, language: str | None = None):
        language = language or translation.get_language()
        with translation.override(language):
            return reverse(
                "pages:detail", kwargs={"slug": getattr(self, f"slug_{language}")}
            )

    def has_version(self, language: str) -> bool:
        return bool(
            (getattr(self, f"title_{language}") or "").strip()
            and (getattr(self, f"body_{language}") or "").strip()
        )

    def is_public(self, language: str) -> bool:
        """Mirrors ``PageQuerySet.public(language)`` for one loaded page."""
        return getattr(
            self, f"status_{language}"
        ) == self.Status.PUBLISHED and self.has_version(language)

    def public_languages(self) -> list[str]:
        return [code for code in language_codes() if self.is_public(code)]


class PageRevision(models.Model):
    """A page as one save left it: its title, slug and body in every language."""

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("page")
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    data = models.JSONField(_("content"), default=dict)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("page revision")
        verbose_name_plural = _("page revisions")

    def __str__(self):
        return f"{self.page} ({self.created_at:%Y-%m-%d %H:%M})"
