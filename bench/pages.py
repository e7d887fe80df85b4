"""Time the public pages on the demo content (a benchmark, not a test).

    DJANGO_DEBUG=1 .venv/bin/python bench/pages.py [--requests 200]

Uses the database of the current settings (run `make demo` first, or point
DATABASE_URL at a loaded database) and prints, per page, the queries it makes and
its median and 95th-percentile server time in milliseconds. Target: article page
median under 25 ms on SQLite on a 2-core machine.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ankasam.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
# One client asks everything: no per-client limit applies to a benchmark.
os.environ.setdefault("DJANGO_SEARCH_RATE", "1000000")
os.environ.setdefault("DJANGO_DOWNLOAD_RATE", "1000000")

import django

django.setup()

from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, Category  # noqa: E402


def pages():
    sample = Article.objects.public("en").order_by("published_at").first()
    category = Category.objects.first()
    return {
        "home (tr)": "/tr/",
        "article (en)": sample.get_absolute_url("en"),
        "category (ru)": f"/ru/kategoriya/{category.slug_ru}/",
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    # Each request would otherwise empty the query log before it could be counted.
    request_started.disconnect(reset_queries)
    client = Client(HTTP_HOST="127.0.0.1")
    for name, path in pages().items():
        client.get(path)  # warm caches (templates, translations)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        count = len(queries)  # read now: the log is a sliding window
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, path
        p95 = statistics.quantiles(times, n=20)[-1]
        print(  # noqa: T201
            f"{name:15} {count:2} queries  "
            f"median {statistics.median(times):6.2f} ms  p95 {p95:6.2f} ms"
        )


if __name__ == "__main__":
    main()
