from datetime import date

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template import engines
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from ankasam.pages import PageMixin, url_in
from ankasam.ratelimit import rate_limited
from citations import formats
from citations.formats import (
    article_reference,
    first_citation_per_source,
    source_reference,
)
from pagecache import tags

from .corrections import Correction
from .feeds import feed_links
from .models import Article, Category, Region, Topic
from .querysets import current_language, language_codes
from .similar import similar_cards, similar_section
from .stored import fill, page_read, render_parts, shown_tags

SIMILAR_ARTICLES = 4
CORRECTIONS_PER_PAGE = 50


def tag_cards(articles) -> None:
    """A page of article cards shows each article, its category and its byline."""
    for article in articles:
        tags.tag(tags.article(article.pk), tags.term("category", article.category_id))
        tags.tag(*(tags.term("author", link.author_id) for link in article.byline))


def frame_context(request) -> dict:
    """What the site's context processors give the frame of every page (its
    navigation among it)."""
    context = {}
    for processor in engines["django"].engine.template_context_processors:
        context.update(processor(request))
    return context


class ArticleDetailView(PageMixin, DetailView):
    """An article in one language: its stored page (``articles.stored``) with the
    menus and similar posts filled in, else (none stored yet, or it no longer
    holds) the page rendered now from the article loaded ``for_detail()``."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        language = current_language()
        slug = kwargs["slug"]
        found = page_read(language=language, slug=slug, request=request)
        if found is not None:
            article, stored = found
            if stored is not None:
                return self.stored_response(article, stored)
        else:
            article = (
                Article.objects.public(language)
                .for_page()
                .filter(**{f"slug_{language}": slug})
                .first()
            )
            if article is None:
                # A slug from another language's version: send the reader to this
                # language's address when the article exists here.
                return redirect(self.address_in(language, slug))
        self.object = Article.objects.for_detail().get(pk=article.pk)
        return self.render_to_response(self.get_context_data(object=self.object))

    def stored_response(self, article, stored: dict) -> HttpResponse:
        """The stored document, with the menus and similar posts of now."""
        frame = frame_context(self.request)
        navigation = frame["navigation"]
        similar = similar_cards(
            article.pk, language=current_language(), limit=SIMILAR_ARTICLES
        )
        html = fill(
            stored["document"],
            site_nav=navigation.html("includes/_site_nav.html", frame),
            footer_nav=navigation.html("includes/_footer_nav.html", frame),
            similar=similar_section(similar),
        )
        self.tag(article, stored["tags"], similar)
        return HttpResponse(html)

    def address_in(self, language: str, slug: str) -> str:
        for code in language_codes():
            if code == language:
                continue
            article = (
                Article.objects.public(language)
                .filter(**{f"slug_{code}": slug})
                .first()
            )
            if article is not None:
                return article.get_absolute_url(language)
        raise Http404(_("No article found at this address."))

    def get_alternates(self):
        return {
            code: self.object.get_absolute_url(code)
            for code in self.object.public_languages()
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = current_language()
        article = self.object
        stored = render_parts(
            article,
            language=language,
            alternates=context["alternates"],
            request=self.request,
        )
        stored["tags"] = shown_tags(article)
        context["stored"] = stored
        context["title"] = getattr(article, f"title_{language}")
        similar = similar_cards(article.pk, language=language, limit=SIMILAR_ARTICLES)
        context["similar_section"] = similar_section(similar)
        self.tag(article, stored["tags"], similar)
        return context

    def tag(self, article, shown, similar) -> None:
        """What the page shows: the article, its terms and authors (``shown``), its
        similar list and the articles in it; it changes when another language goes
        live."""
        tags.tag(
            tags.NAVIGATION,
            tags.similar(article.pk),
            *shown,
            *(tags.article(other.pk) for other in similar),
        )
        now = timezone.now()
        ahead = [
            moment
            for code in language_codes()
            if (moment := article.published_at_in(code)) and moment > now
        ]
        tags.good_until(min(ahead, default=None))


class ArticleListView(PageMixin, ListView):
    """A paginated list of articles available in the current language."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        language = current_language()
        return (
            Article.objects.public(language)
            .for_listing()
            .order_by(f"-published_at_{language}", "-pk")
        )

    def list_tags(self) -> list[str]:
        """Which list this is (the pages ended when an article enters or leaves)."""
        return [tags.listing(current_language())]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tags.tag(tags.NAVIGATION, *self.list_tags())
        tag_cards(context["object_list"])
        return context


