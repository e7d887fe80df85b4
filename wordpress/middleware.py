from django.conf import settings
from django.http import HttpResponsePermanentRedirect

from .permalinks import post_id_target

# "/tr/?p=123": a plain WordPress link under a language prefix lands on that
# language's home page, which has no notion of ?p=; answer it here instead.
LANGUAGE_HOMES = {f"/{code}/" for code, _name in settings.LANGUAGES}


class OldPostQueryMiddleware:
    """Redirects language-prefixed ``?p=ID`` links of imported posts (301)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        post_id = request.GET.get("p", "")
        if (
            request.method in ("GET", "HEAD")
            and request.path_info in LANGUAGE_HOMES
            and post_id
        ):
            target = post_id_target(post_id)
            # An unknown id leaves the reader on the home page.
            if target is not None:
                return HttpResponsePermanentRedirect(target)
        return self.get_response(request)
