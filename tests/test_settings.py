"""Production settings, checked in a fresh process with production's environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-production-like-secret-" + "x7Gq2!" * 10,
        DJANGO_ALLOWED_HOSTS="ankasam.org",
        REDIS_URL="redis://127.0.0.1:6379/9",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_warns_of_a_page_cache_each_process_keeps_alone():
    production = {
        "DJANGO_SECRET_KEY": "a-production-like-secret-" + "x7Gq2!" * 10,
        "DJANGO_ALLOWED_HOSTS": "ankasam.org",
        "REDIS_URL": "",
    }
    warned = manage("check", "--deploy", **production)
    assert "pagecache.W001" in warned.stdout + warned.stderr
    uncached = manage("check", "--deploy", **production, DJANGO_PAGE_CACHE_SECONDS="0")
    assert "pagecache.W001" not in uncached.stdout + uncached.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_database_url_selects_postgresql():
    result = manage(
        "shell",
        "-c",
        "from django.db import connection; print(connection.vendor)",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
    )
    assert result.stdout.strip().splitlines()[-1] == "postgresql", result.stderr


def test_without_database_url_the_site_uses_sqlite():
    result = manage(
        "shell",
        "-c",
        "from django.db import connection; print(connection.vendor)",
        DJANGO_DEBUG="1",
    )
    assert result.stdout.strip().splitlines()[-1] == "sqlite", result.stderr


def test_public_pages_send_security_headers(client, db):
    response = client.get("/tr/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
