"""The probes a process manager or load balancer asks."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert (
        "no-store" in response["Cache-Control"]
        or "max-age=0" in (response["Cache-Control"])
    )


def test_readyz_checks_database_cache_storage_and_jobs(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok", "jobs": "ok"},
    }
    assert "max-age=0" in response["Cache-Control"]


def test_readyz_names_what_failed_and_nothing_secret(client, settings):
    # A real Redis client pointed at a port where nothing listens.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "failed", "storage": "ok", "jobs": "ok"},
    }
    assert "127.0.0.1:1" not in response.content.decode()


def test_readyz_is_never_cached_and_answers_head(client):
    assert client.head("/readyz").status_code == 200
    assert client.post("/readyz").status_code == 405
