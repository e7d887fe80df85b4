import pytest
from django.utils import timezone

from articles.models import Article
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
