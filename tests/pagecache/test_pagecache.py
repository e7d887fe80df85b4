"""Public pages are cached per language and never served stale or to staff."""

import datetime
import os
import uuid
from unittest import mock

import pytest
import redis
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from articles.models import Article
from citations.services import source_rerender
from editorial.services import article_save, article_trash
from tests.articles.factories import ArticleFactory, TopicFactory
from tests.citations.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def url(article, code):
    with translation.override(code):
        return article.get_absolute_url(code)


def get(client, path, **headers):
    response = client.get(path, headers=headers)
    return response, response.content.decode()


@pytest.mark.parametrize("code", ["tr", "en"])
def test_second_view_of_a_page_is_served_from_the_cache(client, code):
    article = ArticleFactory()
    first, html = get(client, url(article, code))
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as context:
        second, cached = get(client, url(article, code))
    assert second["X-Page-Cache"] == "hit"
    assert cached == html
    assert len(context) == 0  # a hit reads no table
    assert second["ETag"] == first["ETag"]
    assert second["Content-Language"] == code


def test_each_language_has_its_own_cached_page(client):
    article = ArticleFactory()
    get(client, url(article, "tr"))
    response, html = get(client, url(article, "en"))
    assert response["X-Page-Cache"] == "miss"
    assert article.title_en in html


def rename_article(article):
    article.title_tr = "Yepyeni başlık"
    article_save(article=article)
    return "Yepyeni başlık"


def unpublish(article):
    article.status_tr = Article.Status.DRAFT
    article_save(article=article)
    return None


def rename_author(article):
    author = article.authors.get()
    author.name = "Ümran Söğütlü"
    author.save()
    return "Ümran Söğütlü"


def rename_category(article):
    article.category.name_tr = "Değerlendirme"
    article.category.save()
    return "Değerlendirme"


def add_topic(article):
    article_save(article=article, topics=[TopicFactory(name_tr="Karadeniz güvenliği")])
    return "Karadeniz güvenliği"


def edit_source(article):
    source = article.citations.get().source
    source.title = "Tahıl Koridoru Raporu"
    source.save()
    source_rerender(source=source)
    return "Tahıl Koridoru Raporu"


def add_citation(article):
    CitationFactory(
        article=article, key=2, source=SourceFactory(title="Yeni Kaynak Başlığı")
    )
    article.body_tr = "<p>Metin.[1] Dahası.[2]</p>"
    article_save(article=article, check_publication=False)
    return "Yeni Kaynak Başlığı"


CHANGES = [
    rename_article,
    unpublish,
    rename_author,
    rename_category,
    add_topic,
    edit_source,
    add_citation,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__)
def test_a_change_to_anything_on_the_page_ends_its_cached_copy(client, change):
    article = ArticleFactory()
    path = url(article, "tr")
    get(client, path)
    assert get(client, path)[0]["X-Page-Cache"] == "hit"
    expected = change(article)
    response, html = get(client, path)
    if expected is None:
        assert response.status_code == 404
    else:
        assert response["X-Page-Cache"] == "miss"
        assert expected in html


def test_a_trashed_article_leaves_the_cached_home_page(client, admin_user):
    article = ArticleFactory()
    assert article.title_en in get(client, "/en/")[1]
    article_trash(article=article, user=admin_user)
    response, html = get(client, "/en/")
    assert response["X-Page-Cache"] == "miss"
    assert article.title_en not in html


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_a_scheduled_article_appears_when_its_time_comes_without_a_cron(client, code):
    ArticleFactory()
    soon = timezone.now() + datetime.timedelta(hours=1)
    scheduled = ArticleFactory(published_at=soon)
    title = getattr(scheduled, f"title_{code}")
    assert title not in get(client, f"/{code}/")[1]
    assert get(client, f"/{code}/")[0]["X-Page-Cache"] == "hit"
    later = soon + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response, html = get(client, f"/{code}/")
    assert response["X-Page-Cache"] == "miss"
    assert title in html


def test_conditional_requests_get_304_until_the_page_changes(client):
    article = ArticleFactory()
    path = url(article, "en")
    first, _html = get(client, path)
    etag, modified = first["ETag"], first["Last-Modified"]
    by_etag = client.get(path, headers={"If-None-Match": etag})
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    by_date = client.get(path, headers={"If-Modified-Since": modified})
    assert by_date.status_code == 304
    article.title_en = "Changed"
    article_save(article=article)
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_public_pages_tell_a_cdn_to_revalidate(client):
    ArticleFactory()
    response = client.get("/tr/")
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=0", "s-maxage=0", "must-revalidate"}
    assert "Cookie" in response["Vary"]
    assert response["Last-Modified"]


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_user(
        "editor", password="pw-123456", is_staff=True
    )
    client.force_login(user)
    return client


def test_logged_in_staff_never_get_or_fill_the_cache(client, staff_client):
    from django.test import Client

    article = ArticleFactory(title_tr="Genel başlık")
    anonymous = Client()
    get(anonymous, url(article, "tr"))  # stored for readers
    response, _html = get(staff_client, url(article, "tr"))
    assert "X-Page-Cache" not in response
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives
    admin = staff_client.get("/admin/")
    assert "no-store" in admin["Cache-Control"]
    assert "X-Page-Cache" not in admin


def test_staff_views_are_not_stored_for_readers(client, staff_client):
    from django.test import Client

    article = ArticleFactory()
    get(staff_client, url(article, "en"))
    assert get(Client(), url(article, "en"))[0]["X-Page-Cache"] == "miss"


def test_drafts_and_the_admin_are_never_cached(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert "X-Page-Cache" not in client.get(url(draft, "tr"))
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_unknown_query_parameters_are_answered_but_not_stored(client):
    ArticleFactory()
    response = client.get("/tr/", {"utm_source": "x"})
    assert response["X-Page-Cache"] == "bypass"
    assert response["ETag"]
    assert client.get("/tr/", {"utm_source": "y"})["X-Page-Cache"] == "bypass"


@pytest.fixture
def redis_cache(settings):
    """The page cache on the Redis at REDIS_URL, under a key prefix of its own."""
    prefix = f"ankasam-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    server = redis.Redis.from_url(REDIS_URL)
    yield server, prefix
    keys = server.keys(f"{prefix}:*")
    if keys:
        server.delete(*keys)


@pytest.mark.parametrize("code", ["tr", "en"])
def test_pages_are_cached_in_redis_and_invalidated_there(client, redis_cache, code):
    server, prefix = redis_cache
    article = ArticleFactory()
    path = url(article, code)
    assert get(client, path)[0]["X-Page-Cache"] == "miss"
    assert len(server.keys(f"{prefix}:pc:f:*")) == 3  # one page, three encodings
    assert get(client, path)[0]["X-Page-Cache"] == "hit"
    setattr(article, f"title_{code}", "Redis sonrası")
    article_save(article=article)
    response, html = get(client, path)
    assert response["X-Page-Cache"] == "miss"
    assert "Redis sonrası" in html


def test_a_batch_of_writes_invalidates_once(db):
    from pagecache.store import store
    from pagecache.versions import batched_changes

    before = store().counter
    with batched_changes():
        for _ in range(5):
            ArticleFactory()
    assert store().counter == before + 1
