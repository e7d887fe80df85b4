"""Index stemmed tokens, the same on both databases; SQLite searches them with FTS5.

The ``*_folded`` columns become ``*_terms`` and are rewritten for every existing entry
(from the plain title, summary and body the entries already hold), and so is the
PostgreSQL vector. On SQLite the FTS5 table ``search_searchentry_fts`` indexes the
``*_terms`` columns (external content: it stores only the index) and triggers keep it
in step with every INSERT, UPDATE and DELETE of ``search_searchentry``, cascades
included. A later migration that makes SQLite rebuild ``search_searchentry`` drops
those triggers: it must create them again (``create_fts`` below; a test checks).
"""

from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

import search.models
from search.folding import words
from search.stemming import index_terms

FTS = "search_searchentry_fts"
COLUMNS = ("title_terms", "summary_terms", "body_terms")
OLD_CONFIGS = {"tr": "turkish", "en": "english", "ru": "russian"}


def weighted(fields, config):
    vector = None
    for field, weight in zip(fields, "ABC"):
        part = SearchVector(field, config=config, weight=weight)
        vector = part if vector is None else vector + part
    return vector


def rewrite_terms(apps, schema_editor, index):
    SearchEntry = apps.get_model("search", "SearchEntry")
    batch = []
    for entry in SearchEntry.objects.iterator(chunk_size=200):
        for column, text in zip(COLUMNS, (entry.title, entry.summary, entry.body)):
            setattr(entry, column, index(text, entry.language))
        batch.append(entry)
        if len(batch) == 200:
            SearchEntry.objects.bulk_update(batch, COLUMNS)
            batch = []
    SearchEntry.objects.bulk_update(batch, COLUMNS)


def reindex(apps, schema_editor):
    rewrite_terms(apps, schema_editor, index_terms)
    if schema_editor.connection.vendor == "postgresql":
        SearchEntry = apps.get_model("search", "SearchEntry")
        SearchEntry.objects.update(vector=weighted(COLUMNS, "simple"))


def folded_words(text, _language):
    """What 0001 stored: the folded words with a leading space."""
    return " " + " ".join(words(text)) if text else ""


def reindex_backwards(apps, schema_editor):
    rewrite_terms(apps, schema_editor, folded_words)
    if schema_editor.connection.vendor == "postgresql":
        SearchEntry = apps.get_model("search", "SearchEntry")
        for language, config in OLD_CONFIGS.items():
            SearchEntry.objects.filter(language=language).update(
                vector=weighted(COLUMNS, config) + weighted(COLUMNS, "simple")
            )


def create_fts(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    columns = ", ".join(COLUMNS)
    new = ", ".join(f"new.{c}" for c in COLUMNS)
    old = ", ".join(f"old.{c}" for c in COLUMNS)
    add = f"INSERT INTO {FTS}(rowid, {columns}) VALUES (new.id, {new});"
    remove = f"INSERT INTO {FTS}({FTS}, rowid, {columns}) VALUES ('delete', old.id, {old});"
    for statement in (
        # The tokens are already folded words of letters and digits: the tokenizer
        # only has to split them at spaces, changing nothing.
        f"CREATE VIRTUAL TABLE {FTS} USING fts5({columns}, content='search_searchentry',"
        " content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON search_searchentry BEGIN {add} END",
        f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON search_searchentry BEGIN {remove} END",
        f"CREATE TRIGGER {FTS}_update AFTER UPDATE ON search_searchentry"
        f" BEGIN {remove} {add} END",
        f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    ):
        schema_editor.execute(statement)


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for trigger in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {FTS}_{trigger}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("searchentry", "title_folded", "title_terms"),
        migrations.RenameField("searchentry", "summary_folded", "summary_terms"),
        migrations.RenameField("searchentry", "body_folded", "body_terms"),
        migrations.RunPython(reindex, reindex_backwards),
        migrations.RunPython(create_fts, drop_fts),
        migrations.CreateModel(
            name="SearchIndex",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        db_column="rowid",
                        on_delete=models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="fts",
                        serialize=False,
                        to="search.searchentry",
                    ),
                ),
                (
                    "document",
                    search.models.MatchField(db_column="search_searchentry_fts"),
                ),
            ],
            options={
                "verbose_name": "full-text index row",
                "verbose_name_plural": "full-text index rows",
                "db_table": "search_searchentry_fts",
                "ordering": ["entry"],
                "managed": False,
            },
        ),
    ]
