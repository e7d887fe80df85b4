"""Recall of the search on a known corpus, per language, on the current database.

    .venv/bin/python bench/search_recall.py [--filler 1000] [--repeat 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ankasam \
        .venv/bin/python bench/search_recall.py

Builds a throwaway test database of the current settings (SQLite in memory, or
``test_<name>_recall`` on PostgreSQL), saves the articles of ``search_corpus.json``
through the write path with ``--filler`` generated distractor articles around them,
asks every query of ``search_queries.json`` through the search page, as a reader
would, and prints recall@5 (the share of a query's relevant articles among its first
five results, averaged per language) per language, for the held-out queries (written
after the search last changed, never tuned on) and per kind of query, with the
median and 95th-percentile time per query (wall, and CPU of this process, which on
SQLite includes the database's work and is steadier on a busy machine). Runs offline.
``tests/search/test_recall.py`` runs the same queries at a smaller scale.
"""

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "search_corpus.json"
QUERIES = HERE / "search_queries.json"
LANGUAGES = ("tr", "en", "ru")
TOP = 5

if __name__ == "__main__":  # as a script: set Django up before importing models
    sys.path.insert(0, str(HERE.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ankasam.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    # One client asks everything: no per-client limit applies to a benchmark.
    os.environ.setdefault("DJANGO_SEARCH_RATE", "1000000")
    import django

    django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Category  # noqa: E402
from authors.models import Author  # noqa: E402
from editorial.services import article_save  # noqa: E402

RESULT_LINK = re.compile(r'class="search-result__title"><a href="([^"]+)"')


@dataclass
class Outcome:
    language: str
    q: str
    kind: str
    held_out: bool
    recall: float
    found: list[str]
    relevant: list[str]
    ms: float  # wall time
    cpu_ms: float  # this process only: SQLite's work, not PostgreSQL's


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def queries() -> list[dict]:
    return load_json(QUERIES)["queries"]


def filler_articles(corpus: dict, count: int, seed: int) -> list[dict]:
    """``count`` articles of the corpus' stock sentences, in every language."""
    rng = random.Random(seed)
    stock = corpus["filler"]
    articles = []
    for n in range(count):
        picks = rng.sample(range(len(stock["en"]["sentences"])), 9)
        title = rng.randrange(len(stock["en"]["titles"]))
        version = {}
        for code in LANGUAGES:
            sentences = [stock[code]["sentences"][i] for i in picks]
            version[code] = {
                "title": f"{stock[code]['titles'][title]} {n + 1}",
                "summary": sentences[0],
                "body": "".join(f"<p>{s}</p>" for s in sentences[1:]),
            }
        articles.append({"key": f"filler-{n + 1}", **version})
    return articles


def save_article(entry: dict, *, category, author, published_at) -> Article:
    article = Article(category=category)
    for code in LANGUAGES:
        for field in ("title", "summary", "body"):
            setattr(article, f"{field}_{code}", entry[code][field])
        setattr(article, f"status_{code}", Article.Status.PUBLISHED)
        setattr(article, f"published_at_{code}", published_at)
    article_save(article=article, byline=[author], check_publication=False)
    return article


def load_corpus(*, filler: int = 0, seed: int = 14) -> dict[str, dict[str, str]]:
    """Save the corpus and ``filler`` distractors, in a shuffled order of dates.

    Returns, per language, the URL of each corpus article and its key.
    """
    corpus = load_json(CORPUS)
    category = Category.objects.create(
        name_tr="Analiz", name_en="Analysis", name_ru="Анализ"
    )
    author = Author.objects.create(name="Bench Author", slug="bench-author")
    entries = corpus["articles"] + filler_articles(corpus, filler, seed)
    rng = random.Random(seed)
    days = rng.sample(range(1, 4 * len(entries) + 1), len(entries))
    now = timezone.now()
    urls = {code: {} for code in LANGUAGES}
    for entry, day in zip(entries, days, strict=True):
        article = save_article(
            entry,
            category=category,
            author=author,
            published_at=now - timedelta(days=day),
        )
        if not entry["key"].startswith("filler-"):
            for code in LANGUAGES:
                urls[code][article.get_absolute_url(code)] = entry["key"]
    return urls


def ask(client: Client, language: str, q: str) -> list[str]:
    """The result URLs of the first page, in order."""
    response = client.get(f"/{language}/search/", {"q": q})
    assert response.status_code == 200, (language, q)
    return RESULT_LINK.findall(response.content.decode())


def measure(client: Client, urls, items, *, repeat: int = 1) -> list[Outcome]:
    outcomes = []
    for item in items:
        language = item["language"]
        times, cpu = [], []
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            found = ask(client, language, item["q"])
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        keys = [urls[language].get(url, url) for url in found[:TOP]]
        relevant = item["relevant"]
        hits = sum(1 for key in relevant if key in keys)
        outcomes.append(
            Outcome(
                language=language,
                q=item["q"],
                kind=item["kind"],
                held_out=item.get("held_out", False),
                recall=hits / len(relevant),
                found=keys,
                relevant=relevant,
                ms=min(times),
                cpu_ms=min(cpu),
            )
        )
    return outcomes


def recall_by(outcomes: list[Outcome], attribute: str) -> dict[str, float]:
    groups = defaultdict(list)
    for outcome in outcomes:
        groups[getattr(outcome, attribute)].append(outcome.recall)
    return {key: statistics.mean(values) for key, values in groups.items()}


def report(outcomes: list[Outcome], *, verbose: bool) -> None:
    print(f"database: {connection.vendor}")  # noqa: T201
    by_language = recall_by(outcomes, "language")
    total = statistics.mean(o.recall for o in outcomes)
    print(f"recall@{TOP}: all {total:.3f} ({len(outcomes)} queries)")  # noqa: T201
    for code in LANGUAGES:
        mine = [o for o in outcomes if o.language == code]
        wall = [o.ms for o in mine]
        cpu = [o.cpu_ms for o in mine]
        print(  # noqa: T201
            f"  {code}: {by_language[code]:.3f} ({len(mine)} queries)  "
            f"wall median {statistics.median(wall):6.2f} ms "
            f"p95 {statistics.quantiles(wall, n=20)[-1]:6.2f} ms  "
            f"cpu median {statistics.median(cpu):6.2f} ms "
            f"p95 {statistics.quantiles(cpu, n=20)[-1]:6.2f} ms"
        )
    held_out = recall_by([o for o in outcomes if o.held_out], "language")
    print(  # noqa: T201
        "  held out: " + ", ".join(f"{k} {held_out[k]:.3f}" for k in LANGUAGES)
    )
    kinds = recall_by(outcomes, "kind")
    print(  # noqa: T201
        "  by kind: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(kinds.items()))
    )
    for outcome in outcomes:
        if outcome.recall < 1 or verbose:
            print(  # noqa: T201
                f"  {outcome.recall:.2f} [{outcome.language}] {outcome.q!r}: "
                f"want {outcome.relevant}, got {outcome.found}"
            )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--filler", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="timings: best of n")
    parser.add_argument("--verbose", action="store_true", help="list every query")
    args = parser.parse_args()
    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor != "sqlite" and not test.get("NAME"):
        test["NAME"] = f"test_{connection.settings_dict['NAME']}_recall"
    name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        urls = load_corpus(filler=args.filler)
        print(  # noqa: T201
            f"loaded {len(urls['en'])} + {args.filler} articles "
            f"in {time.perf_counter() - start:.1f} s"
        )
        client = Client(HTTP_HOST="127.0.0.1")
        for item in queries()[:3]:  # warm caches (templates, translations)
            ask(client, item["language"], item["q"])
        report(
            measure(client, urls, queries(), repeat=args.repeat), verbose=args.verbose
        )
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
