"""Log lines carry the request's id, as JSON in production; Sentry when asked."""

import io
import json
import logging
import logging.config
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_every_response_says_its_request_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_proxys_request_id_is_kept_when_it_is_a_plain_token(client):
    given = client.get("/healthz", headers={"x-request-id": "edge-7f3a.9"})
    assert given["X-Request-ID"] == "edge-7f3a.9"
    forged = client.get("/healthz", headers={"x-request-id": "a b\u202e<script>"})
    assert forged["X-Request-ID"] != "a b\u202e<script>"
    assert len(forged["X-Request-ID"]) == 32


@pytest.fixture
def json_log():
    """The production handler (formatter and filter from LOGGING), into a buffer."""
    config = {
        **settings.LOGGING,
        "handlers": {
            "buffer": {
                "class": "logging.StreamHandler",
                "stream": io.StringIO(),
                "filters": ["request_id"],
                "formatter": "json",
            }
        },
        "root": {"handlers": [], "level": "WARNING"},
        "loggers": {"django.request": {"handlers": ["buffer"], "level": "WARNING"}},
    }
    logging.config.dictConfig(config)
    stream = logging.getLogger("django.request").handlers[0].stream
    yield stream
    logging.config.dictConfig(settings.LOGGING)


def test_a_request_logs_one_json_line_with_its_id(client, json_log):
    response = client.get("/tr/makale/boyle-bir-yazi-yok/")
    assert response.status_code == 404
    line = json.loads(json_log.getvalue().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["name"] == "django.request"
    assert "/tr/makale/boyle-bir-yazi-yok/" in line["message"]
    assert line["request_id"] == response["X-Request-ID"]
    assert "time" in line


def sentry_active(environment) -> str:
    script = (
        "import django; django.setup(); import sentry_sdk; "
        "print(sentry_sdk.get_client().is_active())"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "ankasam.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_sentry_reports_only_when_a_dsn_is_set():
    environment = {**os.environ, "DJANGO_DEBUG": "1"}
    environment.pop("SENTRY_DSN", None)
    assert sentry_active(environment) == "False"
    # Nothing listens there; initialising sends nothing.
    environment["SENTRY_DSN"] = "http://public@127.0.0.1:9/1"
    assert sentry_active(environment) == "True"
