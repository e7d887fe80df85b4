"""``{% load date_tags %}``: dates written out in the site's one style per language."""

from django import template

from ankasam import dates

register = template.Library()


@register.filter
def long_date(value):
    """``{{ article.published_at|long_date }}``: "6 Kasım 2023", "November 6, 2023"."""
    return dates.long_date(value) if value else ""
