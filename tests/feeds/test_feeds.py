"""RSS and Atom feeds per language, category, topic, region and author."""

import datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from articles.models import Article
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    RegionFactory,
    TopicFactory,
)
from tests.authors.factories import AuthorFactory

pytestmark = pytest.mark.django_db

KINDS = {"": "rss20", "atom/": "atom10"}


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def feed_path(obj, code, kind=""):
    with translation.override(code):
        base = obj.get_absolute_url() if obj is not None else f"/{code}/"
    return f"{base}feed/{kind}"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("code", ["tr", "ru"])
def test_site_feed_lists_public_articles_of_the_language(client, code, kind):
    both = ArticleFactory(languages=("tr", "ru"))
    ArticleFactory(languages=("en",))
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    response, feed = fetch(client, f"/{code}/feed/{kind}")
    assert feed.version == KINDS[kind]
    assert [e.title for e in feed.entries] == [getattr(both, f"title_{code}")]
    assert feed.entries[0].link == "http://testserver" + both.get_absolute_url(code)
    assert feed.feed.language == code
    assert response["Content-Type"].startswith(
        "application/rss+xml" if kind == "" else "application/atom+xml"
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("code", ["tr", "en"])
def test_category_topic_region_and_author_feeds_list_only_their_articles(
    client, code, kind
):
    category, topic, region, author = (
        CategoryFactory(),
        TopicFactory(),
        RegionFactory(),
        AuthorFactory(),
    )
    mine = ArticleFactory(
        category=category, topics=[topic], regions=[region], authors=[author]
    )
    ArticleFactory()  # someone else's
    for obj in (category, topic, region, author):
        _response, feed = fetch(client, feed_path(obj, code, kind))
        assert [e.title for e in feed.entries] == [getattr(mine, f"title_{code}")]
        assert obj.name in feed.feed.title


def test_titles_are_escaped_and_descriptions_cannot_carry_markup(client):
    ArticleFactory(
        title_en="Tom & Jerry <script>alert(1)</script>\x0b",
        summary_en="<img src=x onerror=alert(1)> & more",
        languages=("en",),
    )
    for kind in KINDS:
        response, feed = fetch(client, f"/en/feed/{kind}")
        (entry,) = feed.entries
        assert entry.title == "Tom & Jerry <script>alert(1)</script>"
        assert "<img" not in entry.summary
        assert "&lt;img src=x onerror=alert(1)&gt; &amp; more" in entry.summary
        assert b"<script>" not in response.content


def test_feed_entries_carry_authors_dates_and_category(client):
    author = AuthorFactory(name="İlknur Işık")
    article = ArticleFactory(authors=[author], languages=("tr",))
    _response, feed = fetch(client, "/tr/feed/atom/")
    (entry,) = feed.entries
    assert entry.author == "İlknur Işık"
    assert entry.tags[0].term == article.category.name_tr
    assert entry.published_parsed[:3] == article.published_at.utctimetuple()[:3]


def test_unknown_term_feed_is_a_404(client):
    assert client.get("/tr/kategori/yok/feed/").status_code == 404


@pytest.mark.parametrize("code", ["tr", "en"])
def test_pages_advertise_their_feeds_in_the_head(client, code):
    category = CategoryFactory()
    article = ArticleFactory(category=category)
    home = client.get(f"/{code}/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="ANKASAM: ' in home
    assert f'href="http://testserver/{code}/feed/atom/"' in home
    listing = client.get(feed_path(category, code)[: -len("feed/")]).content.decode()
    assert f'href="http://testserver{feed_path(category, code)}"' in listing
    assert f'href="http://testserver/{code}/feed/"' in listing
    page = client.get(article.get_absolute_url(code)).content.decode()
    assert f'href="http://testserver/{code}/feed/"' in page


@pytest.mark.parametrize("code", ["tr", "en"])
def test_feed_queries_do_not_grow_with_items(client, code):
    author = AuthorFactory()
    ArticleFactory(authors=[author])

    def cost(path):
        with CaptureQueriesContext(connection) as context:
            fetch(client, path)
        return len(context)

    paths = [f"/{code}/feed/", feed_path(author, code, "atom/")]
    few = [cost(path) for path in paths]
    for _ in range(12):
        ArticleFactory(authors=[author, AuthorFactory()])
    many = [cost(path) for path in paths]
    # (The author,) articles, bylines.
    assert few == many == [2, 3]
