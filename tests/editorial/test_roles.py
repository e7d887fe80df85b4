"""The role × action matrix, enforced on the server against direct requests."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.editorial.conftest import client_for
from tests.editorial.helpers import change_url, draft_by, form_data

pytestmark = pytest.mark.django_db


def test_author_edits_own_draft(author):
    article = draft_by(author)
    response = client_for(author).post(
        change_url(article), form_data(article, title_tr="Yeni başlık")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_tr == "Yeni başlık"


def test_author_cannot_post_another_authors_draft(author, other_author):
    article = draft_by(other_author)
    response = client_for(author).post(
        change_url(article), form_data(article, title_tr="Ele geçirildi")
    )
    assert response.status_code in (302, 403, 404)
    article.refresh_from_db()
    assert article.title_tr != "Ele geçirildi"


def test_author_cannot_publish(author):
    article = draft_by(author)
    response = client_for(author).post(
        change_url(article), form_data(article, status_tr="published")
    )
    assert response.status_code == 200  # the form comes back with an error
    assert "Select a valid choice" in response.content.decode()
    article.refresh_from_db()
    assert article.status_tr == "draft"


def test_author_submits_for_review_and_then_cannot_edit(author):
    article = draft_by(author)
    client = client_for(author)
    response = client.post(change_url(article), form_data(article, status_tr="review"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status_tr == "review"
    assert article.transitions.get().created_by == author
    response = client.post(change_url(article), form_data(article, title_tr="Geç"))
    article.refresh_from_db()
    assert article.title_tr != "Geç"


def test_author_cannot_publish_with_the_bulk_action(author):
    article = draft_by(author)
    client_for(author).post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_tr", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status_tr == "draft"


def test_author_cannot_delete(author):
    article = draft_by(author)
    response = client_for(author).post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).status_tr == "draft"


def test_translator_changes_only_their_languages(translator, editor):
    article = draft_by(editor, title_ru="Старый", title_en="Old")
    response = client_for(translator).post(
        change_url(article),
        form_data(article, title_ru="Новый", title_en="Hijacked", status_ru="review"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_ru == "Новый"
    assert article.title_en == "Old"
    assert article.status_ru == "review"  # submitted for an editor


def test_translator_cannot_publish_their_language(translator, editor):
    article = draft_by(editor, title_ru="Старый")
    response = client_for(translator).post(
        change_url(article), form_data(article, status_ru="published")
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    article.refresh_from_db()
    assert article.status_ru == "draft"


def test_translator_sees_no_byline_or_citation_inlines(translator, editor):
    article = draft_by(editor)
    html = client_for(translator).get(change_url(article)).content.decode()
    assert 'name="title_ru"' in html
    assert 'name="title_en"' not in html
    assert "citations-TOTAL_FORMS" not in html


def test_translator_cannot_publish_or_trash(translator, editor):
    article = draft_by(editor)
    client = client_for(translator)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_tr", "_selected_action": [article.pk]},
    )
    response = client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status_tr == "draft"


def test_editor_publishes_edits_any_and_unpublishes(editor, author):
    article = draft_by(author)
    client = client_for(editor)
    response = client.post(
        change_url(article), form_data(article, status_tr="published")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status_tr == "published"
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish_tr", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status_tr == "draft"
    assert [t.to_status for t in article.transitions.order_by("pk")] == [
        "published",
        "draft",
    ]


def test_editor_schedules_an_article(editor, client):
    article = draft_by(editor)
    response = client_for(editor).post(
        change_url(article),
        form_data(
            article,
            status_tr="published",
            published_at_tr_0="2999-01-01",
            published_at_tr_1="09:00:00",
        ),
    )
    assert response.status_code == 302
    assert client.get(article.get_absolute_url("tr")).status_code == 404


def test_publishing_with_citation_problems_is_refused_in_bulk(editor):
    article = draft_by(editor, body_tr="<p>Metin [1] [9]</p>")
    response = client_for(editor).post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_tr", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "marker [9] has no citation" in response.content.decode()
    article.refresh_from_db()
    assert article.status_tr == "draft"


def test_only_admins_manage_users(editor, admin_user):
    assert (
        client_for(editor).get(reverse("admin:auth_user_changelist")).status_code == 403
    )
    assert (
        client_for(admin_user).get(reverse("admin:auth_user_changelist")).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [("author", 200), ("translator", 200), ("editor", 200), ("admin_user", 200)],
)
def test_every_role_reaches_the_article_list(request, role, status):
    user = request.getfixturevalue(role)
    assert (
        client_for(user).get(reverse("admin:articles_article_changelist")).status_code
        == status
    )


def test_authors_list_shows_only_their_articles(author, other_author):
    mine, theirs = draft_by(author), draft_by(other_author)
    response = client_for(author).get(reverse("admin:articles_article_changelist"))
    listed = list(response.context["cl"].result_list)
    assert mine in listed and theirs not in listed


def test_staff_switch_the_admin_language_and_it_sticks(editor):
    client = client_for(editor)
    page = client.get(reverse("admin:index"))
    assert 'action="/i18n/setlang/"' in page.content.decode()
    client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert '<html lang="ru"' in html
    html = client.get(reverse("admin:articles_article_translations")).content.decode()
    assert '<html lang="ru"' in html


def test_admin_index_links_the_workspace(editor):
    html = client_for(editor).get(reverse("admin:index")).content.decode()
    assert reverse("admin:articles_article_translations") in html
    assert "?state=review" in html
    assert reverse("admin:articles_article_trash") in html
