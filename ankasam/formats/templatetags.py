"""``{% load date_formats %}`` for the widget templates in templates/admin/widgets/."""

from django import template

from ankasam.formats import date_input_hint

register = template.Library()


@register.filter
def with_format_hint(widget: dict) -> dict:
    """A date input's widget context, saying the format it expects.

    The hint is the input's placeholder and title; ``format_hint_shown`` is true when
    the input was refused, so the template writes the hint out next to the error.
    """
    hint = date_input_hint()
    attrs = {"placeholder": hint, "title": hint, **widget["attrs"]}
    return {
        **widget,
        "attrs": attrs,
        "format_hint": hint,
        "format_hint_shown": attrs.get("aria-invalid") == "true",
    }
