import fcntl
import shutil

import pytest

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
