"""Canonical, description, Open Graph and Twitter tags, and the 1200×630 share image."""

import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.timezone import localtime
from PIL import Image

from tests.articles.factories import ArticleFactory, TopicFactory
from tests.authors.factories import AuthorFactory
from tests.library.factories import ImageFactory

pytestmark = pytest.mark.django_db


def metas(html) -> list[tuple[str, str]]:
    return re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html)


def page(client, article, code):
    with translation.override(code):
        response = client.get(article.get_absolute_url(code))
    assert response.status_code == 200
    return response.content.decode()


def jpeg(width, height) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, format="JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), "image/jpeg")


@pytest.mark.parametrize(
    ("code", "locale", "others"),
    [("tr", "tr_TR", {"en_US", "ru_RU"}), ("ru", "ru_RU", {"tr_TR"})],
)
def test_article_has_open_graph_tags_in_its_language(client, code, locale, others):
    author = AuthorFactory(name="Zeki Talustan Gülten")
    article = ArticleFactory(
        authors=[author],
        topics=[TopicFactory()],
        languages=("tr", "ru") if code == "ru" else ("tr", "en", "ru"),
    )
    html = page(client, article, code)
    tags = metas(html)
    found = dict(tags)
    url = "http://testserver" + article.get_absolute_url(code)
    assert f'<link rel="canonical" href="{url}">' in html
    assert found["description"] == getattr(article, f"summary_{code}")
    assert found["og:type"] == "article"
    assert found["og:title"] == getattr(article, f"title_{code}")
    assert found["og:url"] == url
    assert found["og:locale"] == locale
    assert {v for k, v in tags if k == "og:locale:alternate"} == others
    with translation.override(code):
        assert found["article:author"] == (
            "http://testserver" + author.get_absolute_url()
        )
    # The same instant, in the site's time zone like the page's date.
    assert (
        found["article:published_time"] == localtime(article.published_at).isoformat()
    )
    assert found["twitter:card"] == "summary_large_image"
    assert found["twitter:title"] == found["og:title"]
    assert (found["og:image:width"], found["og:image:height"]) == ("1200", "630")


def test_share_image_is_the_featured_images_1200_by_630_rendition(client, settings):
    image = ImageFactory(file=jpeg(2000, 2000))  # renditions made by its job
    article = ArticleFactory(featured_image=image)
    found = dict(metas(page(client, article, "en")))
    path = found["og:image"].removeprefix("http://testserver/media/")
    assert path == image.file_renditions["share"]
    with Image.open(settings.MEDIA_ROOT / path) as image:
        assert image.size == (1200, 630)
    assert found["twitter:image"] == found["og:image"]
    assert dict(metas(page(client, article, "tr")))["og:image"] == found["og:image"]


def test_without_a_featured_image_the_share_image_is_the_site_card(client):
    article = ArticleFactory()
    found = dict(metas(page(client, article, "tr")))
    assert found["og:image"] == "http://testserver/static/img/ankasam-share.png"
    assert (found["og:image:width"], found["og:image:height"]) == ("1200", "630")
    with Image.open(finders.find("img/ankasam-share.png")) as image:
        assert image.size == (1200, 630)


def test_other_pages_have_website_open_graph_tags(client):
    ArticleFactory()
    found = dict(metas(client.get("/en/").content.decode()))
    assert found["og:type"] == "website"
    assert found["og:locale"] == "en_US"
    assert found["og:url"] == "http://testserver/en/"


def test_social_tags_escape_quotes_and_markup(client):
    article = ArticleFactory(title_en='Say "no" <b>now</b>', summary_en='A "quote"')
    html = page(client, article, "en")
    assert 'content="Say &quot;no&quot; &lt;b&gt;now&lt;/b&gt;"' in html
