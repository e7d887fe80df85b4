"""The demo content, loaded by the command a new user runs, and every page it makes."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from articles.models import Article, Category, Region, Topic
from authors.models import Author
from pages.models import Page
from tests.html_checks import assert_valid_page

pytestmark = pytest.mark.django_db

SAMPLE_TITLE = "North Korea’s Decision to Shutdown The Diplomatic Missions"


@pytest.fixture
def demo(shared_demo):
    """The demo, loaded once for this module's tests, which only read it."""


def sample():
    return Article.objects.get(title_en=SAMPLE_TITLE)


def counts():
    return [m.objects.count() for m in (Article, Author, Category, Region, Topic, Page)]


def test_load_demo_is_idempotent(demo):
    before = counts()
    revisions = [
        list(page.revisions.values_list("pk", flat=True)) for page in Page.objects.all()
    ]
    call_command("load_demo")
    assert counts() == before
    assert [
        list(page.revisions.values_list("pk", flat=True)) for page in Page.objects.all()
    ] == revisions


@pytest.mark.parametrize(
    ("code", "about", "team", "contact"),
    [
        ("tr", "/tr/sayfa/hakkimizda/", "/tr/sayfa/ekibimiz/", "/tr/sayfa/iletisim/"),
        ("en", "/en/page/about-us/", "/en/page/team/", "/en/page/contact/"),
        (
            "ru",
            "/ru/stranitsa/o-nas/",
            "/ru/stranitsa/nasha-komanda/",
            "/ru/stranitsa/kontakty/",
        ),
    ],
)
def test_demo_has_about_team_and_contact_pages_linked_in_every_language(
    client, demo, code, about, team, contact
):
    home = client.get(f"/{code}/").content.decode()
    header, footer = home.split('class="site-footer"')
    assert f'href="{about}"' in header
    assert f'href="{team}"' in footer and f'href="{contact}"' in footer
    for path in (about, team, contact):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_valid_page(response.content.decode())
    experts = {"tr": "/tr/uzmanlar/", "en": "/en/experts/", "ru": "/ru/eksperty/"}
    team_page = client.get(team).content.decode()
    assert f'href="{experts[code]}"' in team_page
    assert client.get(experts[code]).status_code == 200


def test_demo_has_the_sample_in_three_languages_with_its_author(demo):
    article = sample()
    assert article.public_languages() == ["tr", "en", "ru"]
    assert [link.author.name for link in article.article_authors.all()] == [
        "Zeki Talustan Gülten"
    ]
    author = article.authors.get()
    assert author.role_en == "Asia-Pacific Research Assistant"
    assert author.photo and author.photo.width == author.photo.height == 400
    assert article.citations.count() == 7
    for code in ("tr", "en", "ru"):
        assert getattr(article, f"notes_html_{code}").count("<li ") == 7, code
        body = getattr(article, f"body_{code}")
        assert all(f"[{n}]" in body for n in range(1, 8)), code


def test_demo_has_enough_articles_to_browse(demo):
    public = Article.objects.published()
    assert public.count() >= 13
    languages = [tuple(a.languages()) for a in public]
    assert any(len(codes) == 1 for codes in languages)
    assert any(len(codes) == 2 for codes in languages)
    assert all(Article.objects.public(code).count() > 4 for code in ("tr", "en", "ru"))
    assert len({a.category_id for a in public}) == Category.objects.count() >= 4
    assert Author.objects.filter(articles__isnull=False).distinct().count() >= 4


@pytest.mark.parametrize("code", ["tr", "en", "ru"])
def test_demo_front_pages_lead_with_the_sample_and_have_picks(client, demo, code):
    front = client.get(f"/{code}/").context["front"]
    assert front.lead == sample()
    assert len(front.picks) == 3


def test_demo_articles_have_covers_described_in_each_of_their_languages(demo):
    for article in Article.objects.select_related("featured_image"):
        image = article.featured_image  # from the media library
        assert image.width >= 1440, article
        for code in article.languages():
            alt = getattr(image, f"alt_{code}")
            assert alt, (article, code)
            assert code == "en" or alt != image.alt_en, code


@pytest.mark.parametrize("code", ["tr", "en", "ru"])
def test_demo_front_pages_show_the_covers(client, demo, code):
    response = client.get(f"/{code}/")
    html, front = response.content.decode(), response.context["front"]
    shown = [front.lead, *front.picks]
    for article in shown:
        alt = getattr(article.featured_image, f"alt_{code}")
        assert f'alt="{alt}"' in html, (code, alt)
    assert html.count("srcset=") >= len(shown)


@pytest.mark.parametrize("code", ["tr", "en", "ru"])
def test_every_demo_page_renders_valid_html(client, demo, code):
    with translation.override(code):
        pages = [f"/{code}/"]
        pages += [a.get_absolute_url(code) for a in Article.objects.public(code)]
        pages += [c.get_absolute_url() for c in Category.objects.all()]
        pages += [r.get_absolute_url() for r in Region.objects.all()]
        pages += [t.get_absolute_url() for t in Topic.objects.all()]
        pages += [a.get_absolute_url() for a in Author.objects.all()]
        pages += [p.get_absolute_url(code) for p in Page.objects.public(code)]
        pages += [reverse("authors:experts")]
        pages += [
            f"/{code}/"
            + ("arsiv" if code == "tr" else "archive" if code == "en" else "arkhiv")
            + "/2023/11/"
        ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert_valid_page(response.content.decode())


def test_the_404_page_is_valid_html(client, demo):
    response = client.get("/ru/net/")
    assert response.status_code == 404
    assert_valid_page(response.content.decode())
