"""WordPress's plain ``/?p=ID`` link, answered with a permanent redirect.

Included last in the root URLconf, so that it never shadows a route of the site.
The other old permalinks (/yyyy/mm/dd/slug/, /slug/ and their /en/... forms) are
rows of the redirects table, answered where the address would be a 404.
"""

from django.urls import path

from . import views

app_name = "wordpress"

urlpatterns = [
    path("", views.post_by_id, name="post-by-id"),
]
