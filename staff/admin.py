from django.contrib import admin

from staff.models import DemoDevice, StaffEvent


@admin.register(StaffEvent)
class StaffEventAdmin(admin.ModelAdmin):
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
class DemoDeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed"]
    raw_id_fields = ["user"]
