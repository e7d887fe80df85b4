from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ankasam.html import sanitize_html
from ankasam.slugs import unique_slug
from citations.models import web_url


class Author(models.Model):
    name = models.CharField(
        _("name"), max_length=200, help_text=_("Full name as printed in bylines.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Address of the author page; made from the name when left empty."),
    )
    photo = models.ForeignKey(
        "library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portrait_of",
        verbose_name=_("photo"),
        help_text=_("A square portrait from the media library, at least 300 × 300."),
    )
    role = models.CharField(
        _("role"),
        max_length=200,
        blank=True,
        help_text=_(
            'Position at the institute, e.g. "Asia-Pacific Research Assistant".'
        ),
    )
    bio = models.TextField(
        _("biography"),
        blank=True,
        help_text=_("A short biography shown under articles."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        blank=True,
        help_text=_("Sixteen digits in four groups, e.g. 0000-0002-1825-0097."),
    )
    x_url = models.URLField(_("X (Twitter) profile"), blank=True, validators=[web_url])
    linkedin_url = models.URLField(
        _("LinkedIn profile"), blank=True, validators=[web_url]
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        limit_choices_to={"is_staff": True},
        verbose_name=_("staff account"),
        help_text=_(
            "The staff member who writes as this author: their new articles start "
            "with this byline."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            *(
                models.CheckConstraint(
                    condition=models.Q(**{field: ""})
                    | models.Q(**{f"{field}__startswith": "https://"})
                    | models.Q(**{f"{field}__startswith": "http://"}),
                    name=f"authors_author_{field}_web",
                    violation_error_message=_("Only http:// and https:// addresses."),
                )
                for field in ("x_url", "linkedin_url")
            ),
            models.CheckConstraint(
                condition=models.Q(orcid="")
                | models.Q(orcid__regex=r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$"),
                name="authors_author_orcid_format",
                violation_error_message=_(
                    "An ORCID iD has four groups of four digits, "
                    "e.g. 0000-0002-1825-0097."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            others = Author.objects.exclude(pk=self.pk)
            self.slug = unique_slug(
                self.name, taken=lambda s: others.filter(slug=s).exists()
            )
        for field in ("bio_tr", "bio_en", "bio_ru"):
            setattr(self, field, sanitize_html(getattr(self, field, "") or ""))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("authors:detail", kwargs={"slug": self.slug})

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""
