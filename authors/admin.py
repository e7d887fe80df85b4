from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from ankasam.admin_ids import CheckedIdsAdminMixin
from ankasam.richtext import RichTextAdminMixin
from ankasam.uploads import KeepUploadsAdminMixin
from articles.querysets import language_codes
from redirects.services import redirects_slug_changed

from .models import Author


@admin.register(Author)
class AuthorAdmin(
    CheckedIdsAdminMixin,
    KeepUploadsAdminMixin,
    RichTextAdminMixin,
    TabbedTranslationAdmin,
):
    rich_text_fields = ("bio",)
    list_display = ["name", "role", "email", "has_photo"]
    search_fields = ["name", "role_tr", "role_en", "role_ru", "email"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}
    }
    fieldsets = [
        (None, {"fields": ["name", "slug", "role", "photo", "bio"]}),
        (_("Links"), {"fields": ["email", "orcid", "x_url", "linkedin_url"]}),
    ]

    def save_model(self, request, obj, form, change):
        """Save the author; the old author page redirects, in every language."""
        stored = Author.objects.filter(pk=obj.pk).values_list("slug", flat=True).first()
        super().save_model(request, obj, form, change)
        if stored is not None:
            codes = language_codes()
            redirects_slug_changed(
                kind="author",
                url_name="authors:detail",
                before=dict.fromkeys(codes, stored),
                after=dict.fromkeys(codes, obj.slug),
                languages=codes,
            )

    @admin.display(boolean=True, description=_("photo"))
    def has_photo(self, obj):
        return bool(obj.photo)
