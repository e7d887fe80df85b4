"""The front proxy of deploy/nginx/, tested as it runs: Debian's nginx with the
committed site file (its placeholders filled in) in front of gunicorn with
production settings (issue 11).

nginx serves static files and media itself, caches anonymous pages for the
``s-maxage`` the site sends and revalidates them by ETag, so that a publish is
visible within that delay; a logged-in editor is never served a cached page; the
site's HSTS and CSP headers come through.
"""

import http.client
import itertools
import json
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.concurrency.client import Browser
from tests.formdata import form_values

from .servers import (
    Front,
    Phone,
    enrol_phone,
    gunicorn,
    manage,
    nginx_available,
    nginx_front,
    production_environment,
    redis_server,
    wait_for,
)

pytestmark = pytest.mark.skipif(
    not nginx_available(),
    reason="needs Debian's nginx: `make servers` (part of `make test`, so of "
    ".ci/run) installs it",
)

# The test's s-maxage; production uses 5 (deploy/nginx/ankasam.conf.template).
S_MAXAGE = 2
PASSWORD = "ön-vekil-2024"
HSTS = "max-age=31536000; includeSubDomains; preload"

CREATE_ARTICLE = """
from tests.articles.factories import ArticleFactory
article = ArticleFactory(title_tr="Ön vekil sınaması", slug_tr="on-vekil-sinamasi")
print(article.pk, article.get_absolute_url("tr"))
"""


SENTINELS = itertools.count(1)


@dataclass(frozen=True)
class Site:
    url: str
    app: str  # gunicorn's own address, behind nginx
    access_log: Path
    front: Front
    article_id: int
    article_path: str
    phone: Phone  # the editor's second factor

    def _count(self, path: str) -> int:
        lines = self.access_log.read_text(encoding="utf-8").splitlines()
        return sum(line.split(" ")[1] == path for line in lines if " " in line)

    def reached_gunicorn(self, path: str) -> int:
        """How many requests for ``path`` gunicorn has answered so far.

        A worker writes its line just after answering: a request sent to gunicorn
        now, once logged, says that the lines of earlier requests are there too.
        """
        sentinel = f"/sentinel-{next(SENTINELS)}/"
        Browser(self.app).get(sentinel)
        wait_for(lambda: self._count(sentinel), timeout=10, what="gunicorn did not log")
        return self._count(path)


