from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ankasam.health import healthz, readyz
from ankasam.sitemaps import SITEMAPS, robots_txt
from ankasam.views import favicon, media, security_txt
from editorial.preview import PreviewView
from staff.policy import admin_has_permission

admin.site.site_header = admin.site.site_title = "ANKASAM"
# The admin opens only to staff who have passed every sign-in step their account
# asks for (password, then the second factor: staff/policy.py).
admin.site.has_permission = admin_has_permission

urlpatterns = [
    # The second-factor pages sit under /admin/ (staff/urls.py), before the admin.
    path("admin/", include("staff.urls")),
    path("admin/", admin.site.urls),
    # The admin's interface-language switch posts here (the choice is a cookie).
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for /favicon.ico on pages (the admin's, say) that name no icon.
    path("favicon.ico", favicon),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    # Probes (ankasam/health.py), outside the language prefixes.
    path(".well-known/security.txt", security_txt, name="security-txt"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]

# "/" has no pattern of its own: LocaleMiddleware redirects it to /tr/, /en/ or /ru/
# according to the reader's Accept-Language, Turkish when nothing matches.
urlpatterns += i18n_patterns(
    path("", include("frontpage.urls")),
    path("", include("articles.urls")),
    path("", include("authors.urls")),
    path("", include("search.urls")),
    path("", include("pages.urls")),
    path(_("preview/<str:token>/"), PreviewView.as_view(), name="preview"),
)

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
            media,
        ),
    ]

handler400 = "ankasam.views.bad_request"
handler404 = "ankasam.views.page_not_found"
handler500 = "ankasam.views.server_error"

# Old WordPress permalinks (/?p=ID, /yyyy/mm/dd/slug/, /slug/): keep this last, so
# that it never shadows a route above.
urlpatterns += [path("", include("wordpress.urls"))]
