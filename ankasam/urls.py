from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from ankasam.views import favicon, media

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages (the admin's, say) that name no icon.
    path("favicon.ico", favicon),
]

# "/" has no pattern of its own: LocaleMiddleware redirects it to /tr/, /en/ or /ru/
# according to the reader's Accept-Language, Turkish when nothing matches.
urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("", include("authors.urls")),
)

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
            media,
        ),
    ]

handler404 = "ankasam.views.page_not_found"
handler500 = "ankasam.views.server_error"
