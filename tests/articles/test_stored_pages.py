"""Article pages rendered at save time (``articles.stored``): a page with current
stored parts shows exactly what the page rendered on the fly shows, and every
change to what they show renders them again (or makes the page render them)."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse, set_script_prefix
from django.utils import timezone, translation

from articles.models import Article, Region, StoredPage
from articles.stored import PLACEHOLDER, pages_unrendered
from editorial.services import article_save
from pages.models import Page
from pages.services import page_save
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    RegionFactory,
    TopicFactory,
)
from tests.authors.factories import AuthorFactory
from tests.formdata import resubmit
from tests.pages.factories import PageFactory

pytestmark = pytest.mark.django_db


def url(article, code):
    with translation.override(code):
        return article.get_absolute_url(code)


def page(client, article, code, **kwargs) -> str:
    """The page as rendered now (the page cache off, so each GET renders)."""
    response = client.get(url(article, code), **kwargs)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def rows(article) -> dict[str, StoredPage]:
    return {row.language: row for row in StoredPage.objects.filter(article=article)}


def test_saving_stores_the_parts_of_each_published_language():
    article = ArticleFactory(
        languages=("tr", "en", "ru"), status_ru=Article.Status.DRAFT
    )
    stored = rows(article)
    assert sorted(stored) == ["en", "tr"]  # no parts for a draft
    assert article.title_en in stored["en"].document
    assert f"article:{article.pk}" in stored["tr"].tags
    assert stored["tr"].languages == "tr,en"
    assert not stored["tr"].stale


@pytest.mark.parametrize("code", ["tr", "en", "ru"])
def test_a_page_from_stored_parts_is_the_page_rendered_on_the_fly(client, code):
    topic = TopicFactory()
    similar = ArticleFactory(topics=[topic])
    russian = {"body_ru": "<p>Институт в Анкаре.</p>", "status_ru": "published"}
    menu = PageFactory(placement=Page.Placement.MENU, title_ru="О нас", **russian)
    footer = PageFactory(
        placement=Page.Placement.FOOTER, title_ru="Контакты", **russian
    )
    article = ArticleFactory(authors=[AuthorFactory(), AuthorFactory()], topics=[topic])
    from_store = page(client, article, code, secure=True)
    StoredPage.objects.update(stale=True)
    on_the_fly = page(client, article, code, secure=True)
    assert from_store == on_the_fly
    # What the stored page is filled in with, and what it holds.
    for shown in (
        getattr(similar, f"title_{code}"),
        getattr(menu, f"title_{code}"),
        getattr(footer, f"title_{code}"),
        article.authors.first().name,
    ):
        assert shown in from_store
    assert "<!--stored:" not in from_store


def test_a_stored_page_shows_the_menus_of_now(client):
    article = ArticleFactory()
    menu = PageFactory(placement=Page.Placement.MENU)
    assert menu.title_tr in page(client, article, "tr")
    menu.title_tr = "Künye ve İletişim"
    page_save(page=menu)
    html = page(client, article, "tr")
    assert "Künye ve İletişim" in html
    assert not StoredPage.objects.filter(stale=True).exists()


def test_under_another_script_prefix_the_page_is_rendered_on_the_fly(client):
    """A site behind a proxy's SCRIPT_NAME (the WSGI handler sets the prefix; the
    test client does not, so the test does)."""
    article = ArticleFactory()
    address = url(article, "en")
    set_script_prefix("/site/")
    try:
        response = client.get(address, SCRIPT_NAME="/site")
    finally:
        set_script_prefix("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<link rel="canonical" href="http://testserver/site{address}">' in html
    assert 'href="/site/en/experts/"' in html
    assert f'href="{address}"' not in html


def test_stored_parts_get_the_readers_origin(client, settings):
    settings.ALLOWED_HOSTS = ["ankasam.example"]
    article = ArticleFactory()
    html = page(client, article, "en", secure=True, HTTP_HOST="ankasam.example")
    assert PLACEHOLDER not in html
    assert "stored-page.invalid" not in html
    # JSON-LD and meta tags, the share links (quoted two ways), the copy link.
    assert f'"https://ankasam.example{url(article, "en")}"' in html
    assert "url=https%3A%2F%2Fankasam.example%2Fen%2F" in html
    assert "body=https%3A//ankasam.example/en/" in html
    assert f'data-copy-url="https://ankasam.example{url(article, "en")}"' in html


def test_a_scheduled_version_going_live_shows_on_the_other_languages(client):
    later = timezone.now() + datetime.timedelta(hours=2)
    article = ArticleFactory(languages=("tr", "en"))
    article.published_at_en = later
    article_save(article=article)
    assert 'hreflang="en" lang="en">English' not in page(client, article, "tr")
    # Time passes: the English version is live, without any save.
    Article.objects.filter(pk=article.pk).update(
        published_at_en=timezone.now() - datetime.timedelta(minutes=1)
    )
    html = page(client, article, "tr")
    assert 'hreflang="en" lang="en">English</a>' in html
    assert rows(article)["tr"].languages == "tr"  # rendered on the fly meanwhile
    # The English page itself was stored as it would be once live.
    assert rows(article)["en"].languages == "tr,en"


def test_an_author_renamed_in_the_admin_is_shown_on_their_articles(
    admin_client, django_capture_on_commit_callbacks
):
    author = AuthorFactory(name="Ayşe Yılmaz")
    article = ArticleFactory(authors=[author])
    assert "Ayşe Yılmaz" in rows(article)["tr"].document
    address = reverse("admin:authors_author_change", args=[author.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = resubmit(admin_client, address, {"name": "Ayşe Yılmaz-Demir"})
    assert response.status_code == 302
    stored = rows(article)
    # The job (run at once in tests, by the worker in production) rendered them.
    assert not any(row.stale for row in stored.values())
    assert "Ayşe Yılmaz-Demir" in stored["tr"].document
    assert "Ayşe Yılmaz-Demir" in page(admin_client.__class__(), article, "ru")


def test_a_category_renamed_in_the_admin_is_shown_on_its_articles(
    client, admin_client, django_capture_on_commit_callbacks
):
    category = CategoryFactory(name_tr="Analiz")
    article = ArticleFactory(category=category)
    address = reverse("admin:articles_category_change", args=[category.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = resubmit(admin_client, address, {"name_tr": "Değerlendirme"})
    assert response.status_code == 302
    # Before the worker has run, the page renders the parts on the fly.
    assert rows(article)["tr"].stale
    assert "Değerlendirme" in page(client, article, "tr")
    for callback in callbacks:
        callback()
    assert "Değerlendirme" in rows(article)["tr"].document
    assert not rows(article)["tr"].stale


def test_a_deleted_region_leaves_its_articles(client, admin_client):
    region = RegionFactory(name_tr="Kafkasya")
    article = ArticleFactory(regions=[region])
    assert "Kafkasya" in page(client, article, "tr")
    address = reverse("admin:articles_region_delete", args=[region.pk])
    response = admin_client.post(address, {"post": "yes"})
    assert response.status_code == 302
    assert not Region.objects.filter(pk=region.pk).exists()
    assert "Kafkasya" not in page(client, article, "tr")


def test_parts_from_other_templates_are_not_shown(client):
    article = ArticleFactory()
    StoredPage.objects.update(
        document="<p>rendered by an older release</p>", version="0"
    )
    html = page(client, article, "tr")
    assert "older release" not in html
    assert article.title_tr in html


def test_the_command_renders_what_needs_it_after_a_deploy():
    fresh = ArticleFactory()
    old = ArticleFactory()
    missing = ArticleFactory()
    StoredPage.objects.filter(article=old).update(version="0")
    StoredPage.objects.filter(article=missing).delete()
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert pages_unrendered() == [old.pk, missing.pk]
    call_command("pages_render", verbosity=0)
    assert pages_unrendered() == []
    assert sorted(rows(missing)) == ["en", "ru", "tr"]
    assert rows(draft) == {}
    assert pages_unrendered(everything=True) == [fresh.pk, old.pk, missing.pk, draft.pk]


def test_a_deploy_can_leave_the_rendering_to_the_worker():
    old = ArticleFactory()
    StoredPage.objects.filter(article=old).update(
        version="0", document="<p>older release</p>"
    )
    # The job is run at once in tests (the worker's queue in production).
    call_command("pages_render", "--worker", verbosity=0)
    assert pages_unrendered() == []
    assert "older release" not in rows(old)["tr"].document


def test_unpublishing_a_language_forgets_its_parts():
    article = ArticleFactory()
    article.status_ru = Article.Status.DRAFT
    article_save(article=article)
    assert sorted(rows(article)) == ["en", "tr"]
