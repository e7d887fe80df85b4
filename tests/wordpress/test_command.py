from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article

from . import builders

pytestmark = pytest.mark.django_db


def test_command_imports_and_prints_progress_and_report(export_file):
    path = export_file(builders.north_korea_polylang())
    out, err = StringIO(), StringIO()
    call_command("import_wordpress", str(path), stdout=out, stderr=err)
    assert Article.objects.count() == 1
    assert "post: 3 (3 imported)" in out.getvalue()
    assert "citations: 7 created" in out.getvalue()
    assert "1/1" in err.getvalue()


def test_command_dry_run_says_so_and_writes_nothing(export_file):
    path = export_file(builders.north_korea_polylang())
    out = StringIO()
    call_command("import_wordpress", str(path), "--dry-run", stdout=out, stderr=out)
    assert "Dry run: nothing was written." in out.getvalue()
    assert not Article.objects.exists()
