from django.conf import settings
from django.utils.functional import SimpleLazyObject

from pages.navigation import Navigation


def navigation(request):
    """The site's navigation: categories, and the pages of the menu and the footer,
    read in one query only when a template shows them."""
    links = Navigation()
    return {
        "navigation": links,
        "nav_categories": SimpleLazyObject(lambda: links.categories),
        "site_name": settings.SITE_NAME,
    }
