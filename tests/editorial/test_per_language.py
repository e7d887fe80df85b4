"""Each language version is published on its own, and readers follow its state."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from editorial.services import (
    article_publish,
    article_save,
    article_unpublish,
)
from tests.articles.factories import ArticleFactory
from tests.editorial.conftest import client_for, make_user
from tests.editorial.helpers import change_url, form_data

pytestmark = pytest.mark.django_db


def reader_sees(path) -> bool:
    return Client().get(path).status_code == 200


def everywhere(article, code) -> dict[str, bool]:
    """Where readers find the ``code`` version of ``article``."""
    reader = Client()
    turkish = reader.get(article.get_absolute_url("tr")).content.decode()
    address = f"/{code}/" + article.get_absolute_url(code).split("/", 2)[2]
    sitemap = reader.get("/sitemap.xml").content.decode()
    feed = reader.get(f"/{code}/feed/").content.decode()
    found = reader.get(
        f"/{code}/search/", {"q": getattr(article, f"title_{code}").split()[0]}
    ).content.decode()
    search = re.sub(r"<[^>]+>", "", found)  # matches are highlighted
    return {
        "page": reader_sees(article.get_absolute_url(code)),
        "switcher": article.get_absolute_url(code) in turkish,
        "sitemap": address in sitemap,
        "feed": getattr(article, f"title_{code}") in feed,
        "search": getattr(article, f"title_{code}") in search,
    }


def test_a_translators_version_of_a_published_article_stays_a_draft(editor):
    article = ArticleFactory(languages=("tr",))
    translator = make_user("Translator", languages=("en",))
    response = client_for(translator).post(
        change_url(article),
        form_data(
            article,
            title_en="Light and Shadow",
            body_en="<p>English text.[1]</p>",
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.languages() == ["tr", "en"]
    assert article.status_en == "draft"
    assert everywhere(article, "en") == dict.fromkeys(
        ["page", "switcher", "sitemap", "feed", "search"], False
    )
    assert reader_sees(article.get_absolute_url("tr"))


def test_publishing_and_unpublishing_one_language_leaves_the_others(editor):
    article = ArticleFactory(languages=("tr", "en"), status_en="draft")
    article_publish(article=article, language="en", user=editor)
    article.refresh_from_db()
    assert everywhere(article, "en") == dict.fromkeys(
        ["page", "switcher", "sitemap", "feed", "search"], True
    )
    article_unpublish(article=article, language="en", user=editor)
    article.refresh_from_db()
    assert everywhere(article, "en") == dict.fromkeys(
        ["page", "switcher", "sitemap", "feed", "search"], False
    )
    assert reader_sees(article.get_absolute_url("tr"))
    assert [
        (t.language, t.from_status, t.to_status)
        for t in article.transitions.order_by("pk")
    ] == [("en", "draft", "published"), ("en", "published", "draft")]


def test_each_language_has_its_own_publication_time(editor):
    article = ArticleFactory(languages=("tr", "ru"), status_ru="draft")
    later = timezone.now() + datetime.timedelta(days=2)
    article_publish(article=article, language="ru", user=editor, at=later)
    article.refresh_from_db()
    assert article.state("ru") == "scheduled"
    assert article.state("tr") == "published"
    assert not reader_sees(article.get_absolute_url("ru"))
    assert reader_sees(article.get_absolute_url("tr"))


def test_publishing_a_language_sets_its_date_to_now(editor):
    article = ArticleFactory(
        languages=("tr", "en"), status_en="draft", published_at_en=None
    )
    before = timezone.now()
    article_publish(article=article, language="en", user=editor)
    article.refresh_from_db()
    assert article.published_at_en >= before
    assert article.published_at_tr < before  # Turkish keeps its own date


def test_the_review_queue_lists_articles_with_a_language_in_review(editor):
    waiting = ArticleFactory(languages=("tr", "en"), status_en="review")
    ArticleFactory()
    response = client_for(editor).get(
        reverse("admin:articles_article_changelist"), {"state": "review"}
    )
    assert list(response.context["cl"].result_list) == [waiting]


def test_emptying_a_published_version_takes_it_down_as_a_transition(editor):
    article = ArticleFactory(languages=("tr", "en"))
    response = client_for(editor).post(
        change_url(article), form_data(article, title_en="", body_en="")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status_en == "draft"
    assert article.transitions.get().to_status == "draft"


def test_publishing_an_empty_language_is_refused_keeping_the_text(editor):
    article = ArticleFactory(languages=("tr",))
    response = client_for(editor).post(
        change_url(article),
        form_data(article, status_ru="published", summary_tr="Yeni özet."),
    )
    assert response.status_code == 200
    assert "needs a title and a body" in response.content.decode()
    assert "Yeni özet." in response.content.decode()
    article.refresh_from_db()
    assert article.status_ru == "draft"
    assert article.summary_tr != "Yeni özet."


def test_a_translator_cannot_edit_a_published_language(editor):
    article = ArticleFactory(languages=("tr", "en"))
    translator = make_user("Translator", languages=("en",))
    client = client_for(translator)
    page = client.get(change_url(article))
    assert 'name="title_en"' not in page.content.decode()  # shown read-only
    client.post(change_url(article), form_data(article, title_en="Hijacked"))
    article.refresh_from_db()
    assert article.title_en != "Hijacked"


def test_the_service_refuses_a_translators_other_fields(editor):
    article = ArticleFactory(languages=("tr",))
    translator = make_user("Translator", languages=("en",))
    article.title_tr = "Ele geçirildi"
    with pytest.raises(PermissionDenied, match=r"başlık \[tr\]"):
        article_save(article=article, user=translator)
    article.refresh_from_db()
    assert article.title_tr != "Ele geçirildi"


# --- the original language --------------------------------------------------------


def test_the_first_saved_version_is_the_original():
    article = ArticleFactory(languages=("en",))
    assert article.original_language == "en"


def test_staleness_is_measured_against_an_english_original(editor):
    article = ArticleFactory(languages=("en",))
    article.title_tr, article.body_tr = "Işık", "<p>Türkçe metin.[1]</p>"
    article_save(article=article)
    assert article.stale_fields("tr") == []
    # Editing the translation marks nothing stale.
    article.body_tr = "<p>Düzeltilmiş Türkçe metin.[1]</p>"
    article_save(article=article)
    assert article.stale_fields("en") == []
    assert article.stale_fields("tr") == []
    # Editing the English original makes the Turkish translation stale.
    article.summary_en = "A new summary."
    article_save(article=article)
    assert article.stale_fields("tr") == ["summary"]
    response = client_for(editor).get(reverse("admin:articles_article_translations"))
    row = next(r for r in response.context["table"].rows if r.article == article)
    cell = next(c for c in row.cells if c.language == "tr")
    assert (cell.state, cell.stale_fields) == ("stale", ["summary [en]"])
    assert row.original == "en"


def test_an_editor_changes_the_original_language(editor):
    article = ArticleFactory(languages=("tr", "en"))
    response = client_for(editor).post(
        change_url(article), form_data(article, original_language="en")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.original_language == "en"


def test_only_editors_change_the_original_language(author):
    article = ArticleFactory(languages=("tr", "en"), created_by=author, status="draft")
    client_for(author).post(
        change_url(article), form_data(article, original_language="en")
    )
    article.refresh_from_db()
    assert article.original_language == "tr"
