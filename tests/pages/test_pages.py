"""Static pages: translated addresses, per-language publication, menu and footer,
sitemap, cache, redirects, revisions; as readers and editors use them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pagecache.versions import schedule_changed
from pages.models import Page
from pages.services import page_save
from redirects.models import Redirect
from tests.editorial.conftest import client_for, make_user
from tests.formdata import resubmit
from tests.html_checks import assert_valid_page

from .factories import PageFactory

pytestmark = pytest.mark.django_db


def test_page_has_its_own_translated_address_per_language(client):
    page = PageFactory(slug_tr="hakkimizda", slug_en="about-us")
    assert page.get_absolute_url("tr") == "/tr/sayfa/hakkimizda/"
    assert page.get_absolute_url("en") == "/en/page/about-us/"
    turkish = client.get("/tr/sayfa/hakkimizda/")
    assert turkish.status_code == 200
    assert "Enstitü İstanbul’da." in turkish.content.decode()
    english = client.get("/en/page/about-us/").content.decode()
    assert "The institute is in Ankara." in english
    assert "İstanbul" not in english


def test_a_draft_language_is_not_shown(client):
    page = PageFactory(slug_en="about-us", status_en=Page.Status.DRAFT)
    assert client.get("/en/page/about-us/").status_code == 404
    assert client.get(page.get_absolute_url("tr")).status_code == 200


def test_another_languages_slug_is_a_404(client):
    PageFactory(slug_tr="hakkimizda", slug_en="about-us")
    assert client.get("/en/page/hakkimizda/").status_code == 404


def test_hreflang_and_also_available_in(client):
    page = PageFactory(slug_tr="hakkimizda", slug_en="about-us")
    html = client.get(page.get_absolute_url("tr")).content.decode()
    assert 'hreflang="en" href="http://testserver/en/page/about-us/"' in html
    assert 'hreflang="tr" href="http://testserver/tr/sayfa/hakkimizda/"' in html
    assert 'hreflang="ru"' not in html.split("</head>")[0]
    assert "Bu sayfa şu dillerde de var:" in html
    assert 'href="/en/page/about-us/" hreflang="en"' in html


def test_body_is_sanitized_on_save():
    page = PageFactory(
        body_tr='<p>Metin</p><script>alert(1)</script><p onclick="x">İ</p>'
    )
    page.refresh_from_db()
    assert "<script" not in page.body_tr and "onclick" not in page.body_tr
    assert "Metin" in page.body_tr


def test_footer_and_menu_links_in_their_language(client):
    PageFactory(title_tr="Künye", title_en="Imprint", slug_en="imprint")
    PageFactory(
        title_tr="Ekip",
        title_en="Team",
        slug_tr="ekip",
        placement=Page.Placement.MENU,
        status_en=Page.Status.DRAFT,
    )
    PageFactory(title_tr="Gizli", title_en="Hidden", placement=Page.Placement.NONE)
    turkish = client.get("/tr/").content.decode()
    footer = turkish.split('class="site-footer"')[1]
    header = turkish.split('class="site-footer"')[0]
    assert "Künye" in footer and "Ekip" not in footer
    assert '<a href="/tr/sayfa/ekip/">Ekip</a>' in header
    assert "Gizli" not in turkish
    english = client.get("/en/").content.decode()
    assert 'href="/en/page/imprint/">Imprint</a>' in english
    assert "Team" not in english  # a draft in English
    assert 'href="/en/experts/"' in english


def test_menu_and_footer_are_ordered_by_position(client):
    PageFactory(title_tr="İkinci", position=2)
    PageFactory(title_tr="Birinci", position=1)
    html = client.get("/tr/").content.decode()
    assert html.index("Birinci") < html.index("İkinci")


def test_pages_are_in_the_sitemap_with_their_alternates(client):
    page = PageFactory(slug_tr="hakkimizda", slug_en="about-us")
    PageFactory(slug_tr="taslak-sayfa", status_tr=Page.Status.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/tr/sayfa/hakkimizda/" in xml
    assert "http://testserver/en/page/about-us/" in xml
    assert "taslak-sayfa" not in xml
    assert page.get_absolute_url("en") in xml
    assert "http://testserver/ru/eksperty/" in xml


def test_pages_are_cached_and_a_save_shows_at_once(client):
    page = PageFactory(slug_tr="hakkimizda")
    url = page.get_absolute_url("tr")
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    page.body_tr = "<p>Yeni metin, ışık.</p>"
    page_save(page=page)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Yeni metin, ışık." in response.content.decode()


PAGE_QUERIES = 2  # the page, navigation (categories and pages)


def test_page_queries_do_not_grow_with_pages_in_the_menu(client):
    first = PageFactory()
    # The publication schedule the cache keeps, as every article save writes it
    # (without it, the first miss reads it once).
    schedule_changed()
    with CaptureQueriesContext(connection) as one:
        assert client.get(first.get_absolute_url("tr")).status_code == 200
    for n in range(8):
        PageFactory(placement=Page.Placement.MENU if n % 2 else Page.Placement.FOOTER)
    with CaptureQueriesContext(connection) as many:
        assert client.get(first.get_absolute_url("en")).status_code == 200
    assert len(one) == len(many) == PAGE_QUERIES


# --- editors -------------------------------------------------------------------------


def add_form(**changes):
    data = {
        "title_tr": "Hakkımızda",
        "title_en": "About us",
        "title_ru": "",
        "slug_tr": "",
        "slug_en": "",
        "slug_ru": "",
        "body_tr": "<p>Türkçe metin.</p>",
        "body_en": "<p>English text.</p>",
        "body_ru": "",
        "status_tr": "published",
        "status_en": "published",
        "status_ru": "draft",
        "placement": "footer",
        "position": "0",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_editor_creates_a_page_in_the_admin(admin_client, client):
    response = admin_client.post(reverse("admin:pages_page_add"), add_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    page = Page.objects.get()
    assert page.slug_tr == "hakkimizda" and page.slug_en == "about-us"
    assert client.get("/tr/sayfa/hakkimizda/").status_code == 200
    assert page.revisions.count() == 1


def test_admin_refuses_to_publish_an_empty_language_and_keeps_the_text(admin_client):
    response = admin_client.post(
        reverse("admin:pages_page_add"), add_form(status_ru="published")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "RU" in html and "Türkçe metin." in html
    assert not Page.objects.exists()


def test_slug_change_in_the_admin_redirects_the_old_page_address(admin_client, client):
    page = PageFactory(slug_tr="hakkimizda", slug_en="about-us")
    url = reverse("admin:pages_page_change", args=[page.pk])
    response = resubmit(admin_client, url, {"slug_en": "who-we-are"}, submit="_save")
    assert response.status_code == 302, response.content.decode()[:3000]
    old = client.get("/en/page/about-us/")
    assert old.status_code == 301
    assert old["Location"] == "/en/page/who-we-are/"
    assert Redirect.objects.get().kind == "page"
    # Turkish kept its slug.
    assert client.get("/tr/sayfa/hakkimizda/").status_code == 200


def test_resave_through_the_admin_changes_nothing(admin_client):
    page = PageFactory(slug_tr="hakkimizda")
    url = reverse("admin:pages_page_change", args=[page.pk])
    before = {f: getattr(page, f) for f in ("title_tr", "body_tr", "body_en")}
    assert resubmit(admin_client, url, submit="_save").status_code == 302
    page.refresh_from_db()
    assert {f: getattr(page, f) for f in before} == before
    assert page.revisions.count() == 1
    assert not Redirect.objects.exists()


def test_editor_restores_an_earlier_version(admin_client, client):
    page = PageFactory(slug_tr="hakkimizda", body_tr="<p>İlk metin.</p>")
    page.body_tr = "<p>İkinci metin.</p>"
    page_save(page=page)
    first = page.revisions.order_by("created_at", "pk").first()
    change = reverse("admin:pages_page_change", args=[page.pk])
    assert "Bu sürümü geri yükle" in admin_client.get(change).content.decode()
    restore = reverse("admin:pages_page_restore", args=[first.pk])
    assert admin_client.post(restore).status_code == 302
    page.refresh_from_db()
    assert page.body_tr == "<p>İlk metin.</p>"
    assert page.revisions.count() == 3
    assert "İlk metin." in client.get("/tr/sayfa/hakkimizda/").content.decode()


def test_deleting_a_page_in_the_admin_removes_it_from_the_site(admin_client, client):
    page = PageFactory(slug_tr="hakkimizda")
    client.get("/tr/sayfa/hakkimizda/")  # cached
    url = reverse("admin:pages_page_delete", args=[page.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert client.get("/tr/sayfa/hakkimizda/").status_code == 404


def test_editor_writes_a_page_through_the_real_form_and_publishes_english_later(
    client,
):
    editor = make_user("Editor")
    staff = client_for(editor)
    add = reverse("admin:pages_page_add")
    response = resubmit(
        staff,
        add,
        {
            "title_tr": "Künye ve İletişim",
            "body_tr": "<p>Adres: Çankaya, Ankara.</p>",
            "status_tr": "published",
            "title_en": "Imprint and contact",
            "body_en": "<p>Address: Çankaya, Ankara.</p>",
            "status_en": "draft",
            "placement": "footer",
        },
        submit="_save",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = Page.objects.get()
    assert page.slug_tr == "kunye-ve-iletisim" and page.slug_en == "imprint-and-contact"
    assert client.get("/tr/sayfa/kunye-ve-iletisim/").status_code == 200
    assert client.get("/en/page/imprint-and-contact/").status_code == 404
    change = reverse("admin:pages_page_change", args=[page.pk])
    response = resubmit(staff, change, {"status_en": "published"}, submit="_save")
    assert response.status_code == 302, response.content.decode()[:3000]
    english = client.get("/en/page/imprint-and-contact/")
    assert english.status_code == 200
    assert "Address: Çankaya, Ankara." in english.content.decode()
    page.refresh_from_db()
    assert page.public_languages() == ["tr", "en"]
    # Publishing is no content change: one revision for the two saves.
    assert page.revisions.count() == 1
    assert page.revisions.get().created_by == editor


def test_an_author_may_not_edit_pages(client):
    author = client_for(make_user("Author"))
    assert author.get(reverse("admin:pages_page_add")).status_code == 403
    assert author.get(reverse("admin:redirects_redirect_add")).status_code == 403


def test_language_switch_leads_to_the_page_where_it_exists(client):
    page = PageFactory(slug_tr="hakkimizda", slug_en="about-us")
    html = client.get(page.get_absolute_url("tr")).content.decode()
    assert_valid_page(html)
    switch = html.split('class="language-switch"')[1].split("</nav>")[0]
    assert 'href="/en/page/about-us/" hreflang="en"' in switch
    # No Russian version: the switch leads to the Russian home page, unfollowed.
    assert 'href="/ru/" hreflang="ru" lang="ru" rel="nofollow"' in switch
    english = client.get("/en/page/about-us/").content.decode()
    switch = english.split('class="language-switch"')[1].split("</nav>")[0]
    assert 'href="/tr/sayfa/hakkimizda/" hreflang="tr"' in switch


def test_hostile_page_addresses_are_never_a_server_error(client):
    PageFactory(slug_tr="hakkimizda")
    assert client.get("/tr/sayfa/hakkim%00izda/").status_code == 400
    assert client.get("/tr/sayfa/" + "ı" * 3000 + "/").status_code == 404
    assert client.get("/tr/sayfa/%ED%A0%80/").status_code in (400, 404)
    assert client.get("/tr/sayfa/hakkimizda/?page=%00").status_code == 400


def changelist_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_page_and_redirect_changelists_queries_stay_flat(admin_client):
    pages = reverse("admin:pages_page_changelist")
    redirects = reverse("admin:redirects_redirect_changelist")
    PageFactory()
    Redirect.objects.create(old_path="/tr/eski-0/", new_path="/tr/yeni/")
    few = (
        changelist_queries(admin_client, pages),
        changelist_queries(admin_client, redirects),
    )
    for n in range(1, 8):
        PageFactory()
        Redirect.objects.create(old_path=f"/tr/eski-{n}/", new_path="/tr/yeni/")
    many = (
        changelist_queries(admin_client, pages),
        changelist_queries(admin_client, redirects),
    )
    assert few == many


def test_a_body_of_refused_markup_only_cannot_be_published(admin_client):
    add = reverse("admin:pages_page_add")
    response = resubmit(
        admin_client,
        add,
        {
            "title_tr": "Boş",
            "body_tr": "<script>alert('ı')</script>",
            "status_tr": "published",
        },
        submit="_save",
    )
    assert response.status_code == 200
    assert "TR" in response.content.decode()
    assert not Page.objects.exists()
