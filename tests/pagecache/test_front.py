"""The front middleware: a reader without a session gets a stored page before the
rest of the middleware stack runs, and pages are stored with every header the
stack gives them."""

import pytest
from django.core.checks import Error
from django.test import Client
from django.utils import translation

from pagecache.checks import AUTHENTICATION, FRONT, INNER, page_cache_middleware
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PER_REQUEST = {"x-page-cache", "x-request-id", "date"}
CALLS = []


class Recorder:
    """A middleware that notes each request it sees."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        CALLS.append(request.path)
        return self.get_response(request)


def url(article, code):
    with translation.override(code):
        return article.get_absolute_url(code)


def headers(response) -> dict:
    return {
        name.lower(): value
        for name, value in response.headers.items()
        if name.lower() not in PER_REQUEST
    }


@pytest.fixture
def recorded(settings):
    """A recorder right after the front middleware."""
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index(FRONT) + 1, f"{__name__}.Recorder")
    settings.MIDDLEWARE = middleware
    CALLS.clear()
    yield CALLS
    CALLS.clear()


def test_a_hit_runs_none_of_the_middleware_after_the_front(client, recorded):
    path = url(ArticleFactory(), "en")
    assert client.get(path)["X-Page-Cache"] == "miss"
    assert recorded == [path]
    hit = client.get(path)
    assert hit["X-Page-Cache"] == "hit"
    assert recorded == [path]  # answered before the recorder
    assert hit.status_code == 200


def test_a_reader_with_a_session_cookie_goes_through_the_stack_and_still_hits(
    recorded,
):
    article = ArticleFactory()
    path = url(article, "tr")
    plain = Client()
    first = plain.get(path, headers={"Accept-Encoding": "br"})
    with_cookie = Client()
    with_cookie.cookies["sessionid"] = "no-such-session"
    response = with_cookie.get(path, headers={"Accept-Encoding": "br"})
    assert response["X-Page-Cache"] == "hit"
    assert recorded == [path, path]  # the second one went through the stack
    assert response.content == first.content
    assert headers(response) == headers(first)


def test_the_stored_headers_include_those_added_before_the_page_cache(client):
    path = url(ArticleFactory(), "ru")
    client.get(path)
    hit = client.get(path)
    assert hit["X-Page-Cache"] == "hit"
    # Added on the way out by middleware that a hit no longer runs.
    assert hit["Content-Language"] == "ru"
    assert "Content-Security-Policy" in hit
    assert hit["Permissions-Policy"].startswith("accelerometer=()")
    assert hit["X-Content-Type-Options"] == "nosniff"
    # ... but not the request id, which is the request's own.
    again = client.get(path)
    assert again["X-Request-ID"] != hit["X-Request-ID"]


def test_a_cookie_set_on_the_way_out_keeps_the_page_from_being_stored(client, settings):
    """A middleware outside the page cache that sets a cookie (here the language
    cookie Django's locale middleware never sets; the session one would) makes
    the answer personal: it is not stored."""
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:2],
        f"{__name__}.CookieSetter",
        *settings.MIDDLEWARE[2:],
    ]
    path = url(ArticleFactory(), "en")
    first = client.get(path)
    assert first.cookies["flavour"].value == "vanilla"
    second = client.get(path)
    assert second.status_code == 200
    assert second.get("X-Page-Cache") is None  # rendered again, and not stored


class CookieSetter:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.set_cookie("flavour", "vanilla")
        return response


def test_plain_http_is_redirected_not_served_from_the_cache(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    path = url(ArticleFactory(), "en")
    client.get(path, secure=True)
    assert client.get(path, secure=True)["X-Page-Cache"] == "hit"
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_a_host_not_allowed_is_a_400_not_a_stored_page():
    reader = Client(raise_request_exception=False)
    path = url(ArticleFactory(), "en")
    reader.get(path)
    response = reader.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "X-Page-Cache" not in response


def test_the_check_asks_for_the_front_middleware_before_the_inner(settings):
    assert page_cache_middleware(None) == []
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != FRONT]
    [error] = page_cache_middleware(None)
    assert isinstance(error, Error) and error.id == "pagecache.E001"
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, FRONT]
    [error] = page_cache_middleware(None)
    assert error.id == "pagecache.E001"
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != FRONT]
    settings.MIDDLEWARE = [
        FRONT,
        INNER,
        *(m for m in settings.MIDDLEWARE if m != INNER),
    ]
    assert settings.MIDDLEWARE.index(AUTHENTICATION) > 1
    [error] = page_cache_middleware(None)
    assert error.id == "pagecache.E002"
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m not in (FRONT, INNER)]
    assert page_cache_middleware(None) == []
