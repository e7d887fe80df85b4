"""The admin asks editors, admins and superusers for a second factor; authors may
choose one. Every step goes through the real login form and second-factor pages."""

import base64
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.models import DemoDevice, StaffEvent
from staff.services import recovery_codes_renew
from tests.articles.factories import ArticleFactory
from tests.editorial.conftest import make_user
from tests.staff_login import authenticator, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "iki-adımlı-giriş-2024"
VERIFY = "/admin/second-factor/"
ENROL = "/admin/second-factor/setup/"


def password_step(user, language="en"):
    client = Client(headers={"accept-language": language})
    answer = client.post(
        "/admin/login/?next=/admin/",
        {"username": user.username, "password": PASSWORD, "next": "/admin/"},
    )
    assert answer.status_code == 302, answer.content.decode()[:500]
    return client


def enter(client, code, page=VERIFY):
    return client.post(page, {"code": code, "next": "/admin/"})


def superuser():
    return get_user_model().objects.create_superuser(
        "patron", "patron@example.org", PASSWORD
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: make_user("Editor", password=PASSWORD),
        lambda: make_user("Admin", password=PASSWORD),
        superuser,
    ],
)
def test_the_password_alone_does_not_open_the_admin(make):
    user = make()
    authenticator(user)
    client = password_step(user)
    for path in ("/admin/", "/admin/articles/article/", "/admin/auth/user/"):
        answer = client.get(path)
        assert answer.status_code == 302, path
        assert answer["Location"].startswith(VERIFY), path
    # Nor does it count as staff on the public site: a draft's admin is not shown.
    assert not client.get("/tr/").wsgi_request.user.is_authenticated


def test_a_right_code_opens_the_admin_and_a_wrong_one_does_not():
    editor = make_user("Editor", password=PASSWORD)
    device = authenticator(editor)
    client = password_step(editor, "tr")
    wrong = enter(client, "000000" if totp_code(device) != "000000" else "111111")
    assert wrong.status_code == 200
    assert "Bu kod doğru değil" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code's wait, served
    device.throttling_failure_timestamp = None
    device.save()
    right = enter(client, totp_code(device))
    assert right.status_code == 302
    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    kinds = list(StaffEvent.objects.filter(user=editor).values_list("kind", flat=True))
    assert StaffEvent.Kind.SECOND_FACTOR_FAILED in kinds
    assert StaffEvent.Kind.SECOND_FACTOR_PASSED in kinds


def test_a_used_code_is_refused_the_second_time():
    editor = make_user("Editor", password=PASSWORD)
    device = authenticator(editor)
    code = totp_code(device)
    assert enter(password_step(editor), code).status_code == 302
    again = password_step(editor)
    assert enter(again, code).status_code == 200
    assert again.get("/admin/").status_code == 302


def test_wrong_codes_in_a_row_are_throttled():
    editor = make_user("Editor", password=PASSWORD)
    device = authenticator(editor)
    client = password_step(editor)
    for _ in range(3):
        enter(client, "999999" if totp_code(device) != "999999" else "888888")
    # Even the right code waits now (the wait doubles with each wrong one).
    assert enter(client, totp_code(device)).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_an_editor_without_a_device_must_enrol_and_gets_recovery_codes_once():
    editor = make_user("Editor", password=PASSWORD)
    client = password_step(editor)
    answer = client.get("/admin/")
    assert answer["Location"].startswith(ENROL)
    page = client.get(answer["Location"]).content.decode()
    assert "<svg" in page  # the QR code, inline: no script, no other origin
    uri = re.search(r'id="otpauth-uri">([^<]+)<', page).group(1)
    assert uri.startswith("otpauth://totp/ANKASAM%3A")
    secret = re.search(r'id="totp-secret">([^<]+)<', page).group(1)
    # The phone, set up from the key as typed:
    key = base64.b32decode(secret.replace(" ", ""))
    phone = TOTP(key)
    phone.time = time.time()
    shown = enter(client, f"{phone.token():06d}", page=ENROL)
    assert shown.status_code == 200
    codes = re.findall(r"<li><code>([0-9a-f]{10})</code></li>", shown.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=editor).confirmed
    # Shown once: the set-up page now says it is on, with no codes.
    again = client.get(ENROL).content.decode()
    assert not any(code in again for code in codes)

    # A recovery code signs in once.
    other = password_step(editor)
    assert enter(other, codes[0]).status_code == 302
    assert other.get("/admin/").status_code == 200
    assert enter(password_step(editor), codes[1]).status_code == 302
    third = password_step(editor)
    assert enter(third, codes[0]).status_code == 200  # used up
    assert third.get("/admin/").status_code == 302
    assert StaticToken.objects.filter(device__user=editor).count() == 8


def test_the_second_factor_is_optional_for_authors_and_translators():
    for role in ("Author", "Translator"):
        user = make_user(
            role, password=PASSWORD, languages=("en",) if role == "Translator" else ()
        )
        client = password_step(user)
        assert client.get("/admin/").status_code == 200, role


def test_an_author_who_enrols_is_asked_for_it_from_then_on():
    author = make_user("Author", password=PASSWORD)
    client = password_step(author)
    assert client.get(ENROL).status_code == 200
    device = TOTPDevice.objects.get(user=author, confirmed=False)
    assert enter(client, totp_code(device), page=ENROL).status_code == 200
    later = password_step(author)
    assert later.get("/admin/")["Location"].startswith(VERIFY)


def test_promotion_to_editor_asks_for_the_second_factor_at_once():
    author = make_user("Author", password=PASSWORD)
    client = password_step(author)
    assert client.get("/admin/").status_code == 200
    author.groups.add(*make_user("Editor").groups.all())
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_a_half_signed_in_editor_is_a_reader_on_the_public_site():
    editor = make_user("Editor", password=PASSWORD)
    authenticator(editor)
    client = password_step(editor)
    article = ArticleFactory()
    answer = client.get(article.get_absolute_url("tr"))
    assert answer.status_code == 200
    assert not answer.wsgi_request.user.is_authenticated


def test_the_demo_code_works_only_for_demo_accounts_with_debug_on(settings):
    demo = get_user_model().objects.create_user(
        "editor", password=PASSWORD, is_staff=True, is_superuser=True
    )
    DemoDevice.objects.create(user=demo, name="demo", confirmed=True)
    stranger = make_user("Editor", password=PASSWORD)
    DemoDevice.objects.create(user=stranger, name="demo", confirmed=True)

    settings.DEBUG = False  # production
    client = password_step(demo)
    assert enter(client, "123456").status_code == 200
    assert client.get("/admin/").status_code == 302

    settings.DEBUG = True
    assert enter(client, "123456").status_code == 302
    assert client.get("/admin/").status_code == 200
    outsider = password_step(stranger)
    assert enter(outsider, "123456").status_code == 200
    assert outsider.get("/admin/").status_code == 302


def test_the_admin_never_shows_a_devices_key_or_recovery_codes(admin_client):
    editor = make_user("Editor", password=PASSWORD)
    device = authenticator(editor)
    codes = recovery_codes_renew(user=editor)
    config = reverse("admin:otp_totp_totpdevice_config", args=[device.pk])
    assert admin_client.get(config).status_code == 403
    qrcode = reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk])
    assert admin_client.get(qrcode).status_code == 403
    change = admin_client.get(
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    ).content.decode()
    assert device.key not in change
    static = StaticDevice.objects.get(user=editor)
    page = admin_client.get(
        reverse("admin:otp_static_staticdevice_change", args=[static.pk])
    ).content.decode()
    assert not any(code in page for code in codes)
