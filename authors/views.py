from django.shortcuts import get_object_or_404

from articles.feeds import feed_links
from articles.views import ArticleListView
from pagecache import tags

from .models import Author


class AuthorDetailView(ArticleListView):
    """An author's profile and their articles available in the current language."""

    template_name = "authors/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_queryset().filter(authors=self.author)

    def get_feeds(self):
        return feed_links(self.author) + super().get_feeds()

    def list_tags(self):
        pk = self.author.pk
        return [tags.term("author", pk), tags.members("author", pk)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["author"] = self.author
        return context
