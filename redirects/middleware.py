from django.http import HttpResponsePermanentRedirect

from .services import redirect_target


class RedirectFallbackMiddleware:
    """Answers 301 where an address would be a 404 and a redirect is stored.

    It acts on the 404 response only: a page that exists costs nothing more.
    Put it after ``LocaleMiddleware``, so that it sees 404s before LocaleMiddleware
    tries its own language redirect.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = redirect_target(request.path_info)
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
