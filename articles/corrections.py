"""Corrections and updates on the record: dated notes an editor adds to one
language version, shown at its end and in the public corrections list."""

import datetime
import json

from django.conf import settings
from django.db import models
from django.db.models import Func, OuterRef, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import language_codes, public_q


class CorrectionQuerySet(models.QuerySet):
    def public(self, language: str):
        """The corrections of ``language`` versions readers may see (their article
        public in that language, ``public_q``)."""
        return self.filter(public_q(language, prefix="article__"), language=language)

    def for_listing(self, language: str):
        """Loads each correction's article, only its titles, slugs and ``language``'s
        publication time (not its bodies), for the public corrections list."""
        return self.select_related("article").only(
            "article_id",
            "language",
            "kind",
            "dated",
            "text",
            f"article__published_at_{language}",
            *(
                f"article__{field}_{code}"
                for field in ("title", "slug")
                for code in language_codes()
            ),
        )


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("article"),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        help_text=_("The language version this note belongs to."),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.CORRECTION
    )
    dated = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("The day the text was corrected or updated."),
    )
    text = models.TextField(
        _("note"),
        help_text=_("What was wrong and what the text says now, for readers."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["dated", "pk"]
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["correction", "update"]),
                name="articles_correction_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    language__in=[code for code, _name in settings.LANGUAGES]
                ),
                name="articles_correction_language_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["language", "-dated"], name="articles_correction_listing"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} [{self.language}] {self.dated}"


class JSONRows(Func):
    """The rows of a subquery as one JSON array (SQLite and PostgreSQL)."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra)


def corrections_json():
    """Every correction of the outer article as a JSON array, in its own query's
    row: the article page reads them without a query of their own."""
    rows = (
        Correction.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(
            rows=JSONRows(
                JSONObject(language="language", kind="kind", dated="dated", text="text")
            )
        )
        .values("rows")
    )
    return Subquery(rows, output_field=models.JSONField())


def corrections_in(article, language: str) -> list[Correction]:
    """The corrections of ``article``'s ``language`` version, oldest first, from
    ``for_detail()``'s annotation (no query)."""
    rows = getattr(article, "corrections_data", None) or []
    if isinstance(rows, str):  # a driver that hands JSON over as text
        rows = json.loads(rows)
    found = [
        Correction(
            article=article,
            language=row["language"],
            kind=row["kind"],
            dated=datetime.date.fromisoformat(str(row["dated"])[:10]),
            text=row["text"],
        )
        for row in rows
        if row.get("language") == language
    ]
    return sorted(found, key=lambda c: c.dated)
