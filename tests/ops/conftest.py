import fcntl
import shutil

import pytest

from .s3 import new_bucket, s3_server
from .servers import build_site


@pytest.fixture(scope="session")
def site_build(tmp_path_factory, request):
    """The image's build script (deploy/build.sh ``assets``) run once per test run
    on a copy of the project, shared by xdist workers (it takes a while:
    collectstatic's WhiteNoise compresses every file). Its folder (servers.py,
    ``build_site``)."""
    shared = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # an xdist worker
        shared = shared.parent  # the run's folder, common to every worker
    folder = shared / "ankasam-build"
    with open(shared / "ankasam-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "staticfiles" / "staticfiles.json").exists():
            shutil.rmtree(folder, ignore_errors=True)
            build_site(folder)
    return folder


@pytest.fixture(scope="session")
def static_root(site_build):
    """collectstatic's output (hashed names, WhiteNoise's compressed copies)."""
    return site_build / "staticfiles"


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
