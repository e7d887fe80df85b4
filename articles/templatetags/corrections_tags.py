from django import template

from articles.corrections import corrections_in
from articles.querysets import current_language

register = template.Library()


@register.simple_tag
def article_corrections(article):
    """The corrections of ``article`` in the current language (no query)."""
    return corrections_in(article, current_language())
