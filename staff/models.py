from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

# The local demo's accounts (demo/management/commands/ensure_demo_editor.py) and
# the second-factor code they accept, only while DEBUG is on (README, "Demo").
DEMO_USERNAMES = frozenset({"editor", "author", "translator"})
DEMO_CODE = "123456"


class StaffEvent(models.Model):
    """One line of the staff audit trail: a sign-in, a refusal or a role change."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed-in", _("signed in with password")
        SIGN_IN_FAILED = "sign-in-failed", _("sign-in failed")
        LOCKED_OUT = "locked-out", _("locked out")
        SECOND_FACTOR_PASSED = "second-factor-passed", _("second factor passed")
        SECOND_FACTOR_FAILED = "second-factor-failed", _("second factor refused")
        SECOND_FACTOR_ENROLLED = "second-factor-enrolled", _("second factor enrolled")
        SIGNED_OUT = "signed-out", _("signed out")
        ROLE_CHANGED = "role-changed", _("role changed")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("what"), max_length=32, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_events",
    )
    # As typed or as it was then: kept when the account is renamed or deleted.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who made a role change, when it was made by a signed-in user."),
    )
    address = models.CharField(_("address"), max_length=64, blank=True)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("staff sign-in event")
        verbose_name_plural = _("staff sign-in events")
        indexes = [
            models.Index(fields=["kind", "-at"], name="staff_staffevent_kind_at"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.username} ({self.at:%Y-%m-%d %H:%M})"


class DemoDevice(Device):
    """The local demo's second factor: the documented code, for demo accounts only,
    and only while DEBUG is on; anywhere else it refuses every code."""

    class Meta(Device.Meta):
        ordering = ["id"]
        verbose_name = _("demo second factor")
        verbose_name_plural = _("demo second factors")

    def verify_token(self, token):
        return bool(
            settings.DEBUG
            and self.user.get_username() in DEMO_USERNAMES
            and constant_time_compare(str(token), DEMO_CODE)
        )
