"""The application image's build steps (deploy/build.sh, which the Dockerfile runs),
run here because no container engine runs on the CI machine (docs/production.md):
on a copy of the project, translations are compiled, the production settings pass
``check --deploy --fail-level WARNING`` and the static files are collected. The
``install`` step (pip installing the pins) only the image build runs.
"""

import gettext
import json
from pathlib import Path

import pytest

from .servers import ROOT, build_site

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_the_build_compiles_translations_passes_the_deploy_check_and_collects(
    site_build,
):
    log = (site_build / "build.log").read_text(encoding="utf-8")
    assert "System check identified no issues (0 silenced)." in log
    for language, translated in [("tr", "Türkçe"), ("ru", "Турецкий")]:
        path = site_build / "source" / "locale" / language / "LC_MESSAGES" / "django.mo"
        with open(path, "rb") as handle:
            assert gettext.GNUTranslations(handle).gettext("Turkish") == translated
    manifest = json.loads((site_build / "staticfiles" / "staticfiles.json").read_text())
    assert "css/site.css" in manifest["paths"]


def test_a_setting_that_fails_the_deploy_check_fails_the_build(tmp_path: Path):
    with pytest.raises(RuntimeError) as failure:
        build_site(tmp_path, DJANGO_HSTS_SECONDS="0")
    assert "security.W004" in str(failure.value)
    assert not (tmp_path / "staticfiles").exists()  # it stopped at the check


def test_the_dockerfile_runs_the_build_script_s_steps():
    assert "RUN deploy/build.sh install" in DOCKERFILE
    assert "RUN deploy/build.sh assets" in DOCKERFILE
