import pytest
from django.urls import reverse

from articles.models import Article
from editorial.services import article_save
from redirects.models import Redirect

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(export_file, run_import):
    draft = builders.item(
        post_id=700, title="Taslak", content="Metin.", status="draft", slug="taslak"
    )
    run_import(export_file(builders.north_korea_polylang(extra_items=[draft])))
    return Article.objects.get(title_en__startswith="North Korea")


def test_dated_permalink_redirects_permanently_to_the_article(client, imported):
    response = client.get(
        "/2023/11/05/north-koreas-decision-to-shutdown-the-diplomatic-missions/"
    )
    assert response.status_code == 301
    assert response["Location"] == imported.get_absolute_url("en")


def test_slug_permalink_redirects_in_the_posts_language(client, imported):
    response = client.get("/kuzey-korenin-diplomatik-temsilciliklerini-kapatma-karari/")
    assert response.status_code == 301
    assert response["Location"] == imported.get_absolute_url("tr")
    assert response["Location"].startswith("/tr/")


def test_language_prefixed_permalinks_redirect(client, imported):
    dated = client.get("/ru/2023/11/05/%d1%80%d0%b5%d1%88%d0%b5%d0%bd%d0%b8%d0%b5/")
    plain = client.get("/en/north-koreas-decision-to-shutdown-the-diplomatic-missions/")
    assert dated.status_code == 301
    assert dated["Location"] == imported.get_absolute_url("ru")
    assert plain["Location"] == imported.get_absolute_url("en")


def test_post_id_query_redirects(client, imported):
    response = client.get("/?p=103")
    assert response.status_code == 301
    assert response["Location"] == imported.get_absolute_url("ru")


@pytest.mark.parametrize("prefix", ["/tr/", "/en/"])
def test_language_prefixed_post_id_query_redirects(client, imported, prefix):
    response = client.get(f"{prefix}?p=103")
    assert response.status_code == 301
    assert response["Location"] == imported.get_absolute_url("ru")


def test_language_home_with_an_unknown_post_id_is_the_home_page(client, imported):
    response = client.get("/en/?p=999")
    assert response.status_code == 200
    assert response.resolver_match.view_name == "frontpage:home"


def test_root_without_post_id_still_redirects_to_the_readers_language(client, imported):
    response = client.get("/", headers={"accept-language": "ru"})
    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_unknown_old_address_is_an_ordinary_404(client, imported):
    assert client.get("/2023/11/05/no-such-post/").status_code == 404
    assert client.get("/no-such-post/").status_code == 404


def test_unknown_post_id_falls_back_to_the_roots_language_redirect(client, imported):
    response = client.get("/?p=999", headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/en/?p=999"


def test_draft_post_address_does_not_redirect(client, imported):
    assert client.get("/taslak/").status_code == 404
    assert client.get("/?p=700").status_code == 302  # the root's usual redirect


def test_site_routes_are_not_shadowed_by_old_slugs(client, imported):
    response = client.get(imported.get_absolute_url("en"))
    assert response.status_code == 200


# --- the redirects table -----------------------------------------------------------


def test_old_permalinks_are_rows_of_the_redirects_table(imported):
    rows = dict(
        Redirect.objects.filter(kind="wordpress").values_list("old_path", "new_path")
    )
    assert rows["/?p=103"] == imported.get_absolute_url("ru")
    assert rows[
        "/en/2023/11/05/north-koreas-decision-to-shutdown-the-diplomatic-missions/"
    ] == imported.get_absolute_url("en")
    assert "/taslak/" not in rows  # a draft has no address to send readers to


def test_a_later_slug_change_takes_the_old_permalinks_along(client, imported):
    imported.slug_en = "north-korea-closes-missions"
    article_save(article=imported)
    old = "/2023/11/05/north-koreas-decision-to-shutdown-the-diplomatic-missions/"
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/en/article/north-korea-closes-missions/"


def test_rerunning_the_import_keeps_one_row_per_old_address(
    export_file, run_import, imported
):
    before = Redirect.objects.count()
    draft = builders.item(
        post_id=700, title="Taslak", content="Metin.", status="draft", slug="taslak"
    )
    run_import(export_file(builders.north_korea_polylang(extra_items=[draft])))
    assert Redirect.objects.count() == before


def test_an_editor_sees_the_old_permalinks_in_the_admin(admin_client, imported):
    url = reverse("admin:redirects_redirect_changelist")
    page = admin_client.get(url, {"kind__exact": "wordpress", "q": "?p=103"})
    assert "/?p=103" in page.content.decode()
