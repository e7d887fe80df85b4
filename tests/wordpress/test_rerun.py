import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Category, Topic
from authors.models import Author
from citations.models import Citation, Source
from wordpress.models import ImportedPost

from . import builders, everything
from .conftest import THEME_UNIT_TEST

pytestmark = pytest.mark.django_db


def test_running_the_same_export_again_changes_nothing(export_file, run_import):
    path = export_file(builders.north_korea_polylang())
    run_import(path)
    before = Article.objects.get().updated_at
    report = run_import(path)
    assert report.items["post"] == {"unchanged": 3}
    assert Article.objects.get().updated_at == before
    assert (Article.objects.count(), Citation.objects.count()) == (1, 7)
    assert (Author.objects.count(), Category.objects.count()) == (1, 1)


def test_dateless_post_keeps_its_first_publication_moment_on_a_rerun(
    export_file, run_import
):
    post = builders.item(
        post_id=1024,
        title="Tarihsiz yazı",
        content="Metin.",
        date="0000-00-00 00:00:00",
    )
    path = export_file(builders.export(items=[post]))
    run_import(path)
    article = Article.objects.get()
    report = run_import(path)
    assert report.items["post"] == {"unchanged": 1}
    assert Article.objects.get().published_at_tr == article.published_at_tr
    assert Article.objects.get().updated_at == article.updated_at


def test_a_newer_export_updates_the_article_it_imported(export_file, run_import):
    run_import(export_file(builders.north_korea_polylang()))
    newer = builders.north_korea_polylang().replace(
        "North Korea’s Decision to Shutdown", "North Korea’s Decision to Close", 1
    )
    report = run_import(export_file(newer, "newer.xml"))
    article = Article.objects.get()
    assert article.title_en.startswith("North Korea’s Decision to Close")
    assert article.title_tr.startswith("Kuzey Kore’nin")
    assert report.items["post"] == {"updated": 3}
    assert Citation.objects.filter(article=article).count() == 7
    assert ImportedPost.objects.count() == 3


def test_article_edited_here_is_reported_not_overwritten(export_file, run_import):
    path = export_file(builders.north_korea_polylang())
    run_import(path)
    article = Article.objects.get()
    article.title_en = "Edited by our editor"
    article.save()
    newer = builders.north_korea_polylang().replace("Kuzey Kore’nin", "KKDC’nin", 1)
    report = run_import(export_file(newer, "newer.xml"))
    article.refresh_from_db()
    assert article.title_en == "Edited by our editor"
    assert article.title_tr.startswith("Kuzey Kore’nin")
    assert report.items["post"] == {"skipped": 3}
    assert any("edited here" in w and "#101" in w for w in report.warnings)


def test_overwrite_replaces_an_article_edited_here(export_file, run_import):
    path = export_file(builders.north_korea_polylang())
    run_import(path)
    article = Article.objects.get()
    article.title_en = "Edited by our editor"
    article.save()
    report = run_import(path, overwrite=True)
    article.refresh_from_db()
    assert article.title_en.startswith("North Korea’s Decision")
    assert report.items["post"] == {"updated": 3}


def test_dry_run_reports_and_writes_nothing(export_file, run_import):
    report = run_import(export_file(builders.north_korea_polylang()), dry_run=True)
    assert report.items["post"] == {"imported": 3}
    assert report.objects["citation"]["created"] == 7
    assert not Article.objects.exists()
    assert not Source.objects.exists() and not Topic.objects.exists()
    assert not ImportedPost.objects.exists()


def test_truncated_export_stops_with_a_clear_message_and_writes_nothing(tmp_path):
    text = THEME_UNIT_TEST.read_text(encoding="utf-8")
    path = tmp_path / "truncated.xml"
    path.write_text(text[: int(len(text) * 0.9)], encoding="utf-8")
    with pytest.raises(CommandError, match=r"line \d+, column \d+"):
        call_command("import_wordpress", str(path), verbosity=0)
    assert not Article.objects.exists()
    assert not Author.objects.exists()


def test_failure_midway_rolls_the_whole_import_back(
    export_file, run_import, monkeypatch
):
    from wordpress import services

    calls = []
    original = services.Importer.import_group

    def failing(self, group):
        calls.append(group)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(self, group)

    monkeypatch.setattr(services.Importer, "import_group", failing)
    other = builders.item(post_id=200, title="İkinci yazı", content="Metin.")
    path = export_file(builders.north_korea_polylang(extra_items=[other]))
    with pytest.raises(RuntimeError):
        run_import(path)
    assert not Article.objects.exists()
    assert not ImportedPost.objects.exists()


def test_running_an_export_with_everything_again_changes_nothing(
    export_file, run_import
):
    """Posts of every kind the report names: drafts, dateless and scheduled posts,
    translations, co-authors, unreadable footnotes, terms without languages."""
    path = export_file(everything.first_export())
    run_import(path)

    def state():
        return (
            list(Article.objects.order_by("pk").values_list("pk", "updated_at")),
            list(Author.objects.order_by("pk").values_list("pk", "name")),
            Category.objects.count(),
            Topic.objects.count(),
            Citation.objects.count(),
            Source.objects.count(),
            ImportedPost.objects.count(),
        )

    before = state()
    report = run_import(path)
    assert report.items["post"] == {"unchanged": 30, "skipped": 3}
    assert report.items["guest-author"] == {"unchanged": 1, "skipped": 1}
    assert set(report.objects) == {"article"}
    assert state() == before
