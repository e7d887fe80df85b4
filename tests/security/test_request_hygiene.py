"""What the request hygiene middleware refuses (400), cleans or drops, and what it
leaves alone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from ankasam.request_hygiene import RequestHygieneMiddleware

pytestmark = pytest.mark.django_db


def through_middleware(request):
    """The request as a view behind the middleware sees it."""
    seen = {}

    def view(request):
        seen["POST"], seen["FILES"] = request.POST, request.FILES
        seen["COOKIES"] = dict(request.COOKIES)
        return HttpResponse()

    RequestHygieneMiddleware(view)(request)
    return seen


@pytest.mark.parametrize(
    "path",
    [
        "/tr/%00/",
        "/en/makale/x%00y/",
        "/%00/",
        "/2024/01/01/%00/",
        "/tr/makale/%0A/",
        "/tr/makale/%ED%A0%80/",  # a lone surrogate, UTF-8 encoded
        "/tr/makale/%C0%AF/",  # an overlong "/"
        "/tr/makale/%FF/",
        "/tr/search/?q=%00",
        "/tr/search/?q=%FF",
        "/admin/articles/article/?state=%00",
    ],
)
def test_an_address_no_database_could_store_is_a_bad_request(client, path):
    assert client.get(path).status_code == 400


def test_the_bad_request_page_is_in_the_language_of_the_address(client):
    for code in ("tr", "en", "ru"):
        response = client.get(f"/{code}/x%00y/")
        html = response.content.decode()
        assert f'<html lang="{code}">' in html
        with translation.override(code):
            assert translation.gettext("Bad request") in html
        assert f'href="/{code}/"' in html


def test_the_bad_request_page_takes_the_readers_language_elsewhere(client):
    response = client.get("/%00/", headers={"accept-language": "ru,en;q=0.5"})
    assert response.status_code == 400
    assert '<html lang="ru">' in response.content.decode()


def test_a_refused_address_never_reaches_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert client.get("/x%00y/?p=1").status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/tr/search/?q=%C4%B0%C4%B1%C5%9F%C4%B1k",  # İışık
        "/ru/search/?q=%D1%91%D0%B6",
        "/tr/search/?q=%F0%9F%98%80%09tab",
        "/tr/?page=%27",
    ],
)
def test_text_in_any_script_passes(client, path):
    assert client.get(path).status_code == 200


def test_nul_is_removed_from_posted_fields_and_nothing_else(rf):
    request = rf.post("/", {"title": "Ba\x00şlık", "x\x00": ["1", "\x00"]})
    post = through_middleware(request)["POST"]
    assert post["title"] == "Başlık"
    assert post.getlist("x") == ["1", ""]


def test_nul_is_removed_from_multipart_fields_but_files_stay_as_sent(rf):
    upload = SimpleUploadedFile("a.bin", b"\x00\x01binary\x00")
    request = rf.post("/", {"body": "<p>\x00metin</p>", "file": upload})
    seen = through_middleware(request)
    assert seen["POST"]["body"] == "<p>metin</p>"
    assert seen["FILES"]["file"].read() == b"\x00\x01binary\x00"


def test_a_form_without_nul_is_left_as_it_came(rf):
    request = rf.post("/", {"title": "Başlık"})
    original = request.POST
    assert through_middleware(request)["POST"] is original


def test_a_cookie_with_a_control_character_is_dropped():
    request = RequestFactory().get(
        "/", headers={"cookie": 'sessionid="abcdefgh\\000"; django_language=en'}
    )
    assert through_middleware(request)["COOKIES"] == {"django_language": "en"}


def test_a_session_cookie_with_nul_is_as_no_session(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijk"
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("header", ["user-agent", "referer", "accept-language"])
def test_a_header_with_a_control_character_is_a_bad_request(client, header):
    assert client.get("/tr/", headers={header: "x\x00y"}).status_code == 400
    assert client.get("/tr/", headers={header: "a\tb"}).status_code == 200
