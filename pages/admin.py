from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin

from ankasam.admin_ids import CheckedIdsAdminMixin
from ankasam.richtext import RichTextAdminMixin
from articles.querysets import language_codes

from .models import Page, PageRevision
from .services import (
    page_delete,
    page_prepare,
    page_revision_restore,
    page_save,
    publication_problems,
)


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "status", "body", "placement", "position"]

    def clean(self):
        cleaned = super().clean()
        page = Page(**{name: cleaned.get(name) for name in self.page_fields()})
        page_prepare(page)
        problems = publication_problems(page)
        if problems:
            raise ValidationError(problems)
        return cleaned

    @staticmethod
    def page_fields():
        return [
            f"{name}_{code}"
            for name in ("title", "body", "status")
            for code in language_codes()
        ]


class PageRevisionInline(admin.TabularInline):
    model = PageRevision
    extra = 0
    can_delete = False
    fields = ["created_at", "created_by", "restore"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("History")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("restore"))
    def restore(self, revision):
        if revision.pk is None:  # a row a tampered form asked for: nothing to restore
            return "—"
        url = reverse("admin:pages_page_restore", args=[revision.pk])
        # Inside the change form: the button posts it (with its CSRF token) there.
        return format_html(
            '<button type="submit" class="button" formaction="{}" formnovalidate>'
            "{}</button>",
            url,
            _("Restore this version"),
        )


@admin.register(Page)
class PageAdmin(CheckedIdsAdminMixin, RichTextAdminMixin, TabbedTranslationAdmin):
    form = PageAdminForm
    rich_text_fields = ("body",)
    list_display = ["__str__", "placement", "position", "public_versions"]
    list_editable = ["placement", "position"]
    list_filter = ["placement"]
    search_fields = ["title_tr", "title_en", "title_ru"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "body"]}),
        (gettext_lazy("Link"), {"fields": ["placement", "position"]}),
    ]
    inlines = [PageRevisionInline]

    @admin.display(description=gettext_lazy("published in"))
    def public_versions(self, page):
        return ", ".join(code.upper() for code in page.public_languages()) or "—"

    def save_model(self, request, obj, form, change):
        page_save(page=obj, user=request.user)

    def delete_model(self, request, obj):
        page_delete(page=obj)

    def delete_queryset(self, request, queryset):
        for page in queryset:
            page_delete(page=page)

    def get_urls(self):
        return [
            path(
                "revision/<int:revision_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="pages_page_restore",
            ),
            *super().get_urls(),
        ]

    def restore_view(self, request, revision_id):
        revision = get_object_or_404(PageRevision, pk=revision_id)
        if request.method != "POST" or not self.has_change_permission(
            request, revision.page
        ):
            return redirect("admin:pages_page_change", revision.page_id)
        page_revision_restore(revision=revision, user=request.user)
        self.message_user(
            request, _("The page's texts are back as they were."), messages.SUCCESS
        )
        return redirect("admin:pages_page_change", revision.page_id)
