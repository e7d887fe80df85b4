"""What the WordPress import remembers: which WordPress post, author and term became
which article, author and category or topic here.

The records key every later run of the import (same site, same WordPress ids); the
redirects from the old permalinks are rows of ``redirects`` (``permalinks``). Nothing
on the site's own models knows WordPress.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedPost(models.Model):
    """One WordPress post, imported as one language version of an article."""

    site = models.CharField(
        _("WordPress site"),
        max_length=200,
        help_text=_("The exporting site's address without scheme, e.g. ankasam.org."),
    )
    post_id = models.PositiveBigIntegerField(_("WordPress post ID"))
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES
    )
    # SET_NULL: an article deleted here stays deleted; the next run reports it.
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wordpress_posts",
        verbose_name=_("article"),
    )
    slug = models.CharField(
        _("WordPress slug"),
        max_length=200,
        blank=True,
        help_text=_("The post's name in its old addresses, decoded."),
    )
    published_on = models.DateField(
        _("WordPress date"),
        null=True,
        blank=True,
        help_text=_("The date in the post's old address (/yyyy/mm/dd/slug/)."),
    )
    featured_image_path = models.CharField(
        _("featured image file"),
        max_length=500,
        blank=True,
        help_text=_("Path under wp-content/uploads of the image imported with it."),
    )
    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=64,
        help_text=_("Digest of what was imported; an unchanged post is not rewritten."),
    )
    synced_at = models.DateTimeField(
        _("article's last update at import"),
        help_text=_("A later update of the article means it was edited here."),
    )
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        ordering = ["site", "post_id"]
        verbose_name = _("imported WordPress post")
        verbose_name_plural = _("imported WordPress posts")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "post_id"], name="wordpress_importedpost_unique_post"
            ),
        ]
        indexes = [
            models.Index(fields=["slug"], name="wordpress_importedpost_slug"),
        ]

    def __str__(self):
        return f"{self.site} #{self.post_id} ({self.language})"


class ImportedAuthor(models.Model):
    """A WordPress login and the author it became."""

    site = models.CharField(_("WordPress site"), max_length=200)
    login = models.CharField(_("WordPress login"), max_length=200)
    author = models.ForeignKey(
        "authors.Author",
        on_delete=models.CASCADE,
        related_name="wordpress_logins",
        verbose_name=_("author"),
        help_text=_("Change it to credit this login's posts to another author."),
    )

    class Meta:
        ordering = ["site", "login"]
        verbose_name = _("imported WordPress author")
        verbose_name_plural = _("imported WordPress authors")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "login"], name="wordpress_importedauthor_unique_login"
            ),
        ]

    def __str__(self):
        return f"{self.login} → {self.author}"


class ImportedTerm(models.Model):
    """A WordPress category or tag and the category and/or topic it became."""

    class Taxonomy(models.TextChoices):
        CATEGORY = "category", _("Category")
        TAG = "post_tag", _("Tag")

    site = models.CharField(_("WordPress site"), max_length=200)
    taxonomy = models.CharField(_("taxonomy"), max_length=20, choices=Taxonomy)
    slug = models.CharField(_("WordPress slug"), max_length=200)
    category = models.ForeignKey(
        "articles.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    topic = models.ForeignKey(
        "articles.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )

    class Meta:
        ordering = ["site", "taxonomy", "slug"]
        verbose_name = _("imported WordPress term")
        verbose_name_plural = _("imported WordPress terms")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "taxonomy", "slug"],
                name="wordpress_importedterm_unique_term",
            ),
        ]

    def __str__(self):
        return f"{self.taxonomy}:{self.slug}"
