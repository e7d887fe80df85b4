from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.generic import ListView

from ankasam.pages import PageMixin, url_in
from ankasam.ratelimit import rate_limited
from articles.models import Article
from articles.querysets import current_language, language_codes

from .folding import query_words
from .highlight import highlight, result_snippet
from .models import SearchEntry
from .query import RANKED, count, counts_elsewhere, planned, search
from .stemming import search_terms

# What the form keeps of a query: enough for any real one, and a bounded echo.
MAX_QUERY = 200


def clean_query(raw: str) -> str:
    """The query as shown back to the reader: no NUL or control characters, bounded."""
    text = "".join(c for c in raw[: MAX_QUERY * 4] if c.isprintable() or c == " ")
    return " ".join(text.split())[:MAX_QUERY]


class SearchPaginator(Paginator):
    """Pages of the results of ``terms``: the count is bounded (``query.count``),
    and a page asks ``search`` to rank deep enough for it. ``about`` is the
    estimated number of matches when there are more than the pages reach."""

    def __init__(self, terms, per_page, entries):
        super().__init__(SearchEntry.objects.none(), per_page)
        self.terms = terms
        self.entries = entries  # (depth, broad) -> ranked queryset

    @cached_property
    def counted(self) -> tuple[int, int | None]:
        return count(self.terms) if self.terms else (0, None)

    @cached_property
    def count(self) -> int:
        return self.counted[0]

    @property
    def about(self) -> int | None:
        return self.counted[1]

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        rows = []
        if self.count:
            depth = max(RANKED, top)
            rows = list(self.entries(depth, self.about is not None)[bottom:top])
        return self._get_page(rows, number, self)


class SearchView(PageMixin, ListView):
    """Articles in the current language matching ``q``, ranked, with snippets."""

    template_name = "search/search_results.html"
    context_object_name = "results"
    paginate_by = settings.ARTICLES_PER_PAGE

    @method_decorator(rate_limited("search"))
    def get(self, request, *args, **kwargs):
        self.query = clean_query(request.GET.get("q", ""))
        self.words = query_words(self.query)
        self.terms = search_terms(self.words, current_language())
        with planned():
            return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return SearchEntry.objects.none()  # the paginator asks for each page

    def ranked(self, depth: int, broad: bool):
        return search(self.terms, depth, broad=broad).prefetch_related(
            Prefetch("article", queryset=Article.objects.for_listing())
        )

    def paginate_queryset(self, queryset, page_size):
        # Any page number a reader types gives a page (the nearest), never a 404.
        paginator = SearchPaginator(self.terms, page_size, self.ranked)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def url_with_query(self, language: str, **params) -> str:
        url = url_in(language, "search:results")
        params = {"q": self.query, **params} if self.query else params
        return f"{url}?{urlencode(params)}" if params else url

    def get_alternates(self):
        return {code: self.url_with_query(code) for code in language_codes()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = current_language()
        page = context["page_obj"]
        for entry in context["results"]:
            entry.title_html = highlight(entry.title, self.terms)
            entry.snippet_html = result_snippet(entry.body, entry.summary, self.terms)
        context["search_query"] = self.query
        context["terms"] = self.words
        if page.has_previous():
            context["previous_url"] = self.url_with_query(
                language, page=page.previous_page_number()
            )
        if page.has_next():
            context["next_url"] = self.url_with_query(
                language, page=page.next_page_number()
            )
        context["elsewhere"] = []
        if self.terms and not page.paginator.count:
            context["elsewhere"] = [
                (code, count, self.url_with_query(code))
                for code, count in counts_elsewhere(language, self.words).items()
            ]
        return context
