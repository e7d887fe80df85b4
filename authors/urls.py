from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from articles.feeds import ArticlesFeed

from . import views

app_name = "authors"

urlpatterns = [
    path(_("experts/"), views.ExpertListView.as_view(), name="experts"),
    path(_("author/<slug:slug>/"), views.AuthorDetailView.as_view(), name="detail"),
    path(
        format_lazy("{}feed/", _("author/<slug:slug>/")),
        ArticlesFeed(scope="author"),
        name="feed",
    ),
    path(
        format_lazy("{}feed/atom/", _("author/<slug:slug>/")),
        ArticlesFeed(scope="author", atom=True),
        name="feed-atom",
    ),
]
