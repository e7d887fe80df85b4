from django import template
from django.core.files.storage import default_storage

from articles.querysets import current_language

register = template.Library()


@register.simple_tag
def article_pdf_url(article):
    """The address of ``article``'s PDF in the current language, or "" while the
    worker has made none; reads ``for_detail()``'s annotation (no query)."""
    name = getattr(article, f"pdf_{current_language()}", None)
    return default_storage.url(name) if name else ""
