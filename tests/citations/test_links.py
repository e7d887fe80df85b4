"""The link checker against real HTTP servers on this machine, and its refusals."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from citations.jobs import source_check, sources_due
from citations.links import fetch_status, is_public
from citations.models import LinkStatus, Source
from citations.rendering import Note, note_html
from tests.citations.factories import CitationFactory, SourceFactory


class Recorder(BaseHTTPRequestHandler):
    """Answers by path: /ok, /moved (to /ok), /gone (404), /to?u=<address>,
    /loop, /slow, /big; records every request it was sent."""

    def do_GET(self):
        self.server.seen.append(
            (self.path, self.headers.get("User-Agent"), time.monotonic())
        )
        path, _sep, query = self.path.partition("?")
        if path == "/ok":
            self.answer(200, b"<p>fine</p>")
        elif path == "/moved":
            self.answer(301, b"", Location="/ok")
        elif path == "/to":
            self.answer(302, b"", Location=query.removeprefix("u="))
        elif path == "/loop":
            self.answer(302, b"", Location="/loop")
        elif path == "/slow":
            time.sleep(3)
            self.answer(200, b"late")
        elif path == "/big":
            self.send_response(200)
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            try:
                for _ in range(50 * 16):
                    self.wfile.write(b"x" * 65536)
            except OSError:
                pass  # the checker stopped reading, as it should
        else:
            self.answer(404, b"no")

    def answer(self, status, body, **headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def local_server():
    """A local server on a free port, recording the paths it was asked."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    httpd.daemon_threads = True
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def server():
    """A local server; started and stopped by each test."""
    yield from local_server()


@pytest.fixture
def other_server():
    """A second local server, never allowed: a redirect to it must not reach it."""
    yield from local_server()


@pytest.fixture
def allow(settings, server):
    """The test-only allowlist: the first server's address and port only."""
    settings.LINK_CHECK = {
        **settings.LINK_CHECK,
        "allow": [f"127.0.0.1:{server.server_address[1]}"],
        "host_interval": 0,
        "timeout": 2.0,
    }


def test_a_working_page_is_ok_and_says_who_asks(allow, server):
    result = fetch_status(f"{server.base}/ok")
    assert (result.status, result.final_url, result.redirects) == (
        200,
        f"{server.base}/ok",
        0,
    )
    assert server.seen[0][1].startswith("ANKASAM-LinkChecker/1.0 (+")


def test_a_redirect_is_followed_and_its_end_recorded(allow, server):
    result = fetch_status(f"{server.base}/moved")
    assert result.status == 200
    assert result.final_url == f"{server.base}/ok"
    assert result.redirects == 1


def test_a_missing_page_is_broken(allow, server):
    assert fetch_status(f"{server.base}/gone").status == 404


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/ok",
        "http://localhost:{port}/ok",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/ok",
        "http://[fd00:ec2::254]/",
        "http://[::ffff:127.0.0.1]:{port}/ok",
        "http://100.100.100.200/",
        "http://0.0.0.0:{port}/ok",
        "http://224.0.0.1/",
    ],
)
def test_internal_addresses_are_refused_without_a_request(settings, server, url):
    settings.LINK_CHECK = {**settings.LINK_CHECK, "allow": []}
    result = fetch_status(url.format(port=server.server_address[1]))
    assert result.refused, result
    assert result.status is None
    assert server.seen == []


@pytest.mark.parametrize(
    "to",
    [
        "{other}/ok",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://localhost:{other_port}/ok",
    ],
)
def test_a_redirect_to_an_internal_address_is_refused(allow, server, other_server, to):
    to = to.format(other=other_server.base, other_port=other_server.server_address[1])
    result = fetch_status(f"{server.base}/to?u={to}")
    assert result.refused, result
    assert result.final_url == to
    assert [path for path, _ua, _t in server.seen] == [f"/to?u={to}"]
    assert other_server.seen == []


def test_other_schemes_are_refused():
    for url in ("file:///etc/passwd", "ftp://example.org/", "gopher://x/", "http://"):
        assert fetch_status(url).refused


def test_time_redirects_and_bytes_are_capped(allow, server):
    slow = fetch_status(f"{server.base}/slow")
    assert slow.status is None and "timed out" in slow.error.lower()
    loop = fetch_status(f"{server.base}/loop")
    assert loop.status is None and "redirects" in loop.error
    assert len(server.seen) == 1 + 6
    big = fetch_status(f"{server.base}/big")
    assert big.status == 200


