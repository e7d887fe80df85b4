"""gunicorn serving the project from the test database, as production serves it.

Several sync workers are several processes with their own database connections, which
is what two editors saving at once meet in production (and what Django's threaded
live server, sharing one process, would hide).
"""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def database_url(database: dict) -> str:
    """A DATABASE_URL for Django's ``DATABASES`` entry ``database``."""
    user = quote(database.get("USER") or "", safe="")
    password = quote(database.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = database.get("HOST") or ""
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(database['NAME'], safe='')}"


@contextlib.contextmanager
def gunicorn(
    *, database: dict, media_root: Path, log_path: Path, workers: int = 4
) -> Iterator[str]:
    """Serve the site with ``workers`` sync workers on a free loopback port.

    Yields the base URL once the site answers; stops the server on the way out,
    whatever happened. Its output goes to ``log_path``.
    """
    # The socket is bound here and handed over, so the port cannot be taken in
    # between, and requests made before the workers are up wait in its backlog.
    listener = socket.create_server(("127.0.0.1", 0), backlog=128)
    port = listener.getsockname()[1]
    environment = {
        name: value
        for name, value in os.environ.items()
        # REDIS_URL too: the server keeps its cache to itself (local memory).
        if not name.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    environment.update(
        DATABASE_URL=database_url(database),
        DJANGO_DEBUG="1",
        DJANGO_SERVE_MEDIA="1",
        # Each request closes its connection, so the test database can be flushed
        # and dropped while the server still runs.
        DJANGO_CONN_MAX_AGE="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_MEDIA_ROOT=str(media_root),
    )
    command = [
        str(GUNICORN),
        "ankasam.wsgi",
        f"--bind=fd://{listener.fileno()}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--timeout=60",
        "--graceful-timeout=5",
        # Its default control socket is one path per user: parallel runs would share it.
        "--no-control-socket",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            pass_fds=[listener.fileno()],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    listener.close()
    try:
        _wait_until_ready(process, port, log_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


def log_tail(log_path: Path, lines: int = 40) -> str:
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


def _wait_until_ready(process: subprocess.Popen, port: int, log_path: Path) -> None:
    """Return when the login page answers 200; raise if gunicorn exits first."""
    # A connection waits in the socket's backlog until a worker is up, so one
    # patient request is the wait; retries only cover a worker that fails it.
    for _attempt in range(3):
        if process.poll() is not None:
            break
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", "/admin/login/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
    raise RuntimeError(
        f"gunicorn did not answer (exit code {process.poll()}):\n{log_tail(log_path)}"
    )
