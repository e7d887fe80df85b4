"""Ids sent to the admin that are not ids: a 400 or a form error, never a 500.

Django's admin filters with some posted ids as they come: the rows an action is
applied to (``_selected_action``), and the chosen options an autocomplete widget
shows again when a form is refused. An id that is not a number (or is too large
for the column) makes the query raise ``ValueError`` or ``OverflowError`` there,
after the form field itself has already said "Select a valid choice".
``CheckedIdsAdminMixin`` checks them first; put it on every ``ModelAdmin`` and on
inlines with autocomplete fields.

The date hierarchy's numbers are the same kind of thing: Django turns
``?created_at__year=99999999999999999999`` (or the year 9999, whose next year does
not exist) into an ``OverflowError`` or ``ValueError`` outside the check it makes,
so the mixin's changelist turns those into the admin's own "incorrect lookup"
answer (a redirect to ``?e=1``).
"""

from django.contrib.admin import helpers, widgets
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
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


class CheckedDatesChangeList(ChangeList):
    """A changelist whose unreadable date-hierarchy numbers are incorrect lookups."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class CheckedIdsAdminMixin:
    def get_changelist(self, request, **kwargs):
        return CheckedDatesChangeList

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
