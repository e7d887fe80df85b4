from django.http import HttpResponseNotFound, HttpResponsePermanentRedirect

from .permalinks import post_id_target


def post_by_id(request):
    """/?p=123, WordPress's plain link to a post (kept in the redirects table).

    Without a known ?p= this answers a bare 404, which LocaleMiddleware turns into
    its redirect of "/" to the reader's language, exactly as before this view
    existed. The other old permalinks are 404s that ``redirects.middleware``
    answers from the same table.
    """
    target = post_id_target(request.GET.get("p", ""))
    if target is None:
        return HttpResponseNotFound()
    return HttpResponsePermanentRedirect(target)
