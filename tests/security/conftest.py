import pytest

from .hostile import hostile_content


@pytest.fixture
def hostile_site(admin_user):
    """The demo content and a row for every model of the admin (``hostile_content``)."""
    return hostile_content(admin_user)
