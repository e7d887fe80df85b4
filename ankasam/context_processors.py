from articles.models import Category


def navigation(request):
    """Categories for the site navigation; a lazy queryset, queried only when shown."""
    return {"nav_categories": Category.objects.all(), "site_name": "ANKASAM"}
