"""The production kit's files (docs/production.md) against the code they configure:
the sample environment names every variable the settings read, compose.yaml gives
the app only variables the settings read and builds from what exists, and the
systemd units pass systemd's own checks. compose.yaml is not run here: no
container engine runs on the CI machine.
"""

import re
import shutil
import subprocess

import pytest
import yaml

from .servers import BIN, ROOT

ENV_EXAMPLE = ROOT / "deploy" / "env.example"
READS = re.compile(
    r"""(?:os\.environ\.get|os\.environ\[|os\.getenv|env_bool|env_list)\(?\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def variables_read() -> set[str]:
    """Every environment variable ankasam/ reads (settings and site-wide code);
    DATABASE_URL is read by dj-database-url's ``config()``."""
    names = {"DATABASE_URL"}
    for path in (ROOT / "ankasam").rglob("*.py"):
        names |= set(READS.findall(path.read_text(encoding="utf-8")))
    return names - {"DJANGO_SETTINGS_MODULE"}


def env_example_names() -> set[str]:
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def test_the_environment_sample_names_every_variable_the_settings_read():
    missing = variables_read() - env_example_names()
    assert not missing, f"add to deploy/env.example: {sorted(missing)}"


def test_the_environment_sample_names_only_variables_the_settings_read():
    unknown = env_example_names() - variables_read()
    assert not unknown, f"nothing reads {sorted(unknown)}"


def test_compose_gives_the_app_only_variables_the_settings_read():
    services = compose()["services"]
    app = [
        name
        for name, service in services.items()
        if service.get("image") == "ankasam-app"
    ]
    assert {"web", "worker", "migrate"} <= set(app)
    for name in app:
        unknown = set(services[name]["environment"]) - variables_read()
        assert not unknown, f"{name}: nothing reads {sorted(unknown)}"
        assert services[name]["env_file"] == "ankasam.env"


def test_compose_runs_two_app_servers_behind_nginx_with_every_service():
    services = compose()["services"]
    assert services["web"]["deploy"]["replicas"] == 2
    assert services["nginx"]["environment"]["ANKASAM_APP"] == "web:8000"
    assert {"postgres", "redis", "minio", "worker", "nginx"} <= set(services)
    assert services["worker"]["command"][:3] == ["python", "manage.py", "db_worker"]


def test_compose_fills_every_placeholder_of_the_nginx_template():
    template = (ROOT / "deploy" / "nginx" / "ankasam.conf.template").read_text()
    placeholders = set(re.findall(r"\$\{(ANKASAM_[A-Z_]+)\}", template))
    assert set(compose()["services"]["nginx"]["environment"]) == placeholders


def test_compose_builds_stages_the_dockerfile_has():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    stages = set(re.findall(r"^FROM \S+ AS (\S+)$", dockerfile, flags=re.MULTILINE))
    for name, service in compose()["services"].items():
        if "build" in service:
            assert (ROOT / service["build"]["context"] / "Dockerfile").exists()
            assert service["build"]["target"] in stages, name
    for copied in re.findall(r"^COPY (?!--from)(\S+)", dockerfile, flags=re.MULTILINE):
        assert copied == "." or (ROOT / copied).exists(), copied


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None,
    reason="needs systemd-analyze (Debian's systemd package)",
)
@pytest.mark.parametrize("unit", ["ankasam-web.service", "ankasam-worker.service"])
def test_the_systemd_units_pass_systemd_analyze_verify(unit, tmp_path):
    """systemd's check of the unit (unknown options, programs that are not there),
    with the guide's paths moved to this checkout, its virtualenv and sample env."""
    text = (ROOT / "deploy" / "systemd" / unit).read_text(encoding="utf-8")
    for path, here in [
        ("/srv/ankasam/venv", BIN.parent),
        ("/srv/ankasam/app", ROOT),
        ("/srv/ankasam/media", tmp_path),
        ("/etc/ankasam/env", ENV_EXAMPLE),
    ]:
        assert path in text, path
        text = text.replace(path, str(here))
    (tmp_path / unit).write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / unit)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr
    assert "NoNewPrivileges=yes" in text and "ProtectSystem=strict" in text


def test_the_env_sample_is_what_the_units_and_the_guide_name():
    guide = (ROOT / "docs" / "production.md").read_text(encoding="utf-8")
    assert "deploy/env.example" in guide
    for unit in (ROOT / "deploy" / "systemd").glob("*.service"):
        assert "EnvironmentFile=/etc/ankasam/env" in unit.read_text(encoding="utf-8")
        assert unit.name in guide
