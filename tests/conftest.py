import io
import ipaddress
import socket

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from tests.concurrency.tally import SUMMARY_PROPERTY
from tests.staff_login import staff_login


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language (Turkish), whatever the
    previous test's requests activated in this thread."""
    translation.activate("tr")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Every test starts with no stored page in this process (the test database
    starts empty too); Redis-backed tests use a key prefix of their own."""
    from pagecache.store import store

    store().clear()


_resolve = socket.getaddrinfo


def _local_only(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and name != "localhost":
        try:
            ipaddress.ip_address(name.split("%")[0])
        except ValueError:
            raise socket.gaierror(socket.EAI_NONAME, "no internet in tests") from None
    return _resolve(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch):
    """Tests never reach the internet: host names other than ``localhost`` do not
    resolve (address literals do). Saves check the sources they cite (the sample
    cites Reuters, VOA ...); those checks end as "cannot resolve" instead of asking
    real sites. The link checker's own tests use local servers."""
    monkeypatch.setattr(socket, "getaddrinfo", _local_only)


@pytest.fixture(scope="module")
def _module_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content (``load_demo``, its jobs run at once), loaded and committed
    once for a module of tests that only read it, with its media in a folder of its
    own. Each test still runs in a transaction that is rolled back; the module ends
    by emptying the database as a transactional test does."""
    media = tmp_path_factory.mktemp("demo") / "media"
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(socket, "getaddrinfo", _local_only)
        translation.activate("tr")
        try:
            call_command("load_demo", stdout=io.StringIO())
        finally:
            translation.deactivate()
    yield media
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def shared_demo(_module_demo, settings, db):
    """The module's demo content (see ``_module_demo``), for a test that reads it;
    what the test writes is rolled back. Not for tests that write files or commit."""
    settings.MEDIA_ROOT = _module_demo


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, signed in past the second factor as a
    superuser must be (tests/staff_login.py)."""
    return staff_login(client, admin_user)


@pytest.fixture
def in_language():
    """Activate a language for code that runs outside a request."""

    def activate(code):
        translation.activate(code)

    yield activate
    translation.deactivate()


def pytest_terminal_summary(terminalreporter):
    """Show the concurrency tests' counts in the log, passed or failed, with or
    without -s (here, not in tests/concurrency/, so that xdist's controller has it)."""
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get(
        "failed", []
    ):
        for name, value in getattr(report, "user_properties", []):
            if name == SUMMARY_PROPERTY:
                terminalreporter.write_line(f"{report.nodeid}: {value}")
