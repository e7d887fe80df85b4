"""Which gunicorn worker count and class serve the site best (a benchmark).

    .venv/bin/python bench/workers.py [--articles 1000] [--seconds 10]

Serves the archive that ``bench/anchors.py`` loaded (``ankasam_bench_<n>``; run it
first) with production settings under several gunicorn set-ups, one at a time, and
loads each with Debian's wrk (8 connections) on the article page from the page
cache and rendered each time (the cache off), in interleaved rounds. Server and
wrk share the machine's cores, as an app server shares them with nginx. Prints
req/s (median of the rounds) and the workers' peak RSS.
"""

import argparse
import re
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.anchors import (
    ADDRESSES,
    BIN,
    POSTGRES,
    REDIS,
    ROOT,
    collect_static,
    healthy,
    say,
    shell,
)
from tests.ops.servers import free_port, production_environment, wait_for

SETUPS = {
    "2 sync": ["--workers=2", "--worker-class=sync"],
    "3 sync": ["--workers=3", "--worker-class=sync"],
    "5 sync": ["--workers=5", "--worker-class=sync"],
    "2 gthread × 4": ["--workers=2", "--worker-class=gthread", "--threads=4"],
    "3 gthread × 2": ["--workers=3", "--worker-class=gthread", "--threads=2"],
}


def serve(options, *, url, static, cache, folder):
    port = free_port()
    environment = production_environment(
        DATABASE_URL=url,
        DJANGO_STATIC_ROOT=str(static),
        DJANGO_PAGE_CACHE_SECONDS="86400" if cache else "0",
        DJANGO_CONN_MAX_AGE="600",
    )
    if cache:
        environment["REDIS_URL"] = REDIS
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "ankasam.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--no-control-socket",
            *options,
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "gunicorn.log", "ab"),  # noqa: SIM115
    )
    wait_for(lambda: healthy(port), timeout=60, what="gunicorn", interval=0.2)
    return process, port


def peak_rss_mib(master: int) -> float:
    children = subprocess.run(
        ["pgrep", "-P", str(master)], capture_output=True, text=True
    ).stdout.split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
    return max(peaks, default=0.0)


def wrk(address: str, seconds: int) -> float:
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", address],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ankasam-workers-"))
    static = collect_static(folder / "static")
    url = f"{POSTGRES}/ankasam_bench_{args.articles}"
    subprocess.run(
        [str(BIN / "python"), "manage.py", "pages_render"],
        cwd=ROOT,
        env=production_environment(DATABASE_URL=url, DJANGO_STATIC_ROOT=str(static)),
        check=True,
        capture_output=True,
    )
    path = shell(ADDRESSES.replace("{count}", "0"), url)[0]
    rates = {(name, kind): [] for name in SETUPS for kind in ("hit", "miss")}
    rss = {}
    for _round in range(args.rounds):
        for name, options in SETUPS.items():
            for kind in ("hit", "miss"):
                process, port = serve(
                    options, url=url, static=static, cache=kind == "hit", folder=folder
                )
                try:
                    address = f"http://127.0.0.1:{port}{path}"
                    wrk(address, 2)  # warm the workers (and the cache)
                    rates[name, kind].append(wrk(address, args.seconds))
                    rss[name, kind] = peak_rss_mib(process.pid)
                finally:
                    process.send_signal(signal.SIGTERM)
                    process.wait(timeout=30)
    say("| gunicorn | hit req/s | miss req/s | peak RSS/worker MiB (hit, miss) |")
    say("|---|---:|---:|---:|")
    for name in SETUPS:
        hit = statistics.median(rates[name, "hit"])
        miss = statistics.median(rates[name, "miss"])
        say(
            f"| {name} | {hit:,.0f} | {miss:,.0f} | "
            f"{rss[name, 'hit']:.0f}, {rss[name, 'miss']:.0f} |"
        )


if __name__ == "__main__":
    main()
