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


def test_a_newcomer_signs_in_to_the_demo_with_the_documented_code(settings, client):
    settings.DEBUG = True
    call_command("ensure_demo_editor")
    for username in ("editor", "author", "translator"):
        client.post("/admin/login/", {"username": username, "password": "ankasam-demo"})
        assert client.get("/admin/")["Location"].startswith("/admin/second-factor/")
        answer = client.post("/admin/second-factor/", {"code": "123456"})
        assert answer.status_code == 302, username
        assert client.get("/admin/").status_code == 200, username
        client.post("/admin/logout/")


def test_the_demo_code_is_refused_once_debug_is_off(settings, client):
    settings.DEBUG = True
    call_command("ensure_demo_editor")
    settings.DEBUG = False
    client.post("/admin/login/", {"username": "editor", "password": "ankasam-demo"})
    assert client.post("/admin/second-factor/", {"code": "123456"}).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_demo_accounts_are_refused_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("ensure_demo_editor")
