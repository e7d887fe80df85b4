from urllib.parse import quote, urlencode

from django import template
from django.utils.translation import gettext as _

register = template.Library()

FACEBOOK = "https://www.facebook.com/sharer/sharer.php"
LINKEDIN = "https://www.linkedin.com/sharing/share-offsite/"


@register.simple_tag(takes_context=True)
def share_links(context, article):
    """Plain share links (no third-party scripts): each service's share address."""
    url = context["request"].build_absolute_uri(article.get_absolute_url())
    title = article.title
    both = urlencode({"url": url, "text": title})
    return [
        ("x", "X", f"https://x.com/intent/post?{both}"),
        ("facebook", "Facebook", f"{FACEBOOK}?{urlencode({'u': url})}"),
        ("linkedin", "LinkedIn", f"{LINKEDIN}?{urlencode({'url': url})}"),
        ("telegram", "Telegram", f"https://t.me/share/url?{both}"),
        (
            "whatsapp",
            "WhatsApp",
            f"https://wa.me/?{urlencode({'text': f'{title} {url}'})}",
        ),
        ("email", _("E-mail"), f"mailto:?subject={quote(title)}&body={quote(url)}"),
    ]


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "")
