import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from editorial.models import EditorProfile
from tests.staff_login import staff_login

NUMBERS = itertools.count(1)


def make_user(role, *, languages=(), password=None):
    """A staff user in the ``role`` group; no password unless given (tests log in
    with staff_login, and hashing one is slow)."""
    user = get_user_model().objects.create_user(
        f"{role.lower()}-{next(NUMBERS)}", password=password, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    if languages:
        EditorProfile.objects.create(user=user, languages=list(languages))
    return user


def client_for(user):
    client = Client(headers={"accept-language": "en"})
    return staff_login(client, user)


@pytest.fixture
def author(db):
    return make_user("Author")


@pytest.fixture
def other_author(db):
    return make_user("Author")


@pytest.fixture
def translator(db):
    return make_user("Translator", languages=("ru",))


@pytest.fixture
def editor(db):
    return make_user("Editor")


@pytest.fixture
def admin_user(db):
    return make_user("Admin")
