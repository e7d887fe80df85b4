from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from articles.models import Article
from staff.policy import second_factor_required
from tests.articles.factories import ArticleFactory
from tests.editorial.conftest import make_user
from tests.staff_login import authenticator, totp_code

from .client import Browser
from .server import gunicorn

PASSWORD = "eş-zamanlı-kayıt-2024"


@dataclass(frozen=True)
class Site:
    url: str
    log_path: Path


@pytest.fixture
def site(transactional_db, tmp_path):
    """gunicorn serving the test database; tests see only what they commit.

    One server per test: the flush between tests renumbers content types, which
    its workers would otherwise keep in their caches.
    """
    folder = tmp_path / "gunicorn"
    folder.mkdir()
    log_path = folder / "gunicorn.log"
    with gunicorn(
        database=settings.DATABASES["default"],
        media_root=folder / "media",
        log_path=log_path,
    ) as url:
        yield Site(url, log_path)


def staff_user(role, *, languages=()):
    """A staff user who logs in through the login form, as a browser does."""
    return make_user(role, languages=languages, password=PASSWORD)


def logged_in(site, user):
    """Signed in as a person does: password, then (for editors) the code from the
    account's authenticator app."""
    browser = Browser(site.url)
    device = authenticator(user) if second_factor_required(user) else None
    browser.login(
        user.get_username(),
        PASSWORD,
        second_factor=(lambda: totp_code(device)) if device else None,
    )
    return browser


@pytest.fixture
def editors(transactional_db, site):
    """Two editors, each logged in through the admin's login form, in a browser each."""
    return [logged_in(site, staff_user("Editor")) for _ in range(2)]


@pytest.fixture
def translator(transactional_db, site):
    """A translator into English, logged in."""
    return logged_in(site, staff_user("Translator", languages=("en",)))


@pytest.fixture
def article(transactional_db):
    """A published article in Turkish, English and Russian."""
    return ArticleFactory()


@pytest.fixture
def draft_article(transactional_db):
    """An article in three languages, none of them published yet."""
    return ArticleFactory(status=Article.Status.DRAFT)
