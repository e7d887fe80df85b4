from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ankasam.admin_ids import CheckedIdsAdminMixin
from editorial.roles import can_publish

from .models import ITEMS, FrontPage, FrontPageItem
from .services import front_page_changed


class ItemFormSet(forms.BaseInlineFormSet):
    """Only articles that have a version in the page's language, outside the trash."""

    def clean(self):
        super().clean()
        language = self.instance.language
        for form in self.forms:
            article = form.cleaned_data.get("article")
            if article is None or form.cleaned_data.get("DELETE"):
                continue
            if article.trashed_at is not None:
                form.add_error("article", _("This article is in the trash."))
            elif not getattr(article, f"title_{language}"):
                form.add_error(
                    "article",
                    _("This article has no version in this page's language."),
                )


class FrontPageItemInline(CheckedIdsAdminMixin, admin.TabularInline):
    model = FrontPageItem
    formset = ItemFormSet
    fields = ["position", "article"]
    autocomplete_fields = ["article"]
    max_num = ITEMS
    extra = ITEMS
    verbose_name = gettext_lazy("chosen article")

    # Whoever may publish arranges the front page (no model permissions of its own).
    def has_view_permission(self, request, obj=None):
        return can_publish(request.user)

    has_add_permission = has_change_permission = has_delete_permission = (
        has_view_permission
    )


@admin.register(FrontPage)
class FrontPageAdmin(CheckedIdsAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "lead", "picks", "updated_at"]
    inlines = [FrontPageItemInline]
    fields = ["language"]
    readonly_fields = ["language"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("items__article")

    @admin.display(description=gettext_lazy("lead story"))
    def lead(self, page):
        items = list(page.items.all())
        return items[0].article if items else _("(the newest article)")

    @admin.display(description=gettext_lazy("editor's picks"))
    def picks(self, page):
        return max(len(page.items.all()) - 1, 0)

    def has_add_permission(self, request):
        return False  # one page per language, made by the migration

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return can_publish(request.user)

    def has_module_permission(self, request):
        return can_publish(request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        front_page_changed(front_page=form.instance)
