import fcntl

import pytest

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
