"""The article form's unsaved changes: kept per member and form, never the article."""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editorial.autosave import KEEP_DAYS
from editorial.models import Autosave
from tests.editorial.conftest import client_for
from tests.editorial.helpers import change_url, draft_by, form_data

pytestmark = pytest.mark.django_db


def stored(article) -> dict:
    """The article's row as stored, every language's columns by their own names."""
    names = [
        f.attname
        for f in Article._meta.concrete_fields
        if f.attname[-3:] in {"_tr", "_en", "_ru"}
        or f.attname in {"version", "updated_at"}
    ]
    return Article.objects.filter(pk=article.pk).values(*names).get()


def autosave_url(key):
    return reverse("admin:articles_article_autosave", args=[key])


def post(client, key, payload):
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post(autosave_url(key), body, content_type="application/json")


def test_typing_is_kept_and_offered_back_without_touching_the_article(editor):
    article = draft_by(editor)
    before = stored(article)
    client = client_for(editor)
    fields = {"title_tr": "Yeni başlık", "body_tr": "<p>Yazılan metin.</p>"}
    response = post(client, article.pk, {"fields": fields})
    assert response.status_code == 200
    assert Autosave.objects.get().fields == fields
    assert stored(article) == before

    html = client.get(change_url(article)).content.decode()
    assert "Restore unsaved changes" in html
    restored = client.get(change_url(article) + "?restore=1").content.decode()
    assert 'value="Yeni başlık"' in restored
    assert "are restored below" in restored

    # Saving the form is what changes the article, and ends the offer.
    response = client.post(change_url(article), form_data(article, title_tr="Yeni"))
    assert response.status_code == 302
    assert not Autosave.objects.exists()
    assert "Restore unsaved changes" not in client.get(change_url(article)).text


def test_discarding_forgets_the_changes(editor):
    article = draft_by(editor)
    client = client_for(editor)
    post(client, article.pk, {"fields": {"title_tr": "Atılacak"}})
    discard = reverse("admin:articles_article_autosave_discard", args=[article.pk])
    assert client.get(discard).status_code == 405
    assert client.post(discard).status_code == 302
    assert not Autosave.objects.exists()


def test_a_new_article_has_its_own_unsaved_changes(editor):
    client = client_for(editor)
    assert post(client, "new", {"fields": {"title_tr": "Henüz yok"}}).status_code == 200
    add = reverse("admin:articles_article_add")
    assert "Restore unsaved changes" in client.get(add).text
    assert 'value="Henüz yok"' in client.get(add + "?restore=1").text
    assert not Article.objects.exists()


def test_only_staff_keep_changes_and_only_their_own(editor, author, other_author):
    article = draft_by(author)
    payload = {"fields": {"title_tr": "Başkasının"}}
    # Readers and signed-in members who are not staff are sent to the sign-in.
    assert post(Client(), article.pk, payload).status_code == 302
    reader = get_user_model().objects.create_user("okur")
    anonymous = Client()
    anonymous.force_login(reader)
    assert post(anonymous, article.pk, payload).status_code == 302
    # An author may not keep changes of someone else's article.
    assert post(client_for(other_author), article.pk, payload).status_code == 404
    assert not Autosave.objects.exists()
    # An editor's changes of it are the editor's, offered to nobody else.
    assert post(client_for(editor), article.pk, payload).status_code == 200
    assert (
        "Restore unsaved changes"
        not in client_for(author).get(change_url(article)).text
    )
    assert Autosave.objects.get().user == editor


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        b"\xff\xfe",
        [],
        {"fields": []},
        {"fields": {}},
        {"fields": {"title_tr": 3}},
        {"fields": {"is_superuser": "1"}},
        {"fields": {"article_authors-0-author": "1"}},
    ],
)
def test_a_bad_payload_is_a_400_with_the_reason(editor, payload):
    article = draft_by(editor)
    response = post(client_for(editor), article.pk, payload)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not Autosave.objects.exists()


def test_unknown_or_malformed_keys_are_404(editor):
    client = client_for(editor)
    assert post(client, 999999, {"fields": {"title_tr": "x"}}).status_code == 404
    assert post(client, "abc", {"fields": {"title_tr": "x"}}).status_code == 404
    assert client.get(autosave_url("new")).status_code == 405


def test_purge_forgets_only_unsaved_changes_nobody_can_use(editor):
    """Old ones, ones older than their article's last save, and ones of a deleted
    article go; a recent one newer than its article, and a recent new form, stay."""
    client = client_for(editor)
    fresh, saved_over, gone, old = (draft_by(editor) for _ in range(4))
    for article in (fresh, saved_over, gone, old):
        post(client, article.pk, {"fields": {"title_tr": f"Yazılan {article.pk}"}})
    post(client, "new", {"fields": {"title_tr": "Yeni yazı"}})
    Autosave.objects.filter(key=str(old.pk)).update(
        saved_at=timezone.now() - datetime.timedelta(days=KEEP_DAYS + 1)
    )
    response = client.post(change_url(saved_over), form_data(saved_over))
    assert response.status_code == 302  # saving discards the saver's own offer
    other = get_user_model().objects.create_user("ikinci", is_staff=True)
    Autosave.objects.create(user=other, key=str(saved_over.pk), fields={"x": "y"})
    Autosave.objects.filter(user=other).update(
        saved_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    Article.objects.filter(pk=gone.pk).delete()

    out = io.StringIO()
    call_command("purge_trash", stdout=out)

    assert "3 unsaved form(s) forgotten." in out.getvalue()
    assert sorted(Autosave.objects.values_list("key", flat=True)) == sorted(
        [str(fresh.pk), "new"]
    )
    assert "Restore unsaved changes" in client.get(change_url(fresh)).text
