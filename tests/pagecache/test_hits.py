"""A hit is cheap: no database query, one stored variant in the encoding the
reader accepts, the same headers as a miss; stale copies stand in while the
database is away, and a stopped Redis only means pages are rendered uncached."""

import gzip
import os
import shutil
import socket
import subprocess
import time
import uuid

import brotli
import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import translation

from editorial.services import article_save
from pagecache import store as stores
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# Differ per request by design.
PER_REQUEST = {"x-page-cache", "x-request-id", "date"}


def url(article, code):
    with translation.override(code):
        return article.get_absolute_url(code)


@pytest.mark.parametrize("code", ["tr", "en"])
def test_a_hit_reads_no_table(client, django_assert_num_queries, code):
    article = ArticleFactory()
    path = url(article, code)
    client.get(path)
    with django_assert_num_queries(0):
        response = client.get(path)
    assert response["X-Page-Cache"] == "hit"
    assert (
        article.title_tr
        if code == "tr"
        else article.title_en in (response.content.decode())
    )


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("gzip, deflate, br", "br"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=0.5", "gzip"),
        ("", None),
        ("identity", None),
        ("*", "br"),
    ],
)
def test_the_stored_page_comes_in_the_encoding_the_reader_accepts(
    client, accept, encoding
):
    article = ArticleFactory()
    path = url(article, "tr")
    plain = client.get(path).content
    response = client.get(path, headers={"Accept-Encoding": accept})
    assert response["X-Page-Cache"] == "hit"
    assert "Accept-Encoding" in response["Vary"]
    body = response.content
    assert int(response["Content-Length"]) == len(body)
    if encoding is None:
        assert not response.has_header("Content-Encoding")
    else:
        assert response["Content-Encoding"] == encoding
        body = brotli.decompress(body) if encoding == "br" else gzip.decompress(body)
        assert response["ETag"].startswith("W/")
    assert body == plain
    assert article.title_tr.encode() in body


def test_a_compressed_variant_is_revalidated_by_its_etag(client):
    article = ArticleFactory()
    path = url(article, "en")
    first = client.get(path, headers={"Accept-Encoding": "br"})
    again = client.get(
        path, headers={"Accept-Encoding": "br", "If-None-Match": first["ETag"]}
    )
    assert again.status_code == 304
    assert again["X-Page-Cache"] == "hit"


def headers(response) -> dict:
    return {
        name.lower(): value
        for name, value in response.headers.items()
        if name.lower() not in PER_REQUEST
    }


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_a_hit_carries_the_same_headers_as_the_miss(client, settings, code):
    settings.SECURE_HSTS_SECONDS = 3600
    article = ArticleFactory()
    path = url(article, code)
    miss = client.get(path, secure=True, headers={"Accept-Encoding": "br"})
    hit = client.get(path, secure=True, headers={"Accept-Encoding": "br"})
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert headers(hit) == headers(miss)
    for name in (
        "content-security-policy",
        "permissions-policy",
        "strict-transport-security",
        "x-frame-options",
        "x-content-type-options",
        "referrer-policy",
        "cross-origin-opener-policy",
    ):
        assert name in headers(hit), name
    assert hit.content == miss.content


def database_down(*args, **kwargs):
    raise OperationalError("the database is not reachable")


@pytest.mark.parametrize("code", ["tr", "en"])
def test_while_the_database_is_down_a_stored_page_is_served(code):
    reader = Client(raise_request_exception=False)
    article = ArticleFactory()
    path = url(article, code)
    html = reader.get(path).content
    with connection.execute_wrapper(database_down):
        response = reader.get(path)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert response.content == html


def test_while_the_database_is_down_an_invalidated_page_is_served_stale():
    reader = Client(raise_request_exception=False)
    article = ArticleFactory()
    path = url(article, "tr")
    html = reader.get(path).content
    article.summary_tr = "Yeni özet"
    article_save(article=article)  # the stored page is now only a stale copy
    with connection.execute_wrapper(database_down):
        response = reader.get(path)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "stale"
    assert response.content == html
    fresh = reader.get(path)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Yeni özet" in fresh.content.decode()


def test_a_page_never_stored_lets_the_database_error_through():
    reader = Client(raise_request_exception=False)
    article = ArticleFactory()
    with connection.execute_wrapper(database_down):
        response = reader.get(url(article, "tr"))
    assert response.status_code >= 500  # the 503 page is ankasam's, not ours
    assert "X-Page-Cache" not in response


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(port, directory):
    server = subprocess.Popen(
        [
            shutil.which("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError("redis-server did not start")


@pytest.fixture
def own_redis(settings, tmp_path, monkeypatch):
    """A Redis server of this test's own (it gets stopped), on a free port."""
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is needed (Debian package redis-server)")
    port = free_port()
    server = start_redis(port, tmp_path)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    monkeypatch.setattr(stores, "PAUSE_AFTER_FAILURE", 0.2)
    state = {"server": server}

    def restart():
        state["server"] = start_redis(port, tmp_path)

    yield state, restart
    state["server"].kill()
    state["server"].wait()


def test_with_redis_stopped_pages_are_served_uncached_then_cached_again(own_redis):
    state, restart = own_redis
    reader = Client(raise_request_exception=False)
    article = ArticleFactory()
    path = url(article, "en")
    reader.get(path)
    assert reader.get(path)["X-Page-Cache"] == "hit"
    state["server"].terminate()
    state["server"].wait()
    for _ in range(3):
        response = reader.get(path)
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "miss"
        assert article.title_en in response.content.decode()
    article.title_en = "Written while Redis was down"
    article_save(article=article)  # no error: the invalidation is skipped
    restart()
    time.sleep(0.3)  # the pause after a failure
    first = reader.get(path)
    assert first["X-Page-Cache"] == "miss"
    assert "Written while Redis was down" in first.content.decode()
    assert reader.get(path)["X-Page-Cache"] == "hit"


def test_one_connection_pool_serves_every_lookup(own_redis):
    reader = Client()
    article = ArticleFactory()
    path = url(article, "tr")
    reader.get(path)
    pages = stores.store()
    for _ in range(5):
        assert reader.get(path)["X-Page-Cache"] == "hit"
    assert stores.store() is pages
    pool = pages.client.connection_pool
    assert len(pool._available_connections) + len(pool._in_use_connections) == 1
    assert os.getpid()  # one process, one pool
