"""Ids sent to the admin that are not ids: a 400 or a form error, never a 500.

Django's admin filters with some posted ids as they come: the rows an action is
applied to (``_selected_action``), and the chosen options an autocomplete widget
shows again when a form is refused. An id that is not a number (or is too large
for the column) makes the query raise ``ValueError`` or ``OverflowError`` there,
after the form field itself has already said "Select a valid choice".
``CheckedIdsAdminMixin`` checks them first; put it on every ``ModelAdmin`` and on
inlines with autocomplete fields.
"""

from django.contrib.admin import helpers, widgets
from django.core.exceptions import BadRequest, ValidationError


def is_id(field, value) -> bool:
    """Whether ``value`` is one a column ``field`` can hold (in range, of its type)."""
    try:
        field.clean(value, None)
    except ValidationError:
        return False
    return True


def target_field(relation):
    """The field a foreign key or many-to-many relation points at."""
    opts = relation.remote_field.model._meta
    name = getattr(relation.remote_field, "field_name", None)
    return opts.get_field(name) if name else opts.pk


class CheckedIdsAutocompleteMixin:
    """Shows again only the chosen values that are ids; the field reports the rest."""

    def optgroups(self, name, value, attr=None):
        field = target_field(self.field)
        return super().optgroups(name, [v for v in value if is_id(field, v)], attr)


class AutocompleteSelect(CheckedIdsAutocompleteMixin, widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(
    CheckedIdsAutocompleteMixin, widgets.AutocompleteSelectMultiple
):
    pass


class CheckedIdsAdminMixin:
    def response_action(self, request, queryset):
        pk = self.model._meta.pk
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(is_id(pk, value) for value in selected):
            raise BadRequest("a selected row is not an id")
        return super().response_action(request, queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = AutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
