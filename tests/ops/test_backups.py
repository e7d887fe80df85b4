"""Backup and restore as docs/production.md tells an operator (issue 11): an article
with an image, made through the write path, is backed up with ``backup_site``,
restored with ``restore_site`` into a scratch database and an empty media folder,
and the restored site, served by gunicorn with production settings and a Redis of
its own, shows the article and its image; ``--replace`` brings back the backup's
state and ends the cached pages; then two gunicorns behind nginx (the upstream as
docs/production.md writes it) both serve it, and readers are served while one is
stopped. On PostgreSQL (pg_dump, pg_restore) and on SQLite (its online backup),
whichever the run uses.
"""

import contextlib
import http.client
import io
import subprocess
import uuid
from urllib.parse import urlsplit

import psycopg
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from PIL import Image

from ankasam.backups import DUMPS
from tests.articles.factories import ArticleFactory
from tests.concurrency.client import Browser
from tests.library.factories import ImageFactory

from .servers import (
    BIN,
    ROOT,
    gunicorn,
    nginx_available,
    nginx_front,
    production_environment,
    redis_server,
)

CHANGE_TITLE = """
from articles.models import Article
from editorial.services import article_save
article = Article.objects.get(pk={pk})
article.title_tr = "Sonradan değişen başlık"
article_save(article=article, check_publication=False)
"""


LOGS = ("app1-access.log", "app2-access.log")


def answered(access_log, path: str) -> int:
    """How many GETs of ``path`` a gunicorn has answered 200 so far."""
    lines = access_log.read_text(encoding="utf-8").splitlines()
    return sum(line == f"GET {path} 200" for line in lines)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 300), "#8c1c13").save(buffer, "PNG")
    return buffer.getvalue()


def manage(*arguments: str, environment: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "python"), "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def get(url: str) -> tuple[int, bytes]:
    parts = urlsplit(url)
    client = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        client.request("GET", parts.path, headers={"Host": "127.0.0.1"})
        response = client.getresponse()
        return response.status, response.read()
    finally:
        client.close()


@pytest.fixture
def scratch_database(tmp_path):
    """The DATABASE_URL of a new, empty database, dropped afterwards: a database of
    its own on the run's PostgreSQL server, or a SQLite file."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"{settings['NAME'].removeprefix('test_')}_restore_{uuid.uuid4().hex[:8]}"
    server = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        credentials = settings["USER"] + (
            f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        )
        yield (
            f"postgres://{credentials}@{settings['HOST'] or 'localhost'}:"
            f"{settings['PORT'] or 5432}/{name}"
        )
    finally:
        with psycopg.connect(**server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url():
    """A Redis server of the test's own: the restored site's page cache."""
    with redis_server() as redis:
        yield redis.url


@pytest.mark.skipif(
    not nginx_available(),
    reason="needs Debian's nginx: `make servers` (part of `make test`, so of "
    ".ci/run) installs it",
)
@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_is_served_by_two_app_servers_behind_nginx(
    tmp_path, scratch_database, static_root, redis_url
):

    # The suite's backend makes the library image's renditions at once.
    cover = ImageFactory(file=SimpleUploadedFile("photo.png", png()))
    article = ArticleFactory(
        title_tr="Yedekten dönen yazı", slug_tr="yedekten-donen", featured_image=cover
    )
    image = cover.file.name
    with default_storage.open(image, "rb") as handle:
        image_bytes = handle.read()

    backup = tmp_path / "backup"
    call_command("backup_site", str(backup))
    assert (backup / DUMPS[connection.vendor]).stat().st_size > 0
    assert (backup / "media" / image).read_bytes() == image_bytes
    assert (backup / "media" / cover.file_renditions["share"]).exists()

    media = tmp_path / "restored-media"
    environment = production_environment(
        DATABASE_URL=scratch_database,
        REDIS_URL=redis_url,
        DJANGO_MEDIA_ROOT=str(media),
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_SERVE_MEDIA="1",  # gunicorn shows the files here; nginx does in prod
    )
    restored = manage("restore_site", str(backup), environment=environment)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    # The restored database has every migration of this code applied.
    migrations = manage("migrate", "--check", environment=environment)
    assert migrations.returncode == 0, migrations.stdout + migrations.stderr

    path = article.get_absolute_url("tr")
    app1 = contextlib.ExitStack()
    with app1:
        url = app1.enter_context(
            gunicorn(
                environment=environment,
                log_path=tmp_path / "app1.log",
                access_log=tmp_path / "app1-access.log",
                workers=1,
            )
        )
        status, page = get(url + article.get_absolute_url("tr"))
        assert status == 200
        assert "Yedekten dönen yazı" in page.decode()
        assert get(f"{url}/media/{image}") == (200, image_bytes)
        # The readiness probe containers use: database, cache, storage, job queue.
        probe = subprocess.run(
            [str(BIN / "python"), "deploy/probe.py", f"{url}/readyz"],
            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert probe.returncode == 0, probe.stderr

        # A second restore is refused: the database is no longer empty, and it
        # still serves the article.
        again = manage("restore_site", str(backup), environment=environment)
        assert again.returncode == 1
        assert "is not empty" in again.stderr
        assert get(url + article.get_absolute_url("tr"))[0] == 200

        # Changed after the backup, and that page stored in the cache (Redis) ...
        change = CHANGE_TITLE.format(pk=article.pk)
        changed = manage("shell", "-c", change, environment=environment)
        assert changed.returncode == 0, changed.stdout + changed.stderr
        assert "Sonradan değişen" in get(url + path)[1].decode()
        # ... --replace brings back the backup's state, and ends the stored page.
        replaced = manage(
            "restore_site", str(backup), "--replace", environment=environment
        )
        assert replaced.returncode == 0, replaced.stdout + replaced.stderr
        status, page = get(url + article.get_absolute_url("tr"))
        assert status == 200
        assert "Yedekten dönen yazı" in page.decode()
        assert "Sonradan değişen" not in page.decode()
        assert get(f"{url}/media/{image}") == (200, image_bytes)

        # The restored site from two app servers behind nginx (the upstream with
        # one server line each, as docs/production.md says): both answer, and
        # readers are served while one is stopped.
        with (
            gunicorn(
                environment=environment,
                log_path=tmp_path / "app2.log",
                access_log=tmp_path / "app2-access.log",
                workers=1,
            ) as app2,
            nginx_front(
                app=url.removeprefix("http://"),
                more_apps=(app2.removeprefix("http://"),),
                static_root=static_root,
            ) as front,
        ):
            before = {log: answered(tmp_path / log, path) for log in LOGS}
            for _ in range(6):
                page = Browser(front.url).get(path)
                assert page.status == 200
                assert "Yedekten dönen yazı" in page.text
            for log in LOGS:
                assert answered(tmp_path / log, path) > before[log], log
            app1.close()  # app1 stops
            for _ in range(4):
                page = Browser(front.url).get(path)
                assert page.status == 200
                assert "Yedekten dönen yazı" in page.text


def test_a_backup_never_overwrites_a_folder_that_holds_something(tmp_path):
    (tmp_path / "old-backup.txt").write_text("kept", encoding="utf-8")
    result = manage("backup_site", str(tmp_path), environment=production_environment())
    assert result.returncode == 1
    assert "is not empty" in result.stderr
    assert (tmp_path / "old-backup.txt").read_text(encoding="utf-8") == "kept"
