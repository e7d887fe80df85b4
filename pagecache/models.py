import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_hex(12)


class ContentVersion(models.Model):
    """One change of public content; the newest row names the current version.

    Cached pages are stored under the newest row's random token, so a new row makes
    every older page unreachable at once, in every process, and in the same
    transaction as the change itself (a rolled-back change leaves no row behind).
    ``valid_until`` is the next moment a scheduled article may go live: from then on
    the version is over, without any cron job.
    """

    token = models.CharField(max_length=32, default=new_token, editable=False)
    changed_at = models.DateTimeField(default=timezone.now, editable=False)
    valid_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

    def is_current(self, now) -> bool:
        return self.valid_until is None or now < self.valid_until
