"""Previews: a draft exactly as readers will see it, through a link that expires."""

from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from articles.models import Article
from articles.querysets import current_language
from articles.views import ArticleDetailView

SALT = "editorial.preview"
MAX_AGE = 48 * 60 * 60  # a shared preview link works for two days


def preview_token(article: Article) -> str:
    return signing.dumps({"article": article.pk, "version": article.version}, salt=SALT)


def preview_url(article: Article, language: str) -> str:
    with translation.override(language):
        return reverse("preview", kwargs={"token": preview_token(article)})


class PreviewView(ArticleDetailView):
    """The public article template for any version, drafts included; never cached."""

    def get(self, request, *args, **kwargs):
        try:
            data = signing.loads(kwargs["token"], salt=SALT, max_age=MAX_AGE)
        except signing.BadSignature as error:  # SignatureExpired included
            raise Http404(
                _("This preview link has expired or is not valid.")
            ) from error
        language = current_language()
        self.object = (
            Article.objects.untrashed()
            .for_detail()
            .filter(pk=data.get("article"))
            .first()
        )
        if self.object is None or language not in self.object.languages():
            raise Http404(_("There is no version of this article in this language."))
        response = self.render_to_response(self.get_context_data(object=self.object))
        response["Cache-Control"] = "private, no-store, max-age=0"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_alternates(self):
        return {
            code: preview_url(self.object, code) for code in self.object.languages()
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = True
        return context
