from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = _("Staff sign-in")

    def ready(self):
        # Django's and axes' sign-in signals, and changes to users' roles, are
        # third-party hooks: the audit trail listens to them (staff/audit.py).
        from staff import audit  # noqa: F401
