from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from ankasam.admin_ids import CheckedIdsAdminMixin
from ankasam.richtext import RichTextAdminMixin

from .models import Author
from .services import author_save


@admin.register(Author)
class AuthorAdmin(
    CheckedIdsAdminMixin,
    RichTextAdminMixin,
    TabbedTranslationAdmin,
):
    rich_text_fields = ("bio",)
    list_display = ["name", "role", "email", "has_photo"]
    search_fields = ["name", "role_tr", "role_en", "role_ru", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo"]
    formfield_overrides = {
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}
    }
    fieldsets = [
        (None, {"fields": ["name", "slug", "role", "photo", "bio"]}),
        (_("Links"), {"fields": ["email", "orcid", "x_url", "linkedin_url"]}),
        (_("Staff account"), {"fields": ["user"]}),
    ]

    def save_model(self, request, obj, form, change):
        author_save(author=obj)

    @admin.display(boolean=True, description=_("photo"))
    def has_photo(self, obj):
        return bool(obj.photo)
