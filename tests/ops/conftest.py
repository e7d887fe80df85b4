import fcntl

import pytest

from .s3 import new_bucket, s3_server
from .servers import collect_static


@pytest.fixture(scope="session")
def static_root(tmp_path_factory, worker_id):
    """collectstatic's output, made once per test run and shared by xdist workers
    (it takes a while: WhiteNoise compresses every file)."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # the run's folder, common to every worker
    folder = shared / "ankasam-staticfiles"
    with open(shared / "ankasam-staticfiles.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "staticfiles.json").exists():
            collect_static(folder)
    return folder


@pytest.fixture(scope="session")
def s3_endpoint():
    """One S3 server for the session (per xdist worker), on a free port."""
    with s3_server() as (url, _server):
        yield url


@pytest.fixture
def bucket(s3_endpoint):
    with new_bucket(s3_endpoint) as bucket:
        yield bucket


@pytest.fixture
def s3_media(settings, bucket):
    """The test's media in its own bucket, through the project's S3 storage."""
    settings.STORAGES = {**settings.STORAGES, "default": bucket.storages()}
    return bucket
