import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from editorial import roles

pytestmark = pytest.mark.django_db


def test_demo_accounts_have_their_roles(settings, django_user_model):
    settings.DEBUG = True
    call_command("ensure_demo_editor")
    call_command("ensure_demo_editor")  # again: nothing doubles
    users = {u.username: u for u in django_user_model.objects.all()}
    assert set(users) == {"editor", "author", "translator"}
    assert roles.can_publish(users["editor"])
    assert not roles.can_publish(users["author"])
    assert roles.translator_languages(users["translator"]) == ["ru"]
    assert users["author"].check_password("ankasam-demo")


def test_demo_accounts_are_refused_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("ensure_demo_editor")
