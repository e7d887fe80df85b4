"""Changed slugs keep old links alive: a test per kind of page, through the real
write paths (the article write path, the admin's forms), read over HTTP."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from editorial.services import article_save
from redirects.models import Redirect
from redirects.services import redirect_record
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    RegionFactory,
    TopicFactory,
)
from tests.authors.factories import AuthorFactory
from tests.formdata import resubmit

pytestmark = pytest.mark.django_db


def follow_once(client, path):
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


def rename_article(article, **slugs):
    article.refresh_from_db()
    for code, slug in slugs.items():
        setattr(article, f"slug_{code}", slug)
    return article_save(article=article).article


# --- articles ------------------------------------------------------------------------


def test_article_slug_change_redirects_the_old_address_in_turkish(client):
    article = ArticleFactory(slug_tr="isik-eski", slug_en="light-old")
    old = article.get_absolute_url("tr")
    rename_article(article, tr="isik-yeni")
    assert follow_once(client, old) == "/tr/makale/isik-yeni/"
    assert client.get("/tr/makale/isik-yeni/").status_code == 200
    # English kept its slug: nothing recorded for it.
    assert list(Redirect.objects.values_list("language", "kind")) == [("tr", "article")]


def test_article_slug_change_in_english_and_russian(client):
    article = ArticleFactory(slug_en="light-old", slug_ru="svet-staryi")
    rename_article(article, en="light-new", ru="svet-novyi")
    assert follow_once(client, "/en/article/light-old/") == "/en/article/light-new/"
    assert follow_once(client, "/ru/statya/svet-staryi/") == "/ru/statya/svet-novyi/"


def test_article_redirect_keeps_what_lies_under_the_old_address(client):
    article = ArticleFactory(slug_en="light-old")
    rename_article(article, en="light-new")
    location = follow_once(client, "/en/article/light-old/reference.bib")
    assert location == "/en/article/light-new/reference.bib"
    assert client.get(location).status_code == 200


def test_redirect_keeps_the_query_string(client):
    article = ArticleFactory(slug_en="light-old")
    rename_article(article, en="light-new")
    response = client.get("/en/article/light-old/?utm_source=newsletter")
    assert response["Location"] == "/en/article/light-new/?utm_source=newsletter"


def test_draft_version_slug_change_records_nothing(client):
    article = ArticleFactory(
        slug_en="light-old", status_en=Article.Status.DRAFT, published_at_en=None
    )
    rename_article(article, en="light-new")
    assert not Redirect.objects.exists()


def test_article_slug_change_through_the_admin_form(admin_client, client):
    article = ArticleFactory(slug_tr="eski-adres")
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = resubmit(admin_client, url, {"slug_tr": "yeni-adres"}, submit="_save")
    assert response.status_code == 302, response.content[:2000]
    assert follow_once(client, "/tr/makale/eski-adres/") == "/tr/makale/yeni-adres/"


def test_chains_collapse(client):
    article = ArticleFactory(slug_en="a-slug")
    rename_article(article, en="b-slug")
    rename_article(article, en="c-slug")
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {
        "/en/article/a-slug/": "/en/article/c-slug/",
        "/en/article/b-slug/": "/en/article/c-slug/",
    }
    assert follow_once(client, "/en/article/a-slug/") == "/en/article/c-slug/"


def test_changing_back_to_an_old_slug_removes_its_redirect(client):
    article = ArticleFactory(slug_en="a-slug")
    rename_article(article, en="b-slug")
    rename_article(article, en="a-slug")
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {
        "/en/article/b-slug/": "/en/article/a-slug/",
    }
    assert client.get("/en/article/a-slug/").status_code == 200
    assert follow_once(client, "/en/article/b-slug/") == "/en/article/a-slug/"


def test_a_live_page_is_never_redirected(client):
    article = ArticleFactory(slug_en="live")
    other = ArticleFactory(slug_en="other")
    redirect_record(
        old_path=article.get_absolute_url("en"),
        new_path=other.get_absolute_url("en"),
        kind="manual",
    )
    assert client.get("/en/article/live/").status_code == 200


# --- taxonomy and authors, through their admin forms --------------------------------


@pytest.mark.parametrize(
    ("factory", "admin_name", "segments"),
    [
        (CategoryFactory, "category", {"tr": "kategori", "en": "category"}),
        (RegionFactory, "region", {"tr": "bolge", "en": "region"}),
        (TopicFactory, "topic", {"tr": "konu", "en": "topic"}),
    ],
)
def test_term_slug_change_in_the_admin_redirects(
    admin_client, client, factory, admin_name, segments
):
    term = factory(slug_tr="eski-ad", slug_en="old-name")
    url = reverse(f"admin:articles_{admin_name}_change", args=[term.pk])
    response = resubmit(
        admin_client, url, {"slug_tr": "yeni-ad", "slug_en": "new-name"}, submit="_save"
    )
    assert response.status_code == 302, response.content[:2000]
    tr, en = segments["tr"], segments["en"]
    assert follow_once(client, f"/tr/{tr}/eski-ad/") == f"/tr/{tr}/yeni-ad/"
    assert follow_once(client, f"/en/{en}/old-name/") == f"/en/{en}/new-name/"
    assert follow_once(client, f"/en/{en}/old-name/feed/") == f"/en/{en}/new-name/feed/"
    assert set(Redirect.objects.values_list("kind", flat=True)) == {admin_name}


def test_author_slug_change_in_the_admin_redirects_in_every_language(
    admin_client, client
):
    author = AuthorFactory(slug="eski-yazar")
    url = reverse("admin:authors_author_change", args=[author.pk])
    response = resubmit(admin_client, url, {"slug": "yeni-yazar"}, submit="_save")
    assert response.status_code == 302, response.content[:2000]
    assert follow_once(client, "/tr/yazar/eski-yazar/") == "/tr/yazar/yeni-yazar/"
    assert follow_once(client, "/en/author/eski-yazar/") == "/en/author/yeni-yazar/"
    assert follow_once(client, "/ru/avtor/eski-yazar/") == "/ru/avtor/yeni-yazar/"


def test_resaving_without_a_slug_change_records_nothing(admin_client):
    author = AuthorFactory(slug="ayni")
    url = reverse("admin:authors_author_change", args=[author.pk])
    assert resubmit(admin_client, url, submit="_save").status_code == 302
    assert not Redirect.objects.exists()


# --- editors' redirects in the admin ------------------------------------------------


def add_redirect(admin_client, old, new, **extra):
    data = {"old_path": old, "new_path": new, "language": "tr", "kind": "manual"}
    data.update(extra)
    return admin_client.post(reverse("admin:redirects_redirect_add"), data)


def test_editor_adds_a_redirect_in_the_admin(admin_client, client):
    ArticleFactory(slug_tr="hedef")
    response = add_redirect(admin_client, "/tr/kampanya/", "/tr/makale/hedef/")
    assert response.status_code == 302
    assert follow_once(client, "/tr/kampanya/") == "/tr/makale/hedef/"


def test_admin_refuses_a_redirect_to_itself(admin_client):
    response = add_redirect(admin_client, "/tr/ayni/", "/tr/ayni/")
    assert response.status_code == 200
    assert "a redirect to itself loops" in response.content.decode() or (
        "kendisine" in response.content.decode()
    )
    assert not Redirect.objects.exists()


def test_admin_refuses_a_loop_through_another_redirect(admin_client):
    Redirect.objects.create(old_path="/tr/b/", new_path="/tr/a/", kind="manual")
    response = add_redirect(admin_client, "/tr/a/", "/tr/b/")
    assert response.status_code == 200
    assert Redirect.objects.count() == 1


def test_admin_refuses_an_address_elsewhere(admin_client):
    response = add_redirect(admin_client, "/tr/a/", "//evil.example/")
    assert response.status_code == 200
    assert not Redirect.objects.exists()


def test_admin_collapses_a_typed_chain(admin_client, client):
    Redirect.objects.create(old_path="/tr/b/", new_path="/tr/c/", kind="manual")
    Redirect.objects.create(old_path="/tr/z/", new_path="/tr/a/", kind="manual")
    assert add_redirect(admin_client, "/tr/a/", "/tr/b/").status_code == 302
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {
        "/tr/a/": "/tr/c/",
        "/tr/b/": "/tr/c/",
        "/tr/z/": "/tr/c/",
    }


def test_admin_changelist_searches_and_filters(admin_client):
    Redirect.objects.create(old_path="/tr/bir/", new_path="/tr/iki/", language="tr")
    Redirect.objects.create(
        old_path="/en/one/", new_path="/en/two/", language="en", kind="article"
    )
    url = reverse("admin:redirects_redirect_changelist")
    found = admin_client.get(url, {"q": "bir"}).content.decode()
    assert "/tr/bir/" in found and "/en/one/" not in found
    filtered = admin_client.get(url, {"language__exact": "en"}).content.decode()
    assert "/en/one/" in filtered and "/tr/bir/" not in filtered
    by_kind = admin_client.get(url, {"kind__exact": "article"}).content.decode()
    assert "/en/one/" in by_kind and "/tr/bir/" not in by_kind


def test_the_database_refuses_a_redirect_to_itself():
    with pytest.raises(IntegrityError), transaction.atomic():
        Redirect.objects.create(old_path="/tr/x/", new_path="/tr/x/")


# --- cost ----------------------------------------------------------------------------


def test_an_existing_page_never_reads_the_redirects(client):
    article = ArticleFactory(slug_en="here")
    client.get(article.get_absolute_url("en"))  # warm caches of this process
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/article/here/").status_code == 200
    assert not any("redirects_redirect" in q["sql"] for q in queries.captured_queries)


def test_a_404_reads_the_redirects_once(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/nothing/here/at/all/").status_code == 404
    reads = [q for q in queries.captured_queries if "redirects_redirect" in q["sql"]]
    assert len(reads) == 1
