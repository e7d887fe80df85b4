from django import template

from ankasam.images import picture_html

register = template.Library()


@register.simple_tag
def picture(renditions, alt, sizes="100vw", css_class=""):
    """A ``<picture>`` with WebP and JPEG srcsets from stored renditions
    (``ankasam.images.picture_html``)."""
    return picture_html(renditions, alt, sizes=sizes, css_class=css_class)
