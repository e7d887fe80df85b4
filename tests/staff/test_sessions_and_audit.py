"""Staff sessions end when idle and on a password change; passwords follow a
policy; the audit trail records sign-ins and role changes and cannot be edited."""

import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from staff.audit import SEEN_KEY
from staff.middleware import TOUCH_SECONDS
from staff.models import StaffEvent
from tests.editorial.conftest import make_user
from tests.formdata import resubmit
from tests.staff_login import staff_login

pytestmark = pytest.mark.django_db

Kind = StaffEvent.Kind
PASSWORD = "oturum-süresi-2024"


def signed_in_client(user):
    return staff_login(Client(headers={"accept-language": "en"}), user)


def test_a_staff_session_ends_after_eight_idle_hours():
    assert settings.STAFF_IDLE_SECONDS == 8 * 60 * 60
    assert settings.SESSION_COOKIE_AGE == settings.STAFF_IDLE_SECONDS
    client = signed_in_client(make_user("Editor"))
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[SEEN_KEY] = time.time() - settings.STAFF_IDLE_SECONDS - 1
    session.save()
    answer = client.get("/admin/")
    assert answer.status_code == 302
    assert answer["Location"].startswith("/admin/login/")


def test_activity_keeps_the_session_alive_with_a_write_every_few_minutes():
    client = signed_in_client(make_user("Editor"))
    session = client.session
    session[SEEN_KEY] = time.time() - TOUCH_SECONDS - 1
    session.save()
    before = client.session.get_expiry_date()
    client.get("/admin/")
    assert client.session[SEEN_KEY] > time.time() - 5
    assert client.session.get_expiry_date() > before


def test_a_password_change_ends_the_accounts_other_sessions():
    editor = make_user("Editor", password=PASSWORD)
    elsewhere = signed_in_client(editor)
    here = signed_in_client(editor)
    here.get(reverse("admin:password_change"))
    answer = here.post(
        reverse("admin:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "yeni-ve-uzun-parola-2025",
            "new_password2": "yeni-ve-uzun-parola-2025",
        },
    )
    assert answer.status_code == 302
    assert here.get("/admin/").status_code == 200  # the session that changed it
    assert elsewhere.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_password_an_admin_sets_ends_the_members_sessions(admin_client):
    editor = make_user("Editor", password=PASSWORD)
    elsewhere = signed_in_client(editor)
    assert elsewhere.get("/admin/").status_code == 200
    url = reverse("admin:auth_user_password_change", args=[editor.pk])
    answer = resubmit(
        admin_client,
        url,
        {
            "password1": "yeni-ve-uzun-parola-2025",
            "password2": "yeni-ve-uzun-parola-2025",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert elsewhere.get("/admin/")["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("password", "complaint"),
    [
        ("kisa-parola", "too short"),
        ("password1234", "too common"),
        ("482915736201", "entirely numeric"),
        ("yeni-personel-1", "too similar"),
    ],
)
def test_passwords_follow_the_policy(admin_client, password, complaint):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    answer = resubmit(
        admin_client,
        reverse("admin:auth_user_add"),
        {
            "username": "yeni-personel-1",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )
    assert answer.status_code == 200
    assert complaint in answer.content.decode()
    assert not get_user_model().objects.filter(username="yeni-personel-1").exists()


def test_sign_ins_and_failures_are_in_the_audit_trail():
    author = make_user("Author", password=PASSWORD)
    client = Client(REMOTE_ADDR="203.0.113.5")
    client.post("/admin/login/", {"username": author.username, "password": "no"})
    client.post("/admin/login/", {"username": "nobody", "password": "no"})
    client.post("/admin/login/", {"username": author.username, "password": PASSWORD})
    events = list(StaffEvent.objects.order_by("id").values_list("kind", "username"))
    assert (Kind.SIGN_IN_FAILED, author.username) in events
    assert (Kind.SIGN_IN_FAILED, "nobody") in events
    assert events[-1] == (Kind.SIGNED_IN, author.username)
    assert StaffEvent.objects.filter(address="203.0.113.5").count() == 3


def test_a_lock_out_is_in_the_audit_trail():
    author = make_user("Author", password=PASSWORD)
    client = Client(REMOTE_ADDR="203.0.113.6")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": author.username, "password": n})
    assert StaffEvent.objects.filter(kind=Kind.LOCKED_OUT, user=author).exists()


def test_role_changes_made_in_the_admin_name_who_made_them():
    boss = make_user("Admin")
    client = signed_in_client(boss)
    author = make_user("Author")
    StaffEvent.objects.all().delete()
    editor_group = Group.objects.get(name="Editor")
    answer = resubmit(
        client,
        reverse("admin:auth_user_change", args=[author.pk]),
        {
            "groups": [str(editor_group.pk)],
            "is_superuser": "on",
            "_save": "Save",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    changes = StaffEvent.objects.filter(kind=Kind.ROLE_CHANGED, user=author)
    details = sorted(changes.values_list("detail", flat=True))
    assert details == ["group +Editor", "group -Author", "is_superuser: False → True"]
    assert set(changes.values_list("actor", flat=True)) == {boss.pk}


def test_admins_read_the_audit_trail_and_nobody_edits_it():
    make_user("Author", password=PASSWORD)
    Client().post("/admin/login/", {"username": "nobody", "password": "x"})
    event = StaffEvent.objects.get(username="nobody")
    boss = signed_in_client(make_user("Admin"))
    changelist = reverse("admin:staff_staffevent_changelist")
    assert "nobody" in boss.get(changelist).content.decode()
    assert boss.get(reverse("admin:staff_staffevent_add")).status_code == 403
    change = reverse("admin:staff_staffevent_change", args=[event.pk])
    assert boss.post(change, {"username": "someone"}).status_code == 403
    delete = reverse("admin:staff_staffevent_delete", args=[event.pk])
    assert boss.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.username == "nobody"
    # An editor does not see it at all.
    editor = signed_in_client(make_user("Editor"))
    assert editor.get(changelist).status_code == 403
