"""A save ends exactly the stored pages that show what it changed, on every kind
of page; the other stored pages keep being served from the cache."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone, translation
from django.utils.timezone import localtime

from articles.models import Article
from editorial.services import article_save, article_trash
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    RegionFactory,
    TopicFactory,
)
from tests.authors.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def url(obj, code, **kwargs):
    with translation.override(code):
        return obj.get_absolute_url(**kwargs)


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response["X-Page-Cache"], response.content.decode()


def stored(client, path) -> str:
    """Fetch ``path`` until it is served from the cache; its HTML."""
    get(client, path)
    state, html = get(client, path)
    assert state == "hit", path
    return html


WORDS = ["Kafkasya", "Balkanlar", "Pasifik", "Sahel", "Arktik", "Levant"]


def test_editing_one_article_leaves_the_other_article_pages_cached(client):
    # Titles sharing no word: no article lists another as similar.
    articles = [
        ArticleFactory(
            languages=("tr", "en"),
            title_tr=word,
            title_en=f"The {word}",
            summary_tr="",
            summary_en="",
        )
        for word in WORDS
    ]
    paths = [url(a, code, language=code) for a in articles for code in ("tr", "en")]
    for path in paths:
        stored(client, path)
    edited = articles[0]
    edited.title_en = "A new English title"
    article_save(article=edited)
    states = {path: get(client, path)[0] for path in paths}
    assert states.pop(url(edited, "tr", language="tr")) == "miss"
    assert states.pop(url(edited, "en", language="en")) == "miss"
    assert set(states.values()) == {"hit"}


@pytest.mark.parametrize("code", ["tr", "en"])
def test_a_new_article_appears_on_the_home_page_and_its_lists(client, code):
    category, region, topic, author = (
        CategoryFactory(),
        RegionFactory(),
        TopicFactory(),
        AuthorFactory(),
    )
    ArticleFactory(category=category, regions=[region], topics=[topic])
    ArticleFactory(authors=[author])
    pages = [
        f"/{code}/",
        url(category, code),
        url(region, code),
        url(topic, code),
        url(author, code),
        f"/{code}/feed/",
    ]
    for path in pages:
        stored(client, path)
    new = ArticleFactory(
        category=category, regions=[region], topics=[topic], authors=[author]
    )
    title = getattr(new, f"title_{code}")
    for path in pages:
        state, html = get(client, path)
        assert state == "miss", path
        assert title in html, path


@pytest.mark.parametrize("code", ["tr", "en"])
def test_a_retitled_article_changes_on_every_page_listing_it(client, code):
    category = CategoryFactory()
    article = ArticleFactory(category=category)
    year = localtime(article.published_at).year
    archive = f"/{code}/{'arsiv' if code == 'tr' else 'archive'}/{year}/"
    pages = [f"/{code}/", url(category, code), archive, f"/{code}/feed/"]
    for path in pages:
        stored(client, path)
    setattr(article, f"title_{code}", "Başka Bir Başlık")
    article_save(article=article)
    for path in pages:
        state, html = get(client, path)
        assert state == "miss", path
        assert "Başka Bir Başlık" in html, path


def test_an_article_that_leaves_a_topic_leaves_its_list(client):
    topic, other = TopicFactory(), TopicFactory()
    article = ArticleFactory(topics=[topic])
    ArticleFactory(topics=[other])
    path, other_path = url(topic, "tr"), url(other, "tr")
    assert article.title_tr in stored(client, path)
    stored(client, other_path)
    article_save(article=article, topics=[])
    state, html = get(client, path)
    assert state == "miss"
    assert article.title_tr not in html
    assert get(client, other_path)[0] == "hit"


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_an_author_page_follows_the_authors_name(client, code):
    author = AuthorFactory(name="Ayşe Yılmaz")
    article = ArticleFactory(authors=[author])
    unrelated = ArticleFactory()
    pages = [url(author, code), url(article, code, language=code)]
    for path in pages:
        stored(client, path)
    stored(client, url(unrelated, code, language=code))
    author.name = "Ayşe Yılmaz-Demir"
    author.save()
    for path in pages:
        state, html = get(client, path)
        assert state == "miss", path
        assert "Ayşe Yılmaz-Demir" in html, path
    assert get(client, url(unrelated, code, language=code))[0] == "hit"


def test_unpublishing_one_language_ends_its_lists_only(client, admin_user):
    article = ArticleFactory()
    for code in ("tr", "en"):
        stored(client, f"/{code}/")
    article.status_en = Article.Status.DRAFT
    article_save(article=article)
    state, html = get(client, "/en/")
    assert state == "miss"
    assert article.title_en not in html
    assert get(client, "/tr/")[0] == "miss"  # the article's hreflang alternates
    assert article.title_tr in get(client, "/tr/")[1]


def test_the_sitemap_follows_publication_and_trash(client, admin_user):
    article = ArticleFactory()
    stored(client, "/sitemap.xml")
    new = ArticleFactory()
    state, xml = get(client, "/sitemap.xml")
    assert state == "miss"
    assert new.slug_tr in xml
    stored(client, "/sitemap.xml")
    article_trash(article=article, user=admin_user)
    state, xml = get(client, "/sitemap.xml")
    assert state == "miss"
    assert article.slug_tr not in xml


def distinct(word):
    """Titles and summaries sharing no word with another article's."""
    return {
        "languages": ("tr", "en"),
        "title_tr": word,
        "title_en": f"The {word}",
        "summary_tr": "",
        "summary_en": "",
    }


@pytest.mark.parametrize("code", ["tr", "en"])
def test_similar_articles_follow_on_another_articles_page(client, code):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic], **distinct("Kafkasya"))
    path = url(article, code, language=code)
    stored(client, path)
    alike = ArticleFactory(topics=[topic], **distinct("Balkanlar"))
    state, html = get(client, path)
    assert state == "miss"
    assert getattr(alike, f"title_{code}") in html
    stored(client, path)
    setattr(alike, f"title_{code}", "Yeni benzer başlık")
    article_save(article=alike)
    state, html = get(client, path)
    assert state == "miss"
    assert "Yeni benzer başlık" in html
    stored(client, path)
    article_save(article=alike, topics=[])
    state, html = get(client, path)
    assert state == "miss"
    assert "Yeni benzer başlık" not in html


def test_a_trashed_similar_article_leaves_the_page(client, admin_user):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    alike = ArticleFactory(topics=[topic])
    path = url(article, "tr", language="tr")
    assert alike.title_tr in stored(client, path)
    article_trash(article=alike, user=admin_user)
    state, html = get(client, path)
    assert state == "miss"
    assert alike.title_tr not in html


@pytest.mark.parametrize("code", ["tr", "en"])
def test_a_scheduled_similar_article_appears_when_it_goes_live(client, code):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    soon = timezone.now() + datetime.timedelta(hours=2)
    scheduled = ArticleFactory(topics=[topic], published_at=soon)
    path = url(article, code, language=code)
    title = getattr(scheduled, f"title_{code}")
    assert title not in stored(client, path)
    later = soon + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        state, html = get(client, path)
    assert state == "miss"
    assert title in html


def test_a_region_rename_shows_on_its_articles_and_list(client):
    region = RegionFactory(name_tr="Kafkasya")
    article = ArticleFactory(regions=[region])
    pages = [url(region, "tr"), url(article, "tr", language="tr")]
    for path in pages:
        stored(client, path)
    region.name_tr = "Güney Kafkasya"
    region.save()
    for path in pages:
        state, html = get(client, path)
        assert state == "miss", path
        assert "Güney Kafkasya" in html, path
