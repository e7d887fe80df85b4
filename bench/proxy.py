"""A page through the nginx front (deploy/nginx/) against nginx serving a static
file (a benchmark, not a test).

    .venv/bin/python bench/proxy.py [--seconds 10] [--connections 32]
                                    [--s-maxage 1,5]

Starts what tests/ops/test_nginx.py starts (gunicorn with production settings on a
throwaway SQLite database holding the demo content, Debian's nginx with the
committed site file in front), then loads it with wrk (Debian's `wrk`; `make
bench-tools` installs it) over HTTPS with keep-alive, as a browser asking for
compressed answers: first a static file, then an article page, once per s-maxage
(DJANGO_CDN_MAX_AGE) given. Prints requests per second, and the page's share of
the static file's rate; the goal is at least 50 %.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ops.servers import (  # noqa: E402
    collect_static,
    gunicorn,
    manage,
    nginx_front,
    production_environment,
)

GOAL = 0.5
FIND_ARTICLE = """
from articles.models import Article
article = Article.objects.public("en").order_by("published_at").first()
print(article.get_absolute_url("en"))
"""


def wrk(url: str, *, seconds: int, connections: int) -> tuple[float, str]:
    """Requests per second that wrk reached on ``url``, and its non-2xx count."""
    result = subprocess.run(
        [
            "wrk", f"--threads={min(connections, 2)}",
            f"--connections={connections}", f"--duration={seconds}s",
            "--header=Accept-Encoding: gzip", "--header=Accept-Language: en",
            url,
        ],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    return rate, errors.group(1) if errors else "0"


def measure(args, folder: Path, static_root: Path, s_maxage: int) -> dict:
    database = folder / f"db-{s_maxage}.sqlite3"
    environment = production_environment(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_SERVE_MEDIA="0",
        DJANGO_BEHIND_PROXY="1",
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_CDN_MAX_AGE=str(s_maxage),
        DJANGO_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    manage("migrate", "--no-input", "-v0", environment=environment)
    manage("load_demo", environment=environment)
    page = manage("shell", "-c", FIND_ARTICLE, environment=environment)
    page = page.splitlines()[-1].strip()
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    static = "/static/" + manifest["paths"]["css/site.css"]
    with (
        gunicorn(
            environment=environment, log_path=folder / "gunicorn.log", workers=2
        ) as app,
        nginx_front(app=app.removeprefix("http://"), static_root=static_root) as front,
    ):
        results = {}
        for name, path in (("static file", static), ("article page", page)):
            wrk(front.url + path, seconds=2, connections=args.connections)  # warm
            results[name] = wrk(
                front.url + path, seconds=args.seconds, connections=args.connections
            )
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--s-maxage", default="1,5")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make bench-tools` installs Debian's wrk")
    folder = Path(tempfile.mkdtemp(prefix="ankasam-bench-proxy-"))
    try:
        static_root = collect_static(folder / "static")
        for s_maxage in (int(value) for value in args.s_maxage.split(",")):
            results = measure(args, folder, static_root, s_maxage)
            (static_rate, static_errors), (page_rate, page_errors) = results.values()
            share = page_rate / static_rate
            print(  # noqa: T201
                f"s-maxage {s_maxage:3} s: static file {static_rate:9.0f} req/s "
                f"({static_errors} errors), article page {page_rate:9.0f} req/s "
                f"({page_errors} errors): {share:.0%} of static "
                f"({'meets' if share >= GOAL else 'below'} the {GOAL:.0%} goal)"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
