"""The media library in the admin: upload once, describe per language, reuse.

Saving goes through ``library.services.image_save`` (which re-renders the articles
showing the image). ``choose/`` answers the rich-text editor's figure dialog with
the images matching a search, as JSON.
"""

import re

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from ankasam.admin_ids import CheckedIdsAdminMixin
from ankasam.uploads import KeepUploadsAdminMixin

from .models import Image
from .services import image_delete, image_save, images_matching

CHOICES = 24


def thumbnail_url(image: Image) -> str:
    """The smallest rendition of ``image``, or the stored file until there is one."""
    renditions = image.file_renditions
    if renditions.get("jpeg"):
        return image.file.storage.url(renditions["jpeg"][0][0])
    return image.file.url if image.file else ""


@admin.register(Image)
class ImageAdmin(CheckedIdsAdminMixin, KeepUploadsAdminMixin, TabbedTranslationAdmin):
    list_display = ["thumbnail", "__str__", "caption", "credit", "size", "created_at"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = ["search_text"]  # searched as images_matching does
    search_help_text = _("Description, caption or credit, in any language.")
    date_hierarchy = "created_at"
    fields = ["file", "preview", "alt", "caption", "credit"]
    readonly_fields = ["preview"]

    def save_model(self, request, obj, form, change):
        image_save(image=obj)

    def delete_model(self, request, obj):
        image_delete(image=obj)

    def delete_queryset(self, request, queryset):
        for image in queryset:
            image_delete(image=image)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset & images_matching(search_term), False

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        url = thumbnail_url(obj)
        if not url:
            return "–"
        return format_html(
            '<img src="{}" alt="" width="96" height="{}" class="library-thumb">',
            url,
            round(96 * obj.height / obj.width) if obj.width and obj.height else 64,
        )

    @admin.display(description=_("preview"))
    def preview(self, obj):
        url = thumbnail_url(obj) if obj and obj.pk else ""
        return self.thumbnail(obj) if url else "–"

    @admin.display(description=_("size"))
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width and obj.height else "–"

    def get_urls(self):
        return [
            path(
                "choose/",
                self.admin_site.admin_view(self.choose_view),
                name="library_image_choose",
            ),
            *super().get_urls(),
        ]

    def choose_view(self, request):
        """JSON for the editor's figure dialog: ``?q=`` searches, ``?id=`` one."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = Image.objects.all()
        wanted = request.GET.get("id", "")
        term = request.GET.get("q", "").strip()[:100].replace("\x00", "")
        if wanted:
            valid = re.fullmatch(r"[0-9]{1,17}", wanted)
            images = images.filter(pk=int(wanted)) if valid else images.none()
        elif term:
            images = images_matching(term)
        return JsonResponse(
            {
                "results": [
                    {
                        "id": image.pk,
                        "label": str(image),
                        "thumbnail": thumbnail_url(image),
                        "width": image.width,
                        "height": image.height,
                    }
                    for image in images[:CHOICES]
                ]
            }
        )
