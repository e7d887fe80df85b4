"""The migration to per-language publication keeps every article's state."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("articles", "0004_image_renditions"), ("editorial", "0002_roles")]
AFTER = [("articles", "0005_per_language_publication")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_each_version_takes_its_articles_state_and_others_are_drafts():
    old = migrate(BEFORE)
    Category = old.get_model("articles", "Category")
    Article = old.get_model("articles", "Article")
    category = Category.objects.create(name_tr="Analiz", name_en="A", name_ru="А")
    when = datetime.datetime(2024, 1, 2, 10, tzinfo=datetime.UTC)
    both = {
        "title_tr": "Işık",
        "body_tr": "<p>x</p>",
        "title_en": "Light",
        "body_en": "<p>y</p>",
    }
    published = Article.objects.create(
        category=category, status="published", published_at=when, **both
    )
    russian = Article.objects.create(
        category=category,
        status="review",
        published_at=when,
        title_ru="Свет",
        body_ru="<p>z</p>",
    )
    trashed = Article.objects.create(
        category=category,
        status="trashed",
        status_before_trash="published",
        trashed_at=when,
        published_at=when,
        **both,
    )
    new = migrate(AFTER)
    Article = new.get_model("articles", "Article")
    rows = {
        row["pk"]: row
        for row in Article.objects.values(
            "pk",
            "status_tr",
            "status_en",
            "status_ru",
            "published_at_tr",
            "published_at_ru",
            "original_language",
            "trashed_at",
        )
    }
    assert rows[published.pk] == {
        "pk": published.pk,
        "status_tr": "published",
        "status_en": "published",
        "status_ru": "draft",  # typing Russian later publishes nothing
        "published_at_tr": when,
        "published_at_ru": None,
        "original_language": "tr",
        "trashed_at": None,
    }
    assert rows[russian.pk]["status_ru"] == "review"
    assert rows[russian.pk]["status_tr"] == "draft"
    assert rows[russian.pk]["original_language"] == "ru"
    assert rows[trashed.pk]["status_tr"] == "published"  # its state before the trash
    assert rows[trashed.pk]["trashed_at"] == when
    migrate(BEFORE)  # and back, for the rest of the suite's sake
    # Forward to the newest migrations, whatever they are now.
    graph = MigrationExecutor(connection).loader.graph
    migrate(graph.leaf_nodes())
