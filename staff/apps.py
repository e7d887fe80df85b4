from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticDefaultConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPDefaultConfig


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = _("Staff sign-in")
    # This module holds other apps' configs too (below): this one is staff's.
    default = True

    def ready(self):
        # Django's and axes' sign-in signals, and changes to users' roles, are
        # third-party hooks: the audit trail listens to them (staff/audit.py).
        from staff import audit  # noqa: F401


# django-otp's device apps under names an admin looking for a member's devices
# recognises (their own are the labels, "Otp_Totp" and "Otp_Static").
class AuthenticatorAppsConfig(TOTPDefaultConfig):
    default = False
    verbose_name = _("Second factor: authenticator apps")


class RecoveryCodesConfig(StaticDefaultConfig):
    default = False
    verbose_name = _("Second factor: recovery codes")
