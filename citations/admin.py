from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ankasam.admin_ids import CheckedIdsAdminMixin

from .jobs import source_check
from .models import LinkStatus, Source
from .services import source_rerender


class LinkStatusFilter(admin.SimpleListFilter):
    """Sources by what the link checker found: broken and redirected first."""

    title = _("link")
    parameter_name = "link"

    def lookups(self, request, model_admin):
        return [
            ("broken", _("broken")),
            ("redirected", _("redirected")),
            ("refused", _("not a public address")),
            ("ok", _("works")),
            ("unchecked", _("not checked yet")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "unchecked":
            return queryset.exclude(url="").filter(link_status=LinkStatus.UNCHECKED)
        if value in {"broken", "redirected", "refused", "ok"}:
            return queryset.filter(link_status=value)
        return queryset


@admin.register(Source)
class SourceAdmin(CheckedIdsAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "publisher",
        "url",
        "link_status",
        "link_checked_at",
        "published_on",
        "language",
    ]
    list_filter = [LinkStatusFilter, "language"]
    search_fields = ["title", "publisher", "url", "authors", "doi"]
    readonly_fields = [
        "link_status",
        "link_status_code",
        "link_final_url",
        "link_error",
        "link_checked_at",
        "link_ok_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "authors", "publisher", "url", "archive_url"]}),
        (_("Details"), {"fields": ["published_on", "doi", "language"]}),
        (
            _("Link check"),
            {
                "fields": [
                    "link_status",
                    "link_status_code",
                    "link_final_url",
                    "link_error",
                    "link_checked_at",
                    "link_ok_at",
                ]
            },
        ),
    ]
    actions = ["check_links"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            count = source_rerender(source=obj)
            if count:
                self.message_user(
                    request,
                    _("The notes of %(count)s articles citing it were updated.")
                    % {"count": count},
                    messages.INFO,
                )

    @admin.action(description=_("Check the links now"))
    def check_links(self, request, queryset):
        ids = list(queryset.exclude(url="").values_list("pk", flat=True))
        for pk in ids:
            source_check.enqueue(source_id=pk)
        self.message_user(
            request,
            _("%(count)s link checks were handed to the worker.") % {"count": len(ids)},
            messages.INFO,
        )
