from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import views
from .feeds import ArticlesFeed

app_name = "articles"

urlpatterns = [
    path(_("article/<slug:slug>/"), views.ArticleDetailView.as_view(), name="detail"),
    path(
        format_lazy("{}reference.<str:fmt>", _("article/<slug:slug>/")),
        views.article_file,
        {"bibliography": False},
        name="reference",
    ),
    path(
        format_lazy("{}sources.<str:fmt>", _("article/<slug:slug>/")),
        views.article_file,
        {"bibliography": True},
        name="bibliography",
    ),
    path(_("category/<slug:slug>/"), views.CategoryView.as_view(), name="category"),
    path(_("region/<slug:slug>/"), views.RegionView.as_view(), name="region"),
    path(_("topic/<slug:slug>/"), views.TopicView.as_view(), name="topic"),
    path(_("corrections/"), views.CorrectionListView.as_view(), name="corrections"),
    path("feed/", ArticlesFeed(), name="feed"),
    path("feed/atom/", ArticlesFeed(atom=True), name="feed-atom"),
    path(_("archive/<int:year>/"), views.ArchiveView.as_view(), name="archive-year"),
    path(
        _("archive/<int:year>/<int:month>/"),
        views.ArchiveView.as_view(),
        name="archive-month",
    ),
    *(
        path(format_lazy("{}feed/{}", route, suffix), feed, name=f"{scope}-{name}")
        for scope, route in (
            ("category", _("category/<slug:slug>/")),
            ("region", _("region/<slug:slug>/")),
            ("topic", _("topic/<slug:slug>/")),
        )
        for name, suffix, feed in (
            ("feed", "", ArticlesFeed(scope=scope)),
            ("feed-atom", "atom/", ArticlesFeed(scope=scope, atom=True)),
        )
    ),
]
