"""The public article page and the lists, in Turkish and at least one other language."""

import datetime
import re

import pytest
from django.utils import timezone, translation
from lxml import html as lxml_html

from articles.models import Article
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    RegionFactory,
    TopicFactory,
)
from tests.authors.factories import AuthorFactory
from tests.citations.factories import SourceFactory

pytestmark = pytest.mark.django_db


def url(article, code):
    with translation.override(code):
        return article.get_absolute_url(code)


def test_article_url_uses_the_language_prefix_and_its_own_slug():
    article = ArticleFactory(title_tr="Işık ve Gölge", title_ru="Свет и тень")
    assert url(article, "tr") == "/tr/makale/isik-ve-golge/"
    assert url(article, "ru") == "/ru/statya/svet-i-ten/"


@pytest.mark.parametrize(
    ("code", "share", "also"),
    [
        ("tr", "Paylaş", "Bu yazı şu dillerde de mevcut:"),
        ("en", "Share", "This post is also available in:"),
        ("ru", "Поделиться", "Эта запись также доступна на:"),
    ],
)
def test_article_page_shows_the_share_row_and_other_languages(
    client, code, share, also
):
    article = ArticleFactory()
    html = client.get(url(article, code)).content.decode()
    assert share in html
    assert also in html
    for other in {"tr", "en", "ru"} - {code}:
        assert f'href="{url(article, other)}"' in html


def test_also_available_lists_only_languages_that_exist(client):
    article = ArticleFactory(languages=("tr", "ru"))
    html = client.get(url(article, "tr")).content.decode()
    sentence = re.search(r'class="article__languages">(.*?)</p>', html, re.S).group(1)
    assert "Русский" in sentence
    assert "English" not in sentence


def test_single_language_article_has_no_also_available_sentence(client):
    article = ArticleFactory(languages=("tr",))
    html = client.get(url(article, "tr")).content.decode()
    assert "article__languages" not in html


@pytest.mark.parametrize("code", ["tr", "en"])
def test_article_missing_in_a_language_is_a_404_there(client, code):
    other = "ru" if code == "tr" else "tr"
    article = ArticleFactory(languages=(other,))
    with translation.override(code):
        response = client.get(
            f"/{code}/" + ("makale" if code == "tr" else "article") + "/x/"
        )
    assert response.status_code == 404
    assert client.get(url(article, other)).status_code == 200


def test_turkish_slug_under_english_redirects_to_the_english_version(client):
    article = ArticleFactory()
    response = client.get(f"/en/article/{article.slug_tr}/")
    assert response.status_code == 302
    assert response["Location"] == url(article, "en")


def test_turkish_slug_under_english_is_404_when_no_english_version(client):
    article = ArticleFactory(languages=("tr",))
    assert client.get(f"/en/article/{article.slug_tr}/").status_code == 404


def test_title_without_body_is_not_a_language_version(client):
    article = ArticleFactory(languages=("tr",), title_en="Only a title")
    assert article.languages() == ["tr"]
    assert client.get(f"/en/article/{article.slug_en}/").status_code == 404


