from django.views.generic import TemplateView

from ankasam.pages import PageMixin
from articles.querysets import current_language

from .selection import front_page


class HomeView(PageMixin, TemplateView):
    """The front page of the current language, as its editors arranged it."""

    template_name = "frontpage/home.html"

    def get_x_default(self, alternates):
        return "/"  # the root picks the reader's language from Accept-Language

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        content = front_page(current_language())
        context["front"] = content
        context["sections"] = content.sections
        return context
