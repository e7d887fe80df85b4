"""The experts directory: per language, filtered by the regions and topics of the
experts' published work; read over HTTP as readers use it."""

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from authors.models import Author
from library.models import Image as LibraryImage
from tests.articles.factories import ArticleFactory, RegionFactory, TopicFactory
from tests.authors.factories import AuthorFactory
from tests.html_checks import assert_valid_page
from tests.library.factories import ImageFactory

pytestmark = pytest.mark.django_db


def html_of(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def test_directory_lists_authors_of_published_work_with_role_and_link(client):
    writer = AuthorFactory(name="İlknur Işık", role_tr="Avrasya Araştırma Asistanı")
    ArticleFactory(authors=[writer])
    AuthorFactory(name="Yazmamış Biri")  # no published article: not an expert here
    html = html_of(client, "/tr/uzmanlar/")
    assert_valid_page(html)
    assert "İlknur Işık" in html and "Avrasya Araştırma Asistanı" in html
    assert f'href="{writer.get_absolute_url()}"' in html
    assert "Yazmamış Biri" not in html


def test_an_experts_photo_stands_beside_the_name(client):
    writer = AuthorFactory(name="Zeki Talustan Gülten")
    portrait = ImageFactory(alt_tr="Zeki Talustan Gülten")
    LibraryImage.objects.filter(pk=portrait.pk).update(
        file_renditions={"source": "library/z.jpg", "width": 400, "height": 400}
    )
    Author.objects.filter(pk=writer.pk).update(photo=portrait)
    ArticleFactory(authors=[writer])
    page = lxml.html.document_fromstring(client.get("/en/experts/").content)
    [expert] = page.xpath('//li[@class="expert"]')
    [photo] = expert.xpath(".//img")
    assert (photo.get("src"), photo.get("width"), photo.get("alt")) == (
        "/media/library/z.jpg",
        "400",
        "",  # the name stands beside it
    )
    assert expert.xpath(".//h2/a")[0].text_content() == "Zeki Talustan Gülten"


def test_directory_is_per_language(client):
    turkish_only = AuthorFactory(name="Türkçe Yazar", role_en="Analyst")
    ArticleFactory(authors=[turkish_only], languages=("tr",))
    both = AuthorFactory(name="Both Languages", role_en="Senior Fellow")
    ArticleFactory(authors=[both], languages=("tr", "en"))
    english = html_of(client, "/en/experts/")
    assert "Both Languages" in english and "Senior Fellow" in english
    assert "Türkçe Yazar" not in english
    assert "Türkçe Yazar" in html_of(client, "/tr/uzmanlar/")


def test_a_draft_or_trashed_article_makes_nobody_an_expert(client):
    drafter = AuthorFactory(name="Taslakçı")
    ArticleFactory(authors=[drafter], status=Article.Status.DRAFT)
    assert "Taslakçı" not in html_of(client, "/tr/uzmanlar/")


def test_filter_by_region_and_by_topic(client):
    caucasus = RegionFactory(name_tr="Kafkasya", slug_tr="kafkasya")
    energy = TopicFactory(name_tr="Enerji", slug_tr="enerji")
    on_caucasus = AuthorFactory(name="Kafkas Uzmanı")
    on_energy = AuthorFactory(name="Enerji Uzmanı")
    ArticleFactory(authors=[on_caucasus], regions=[caucasus])
    ArticleFactory(authors=[on_energy], topics=[energy])
    everyone = html_of(client, "/tr/uzmanlar/")
    assert "Kafkas Uzmanı" in everyone and "Enerji Uzmanı" in everyone
    assert '<option value="kafkasya">Kafkasya</option>' in everyone
    by_region = html_of(client, "/tr/uzmanlar/?region=kafkasya")
    assert "Kafkas Uzmanı" in by_region and "Enerji Uzmanı" not in by_region
    assert '<option value="kafkasya" selected>' in by_region
    by_topic = html_of(client, "/tr/uzmanlar/?topic=enerji")
    assert "Enerji Uzmanı" in by_topic and "Kafkas Uzmanı" not in by_topic
    both = html_of(client, "/tr/uzmanlar/?region=kafkasya&topic=enerji")
    assert "Uzmanı" not in both.split('class="experts"')[1]


def test_filters_offer_only_terms_of_published_work_in_that_language(client):
    unused = RegionFactory(name_en="Antarctica", slug_en="antarctica")
    drafted = RegionFactory(name_en="Arctic", slug_en="arctic")
    ArticleFactory(regions=[drafted], status=Article.Status.DRAFT)
    html = html_of(client, "/en/experts/")
    assert "Antarctica" not in html and "Arctic" not in html
    assert unused.pk  # exists, unused
    html_of(client, "/en/experts/?region=antarctica", status=404)


def test_an_unknown_or_hostile_filter_is_a_404_never_a_500(client):
    ArticleFactory()
    for value in ("yok", "İ" * 300, "x'; drop table", "%00"):
        assert client.get("/tr/uzmanlar/", {"region": value}).status_code in (400, 404)
        assert client.get("/tr/uzmanlar/", {"topic": value}).status_code in (400, 404)
    assert client.get("/tr/uzmanlar/?region=%00").status_code == 400


def test_the_directory_is_in_the_navigation_of_every_language(client):
    for code, path in (("tr", "/tr/uzmanlar/"), ("en", "/en/experts/")):
        assert f'href="{path}"' in html_of(client, f"/{code}/")
    assert 'href="/ru/eksperty/"' in html_of(client, "/ru/")


def test_language_switch_leads_to_the_directory_in_each_language(client):
    html = html_of(client, "/tr/uzmanlar/")
    switch = html.split('class="language-switch"')[1].split("</nav>")[0]
    assert 'href="/en/experts/"' in switch and 'href="/ru/eksperty/"' in switch


def test_directory_is_cached_unfiltered_only(client):
    region = RegionFactory(slug_tr="balkanlar")
    ArticleFactory(regions=[region])
    assert client.get("/tr/uzmanlar/")["X-Page-Cache"] == "miss"
    assert client.get("/tr/uzmanlar/")["X-Page-Cache"] == "hit"
    assert client.get("/tr/uzmanlar/?region=balkanlar")["X-Page-Cache"] == "bypass"


# The regions and the topics to choose from, the experts, the navigation
# (categories and pages).
EXPERTS_QUERIES = 4


def count_queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    assert response["X-Page-Cache"] in ("miss", "bypass")
    return len(context)


@pytest.mark.parametrize("code", ["tr", "en"])
def test_directory_queries_do_not_grow_with_experts_or_terms(client, code):
    region, topic = RegionFactory(), TopicFactory()
    ArticleFactory(authors=[AuthorFactory()], regions=[region], topics=[topic])
    path = "/tr/uzmanlar/" if code == "tr" else "/en/experts/"
    slug = getattr(region, f"slug_{code}")
    few = count_queries(client, path)
    few_filtered = count_queries(client, f"{path}?region={slug}")
    for _n in range(6):
        ArticleFactory(
            authors=[AuthorFactory(), AuthorFactory()],
            regions=[region, RegionFactory()],
            topics=[TopicFactory()],
        )
    client.cookies.clear()
    many = count_queries(client, path + "?page=1")
    many_filtered = count_queries(client, f"{path}?region={slug}")
    assert few == many == few_filtered == many_filtered == EXPERTS_QUERIES