@pytest.fixture(scope="module")
def site(tmp_path_factory, static_root):
    folder = tmp_path_factory.mktemp("front")
    environment = production_environment(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_SERVE_MEDIA="0",
        DJANGO_BEHIND_PROXY="1",
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_CDN_MAX_AGE=str(S_MAXAGE),
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    manage("migrate", "--no-input", "-v0", environment=environment)
    manage(
        "createsuperuser", "--no-input", "--username=editor",
        "--email=editor@example.org", environment=environment,
    )  # fmt: skip
    phone = enrol_phone("editor", environment=environment)
    output = manage("shell", "-c", CREATE_ARTICLE, environment=environment)
    pk, path = output.splitlines()[-1].split()
    access_log = folder / "access.log"
    with (
        # Several workers share one page cache (Redis), as the README asks of any
        # site run by more than one process: an invalidation must reach them all.
        redis_server() as redis,
        gunicorn(
            environment={**environment, "REDIS_URL": redis.url},
            log_path=folder / "gunicorn.log",
            access_log=access_log,
            workers=2,
        ) as app,
        nginx_front(app=app.removeprefix("http://"), static_root=static_root) as front,
    ):
        yield Site(front.url, app, access_log, front, int(pk), path, phone)


def reader(site, *, language="tr"):
    return Browser(site.url, language=language)


def test_static_files_are_served_by_nginx_compressed_and_immutable(site):
    manifest = json.loads((site.front.static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    browser = reader(site)
    page = browser._send("GET", f"/static/{hashed}", None, {"Accept-Encoding": "gzip"})

    assert page.status == 200
    assert page.headers["Content-Encoding"] == "gzip"
    stored = (site.front.static_root / f"{hashed}.gz").read_bytes()
    assert int(page.headers["Content-Length"]) == len(stored)  # WhiteNoise's .gz
    assert "immutable" in page.headers["Cache-Control"]
    assert page.headers["Strict-Transport-Security"] == HSTS
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert site.reached_gunicorn(f"/static/{hashed}") == 0


def test_media_is_served_by_nginx_and_never_runs_as_a_page(site):
    (site.front.media_root / "note.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    (site.front.media_root / "note.svg").chmod(0o644)
    page = reader(site).get("/media/note.svg")
    assert page.status == 200
    assert page.headers["Content-Type"] == "image/svg+xml"
    assert "sandbox" in page.headers["Content-Security-Policy"]
    assert site.reached_gunicorn("/media/note.svg") == 0


def test_an_anonymous_page_is_served_from_the_cache_without_reaching_gunicorn(site):
    browser = reader(site)
    before = site.reached_gunicorn(site.article_path)
    pages = [browser.get(site.article_path) for _ in range(6)]

    assert {page.status for page in pages} == {200}
    statuses = [page.headers["X-Cache-Status"] for page in pages]
    # Within one s-maxage every request after the first is a hit; a request that
    # falls just past it asks gunicorn again, and only those do.
    assert statuses.count("HIT") >= 4, statuses
    reached = site.reached_gunicorn(site.article_path) - before
    assert reached == sum(status != "HIT" for status in statuses), statuses


def test_the_sites_security_headers_come_through_and_pages_are_compressed(site):
    browser = reader(site)
    browser.get(site.article_path)
    page = browser._send("GET", site.article_path, None, {"Accept-Encoding": "gzip"})

    assert page.headers["X-Cache-Status"] == "HIT"
    assert page.headers["Content-Encoding"] == "gzip"
    assert page.headers["Strict-Transport-Security"] == HSTS  # X-Forwarded-Proto
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert "s-maxage=2" in page.headers["Cache-Control"]


def test_one_gzipped_copy_serves_readers_with_and_without_compression(site):
    """The site gzips a page once; nginx keeps that copy, sends it as it is to a
    reader who accepts gzip and unzips it for one who does not."""
    zipped = reader(site)._send(
        "GET", site.article_path, None, {"Accept-Encoding": "gzip"}
    )
    plain = reader(site).get(site.article_path)

    assert zipped.headers["Content-Encoding"] == "gzip"
    assert plain.headers["X-Cache-Status"] == "HIT"
    assert "Content-Encoding" not in plain.headers
    assert plain.text.lstrip().startswith("<!DOCTYPE html>")
    assert "</html>" in plain.text


def test_plain_http_is_sent_to_https(site):
    listen = next(
        line.split()[1].rstrip(";")
        for line in (site.front.folder / "conf.d" / "ankasam.conf")
        .read_text()
        .splitlines()
        if line.strip().startswith("listen") and "ssl" not in line
    )
    host, port = listen.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", "/tr/", headers={"Host": "localhost"})
    response = connection.getresponse()
    connection.close()
    assert response.status == 301
    assert response.getheader("Location") == "https://localhost/tr/"


def test_a_logged_in_editor_is_never_served_a_cached_page(site):
    reader(site).get(site.article_path)  # the page is in nginx's cache
    editor = Browser(site.url, language="tr")
    editor.login("editor", PASSWORD, second_factor=site.phone.code)
    before = site.reached_gunicorn(site.article_path)
    pages = [editor.get(site.article_path) for _ in range(3)]

    assert [page.headers["X-Cache-Status"] for page in pages] == ["BYPASS"] * 3
    assert all("private" in page.headers["Cache-Control"] for page in pages)
    wait_for(
        lambda: site.reached_gunicorn(site.article_path) - before == 3,
        timeout=10,
        what="the editor's requests did not all reach gunicorn",
    )
    # Nor is what an editor was shown kept for readers.
    after = reader(site).get(site.article_path)
    assert "private" not in after.headers["Cache-Control"]


def test_a_publish_is_visible_through_the_cache_within_s_maxage(site, record_property):
    browser = reader(site)
    assert "Ön vekil sınaması" in browser.get(site.article_path).text
    assert browser.get(site.article_path).headers["X-Cache-Status"] == "HIT"

    editor = Browser(site.url, language="tr")
    editor.login("editor", PASSWORD, second_factor=site.phone.code)
    url = f"/admin/articles/article/{site.article_id}/change/"
    fields = form_values(editor.get(url).text, "article_form", submit="_save")
    fields["title_tr"] = ["Ön vekil sınaması: İkinci başlık"]
    answer = editor.post(url, fields)
    assert answer.status == 302, answer.text[:2000]
    published = time.monotonic()

    wait_for(
        lambda: "İkinci başlık" in browser.get(site.article_path).text,
        timeout=S_MAXAGE + 1.5,
        what=f"the new title was not shown within s-maxage ({S_MAXAGE} s)",
        interval=0.1,
    )
    delay = time.monotonic() - published
    record_property("publish visible after", f"{delay:.2f} s (s-maxage {S_MAXAGE})")
    assert delay <= S_MAXAGE + 1.5
    # Revalidated, not refetched: unchanged pages come back as 304s.
    page = browser.get(site.article_path)
    assert page.headers["X-Cache-Status"] in {"HIT", "REVALIDATED"}
