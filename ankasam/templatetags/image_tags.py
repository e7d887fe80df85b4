from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def picture(renditions, alt, sizes="100vw", css_class=""):
    """A ``<picture>`` with WebP and JPEG srcsets from stored renditions.

    Width and height come from the renditions, so the browser reserves the space
    and nothing about the image is computed while serving the page. Until the
    worker has made them, the stored image is shown at its size.
    """
    if not renditions or not renditions.get("source"):
        return ""
    if not renditions.get("jpeg"):
        # Renditions are still being made: the stored image itself, sized.
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}"{} loading="lazy" '
            'decoding="async">',
            default_storage.url(renditions["source"]),
            renditions.get("width", ""),
            renditions.get("height", ""),
            alt,
            format_html(' class="{}"', css_class) if css_class else "",
        )

    def srcset(fmt):
        return ", ".join(
            f"{default_storage.url(path)} {width}w"
            for path, width, _h in renditions[fmt]
        )

    largest = renditions["jpeg"][-1]
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" '
        'alt="{}"{} loading="lazy" decoding="async"></picture>',
        format_html_join(
            "",
            '<source type="image/webp" srcset="{}" sizes="{}">',
            [(srcset("webp"), sizes)],
        ),
        default_storage.url(largest[0]),
        srcset("jpeg"),
        sizes,
        largest[1],
        largest[2],
        alt,
        format_html(' class="{}"', css_class) if css_class else "",
    )
