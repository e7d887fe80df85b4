from django.contrib import admin

from ankasam.admin_ids import CheckedIdsAdminMixin

from .models import ImportedAuthor, ImportedPost, ImportedTerm


class ImportRecordAdmin(CheckedIdsAdminMixin, admin.ModelAdmin):
    """Records the import writes; editors correct them, nobody adds one by hand."""

    def has_add_permission(self, request):
        return False


@admin.register(ImportedPost)
class ImportedPostAdmin(ImportRecordAdmin):
    list_display = ["post_id", "site", "language", "slug", "article", "imported_at"]
    list_filter = ["site", "language"]
    search_fields = ["slug", "post_id"]
    list_select_related = ["article"]
    readonly_fields = [
        "site",
        "post_id",
        "language",
        "slug",
        "published_on",
        "featured_image_path",
        "fingerprint",
        "synced_at",
        "imported_at",
    ]
    raw_id_fields = ["article"]


@admin.register(ImportedAuthor)
class ImportedAuthorAdmin(ImportRecordAdmin):
    list_display = ["login", "site", "author"]
    list_filter = ["site"]
    search_fields = ["login", "author__name"]
    list_select_related = ["author"]
    readonly_fields = ["site", "login"]


@admin.register(ImportedTerm)
class ImportedTermAdmin(ImportRecordAdmin):
    list_display = ["slug", "taxonomy", "site", "category", "topic"]
    list_filter = ["site", "taxonomy"]
    search_fields = ["slug"]
    list_select_related = ["category", "topic"]
    readonly_fields = ["site", "taxonomy", "slug"]
