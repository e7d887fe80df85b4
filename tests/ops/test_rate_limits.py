"""Search and citation files are limited per client; reading never is."""

import time

import pytest
from django.test import Client

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# The production counts (ankasam/settings.py RATE_LIMITS) over an hour: windows
# are fixed slots of the clock, and a test whose requests straddled two would
# see its count start again.
WINDOW = 3600
LIMITS = {"search": (30, WINDOW), "downloads": (30, WINDOW)}


@pytest.fixture(autouse=True)
def production_limits(settings):
    settings.RATE_LIMITS = LIMITS
    # Each test counts from nothing: a cache of its own.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "rate-limit-tests",
        }
    }
    from django.core.cache import cache

    cache.clear()
    left = WINDOW - time.time() % WINDOW
    if left < 60:  # a test takes seconds: begin it in a new window
        time.sleep(left + 0.1)


def reader(address):
    return Client(REMOTE_ADDR=address)


def test_search_answers_429_past_its_limit_in_the_readers_language():
    client = reader("198.51.100.7")
    for _ in range(30):
        assert client.get("/tr/search/", {"q": "enerji"}).status_code == 200
    refused = client.get("/tr/search/", {"q": "enerji"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= WINDOW + 1
    assert "Çok fazla istek" in refused.content.decode()
    assert "no-store" in refused["Cache-Control"]


def test_a_readers_pace_is_never_limited_and_others_are_not_affected():
    article = ArticleFactory()
    busy, other = reader("198.51.100.7"), reader("198.51.100.8")
    for _ in range(31):
        busy.get("/en/search/", {"q": "light"})
    # Reading goes on for the busy client, and the other searches freely.
    for _ in range(40):
        assert busy.get(article.get_absolute_url("tr")).status_code == 200
    for _ in range(10):  # a reader's many searches in a minute
        assert other.get("/en/search/", {"q": "light"}).status_code == 200


def test_citation_files_are_limited_too():
    """Files the page cache has are cheap; the ones it has not are counted."""
    articles = ArticleFactory.create_batch(11, languages=("en",))
    client = reader("203.0.113.5")
    urls = [
        article.get_absolute_url("en") + name
        for article in articles
        for name in ("reference.bib", "reference.ris", "sources.json")
    ]
    statuses = [client.get(url).status_code for url in urls[:31]]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429


def test_without_a_cache_nobody_is_limited(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    client = reader("198.51.100.9")
    for _ in range(35):
        assert client.get("/tr/search/", {"q": "enerji"}).status_code == 200
