from django.shortcuts import render
from django.template import loader
from django.http import HttpResponseServerError


def page_not_found(request, exception):
    """The 404 page, in the language of the address (or of the reader)."""
    return render(request, "404.html", status=404)


def server_error(request):
    """A 500 page that needs neither the database nor a request context."""
    return HttpResponseServerError(loader.get_template("500.html").render())
