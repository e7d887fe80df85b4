from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from ankasam.admin_ids import CheckedIdsAdminMixin

from .models import Redirect
from .services import redirect_problems, redirect_save


class RedirectForm(forms.ModelForm):
    class Meta:
        model = Redirect
        fields = ["old_path", "new_path", "language", "kind"]

    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("old_path"), cleaned.get("new_path")
        if old and new:
            problems = redirect_problems(
                old_path=old, new_path=new, exclude_pk=self.instance.pk
            )
            if problems:
                raise ValidationError(problems)
        return cleaned


@admin.register(Redirect)
class RedirectAdmin(CheckedIdsAdminMixin, admin.ModelAdmin):
    form = RedirectForm
    list_display = ["old_path", "new_path", "language", "kind", "updated_at"]
    list_filter = ["language", "kind"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["created_at", "updated_at"]
    fields = ["old_path", "new_path", "language", "kind", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        redirect_save(redirect=obj)
