from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import ListView

from ankasam.pages import PageMixin, url_in
from articles.feeds import feed_links
from articles.models import Article, ArticleAuthor, Region, Topic
from articles.querysets import current_language, language_codes
from articles.views import ArticleListView
from pagecache import tags

from .models import Author


class AuthorDetailView(ArticleListView):
    """An author's profile and their articles available in the current language."""

    template_name = "authors/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(
            Author.objects.select_related("photo"), slug=self.kwargs["slug"]
        )
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


class ExpertListView(PageMixin, ListView):
    """The institute's experts in the current language: authors of its published
    articles, filtered by the region or topic of those articles. Four queries
    whatever the filter: the experts, and the regions and topics to choose from
    (plus the page's navigation)."""

    template_name = "authors/expert_list.html"
    context_object_name = "experts"
    filters = (("region", Region, "regions"), ("topic", Topic, "topics"))

    def get(self, request, *args, **kwargs):
        language = current_language()
        public = Article.objects.public(language)
        self.choices, self.chosen = {}, {}
        articles = public
        for name, model, relation in self.filters:
            options = list(
                model.objects.filter(articles__in=public)
                .exclude(**{f"slug_{language}__isnull": True})
                .distinct()
                .order_by(f"name_{language}", "pk")
            )
            self.choices[name] = options
            wanted = request.GET.get(name, "")
            if wanted:
                by_slug = {getattr(o, f"slug_{language}"): o for o in options}
                if wanted not in by_slug:
                    raise Http404(_("Nothing is published on that here."))
                self.chosen[name] = by_slug[wanted]
                articles = articles.filter(**{relation: by_slug[wanted]})
        self.articles = articles
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        written = ArticleAuthor.objects.filter(article__in=self.articles)
        return (
            Author.objects.filter(pk__in=written.values("author_id"))
            .select_related("photo")
            .order_by("name", "pk")
        )

    def get_alternates(self):
        # The filters name terms by this language's slug: other languages get
        # the whole directory.
        return {code: url_in(code, "authors:experts") for code in language_codes()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["regions"] = self.choices["region"]
        context["topics"] = self.choices["topic"]
        context["region"] = self.chosen.get("region")
        context["topic"] = self.chosen.get("topic")
        # Who is listed follows the language's public articles; names and
        # choices follow the authors and terms.
        tags.tag(tags.NAVIGATION, tags.listing(current_language()))
        tags.tag(*(tags.term("author", expert.pk) for expert in context["experts"]))
        tags.tag(*(tags.term("region", region.pk) for region in context["regions"]))
        tags.tag(*(tags.term("topic", topic.pk) for topic in context["topics"]))
        return context
