import ipaddress
import socket

import pytest
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


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch):
    """Tests never reach the internet: host names other than ``localhost`` do not
    resolve (address literals do). Saves check the sources they cite (the sample
    cites Reuters, VOA ...); those checks end as "cannot resolve" instead of asking
    real sites. The link checker's own tests use local servers."""
    resolve = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and name != "localhost":
            try:
                ipaddress.ip_address(name.split("%")[0])
            except ValueError:
                raise socket.gaierror(
                    socket.EAI_NONAME, "no internet in tests"
                ) from None
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


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
