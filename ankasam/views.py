import datetime

from django.conf import settings
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils import timezone, translation
from django.views.decorators.http import require_safe
from django.views.static import serve

from ankasam.unavailable import database_unavailable, handling_database_error


def bad_request(request, exception):
    """The 400 page, in the reader's language, from nothing the refused request
    holds: neither the database nor its address is touched."""
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        return HttpResponseBadRequest(loader.get_template("400.html").render())


def page_not_found(request, exception):
    """The 404 page, in the language of the address (or of the reader)."""
    return render(request, "404.html", status=404)


def server_error(request):
    """A 500 page that needs neither the database nor a request context; a 503
    with Retry-After when the error is the database being away."""
    if handling_database_error():
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


def media(request, path):
    """Uploaded files, for development and tests only (see ``SERVE_MEDIA``)."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:  # a name longer than the file system allows
        raise Http404(path) from error


def favicon(request):
    """Browsers ask for /favicon.ico on pages (the admin's, say) that name no icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@require_safe
def security_txt(request):
    """Where to report a vulnerability (RFC 9116), when the operator has said."""
    if not settings.SECURITY_CONTACT:
        raise Http404("No security contact is configured.")
    expires = timezone.now() + datetime.timedelta(days=180)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.replace(microsecond=0).isoformat()}",
        "Preferred-Languages: tr, en, ru",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
