"""The corrections inline of the article form: editors and admins only."""

from django.contrib import admin

from ankasam.admin_ids import CheckedIdsAdminMixin
from editorial import roles

from .corrections import Correction


class CorrectionInline(CheckedIdsAdminMixin, admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["language", "kind", "dated", "text"]

    def has_view_permission(self, request, obj=None):
        return roles.can_publish(request.user)

    def has_add_permission(self, request, obj=None):
        return roles.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return roles.can_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        return roles.can_publish(request.user)


def corrections_of(formset) -> list[dict] | None:
    """The correction formset's rows for ``article_save`` (None without it)."""
    if formset is None:
        return None
    return [
        {
            "id": form.instance.pk,
            **{name: form.cleaned_data.get(name) for name in CorrectionInline.fields},
        }
        for form in formset.forms
        if getattr(form, "cleaned_data", None)
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("text")
    ]
