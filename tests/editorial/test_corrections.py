"""Corrections on the record: added by editors through the article form, shown to
readers in each language's date style, in JSON-LD, the PDF and the history."""

import datetime
import json
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles.corrections import Correction
from articles.models import Article
from editorial.models import Revision
from editorial.services import article_save, revision_restore
from tests.articles.factories import ArticleFactory
from tests.editorial.conftest import client_for, make_user
from tests.formdata import resubmit

pytestmark = pytest.mark.django_db


def add_correction(client, article, **fields):
    url = reverse("admin:articles_article_change", args=[article.pk])
    changes = {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-language": fields.get("language", "en"),
        "corrections-0-kind": fields.get("kind", "correction"),
        "corrections-0-dated": fields.get("dated", "2023-11-05"),
        "corrections-0-text": fields.get("text", "The embassy in Spain closed too."),
    }
    return resubmit(client, url, changes, submit="_continue")


def test_an_editor_adds_a_correction_through_the_article_form(client):
    article = ArticleFactory()
    editor = client_for(make_user("Editor"))
    response = add_correction(editor, article)
    assert response.status_code == 302, response.content.decode()[:3000]
    correction = Correction.objects.get(article=article)
    assert (correction.language, correction.dated) == ("en", datetime.date(2023, 11, 5))
    page = client.get(article.get_absolute_url("en")).content.decode()
    assert (
        '<strong>Correction, <time datetime="2023-11-05">November 5, 2023</time>:'
        "</strong> The embassy in Spain closed too." in page
    )
    # Only on the English version.
    assert "Spain" not in client.get(article.get_absolute_url("tr")).content.decode()
    # Re-saving the form as it shows the correction keeps it, untouched and unchanged
    # in the history.
    url = reverse("admin:articles_article_change", args=[article.pk])
    revisions = article.revisions.count()
    assert resubmit(editor, url, submit="_continue").status_code == 302
    kept = Correction.objects.get(article=article)
    assert (kept.pk, kept.language, kept.kind, kept.dated, kept.text) == (
        correction.pk,
        "en",
        "correction",
        datetime.date(2023, 11, 5),
        "The embassy in Spain closed too.",
    )
    assert article.revisions.count() == revisions  # nothing changed: no revision
    assert "The embassy in Spain closed too." in (
        client.get(article.get_absolute_url("en")).content.decode()
    )


def test_a_translator_resaving_the_form_keeps_the_editors_correction(client):
    article = ArticleFactory(languages=("tr", "en"))
    assert add_correction(client_for(make_user("Editor")), article).status_code == 302
    translator = client_for(make_user("Translator", languages=("ru",)))
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = translator.get(url).content.decode()
    assert "corrections-TOTAL_FORMS" not in form  # the inline is not theirs
    response = resubmit(
        translator,
        url,
        {
            "title_ru": "Свет и тень",
            "body_ru": "<p>Текст.</p>",
            "summary_ru": "Кратко.",
        },
        submit="_continue",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Article.objects.get(pk=article.pk).title_ru == "Свет и тень"
    assert Correction.objects.filter(article=article).count() == 1
    page = client.get(article.get_absolute_url("en")).content.decode()
    assert "The embassy in Spain closed too." in page


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("tr", 'Düzeltme, <time datetime="2023-11-05">5 Kasım 2023</time>:'),
        ("ru", 'Исправление, <time datetime="2023-11-05">5 ноября 2023</time>:'),
        ("en", 'Update, <time datetime="2023-11-05">November 5, 2023</time>:'),
    ],
)
def test_each_language_writes_the_date_its_way(client, code, expected):
    article = ArticleFactory()
    kind = "update" if code == "en" else "correction"
    Correction.objects.create(
        article=article,
        language=code,
        kind=kind,
        dated=datetime.date(2023, 11, 5),
        text="…",
    )
    article_save(article=article)
    assert expected in client.get(article.get_absolute_url(code)).content.decode()


def test_a_later_correction_sets_date_modified(client):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(
        updated_at=datetime.datetime(2023, 11, 1, tzinfo=datetime.UTC)
    )
    Correction.objects.create(
        article=article, language="tr", dated=datetime.date(2030, 1, 2), text="x"
    )
    article_save(article=article)  # corrections are written with their article
    page = client.get(article.get_absolute_url("tr")).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )
    assert data["dateModified"].startswith("2030-01-02T00:00:00")


def test_authors_and_translators_may_not_add_corrections(client):
    article = ArticleFactory()
    for role in ("Author", "Translator"):
        user = make_user(role, languages=("tr",) if role == "Translator" else ())
        with pytest.raises(PermissionDenied):
            article_save(
                article=Article.objects.get(pk=article.pk),
                corrections=[
                    {
                        "id": None,
                        "language": "tr",
                        "kind": "correction",
                        "dated": datetime.date(2023, 1, 1),
                        "text": "x",
                    }
                ],
                user=user,
            )
    assert not Correction.objects.exists()


def test_revisions_keep_corrections_and_restore_does_not_drop_them():
    editor = make_user("Editor")
    article = ArticleFactory()
    first = article.revisions.order_by("-number").first()
    article_save(
        article=Article.objects.get(pk=article.pk),
        user=editor,
        corrections=[
            {
                "id": None,
                "language": "en",
                "kind": "correction",
                "dated": datetime.date(2023, 11, 5),
                "text": "Fixed the date.",
            }
        ],
    )
    latest = article.revisions.order_by("-number").first()
    assert latest.data["corrections"] == [
        {
            "language": "en",
            "kind": "correction",
            "dated": "2023-11-05",
            "text": "Fixed the date.",
        }
    ]
    assert "corrections" in latest.changed
    revision_restore(revision=Revision.objects.get(pk=first.pk), user=editor)
    assert Correction.objects.filter(article=article).count() == 1
