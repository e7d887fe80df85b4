from django.views.generic import TemplateView

from ankasam.pages import PageMixin
from articles.querysets import current_language
from articles.views import tag_cards
from pagecache import tags

from .selection import front_page


class HomeView(PageMixin, TemplateView):
    """The front page of the current language, as its editors arranged it."""

    template_name = "frontpage/home.html"

    def get_x_default(self, alternates):
        return "/"  # the root picks the reader's language from Accept-Language

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = current_language()
        content = front_page(language)
        context["front"] = content
        context["sections"] = content.sections
        tags.tag(tags.NAVIGATION, tags.listing(language))
        lead = [content.lead] if content.lead is not None else []
        tag_cards(
            [
                *lead,
                *content.picks,
                *(a for _c, items in content.sections for a in items),
            ]
        )
        return context
