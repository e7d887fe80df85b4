from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from ankasam.admin_ids import CheckedIdsAdminMixin
from staff.models import DemoDevice, StaffEvent

# The lock-out's and the second factor's own admins (the unlock path, removing a
# lost phone's device), with the id and date checks every admin of ours has: a
# selected row or a date that is not one is a 400 or "incorrect lookup", not a 500.
for model, model_admin in [
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
    (TOTPDevice, TOTPDeviceAdmin),
    (StaticDevice, StaticDeviceAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(
        model, type(model_admin.__name__, (CheckedIdsAdminMixin, model_admin), {})
    )


@admin.register(StaffEvent)
class StaffEventAdmin(CheckedIdsAdminMixin, admin.ModelAdmin):
    """The audit trail, read-only: nobody edits or deletes history here."""

    list_display = ["at", "kind", "username", "address", "actor", "detail"]
    list_filter = ["kind"]
    search_fields = ["username", "address", "detail"]
    date_hierarchy = "at"
    list_select_related = ["actor"]
    readonly_fields = [f.name for f in StaffEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DemoDevice)
class DemoDeviceAdmin(CheckedIdsAdminMixin, admin.ModelAdmin):
    list_display = ["user", "name", "confirmed"]
    raw_id_fields = ["user"]
