from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from ankasam.pages import PageMixin
from articles.querysets import current_language
from pagecache import tags

from .models import Page


class PageDetailView(PageMixin, DetailView):
    """A static page in the current language; other languages' slugs are 404s
    (the redirects table answers a page's old addresses)."""

    template_name = "pages/page_detail.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        language = current_language()
        page = (
            Page.objects.public(language)
            .filter(**{f"slug_{language}": self.kwargs["slug"]})
            .first()
        )
        if page is None:
            raise Http404(_("No page found at this address."))
        return page

    def get_alternates(self):
        return {
            code: self.object.get_absolute_url(code)
            for code in self.object.public_languages()
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = current_language()
        context["other_languages"] = [c for c in context["alternates"] if c != language]
        tags.tag(tags.NAVIGATION, tags.page(self.object.pk))
        return context
