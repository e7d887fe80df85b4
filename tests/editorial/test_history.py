"""Revisions, diffs, restore, the trash, and no lost updates."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editorial.services import TRASH_DAYS
from tests.editorial.conftest import client_for
from tests.editorial.helpers import change_url, draft_by, form_data

pytestmark = pytest.mark.django_db


def save(client, article, **changes):
    article.refresh_from_db()
    return client.post(change_url(article), form_data(article, **changes))


def test_every_save_keeps_a_revision_of_the_whole_article(editor):
    article = draft_by(editor)
    client = client_for(editor)
    save(client, article, title_ru="Первая правка")
    save(client, article, body_en="<p>Second edit.[1]</p>")
    revisions = list(article.revisions.order_by("number"))
    assert len(revisions) == 3  # the first version, then one per save
    assert revisions[1].data["title_ru"] == "Первая правка"
    assert revisions[1].changed == ["title_ru"]
    assert revisions[2].changed == ["body_en"]
    assert revisions[2].created_by == editor
    assert revisions[2].data["citations"][0]["key"] == 1
    assert revisions[2].data["authors"] == [article.article_authors.get().author_id]


def test_history_shows_who_changed_what_and_a_readable_diff(editor):
    article = draft_by(editor, title_en="Light and shadow")
    client = client_for(editor)
    save(client, article, title_en="Light and shade")
    save(client, article, title_en="Light, shade and dust")
    html = client.get(
        reverse("admin:articles_article_history", args=[article.pk])
    ).content
    assert editor.username in html.decode()
    last = article.revisions.order_by("-number").first()
    response = client.get(
        reverse("admin:articles_article_revision", args=[article.pk, last.number])
    )
    html = response.content.decode()
    assert "title [en]" in html
    assert "<del>shade</del>" in html
    assert "<ins>shade and dust</ins>" in html or "<ins>" in html


def test_a_revision_is_restored_in_one_step(editor):
    article = draft_by(editor, title_tr="Birinci")
    client = client_for(editor)
    save(client, article, title_tr="İkinci", body_tr="<p>Yeni metin.[1]</p>")
    first = article.revisions.order_by("number")[1]
    save(client, article, title_tr="Üçüncü")
    response = client.post(
        reverse(
            "admin:articles_article_revision_restore", args=[article.pk, first.number]
        )
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_tr == "İkinci"
    assert article.revisions.count() == 4  # restoring adds a version, loses none


def test_restore_needs_post(editor):
    article = draft_by(editor)
    save(client_for(editor), article, title_tr="X")
    number = article.revisions.first().number
    url = reverse("admin:articles_article_revision_restore", args=[article.pk, number])
    assert client_for(editor).get(url).status_code == 403


def test_a_stale_form_is_refused_saying_who_changed_what_and_keeps_the_text(editor):
    article = draft_by(editor)
    first, second = client_for(editor), client_for(editor)
    first_form = form_data(article)  # both open the form at the same version
    second_form = form_data(article)
    first_form["title_en"] = "First editor's title"
    assert first.post(change_url(article), first_form).status_code == 302
    second_form["body_en"] = "<p>Second editor's long paragraph.[1]</p>"
    response = second.post(change_url(article), second_form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone saved this article after you opened it" in html
    assert "title [en]" in html
    assert (
        "Second editor&#x27;s long paragraph" in html or "Second editor's long" in html
    )
    article.refresh_from_db()
    assert article.title_en == "First editor's title"
    assert "Second editor" not in article.body_en
    # Saving again after reading the message is a deliberate overwrite.
    form = response.context["adminform"].form
    assert form["version_seen"].value() == article.version
    second_form["version_seen"] = article.version
    final = second.post(change_url(article), second_form)
    assert final.status_code == 302, re.findall(
        r"errornote.{0,600}", final.content.decode(), re.S
    )


def test_deleting_moves_to_the_trash_and_restores(editor, client):
    article = draft_by(editor, status=Article.Status.PUBLISHED)
    admin = client_for(editor)
    admin.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    article.refresh_from_db()
    assert article.is_trashed
    assert client.get(article.get_absolute_url("tr")).status_code == 404
    listed = (
        admin.get(reverse("admin:articles_article_changelist"))
        .context["cl"]
        .result_list
    )
    assert article not in listed
    assert (
        str(article)
        in admin.get(reverse("admin:articles_article_trash")).content.decode()
    )
    admin.post(reverse("admin:articles_article_trash"), {"article": article.pk})
    article.refresh_from_db()
    assert not article.is_trashed
    # Back, but publishing is decided again.
    assert [article.status_in(code) for code in ("tr", "en", "ru")] == ["draft"] * 3


def test_the_trash_keeps_articles_for_30_days(editor):
    article = draft_by(editor)
    old = timezone.now() - datetime.timedelta(days=TRASH_DAYS + 1)
    Article.objects.filter(pk=article.pk).update(trashed_at=old)
    response = client_for(editor).post(
        reverse("admin:articles_article_trash"), {"article": article.pk}, follow=True
    )
    assert "30 days only" in response.content.decode()
    call_command("purge_trash")
    assert not Article.objects.filter(pk=article.pk).exists()


def test_trash_bulk_action(editor):
    articles = [draft_by(editor), draft_by(editor)]
    client_for(editor).post(
        reverse("admin:articles_article_changelist"),
        {"action": "move_to_trash", "_selected_action": [a.pk for a in articles]},
    )
    assert Article.objects.trashed().count() == 2
