import pytest
from django.utils import timezone

from articles import similar
from articles.models import Article, SimilarArticle
from wordpress.models import ImportedPost

from .conftest import THEME_UNIT_TEST

pytestmark = pytest.mark.django_db


def test_theme_unit_test_export_imports_every_published_post_as_readable(run_import):
    report = run_import(THEME_UNIT_TEST)
    public = Article.objects.public("en")
    # 56 published posts; the password-protected one is not public.
    assert public.count() == 55
    assert Article.objects.count() == 58
    assert ImportedPost.objects.filter(article__in=public).count() == 55
    assert report.items["post"] == {"imported": 58}


def test_theme_unit_test_drafts_private_and_protected_posts_stay_hidden(run_import):
    run_import(THEME_UNIT_TEST)
    hidden = Article.objects.exclude(pk__in=Article.objects.published())
    scheduled = Article.objects.get(title_en="Scheduled")
    assert set(hidden.values_list("title_en", flat=True)) == {
        "Scheduled",
        "Draft",
        'Template: Password Protected (the password is "enter")',
    }
    assert scheduled.status_en == Article.Status.PUBLISHED
    assert scheduled.published_at_en > timezone.now()


def test_theme_unit_test_titles_with_markup_and_unicode_come_out_as_text(run_import):
    run_import(THEME_UNIT_TEST)
    titles = set(Article.objects.values_list("title_en", flat=True))
    assert "Markup: Title With Markup" in titles
    assert "Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>" in (
        titles
    )
    untitled = Article.objects.get(wordpress_posts__post_id=1169)
    assert untitled.title_en.startswith("This post has no title")
    assert Article.objects.public("en").filter(title_en="Edge Case: No Content")


def test_theme_unit_test_report_accounts_for_every_item(run_import):
    report = run_import(THEME_UNIT_TEST)
    totals = {kind: sum(outcomes.values()) for kind, outcomes in report.items.items()}
    assert totals == {"post": 58, "page": 21, "attachment": 37, "nav_menu_item": 70}
    assert sum(totals.values()) == 186
    assert report.comments == 33
    assert any("#1168" in w and "password" in w for w in report.warnings)
    assert any("#555" in w and "[gallery]" in w for w in report.warnings)


def stored_lists():
    return sorted(
        SimilarArticle.objects.values_list("article_id", "language", "rank", "similar")
    )


def test_an_import_ranks_each_similar_list_once_and_as_a_rebuild_would(
    run_import, monkeypatch
):
    calls = []
    real_rank = similar.rank

    def counted(article, language, *args, **kwargs):
        calls.append((article.pk, language))
        return real_rank(article, language, *args, **kwargs)

    monkeypatch.setattr(similar, "rank", counted)
    run_import(THEME_UNIT_TEST)
    imported = Article.objects.count()
    # Each imported article's English list is ranked once, after the last post.
    english = [pk for pk, code in calls if code == "en"]
    assert sorted(english) == sorted(set(english))
    assert len(english) <= imported
    lists = stored_lists()
    assert {row[1] for row in lists} == {"en"}
    assert len({row[0] for row in lists}) > 20  # the export's posts share terms
    similar.similar_rebuild()
    assert stored_lists() == lists


def test_a_dry_run_ranks_nothing(run_import, monkeypatch):
    calls = []
    monkeypatch.setattr(similar, "rank", lambda *args, **kwargs: calls.append(args))
    run_import(THEME_UNIT_TEST, dry_run=True)
    assert calls == []
    assert not Article.objects.exists()
