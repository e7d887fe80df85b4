from pathlib import Path

import pytest
from django.utils import translation

from wordpress.services import wordpress_import

THEME_UNIT_TEST = (
    Path(__file__).resolve().parents[3]
    / "shared/fixtures/wordpress/themeunittestdata.wordpress.xml"
)


@pytest.fixture
def export_file(tmp_path):
    """Write an export's text to a file and return its path."""

    def write(text: str, name: str = "export.xml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def run_import():
    """Run the import service with its messages in English."""

    def run(path, **options):
        with translation.override("en"):
            return wordpress_import(path=path, **options)

    return run
