"""While the database is away, readers get a 503 with Retry-After in their language
and the admin says the database is unavailable; once it is back, every request
succeeds again (issue 11).

gunicorn with production settings on a PostgreSQL cluster of the test's own, which
the test stops and starts (never the machine's shared server).
"""

import http.client
import sys
from urllib.parse import urlsplit

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from ankasam.views import server_error
from tests.concurrency.client import Browser

from .servers import (
    enrol_phone,
    gunicorn,
    manage,
    postgres_available,
    postgres_cluster,
    production_environment,
    wait_for,
)

PASSWORD = "veritabanı-yok-2024"
UNAVAILABLE = {
    "tr": "Site şu anda veritabanına ulaşamıyor",
    "en": "The site cannot reach its database right now",
    "ru": "Сайт сейчас не может связаться со своей базой данных",
}
ADMIN_UNAVAILABLE = "The database is unavailable"


def get(url: str, path: str, *, language: str = "tr") -> tuple[int, dict, str]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Language": language})
        response = connection.getresponse()
        return (
            response.status,
            dict(response.getheaders()),
            response.read().decode("utf-8", errors="replace"),
        )
    finally:
        connection.close()


def handle(error: Exception, path: str):
    """What the 500 handler answers while ``error`` is being handled."""
    request = RequestFactory().get(path)
    try:
        raise error
    except Exception:
        return server_error(request)


def test_a_lost_database_is_a_503_in_the_readers_language():
    response = handle(OperationalError("connection refused"), "/ru/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    assert UNAVAILABLE["ru"] in response.content.decode()


def test_an_error_raised_from_a_lost_database_is_a_503_too():
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError as error:
        wrapped = RuntimeError("while rendering")
        wrapped.__cause__ = error
    assert handle(wrapped, "/tr/").status_code == 503


def test_any_other_error_stays_a_500():
    for error in (ValueError("a bug"), KeyError("a bug"), ZeroDivisionError()):
        response = handle(error, "/tr/")
        assert response.status_code == 500
        assert not response.has_header("Retry-After")
    assert sys.exc_info() == (None, None, None)


needs_postgres = pytest.mark.skipif(
    not postgres_available(),
    reason="needs PostgreSQL's server programs (initdb, pg_ctl) to run a cluster "
    "of the test's own; Debian's postgresql package installs them",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory, static_root):
    """gunicorn (production settings) on its own, migrated PostgreSQL cluster."""
    folder = tmp_path_factory.mktemp("database-down")
    with postgres_cluster() as cluster:
        cluster.create_database("ankasam")
        environment = production_environment(
            DATABASE_URL=cluster.url("ankasam"),
            DJANGO_STATIC_ROOT=str(static_root),
            DJANGO_MEDIA_ROOT=str(folder / "media"),
            DJANGO_SUPERUSER_PASSWORD=PASSWORD,
        )
        manage("migrate", "--no-input", "-v0", environment=environment)
        manage(
            "createsuperuser", "--no-input", "--username=editor",
            "--email=editor@example.org", environment=environment,
        )  # fmt: skip
        phone = enrol_phone("editor", environment=environment)
        with gunicorn(environment=environment, log_path=folder / "gunicorn.log") as url:
            yield cluster, url, phone


@needs_postgres
def test_while_the_database_is_down_readers_and_editors_get_a_503(site):
    cluster, url, phone = site
    editor = Browser(url, language="en")
    editor.login("editor", PASSWORD, second_factor=phone.code)
    assert get(url, "/tr/")[0] == 200

    cluster.stop()
    try:
        for language, text in UNAVAILABLE.items():
            # A page nobody has asked for yet: in no cache.
            status, headers, body = get(url, f"/{language}/?page=2", language=language)
            assert status == 503, body[:500]
            assert headers["Retry-After"] == "5"
            assert text in body
            assert f'lang="{language}"' in body
        page = editor.get("/admin/")
        assert page.status == 503
        assert ADMIN_UNAVAILABLE in page.text
    finally:
        cluster.start()

    # Back: every worker's next request reconnects (CONN_HEALTH_CHECKS), no error.
    wait_for(lambda: get(url, "/healthz")[0] == 200, timeout=30, what="not back")
    statuses = [get(url, f"/{code}/")[0] for code in UNAVAILABLE for _ in range(10)]
    statuses += [editor.get("/admin/").status for _ in range(10)]
    assert set(statuses) == {200}