def test_requests_to_one_host_are_spaced(settings, server, allow):
    settings.LINK_CHECK = {**settings.LINK_CHECK, "host_interval": 1}
    cache.delete("linkcheck:host:127.0.0.1")
    fetch_status(f"{server.base}/ok")
    fetch_status(f"{server.base}/ok")
    first, second = (moment for _p, _ua, moment in server.seen)
    assert second - first >= 0.9


def test_public_addresses_are_public():
    assert is_public("93.184.216.34")
    assert is_public("2606:2800:220:1:248:1893:25c8:1946")
    for address in (
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:10.0.0.1",
        "255.255.255.255",
        "240.0.0.1",
        "0.0.0.0",
    ):
        assert not is_public(address), address


# --- the job, the admin and the note --------------------------------------------------


@pytest.mark.django_db
def test_the_job_records_what_each_source_answered(allow, server):
    ok = SourceFactory(url=f"{server.base}/ok")
    moved = SourceFactory(url=f"{server.base}/moved")
    gone = SourceFactory(url=f"{server.base}/gone")
    inside = SourceFactory(url="http://169.254.169.254/latest/meta-data/")
    for source in (ok, moved, gone, inside):
        source_check.call(source_id=source.pk)
    ok, moved, gone, inside = (
        Source.objects.get(pk=s.pk) for s in (ok, moved, gone, inside)
    )
    assert (ok.link_status, ok.link_status_code) == (LinkStatus.OK, 200)
    assert ok.link_ok_at == ok.link_checked_at
    assert moved.link_status == LinkStatus.REDIRECTED
    assert moved.link_final_url == f"{server.base}/ok"
    assert (gone.link_status, gone.link_status_code) == (LinkStatus.BROKEN, 404)
    assert gone.link_ok_at is None and gone.link_checked_at
    assert inside.link_status == LinkStatus.REFUSED
    assert "not public" in inside.link_error
    assert list(sources_due()) == []


@pytest.mark.django_db
def test_a_source_that_stops_working_keeps_its_last_success(allow, server):
    source = SourceFactory(url=f"{server.base}/ok")
    source_check.call(source_id=source.pk)
    worked = Source.objects.get(pk=source.pk).link_ok_at
    Source.objects.filter(pk=source.pk).update(url=f"{server.base}/gone")
    source_check.call(source_id=source.pk)
    source.refresh_from_db()
    assert source.link_status == LinkStatus.BROKEN
    assert source.link_ok_at == worked


@pytest.mark.django_db
def test_editors_see_broken_and_redirected_sources(admin_client, allow, server):
    gone = SourceFactory(url=f"{server.base}/gone", title="Gone Page")
    moved = SourceFactory(url=f"{server.base}/moved", title="Moved Page")
    fine = SourceFactory(url=f"{server.base}/ok", title="Fine Page")
    for source in (gone, moved, fine):
        source_check.call(source_id=source.pk)
    changelist = reverse("admin:citations_source_changelist")
    broken = admin_client.get(changelist, {"link": "broken"}).content.decode()
    assert "Gone Page" in broken and "Fine Page" not in broken
    redirected = admin_client.get(changelist, {"link": "redirected"}).content.decode()
    assert "Moved Page" in redirected and "Gone Page" not in redirected
    page = admin_client.get(
        reverse("admin:citations_source_change", args=[moved.pk])
    ).content.decode()
    assert f"{server.base}/ok" in page  # the address after redirects


@pytest.mark.django_db
def test_saving_an_article_checks_its_new_sources(
    allow, server, django_capture_on_commit_callbacks
):
    from tests.articles.factories import ArticleFactory

    source = SourceFactory(url=f"{server.base}/ok")
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(languages=("tr",), citations=[{"source": source}])
    source.refresh_from_db()
    assert source.link_status == LinkStatus.OK


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "label"),
    [("tr", "arşivlenmiş kopya"), ("en", "archived copy"), ("ru", "архивная копия")],
)
def test_the_note_shows_the_archived_copy(code, label):
    archive = "https://web.archive.org/web/2023/https://example.org/a?x=1&y=<2>"
    source = SourceFactory(url="https://example.org/a", archive_url=archive)
    citation = CitationFactory.build(source=source, key=1)
    with translation.override(code):
        html = note_html(Note(number=1, citation=citation), code)
    assert (
        f'{label}: <a href="https://web.archive.org/web/2023/https://example.org/a'
        f'?x=1&amp;y=&lt;2&gt;">' in html
    )
