from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ankasam.admin_ids import CheckedIdsAdminMixin

from .models import Source
from .services import source_rerender


@admin.register(Source)
class SourceAdmin(CheckedIdsAdminMixin, admin.ModelAdmin):
    list_display = ["title", "publisher", "url", "published_on", "language"]
    list_filter = ["language"]
    search_fields = ["title", "publisher", "url", "authors", "doi"]
    fieldsets = [
        (None, {"fields": ["title", "authors", "publisher", "url"]}),
        (_("Details"), {"fields": ["published_on", "doi", "language"]}),
    ]

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
