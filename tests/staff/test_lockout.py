"""Brute force against the admin's login form: throttled, locked out, and said so."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

from tests.editorial.conftest import make_user
from tests.staff_login import staff_login

pytestmark = pytest.mark.django_db

PASSWORD = "doğru-parola-2024!"
LOGIN = "/admin/login/?next=/admin/"


def browser(language="tr", address="203.0.113.7"):
    return Client(headers={"accept-language": language}, REMOTE_ADDR=address)


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_hundred_wrong_passwords_lock_the_account_and_say_so(settings):
    editor = make_user("Editor", password=PASSWORD)
    client = browser("tr")
    answers = [
        sign_in(client, editor.username, f"yanlış-{n}").status_code for n in range(100)
    ]
    limit = settings.AXES_FAILURE_LIMIT
    assert answers[: limit - 1] == [200] * (limit - 1)  # the form, with its error
    assert set(answers[limit:]) == {429}
    locked = sign_in(client, editor.username, "yine-yanlış")
    assert "Çok fazla başarısız giriş" in locked.content.decode()

    # The right password does not work straight after, from this address or another.
    for other in (client, browser("en", address="198.51.100.9")):
        answer = sign_in(other, editor.username, PASSWORD)
        assert answer.status_code == 429
        assert not signed_in(other)
    assert "Too many failed sign-ins" in answer.content.decode()


def test_one_address_trying_many_accounts_is_locked_out_too(settings):
    victims = [make_user("Author", password=PASSWORD) for _ in range(3)]
    client = browser("en")
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, victims[n % 3].username, f"guess-{n}")
    fresh = make_user("Author", password=PASSWORD)
    answer = sign_in(client, fresh.username, PASSWORD)
    assert answer.status_code == 429
    assert not signed_in(client)
    # Another address still signs in.
    assert (
        sign_in(browser(address="198.51.100.20"), fresh.username, PASSWORD).status_code
        == 302
    )


def test_the_lock_out_page_speaks_russian_to_a_russian_admin(settings):
    author = make_user("Author", password=PASSWORD)
    client = browser("ru")
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, author.username, f"неверно-{n}")
    answer = sign_in(client, author.username, PASSWORD)
    assert answer.status_code == 429
    assert "Слишком много неудачных попыток входа" in answer.content.decode()


def test_the_lock_out_page_follows_the_language_chosen_in_the_admin(settings):
    """The admin's language switch (a cookie) wins over the browser's language."""
    author = make_user("Author", password=PASSWORD)
    client = browser("en")
    client.post("/i18n/setlang/", {"language": "tr", "next": "/admin/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "tr"
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, author.username, f"wrong-{n}")
    answer = sign_in(client, author.username, PASSWORD)
    assert answer.status_code == 429
    page = answer.content.decode()
    assert "Çok fazla başarısız giriş" in page
    assert "Too many failed sign-ins" not in page


def test_an_admin_unlocks_a_locked_account_in_the_admin(settings):
    author = make_user("Author", password=PASSWORD)
    client = browser("en")
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, author.username, f"wrong-{n}")
    assert sign_in(client, author.username, PASSWORD).status_code == 429

    boss = staff_login(browser("en", address="192.0.2.1"), make_user("Admin"))
    attempts = AccessAttempt.objects.filter(username=author.username)
    assert attempts.exists()
    changelist = "/admin/axes/accessattempt/"
    assert author.username in boss.get(changelist).content.decode()
    for pk in attempts.values_list("pk", flat=True):
        delete = f"{changelist}{pk}/delete/"
        assert boss.post(delete, {"post": "yes"}).status_code == 302
    # A fresh query: a QuerySet already iterated answers exists() from its cache.
    assert not AccessAttempt.objects.filter(username=author.username).exists()
    assert sign_in(client, author.username, PASSWORD).status_code == 302
    assert signed_in(client)


def test_a_right_password_before_the_limit_clears_the_count(settings):
    author = make_user("Author", password=PASSWORD)
    client = browser("en")
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, author.username, f"typo-{n}")
    assert sign_in(client, author.username, PASSWORD).status_code == 302
    assert signed_in(client)
    assert get_user_model().objects.get(pk=author.pk).last_login is not None
