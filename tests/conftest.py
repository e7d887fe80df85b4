import pytest
from django.utils import translation


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


@pytest.fixture
def in_language():
    """Activate a language for code that runs outside a request."""

    def activate(code):
        translation.activate(code)

    yield activate
    translation.deactivate()