def test_draft_and_scheduled_articles_are_hidden(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(url(draft, "tr")).status_code == 404
    assert client.get(url(scheduled, "tr")).status_code == 404
    assert list(Article.objects.published()) == []


def test_article_page_shows_byline_in_order_and_an_author_box_each(client):
    first = AuthorFactory(
        name="Zeki Talustan Gülten", role_en="Asia-Pacific Research Assistant"
    )
    second = AuthorFactory(name="İlknur Işık")
    article = ArticleFactory(authors=[first, second])
    html = client.get(url(article, "en")).content.decode()
    byline = re.search(r'class="article__byline"[^>]*>(.*?)</ul>', html, re.S).group(1)
    assert byline.index("Zeki") < byline.index("İlknur")
    assert html.count('class="author-box"') == 2
    assert "Asia-Pacific Research Assistant" in html
    assert first.get_absolute_url() in html


def test_footnote_markers_link_to_notes_and_back(client):
    source = SourceFactory(title="A", publisher="Outlet", url="https://example.org/a")
    article = ArticleFactory(
        body_en="<p>One.[1] Two.[2] Again.[1]</p>",
        citations=[{"source": source}, {"source": SourceFactory()}],
    )
    html = client.get(url(article, "en")).content.decode()
    assert '<a href="#fn-1" id="fnref-1-1" role="doc-noteref">[1]</a>' in html
    assert 'id="fnref-1-2"' in html
    assert 'href="#fnref-1-2"' in html
    assert '<a href="https://example.org/a">https://example.org/a</a>' in html


def test_similar_posts_prefers_shared_topics_and_stays_in_language(client):
    topic, region = TopicFactory(), RegionFactory()
    article = ArticleFactory(topics=[topic], regions=[region])
    best = ArticleFactory(topics=[topic], regions=[region])
    good = ArticleFactory(topics=[topic])
    turkish_only = ArticleFactory(topics=[topic], regions=[region], languages=("tr",))
    recent = [ArticleFactory() for _ in range(3)]
    similar = list(Article.objects.public("en").similar_to(article))
    assert similar[:2] == [best, good]
    assert turkish_only not in similar
    assert len(similar) == 4
    assert similar[2] in recent
    html = client.get(url(article, "en")).content.decode()
    assert "Similar Posts" in html


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_home_groups_latest_articles_by_category(client, code):
    analysis, report = CategoryFactory(), CategoryFactory()
    ArticleFactory.create_batch(5, category=analysis)
    ArticleFactory(category=report)
    ArticleFactory(category=report, languages=("en",))
    response = client.get(f"/{code}/")
    sections = response.context["sections"]
    assert [(c, len(items)) for c, items in sections] == [(analysis, 4), (report, 1)]


def test_home_shows_articles_of_the_current_language_only(client):
    ArticleFactory(languages=("en",), title_en="Only English")
    assert "Only English" not in client.get("/tr/").content.decode()
    assert "Only English" in client.get("/en/").content.decode()


@pytest.mark.parametrize(
    ("code", "path"),
    [("tr", "kategori"), ("en", "category"), ("ru", "kategoriya")],
)
def test_category_page_lists_only_articles_in_its_language(client, code, path):
    category = CategoryFactory()
    everywhere = ArticleFactory(category=category)
    turkish = ArticleFactory(category=category, languages=("tr",))
    slug = getattr(category, f"slug_{code}")
    response = client.get(f"/{code}/{path}/{slug}/")
    articles = list(response.context["articles"])
    assert everywhere in articles
    assert (turkish in articles) == (code == "tr")


def test_region_topic_and_author_pages_list_their_articles(client):
    region, topic, author = RegionFactory(), TopicFactory(), AuthorFactory()
    article = ArticleFactory(regions=[region], topics=[topic], authors=[author])
    ArticleFactory()
    for page in (
        region.get_absolute_url(),
        topic.get_absolute_url(),
        author.get_absolute_url(),
    ):
        with translation.override("tr"):
            response = client.get(page)
        assert list(response.context["articles"]) == [article], page


def test_lists_are_paginated(client, settings):
    category = CategoryFactory()
    ArticleFactory.create_batch(settings.ARTICLES_PER_PAGE + 1, category=category)
    page_one = client.get(f"/en/category/{category.slug_en}/")
    page_two = client.get(f"/en/category/{category.slug_en}/?page=2")
    assert len(page_one.context["articles"]) == settings.ARTICLES_PER_PAGE
    assert len(page_two.context["articles"]) == 1
    assert 'rel="next"' in page_one.content.decode()
    assert client.get(f"/en/category/{category.slug_en}/?page=9").status_code == 404
    assert client.get(f"/en/category/{category.slug_en}/?page=x").status_code == 404


def test_archive_pages_by_year_and_month(client):
    when = datetime.datetime(2023, 11, 6, 9, 0, tzinfo=datetime.UTC)
    article = ArticleFactory(published_at=when)
    ArticleFactory(published_at=when.replace(year=2022))
    assert list(client.get("/tr/arsiv/2023/").context["articles"]) == [article]
    response = client.get("/ru/arkhiv/2023/11/")
    assert list(response.context["articles"]) == [article]
    assert "ноябрь 2023" in response.content.decode().lower()


@pytest.mark.parametrize(
    "path", ["/tr/arsiv/0/", "/tr/arsiv/99999/", "/en/archive/2023/13/"]
)
def test_impossible_archive_dates_are_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/tr/yok/", "Sayfa bulunamadı"),
        ("/en/nothing/", "Page not found"),
        ("/ru/net/", "Страница не найдена"),
        ("/ru/statya/net-takoi/", "Страница не найдена"),
        ("/en/category/none/", "Page not found"),
        ("/en/author/nobody/", "Page not found"),
    ],
)
def test_unknown_addresses_give_a_404_in_the_right_language(client, path, text):
    response = client.get(path)
    assert response.status_code == 404
    assert text in response.content.decode()


def test_unknown_language_prefix_is_404_in_the_readers_language(client):
    response = client.get("/de/artikel/", headers={"accept-language": "ru"})
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("ru-RU,ru;q=0.9", "/ru/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("de", "/tr/"),
        ("", "/tr/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept, target):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == target


def test_head_has_hreflang_for_existing_versions_x_default_and_canonical(client):
    article = ArticleFactory(languages=("tr", "en"))
    html = client.get(url(article, "en")).content.decode()
    host = "http://testserver"
    assert f'<link rel="canonical" href="{host}{url(article, "en")}">' in html
    assert f'hreflang="tr" href="{host}{url(article, "tr")}"' in html
    assert f'hreflang="en" href="{host}{url(article, "en")}"' in html
    assert 'rel="alternate" hreflang="ru"' not in html
    assert f'hreflang="x-default" href="{host}{url(article, "tr")}"' in html


def language_switch(response) -> dict[str, str]:
    """Where the page's language switch leads, by language, as the reader sees it."""
    tree = lxml_html.fromstring(response.content.decode())
    links = tree.xpath('//nav[@class="language-switch"]//a')
    return {link.get("hreflang"): link.get("href") for link in links}


def test_language_switch_keeps_the_article_or_goes_home(client):
    article = ArticleFactory(languages=("tr", "en"))
    response = client.get(url(article, "tr"))
    switch = language_switch(response)
    assert switch == {"tr": url(article, "tr"), "en": url(article, "en"), "ru": "/ru/"}


def test_language_switch_on_a_category_page_keeps_the_category(client):
    category = CategoryFactory(name_tr="Işık", name_en="Light", name_ru="Свет")
    response = client.get("/tr/kategori/isik/")
    switch = language_switch(response)
    assert switch == {
        "tr": "/tr/kategori/isik/",
        "en": "/en/category/light/",
        "ru": "/ru/kategoriya/svet/",
    }
    assert category.slug_ru == "svet"