class TermArticleListView(ArticleListView):
    """Articles of one category, region or topic, found by its slug in this language."""

    model = None
    filter_field = ""

    def get_queryset(self):
        self.term = get_object_or_404(
            self.model, **{f"slug_{current_language()}": self.kwargs["slug"]}
        )
        return super().get_queryset().filter(**{self.filter_field: self.term})

    def get_alternates(self):
        return {
            code: url_in(code, self.request.resolver_match.view_name, slug=slug)
            for code in language_codes()
            if (slug := getattr(self.term, f"slug_{code}"))
        }

    def get_feeds(self):
        return feed_links(self.term) + super().get_feeds()

    def list_tags(self):
        kind = self.model._meta.model_name
        return [tags.term(kind, self.term.pk), tags.members(kind, self.term.pk)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["term"] = self.term
        context["heading"] = self.term.name
        context["kind"] = self.model._meta.verbose_name
        return context


class CategoryView(TermArticleListView):
    model = Category
    filter_field = "category"


class RegionView(TermArticleListView):
    model = Region
    filter_field = "regions"


class TopicView(TermArticleListView):
    model = Topic
    filter_field = "topics"


class ArchiveView(ArticleListView):
    """Articles of one year, or of one month of it."""

    def get_queryset(self):
        year, month = self.kwargs["year"], self.kwargs.get("month")
        # Out-of-range dates would make the date lookup raise: they are simply absent
        # (year 1 too: its first midnight in Istanbul is in year 0 in UTC).
        if not 2 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
            raise Http404(_("No archive for this date."))
        published_at = f"published_at_{current_language()}"
        queryset = super().get_queryset().filter(**{f"{published_at}__year": year})
        if month is not None:
            queryset = queryset.filter(**{f"{published_at}__month": month})
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, month = self.kwargs["year"], self.kwargs.get("month")
        context["kind"] = _("Archive")
        context["heading"] = (
            date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")
            if month
            else str(year)
        )
        return context


class CorrectionListView(PageMixin, ListView):
    """The corrections and updates of the public articles of the current language,
    newest first: the publication's record of what it put right."""

    template_name = "articles/correction_list.html"
    context_object_name = "corrections"
    paginate_by = CORRECTIONS_PER_PAGE

    def get_queryset(self):
        language = current_language()
        return (
            Correction.objects.public(language)
            .for_listing(language)
            .order_by("-dated", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = current_language()
        tags.tag(tags.NAVIGATION, tags.listing(language), tags.corrections(language))
        tags.tag(*(tags.article(c.article_id) for c in context["object_list"]))
        return context


@rate_limited("downloads")
def article_file(request, slug, fmt, *, bibliography):
    """The article's reference, or its bibliography, as BibTeX, RIS or CSL-JSON."""
    if fmt not in formats.FORMATS:
        raise Http404(_("Unknown format."))
    language = current_language()
    article = (
        Article.objects.public(language)
        .for_detail()
        .filter(**{f"slug_{language}": slug})
        .first()
    )
    if article is None:
        raise Http404(_("No article found at this address."))
    write, content_type = formats.FORMATS[fmt]
    url = request.build_absolute_uri(article.get_absolute_url(language))
    if bibliography:
        citations = first_citation_per_source(article.citations.all())
        refs = [source_reference(citation) for citation in citations]
        name = f"{slug}-sources.{fmt}"
    else:
        refs = [article_reference(article, language=language, url=url)]
        name = f"{slug}.{fmt}"
    response = HttpResponse(write(refs), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
