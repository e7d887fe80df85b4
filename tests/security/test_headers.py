"""Every page type answers with the site's security headers, the admin included."""

import pytest

from tests.articles.factories import ArticleFactory

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


def test_every_page_type_sends_the_security_headers(client):
    article = ArticleFactory()
    for path in page_paths(article):
        response = client.get(path)
        assert response.status_code in (200, 404), path
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


def test_the_admin_pages_send_them_too(admin_client):
    response = admin_client.get("/admin/articles/article/")
    assert response["Permissions-Policy"]
    assert "'unsafe-inline'" not in next(
        part
        for part in response["Content-Security-Policy"].split(";")
        if part.strip().startswith("script-src")
    )


def test_security_txt_names_the_configured_contact(client, settings):
    assert client.get("/.well-known/security.txt").status_code == 404
    settings.SECURITY_CONTACT = "mailto:guvenlik@example.org"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    lines = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert lines["Contact"] == "mailto:guvenlik@example.org"
    assert lines["Preferred-Languages"] == "tr, en, ru"
    assert lines["Expires"] > "2026"
