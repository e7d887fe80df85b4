"""Every page type answers with the site's security headers, the admin included."""

import pytest
from django.test import Client

from tests.articles.factories import ArticleFactory
from tests.editorial.conftest import make_user
from tests.staff_login import authenticator

ENROL = "/admin/second-factor/setup/"

pytestmark = pytest.mark.django_db


def page_paths(article):
    return [
        "/tr/",
        article.get_absolute_url("tr"),
        article.get_absolute_url("en"),
        article.category.get_absolute_url(),
        article.authors.first().get_absolute_url(),
        "/tr/search/?q=enerji",
        "/tr/feed/",
        "/sitemap.xml",
        "/robots.txt",
        "/tr/makale/boyle-bir-yazi-yok/",  # 404
        "/healthz",
        "/admin/login/",
    ]


def assert_security_headers(response, path):
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", path
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
    assert "camera=()" in response["Permissions-Policy"], path
    assert "geolocation=()" in response["Permissions-Policy"], path
    assert response["X-Frame-Options"] == "DENY", path
    policy = response["Content-Security-Policy"]
    script_src = next(
        part for part in policy.split(";") if part.strip().startswith("script-src")
    )
    assert "'unsafe-inline'" not in script_src, path


def test_every_page_type_sends_the_security_headers(client):
    article = ArticleFactory()
    for path in page_paths(article):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert_security_headers(response, path)


def test_the_admin_pages_send_them_too(admin_client):
    article = ArticleFactory()
    paths = [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/staff/staffevent/",
        "/admin/axes/accessattempt/",
        "/admin/second-factor/setup/",  # "two-factor authentication is on"
        "/admin/password_change/",
    ]
    for path in paths:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert_security_headers(response, path)


def test_the_sign_in_pages_send_them_too(settings):
    """The login form, both second-factor pages (for an account with a device and
    for one without) and the lock-out page: the pages an attacker sees."""
    password = "başlık-güvenliği-2024"
    pages = [("/admin/login/", Client().get("/admin/login/"), 200)]
    for enrolled, path in ((True, "/admin/second-factor/"), (False, ENROL)):
        editor = make_user("Editor", password=password)
        if enrolled:
            authenticator(editor)
        client = Client()
        answer = client.post(
            "/admin/login/", {"username": editor.username, "password": password}
        )
        assert answer.status_code == 302
        pages.append((path, client.get(path), 200))
    locked = Client()
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        answer = locked.post(
            "/admin/login/", {"username": "nobody", "password": f"wrong-{n}"}
        )
    pages.append(("lock-out page", answer, 429))
    for path, response, status in pages:
        assert response.status_code == status, path
        assert_security_headers(response, path)
    assert b"second-factor-form" in pages[1][1].content
    assert b"totp-secret" in pages[2][1].content


def test_security_txt_names_the_configured_contact(client, settings):
    assert client.get("/.well-known/security.txt").status_code == 404
    settings.SECURITY_CONTACT = "mailto:guvenlik@example.org"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    lines = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert lines["Contact"] == "mailto:guvenlik@example.org"
    assert lines["Preferred-Languages"] == "tr, en, ru"
    assert lines["Expires"] > "2026"
