"""Several app servers on one PostgreSQL, one Redis and one bucket (issue 11).

Two gunicorn instances (A and B) and a background worker share a PostgreSQL
cluster, a Redis server and an S3 bucket of the test's own (moto's server,
tests/ops/s3.py). An editor on A uploads a featured image and publishes a
language; a reader on B sees it at once: B's cached copies of the home pages end,
B serves the newly public page, and the image's address on B's page answers with
the image from the bucket, first the original and then the worker's renditions.
"""

import io
import json
import re
import subprocess
import urllib.request
from contextlib import contextmanager

import pytest
from django.db import connection
from PIL import Image

from tests.concurrency.client import Browser
from tests.formdata import form_values
from tests.images.test_images import image_bytes

from .s3 import new_bucket, s3_server
from .servers import (
    BIN,
    ROOT,
    Phone,
    gunicorn,
    log_tail,
    manage,
    postgres_available,
    postgres_cluster,
    production_environment,
    redis_server,
    wait_for,
)

pytestmark = [
    # One run is enough: the servers use a cluster of their own whatever the
    # suite's database, and the PostgreSQL leg of CI is where several processes
    # share a database in production.
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="runs once, in the PostgreSQL leg of CI (against a cluster of its "
        "own): several app servers share a PostgreSQL database",
    ),
    pytest.mark.skipif(
        not postgres_available(),
        reason="needs PostgreSQL's server programs (initdb, pg_ctl): `make servers`",
    ),
]

PASSWORD = "iki-sunucu-sınaması-2024"
SETUP = """
import json
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from articles.models import Article
from tests.articles.factories import ArticleFactory
user = get_user_model().objects.create_superuser(
    "editor", "editor@example.org", PASSWORD
)
device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
article = ArticleFactory(
    languages=("tr", "en"),
    title_tr="Paylaşılan depo",
    title_en="Shared storage",
    status_en=Article.Status.DRAFT,
    published_at_en=None,
)
print(json.dumps({
    "key": device.key,
    "id": article.pk,
    "tr": article.get_absolute_url("tr"),
    "en": article.get_absolute_url("en"),
}))
"""


@contextmanager
def worker(environment, log_path):
    """The background worker (``db_worker``), as production runs it beside gunicorn."""
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [str(BIN / "python"), "manage.py", "db_worker", "--no-reload",
             "--no-startup-delay", "--interval=0.2"],
            cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


@pytest.fixture
def servers(tmp_path, static_root):
    with (
        postgres_cluster() as cluster,
        redis_server() as redis,
        s3_server() as (endpoint, _moto),
        new_bucket(endpoint) as bucket,
    ):
        cluster.create_database("ankasam")
        environment = production_environment(
            DATABASE_URL=cluster.url("ankasam"),
            REDIS_URL=redis.url,
            DJANGO_STATIC_ROOT=str(static_root),
            # Nothing on a local disk: a server that wrote there would fail here.
            DJANGO_MEDIA_ROOT=str(tmp_path / "no-media-here"),
            **bucket.environment(),
        )
        manage("migrate", "--no-input", "-v0", environment=environment)
        script = SETUP.replace("PASSWORD", repr(PASSWORD))
        content = json.loads(
            manage("shell", "-c", script, environment=environment).splitlines()[-1]
        )
        with (
            gunicorn(environment=environment, log_path=tmp_path / "a.log") as a,
            gunicorn(environment=environment, log_path=tmp_path / "b.log") as b,
            worker(environment, tmp_path / "worker.log") as jobs,
        ):
            yield a, b, bucket, content
            assert jobs.poll() is None, log_tail(tmp_path / "worker.log")


def image_addresses(html: str, bucket) -> list[str]:
    prefix = re.escape(f"{bucket.endpoint}/{bucket.name}/")
    images = rf'{prefix}[^"\s,]+\.(?:jpg|png|webp)'  # not the PDFs beside them
    return sorted(set(re.findall(images, html)))


def fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers["Content-Type"], response.read()


def test_an_upload_and_a_publish_on_one_server_are_seen_at_once_on_the_other(
    servers,
):
    a, b, bucket, content = servers
    reader = Browser(b, language="tr")
    for home in ("/tr/", "/en/"):
        reader.get(home)
    cached_tr, cached_en = reader.get("/tr/"), reader.get("/en/")
    assert cached_tr.headers["X-Page-Cache"] == "hit"
    assert cached_en.headers["X-Page-Cache"] == "hit"
    assert "Paylaşılan depo" in cached_tr.text
    assert "Shared storage" not in cached_en.text  # English is a draft
    assert reader.get(content["en"]).status == 404

    editor = Browser(a, language="en")
    editor.login("editor", PASSWORD, second_factor=Phone(content["key"]).code)
    # The image goes into the media library, then becomes the featured image.
    add = "/admin/library/image/add/"
    fields = form_values(editor.get(add).text, "image_form", submit="_continue")
    fields.update(alt_tr=["Işıklı bir kıyı"], alt_en=["A lit shore"])
    upload = image_bytes("JPEG", size=(1600, 900))
    answer = editor.post(
        add, fields, files={"file": ("kıyı.jpg", upload, "image/jpeg")}
    )
    assert answer.status == 302, answer.text[-3000:]
    # "Save and continue editing" goes to /admin/library/image/<id>/change/.
    image_id = answer.location.rstrip("/").split("/")[-2]
    url = f"/admin/articles/article/{content['id']}/change/"
    fields = form_values(editor.get(url).text, "article_form", submit="_save")
    fields.update(
        title_tr=["Paylaşılan depo: İki sunucu"],
        status_en=["published"],
        featured_image=[image_id],
    )
    answer = editor.post(url, fields)
    assert answer.status == 302, answer.text[-3000:]

    # At once on B: its cached home pages ended, the English page is public.
    home_tr = reader.get("/tr/")
    assert "Paylaşılan depo: İki sunucu" in home_tr.text
    assert home_tr.headers["X-Page-Cache"] == "miss"
    assert "Shared storage" in reader.get("/en/").text
    page = reader.get(content["en"])
    assert page.status == 200
    # The stored image until the worker has made the renditions (or those).
    addresses = image_addresses(page.text, bucket)
    assert addresses
    for address in addresses:
        status, kind, data = fetch(address)
        assert status == 200
        assert kind in {"image/jpeg", "image/webp"}
        assert Image.open(io.BytesIO(data)).width <= 1600

    # The worker's renditions land in the bucket, and B's page moves to them.
    def rendered():
        addresses = image_addresses(reader.get(content["en"]).text, bucket)
        return addresses if len(addresses) > 1 else None

    addresses = wait_for(rendered, timeout=30, what="no renditions", interval=0.3)
    keys = set(bucket.names("renditions/"))
    assert len(keys) == 7  # 480, 960, 1440 wide in WebP and JPEG, and the share
    stored = bucket.client().head_object(Bucket=bucket.name, Key=min(keys))
    assert stored["CacheControl"] == "public, max-age=31536000, immutable"
    for address in addresses:
        status, kind, data = fetch(address)
        assert status == 200
        assert kind in {"image/jpeg", "image/webp"}
        assert Image.open(io.BytesIO(data)).width <= 1600
