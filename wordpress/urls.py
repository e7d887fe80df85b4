"""Old WordPress permalinks, answered with a permanent redirect.

Included last in the root URLconf: these patterns never shadow a route of the site.
An address only matches when an imported post has that slug (the converter asks), so
an unknown address stays an ordinary 404 and LocaleMiddleware's handling of "/" and
of unprefixed addresses is untouched.
"""

from django.urls import path, register_converter

from . import views
from .converters import LanguageConverter, OldSlugConverter

app_name = "wordpress"

register_converter(OldSlugConverter, "wp_slug")
register_converter(LanguageConverter, "wp_language")

urlpatterns = [
    path("", views.post_by_id, name="post-by-id"),
    path(
        "<int:year>/<int:month>/<int:day>/<wp_slug:slug>/",
        views.permalink,
        name="dated",
    ),
    path("<wp_slug:slug>/", views.permalink, name="slug"),
    path(
        "<wp_language:language>/<int:year>/<int:month>/<int:day>/<wp_slug:slug>/",
        views.permalink,
        name="dated-in-language",
    ),
    path("<wp_language:language>/<wp_slug:slug>/", views.permalink, name="in-language"),
]
