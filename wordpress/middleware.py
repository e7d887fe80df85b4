from django.conf import settings

from .views import post_for_id, redirect_to

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
            and post_id.isdecimal()
            and post_id.isascii()
        ):
            post = post_for_id(int(post_id))
            # A post not public in its language leaves the reader on the home page.
            if post is not None and post.language in post.article.public_languages():
                return redirect_to(post)
        return self.get_response(request)
