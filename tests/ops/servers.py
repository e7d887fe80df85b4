"""Servers of a test's own, which it may stop and start: a PostgreSQL cluster, a
Redis server, the static files, and gunicorn with production settings.

Never the machine's shared PostgreSQL or Redis: each server here lives in a
temporary folder, listens on a free loopback port and is stopped on the way out.
"""

import contextlib
import http.client
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
POSTGRES_BIN = Path(
    os.environ.get("ANKASAM_POSTGRES_BIN", "/usr/lib/postgresql/15/bin")
)
SECRET_KEY = "a-production-like-secret-for-tests-" + "Qz7!" * 10


def free_port() -> int:
    """A loopback port free now, for servers that must bind it themselves (and
    bind it again after a restart)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, *, timeout: float, what: str, interval: float = 0.05):
    """Poll ``predicate`` until it answers something true; raise after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} after {timeout} s")
        time.sleep(interval)


def answers(port: int) -> bool:
    with (
        contextlib.suppress(OSError),
        socket.create_connection(("127.0.0.1", port), timeout=1),
    ):
        return True
    return False


def postgres_available() -> bool:
    return (POSTGRES_BIN / "initdb").exists()


class PostgresCluster:
    """A cluster made by initdb in a temporary folder, run by ``pg_ctl``.

    initdb refuses to run as root, so as root the cluster belongs to the
    ``postgres`` user (through ``runuser``), in a folder that user owns.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "data"
        self.log = folder / "postgres.log"
        self.port = free_port()

    def _run(self, tool: str, *arguments: str, check: bool = True):
        command = [str(POSTGRES_BIN / tool), *arguments]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(
            command, check=check, capture_output=True, text=True, timeout=60
        )

    def init(self) -> None:
        self._run(
            "initdb",
            f"--pgdata={self.data}",
            "--username=postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k '' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl", f"--pgdata={self.data}", f"--log={self.log}", "--wait",
            f"--options={options}", "start",
        )  # fmt: skip

    def stop(self) -> None:
        """Stop at once, as a crash or a restart does to open connections."""
        self._run("pg_ctl", f"--pgdata={self.data}", "--mode=fast", "--wait", "stop")

    def is_running(self) -> bool:
        status = self._run("pg_ctl", f"--pgdata={self.data}", "status", check=False)
        return status.returncode == 0

    def create_database(self, name: str) -> dict:
        self._run(
            "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name
        )
        return {"NAME": name, "USER": "postgres", "HOST": "127.0.0.1",
                "PORT": self.port}  # fmt: skip

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


@contextlib.contextmanager
def postgres_cluster() -> Iterator[PostgresCluster]:
    folder = Path(tempfile.mkdtemp(prefix="ankasam-pg-"))
    if os.geteuid() == 0:
        postgres = pwd.getpwnam("postgres")
        os.chown(folder, postgres.pw_uid, postgres.pw_gid)
    cluster = PostgresCluster(folder)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        if cluster.is_running():
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


class RedisServer:
    """``redis-server`` in a temporary folder, without persistence."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [
            shutil.which("redis-server") or "redis-server",
            "--port", str(self.port), "--bind", "127.0.0.1",
            "--dir", str(self.folder), "--save", "", "--appendonly", "no",
        ]  # fmt: skip
        with open(self.folder / "redis.log", "ab") as log:
            self.process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_for(lambda: answers(self.port), timeout=20, what="redis did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None


@contextlib.contextmanager
def redis_server() -> Iterator[RedisServer]:
    folder = Path(tempfile.mkdtemp(prefix="ankasam-redis-"))
    server = RedisServer(folder)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def production_environment(**overrides: str) -> dict[str, str]:
    """The environment of a production process (no DJANGO_DEBUG), plus ``overrides``.

    Plain HTTP on loopback: no HTTPS redirect, unless the overrides put a proxy
    in front that says the request came over HTTPS.
    """
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    environment.update(
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="ERROR",
        DJANGO_SEARCH_RATE="1000000",
        DJANGO_DOWNLOAD_RATE="1000000",
    )
    environment.update(overrides)
    return environment


def manage(*arguments: str, environment: dict[str, str], timeout: float = 300):
    """Run ``manage.py`` with ``environment``; raise with its output if it fails."""
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(
            f"manage.py {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}"
        )
    return result.stdout


def collect_static(folder: Path) -> Path:
    """collectstatic's output (hashed names, WhiteNoise's compressed copies)."""
    manage(
        "collectstatic",
        "--no-input",
        "-v0",
        environment=production_environment(DJANGO_STATIC_ROOT=str(folder)),
    )
    return folder


def build_site(folder: Path, **environment: str) -> None:
    """``deploy/build.sh assets``, as the image build runs it, on a copy of the
    project's files in ``folder / "source"`` (git's tracked and untracked but not
    ignored ones: no .mo files, no collected static files), with this run's
    virtualenv; the static files go to ``folder / "staticfiles"`` and the script's
    output to ``folder / "build.log"``. Raises with that output when it fails."""
    source, static_root = folder / "source", folder / "staticfiles"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    for name in sorted(set(listed.stdout.decode().split("\0")) - {""}):
        if (ROOT / name).is_file():  # a tracked file deleted in the work tree is not
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    result = subprocess.run(
        [str(source / "deploy" / "build.sh"), "assets"],
        cwd=source,
        env={
            # The build's own environment: nothing of this run's DJANGO_ settings.
            **{
                name: value
                for name, value in os.environ.items()
                if not name.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
            },
            "DJANGO_STATIC_ROOT": str(static_root),
            "ANKASAM_VENV": str(BIN.parent),
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    (folder / "build.log").write_text(output, encoding="utf-8")
    if result.returncode:
        raise RuntimeError(f"deploy/build.sh failed ({result.returncode}):\n{output}")


@contextlib.contextmanager
def gunicorn(
    *,
    environment: dict[str, str],
    log_path: Path,
    workers: int = 3,
    access_log: Path | None = None,
) -> Iterator[str]:
    """gunicorn serving the project with ``environment`` on a free loopback port.

    Yields the base URL once ``/healthz`` answers; stops it on the way out. With
    ``access_log``, every request it answers is a line there: method, path, status.
    """
    listener = socket.create_server(("127.0.0.1", 0), backlog=256)
    port = listener.getsockname()[1]
    command = [
        str(BIN / "gunicorn"),
        "ankasam.wsgi",
        f"--bind=fd://{listener.fileno()}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--timeout=60",
        "--graceful-timeout=5",
        "--no-control-socket",
    ]
    if access_log is not None:
        command += [
            f"--access-logfile={access_log}",
            "--access-logformat=%(m)s %(U)s %(s)s",
        ]
    with open(log_path, "ab") as log:
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
        wait_for(
            lambda: process.poll() is not None or _healthy(port),
            timeout=60,
            what="gunicorn did not answer /healthz",
            interval=0.2,
        )
        if process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited ({process.returncode}):\n{log_tail(log_path)}"
            )
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


def _healthy(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def log_tail(log_path: Path, lines: int = 40) -> str:
    if not log_path.exists():
        return ""
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


# --- nginx in front (deploy/nginx/) --------------------------------------------------
DEPLOY = ROOT / "deploy" / "nginx"
NGINX = Path(shutil.which("nginx") or "/usr/sbin/nginx")
PLACEHOLDER = re.compile(r"\$\{(ANKASAM_[A-Z_]+)\}")
UNPRIVILEGED = "nobody"

# The main file Debian's nginx.conf would be, for one unprivileged process with
# every path of its own (Debian's compiled-in temp paths need root).
MAIN_CONFIG = """\
daemon off;
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    include {prefix}/conf.d/*.conf;
}}
"""


def render_site_config(values: dict[str, str]) -> str:
    """deploy/nginx/ankasam.conf.template with its ${ANKASAM_...} names filled in,
    as envsubst fills them (nginx's own $variables are left alone)."""
    template = (DEPLOY / "ankasam.conf.template").read_text(encoding="utf-8")
    missing = set(PLACEHOLDER.findall(template)) - set(values)
    if missing:
        raise KeyError(f"no value for {sorted(missing)}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    certificate, key = folder / "tls.crt", folder / "tls.key"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec",
            "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", str(key), "-out", str(certificate), "-days", "2",
            "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return certificate, key


@dataclass
class Front:
    url: str  # https://127.0.0.1:port
    folder: Path
    static_root: Path
    media_root: Path


def nginx_available() -> bool:
    return NGINX.exists()


@contextlib.contextmanager
def nginx_front(
    *, app: str, static_root: Path, more_apps: tuple[str, ...] = ()
) -> Iterator[Front]:
    """Debian's nginx with the committed site file in front of ``app`` (host:port).

    ``more_apps`` are further app servers, each given its ``server`` line in the
    written file's upstream block, as docs/production.md tells an operator to.

    It runs as an unprivileged user when the tests run as root, in a folder of its
    own (configuration, temp files, page cache, logs); the static files are hard
    links to ``static_root``'s, so that this user may read them.
    """
    folder = Path(tempfile.mkdtemp(prefix="ankasam-nginx-"))
    folder.chmod(0o755)
    static = folder / "static"
    shutil.copytree(static_root, static, copy_function=os.link)
    media = folder / "media"
    media.mkdir()
    (folder / "conf.d").mkdir()
    (folder / "temp").mkdir()
    shutil.copytree(DEPLOY / "snippets", folder / "snippets")
    certificate, key = self_signed_certificate(folder)
    https_port, http_port = free_port(), free_port()
    site_config = render_site_config(
        {
            "ANKASAM_SERVER_NAME": "localhost 127.0.0.1",
            "ANKASAM_LISTEN_HTTP": f"127.0.0.1:{http_port}",
            "ANKASAM_LISTEN_HTTPS": f"127.0.0.1:{https_port}",
            "ANKASAM_TLS_CERTIFICATE": str(certificate),
            "ANKASAM_TLS_CERTIFICATE_KEY": str(key),
            "ANKASAM_APP": app,
            "ANKASAM_STATIC_ROOT": str(static),
            "ANKASAM_MEDIA_ROOT": str(media),
            "ANKASAM_CACHE_PATH": str(folder / "cache"),
        }
    )
    first = f"    server {app} max_fails=0;\n"
    assert first in site_config
    site_config = site_config.replace(
        first,
        first + "".join(f"    server {more} max_fails=0;\n" for more in more_apps),
    )
    (folder / "conf.d" / "ankasam.conf").write_text(site_config, encoding="utf-8")
    (folder / "nginx.conf").write_text(MAIN_CONFIG.format(prefix=folder))
    command = [str(NGINX), "-p", str(folder), "-c", str(folder / "nginx.conf")]
    if os.geteuid() == 0:
        account = pwd.getpwnam(UNPRIVILEGED)
        for path in [folder, *folder.rglob("*")]:
            if not path.is_relative_to(static):
                os.chown(path, account.pw_uid, account.pw_gid)
        command = ["runuser", "-u", UNPRIVILEGED, "--", *command]
    log = open(folder / "nginx.out", "wb")  # noqa: SIM115 (open while it runs)
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(
            lambda: process.poll() is not None or answers(https_port),
            timeout=30,
            what="nginx did not start",
        )
        if process.poll() is not None:
            raise RuntimeError(
                f"nginx exited ({process.returncode}):\n"
                + log_tail(folder / "nginx.out")
                + log_tail(folder / "error.log")
            )
        yield Front(f"https://127.0.0.1:{https_port}", folder, static, media)
    finally:
        process.terminate()  # runuser passes it on to nginx's master
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


ENROL = """
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
user = get_user_model().objects.get(username=USERNAME)
device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
print(device.key)
"""


class Phone:
    """An authenticator app enrolled for a staff account of a server's own
    database: its codes, each step's at most once (as django-otp accepts them)."""

    def __init__(self, key: str):
        self.key = bytes.fromhex(key)
        self.last_step = -1

    def code(self) -> str:
        from django_otp.oath import TOTP

        totp = TOTP(self.key, step=30, t0=0, digits=6)
        totp.time = time.time()
        if totp.t() <= self.last_step:  # now's code is used: the next step's
            totp.time += 30 * (self.last_step + 1 - totp.t())
        self.last_step = totp.t()
        return f"{totp.token():06d}"


def enrol_phone(username: str, *, environment: dict[str, str]) -> Phone:
    """Enrol an authenticator app for ``username`` (the second factor editors and
    admins must give), in the database of ``environment``."""
    output = manage(
        "shell", "-c", ENROL.replace("USERNAME", repr(username)),
        environment=environment,
    )  # fmt: skip
    return Phone(output.split()[-1])
