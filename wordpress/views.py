from datetime import date

from django.http import Http404, HttpResponseNotFound, HttpResponsePermanentRedirect
from django.utils.translation import gettext as _

from .models import ImportedPost


def redirect_to(post: ImportedPost) -> HttpResponsePermanentRedirect:
    article = post.article
    language = post.language
    if language not in article.public_languages():
        raise Http404(_("No article found at this address."))
    return HttpResponsePermanentRedirect(article.get_absolute_url(language))


def permalink(request, slug, language=None, year=None, month=None, day=None):
    """/yyyy/mm/dd/slug/, /slug/ and their /en/... forms, to the article."""
    posts = ImportedPost.objects.redirectable().filter(slug=slug)
    if language:
        posts = posts.filter(language=language)
    if year is not None:
        try:
            posts = posts.filter(published_on=date(year, month, day))
        except ValueError as error:
            raise Http404 from error
    post = posts.select_related("article").order_by("-imported_at", "pk").first()
    if post is None:
        raise Http404(_("No article found at this address."))
    return redirect_to(post)


def post_by_id(request):
    """/?p=123, WordPress's plain link to a post.

    Without ?p= this answers a bare 404, which LocaleMiddleware turns into its
    redirect of "/" to the reader's language, exactly as before this view existed.
    """
    post_id = request.GET.get("p", "")
    if not post_id.isdigit():
        return HttpResponseNotFound()
    post = post_for_id(int(post_id))
    if post is None:
        raise Http404(_("No article found at this address."))
    return redirect_to(post)


def post_for_id(post_id: int) -> ImportedPost | None:
    """The imported post WordPress knew as ``?p=post_id``, if it can be linked to."""
    return (
        ImportedPost.objects.redirectable()
        .filter(post_id=post_id)
        .select_related("article")
        .order_by("-imported_at", "pk")
        .first()
    )
