"""The newsroom's records: who may translate what, every revision, every transition."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EditorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editorial_profile",
        verbose_name=_("user"),
    )
    languages = models.JSONField(
        _("translation languages"),
        default=list,
        blank=True,
        help_text=_("The languages a translator may edit."),
    )

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("editorial profile")
        verbose_name_plural = _("editorial profiles")

    def __str__(self):
        return str(self.user)


class Revision(models.Model):
    """The whole article (all languages, byline, citations) as one save left it."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("article"),
    )
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    data = models.JSONField(_("content"))
    changed = models.JSONField(_("changed fields"), default=list, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="editorial_revision_unique_number"
            ),
        ]

    def __str__(self):
        return f"{self.article_id} v{self.number}"


class Transition(models.Model):
    """A change of one language version's state (or, with no language, the move to
    and from the trash): who, when, from what to what."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("article"),
    )
    language = models.CharField(
        _("language"), max_length=8, blank=True, choices=settings.LANGUAGES
    )
    from_status = models.CharField(_("from"), max_length=16)
    to_status = models.CharField(_("to"), max_length=16)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        where = f" [{self.language}]" if self.language else ""
        return f"{self.article_id}{where}: {self.from_status} → {self.to_status}"


class Autosave(models.Model):
    """What one member typed in an article's form and has not saved yet.

    Kept every few seconds while they type, so a crash loses nothing; never the
    article itself, which only its form's *Save* changes. ``key`` is the article's id,
    or ``new`` for a form that has not been saved once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    key = models.CharField(_("article"), max_length=20)
    fields = models.JSONField(_("unsaved fields"), default=dict)
    saved_at = models.DateTimeField(_("kept at"), auto_now=True)

    class Meta:
        ordering = ["-saved_at"]
        verbose_name = _("unsaved changes")
        verbose_name_plural = _("unsaved changes")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], name="editorial_autosave_one_per_form"
            ),
        ]

    def __str__(self):
        return f"{self.user_id}: {self.key}"
