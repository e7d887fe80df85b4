"""Readers and editors under load while the database restarts and Redis stops and
starts (issue 11, "Must show").

gunicorn with production settings on a PostgreSQL cluster and a Redis server of the
test's own (never the machine's shared ones). For over a minute, reader threads ask
pages that are in the page cache and pages that cannot be (an unknown query
parameter), and editor threads save their own article through the admin's form.
Meanwhile the test stops its PostgreSQL cluster for a few seconds and starts it
again, then does the same to Redis. Then:

- no 500 at any time, for anyone;
- pages in the cache are served throughout, the database's outage included;
- a 503 only while the database is down, and only for a page not in the cache
  (or for an editor);
- while Redis is down, pages are served uncached; once each service is back, every
  request succeeds, and the cache fills again by itself;
- every save acknowledged to an editor (302) is in the database afterwards.
"""

import http.client
import itertools
import json
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.concurrency.client import Browser
from tests.formdata import form_values

from .servers import (
    Phone,
    gunicorn,
    log_tail,
    manage,
    postgres_available,
    postgres_cluster,
    production_environment,
    redis_server,
    wait_for,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the fault test belongs to the PostgreSQL leg of CI (the suite on "
        "PostgreSQL runs it against a cluster of its own)",
    ),
    pytest.mark.skipif(
        not postgres_available(),
        reason="needs PostgreSQL's server programs (initdb, pg_ctl): `make servers`",
    ),
]

LOAD_SECONDS = 62
OUTAGE_SECONDS = 4  # how long each service stays away (the outage, not a wait)
READERS = 6
EDITORS = 2
PASSWORD = "arıza-sınaması-2024"
FORM_ID = "article_form"
REQUEST_TIMEOUT = 30

SETUP = """
import json
from django.contrib.auth import get_user_model
from tests.articles.factories import ArticleFactory
articles = [ArticleFactory() for _ in range(3)]
from django_otp.plugins.otp_totp.models import TOTPDevice
keys = {}
for number in range(1, 3):
    user = get_user_model().objects.create_superuser(
        f"editor{number}", f"editor{number}@example.org", PASSWORD
    )
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    keys[user.username] = device.key
print(json.dumps({
    "keys": keys,
    "ids": [article.pk for article in articles],
    "paths": [article.get_absolute_url(code) for article in articles
              for code in ("tr", "en", "ru")],
}))
"""


@dataclass(frozen=True)
class Answer:
    who: str  # "reader" or "editor"
    kind: str  # cached, uncached, form, save
    path: str
    sent: float
    done: float
    status: int  # 0: no HTTP answer at all
    cache: str = ""  # X-Page-Cache


@dataclass
class Run:
    answers: list[Answer] = field(default_factory=list)
    outages: dict[str, tuple[float, float]] = field(default_factory=dict)
    acknowledged: list[tuple[int, str]] = field(default_factory=list)
    attempted: dict[int, list[str]] = field(default_factory=dict)

    def during(self, service: str, answer: Answer) -> bool:
        """Whether ``answer``'s request overlapped ``service``'s outage."""
        down, back = self.outages[service]
        return answer.sent < back and answer.done > down

    def after(self, service: str, answer: Answer) -> bool:
        """Sent once ``service`` was back, and during no other outage."""
        return answer.sent > self.outages[service][1] and not any(
            self.during(other, answer) for other in self.outages if other != service
        )


def ask(base: str, path: str) -> tuple[int, str]:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers={"Accept-Language": "tr"})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("X-Page-Cache", "")
    except OSError:
        return 0, ""
    finally:
        connection.close()


def read(base, run, stop, cached_paths, number):
    uncached = itertools.count()
    for turn in itertools.count():
        if stop.is_set():
            return
        if turn % 3 == 2:  # a third of the reads cannot come from the cache
            kind, path = "uncached", f"/tr/?reader={number}-{next(uncached)}"
        else:
            kind, path = "cached", cached_paths[(turn + number) % len(cached_paths)]
        sent = time.monotonic()
        status, cache = ask(base, path)
        run.answers.append(
            Answer("reader", kind, path, sent, time.monotonic(), status, cache)
        )


def edit(base, run, stop, article_id, username, phone):
    """Save one's own article again and again, each time with a new summary."""
    browser = Browser(base, language="en")
    wait_for(lambda: _logged_in(browser, username, phone), timeout=30, what="no login")
    url = f"/admin/articles/article/{article_id}/change/"
    run.attempted[article_id] = []
    for number in itertools.count(1):
        if stop.is_set():
            return
        sent = time.monotonic()
        try:
            page = browser.get(url)
        except OSError:
            page = None
        run.answers.append(
            Answer("editor", "form", url, sent, time.monotonic(),
                   page.status if page else 0)
        )  # fmt: skip
        if page is None or page.status != 200:
            time.sleep(0.2)  # pacing: an editor does not hammer the form
            continue
        fields = form_values(page.text, FORM_ID, submit="_save")
        value = f"fault-test {username} save {number}"
        fields["summary_tr"] = [value]
        run.attempted[article_id].append(value)
        sent = time.monotonic()
        try:
            answer = browser.post(url, fields)
        except OSError:
            answer = None
        status = answer.status if answer else 0
        run.answers.append(
            Answer("editor", "save", url, sent, time.monotonic(), status)
        )
        if status == 302 and "/login/" not in answer.location:
            run.acknowledged.append((article_id, value))
        time.sleep(0.2)


def _logged_in(browser, username, phone) -> bool:
    try:
        browser.login(username, PASSWORD, second_factor=phone.code)
    except (AssertionError, OSError):
        return False
    return True


@pytest.fixture
def site(tmp_path, static_root):
    with postgres_cluster() as cluster, redis_server() as redis:
        cluster.create_database("ankasam")
        environment = production_environment(
            DATABASE_URL=cluster.url("ankasam"),
            REDIS_URL=redis.url,
            DJANGO_STATIC_ROOT=str(static_root),
            DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
            # Jobs run in the request, so that no worker is needed.
            DJANGO_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        )
        manage("migrate", "--no-input", "-v0", environment=environment)
        script = SETUP.replace("PASSWORD", repr(PASSWORD))
        output = manage("shell", "-c", script, environment=environment)
        content = json.loads(output.splitlines()[-1])
        log_path = tmp_path / "gunicorn.log"
        with gunicorn(environment=environment, log_path=log_path, workers=4) as url:
            yield cluster, redis, url, content, log_path


def outage(run, service, stop_it, start_it):
    down = time.monotonic()
    stop_it()
    time.sleep(OUTAGE_SECONDS)
    start_it()
    run.outages[service] = (down, time.monotonic())


def test_readers_and_editors_survive_a_database_restart_and_a_redis_outage(
    site, record_property
):
    cluster, redis, base, content, log_path = site
    cached_paths = ["/tr/", "/en/", "/ru/", *content["paths"]]
    for path in cached_paths:  # warm the page cache: the second answer is a hit
        wait_for(
            lambda path=path: ask(base, path) == (200, "hit"),
            timeout=30,
            what=f"{path} was not cached",
        )
    run = Run()
    stop = threading.Event()
    threads = [
        threading.Thread(target=read, args=(base, run, stop, cached_paths, n))
        for n in range(READERS)
    ] + [
        threading.Thread(
            target=edit,
            args=(
                base,
                run,
                stop,
                content["ids"][n],
                f"editor{n + 1}",
                Phone(content["keys"][f"editor{n + 1}"]),
            ),
        )
        for n in range(EDITORS)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    try:
        time.sleep(8)  # load before the first fault
        outage(run, "postgresql", cluster.stop, cluster.start)
        time.sleep(12)  # and after it, before the next
        outage(run, "redis", redis.stop, redis.start)
        time.sleep(max(0.0, started + LOAD_SECONDS - time.monotonic()))
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=2 * REQUEST_TIMEOUT)
    seconds = time.monotonic() - started

    answers = run.answers
    statuses = Counter((a.who, a.kind, a.status) for a in answers)
    summary = (
        f"{len(answers)} requests in {seconds:.0f} s; "
        f"{len(run.acknowledged)} acknowledged saves; "
        + ", ".join(f"{w} {k} {s}: {n}" for (w, k, s), n in sorted(statuses.items()))
    )
    record_property("fault test", summary)

    def describe(found):
        lines = [
            f"  {a.who} {a.kind} {a.path} -> {a.status} at {a.sent - started:.1f} s"
            for a in found[:8]
        ]
        outages = ", ".join(
            f"{name} {down - started:.1f}-{back - started:.1f} s"
            for name, (down, back) in run.outages.items()
        )
        return f"{len(found)}:\n" + "\n".join(lines) + f"\n(outages: {outages})"

    # Something happened in each window (the faults were real).
    during_pg = [a for a in answers if run.during("postgresql", a)]
    assert any(a.status == 503 for a in during_pg if a.kind == "uncached"), summary
    assert [a for a in answers if run.during("redis", a)], summary
    assert len(run.acknowledged) >= 20, summary

    failures = {
        "no answer at all": [a for a in answers if a.status == 0],
        "a 5xx other than 503": [
            a for a in answers if a.status >= 500 and a.status != 503
        ],
        "a 503 outside the database's outage": [
            a for a in answers if a.status == 503 and not run.during("postgresql", a)
        ],
        "a cached page not served during the database's outage": [
            a for a in during_pg if a.kind == "cached" and a.status != 200
        ],
        "a page not served while Redis was down": [
            a
            for a in answers
            if a.who == "reader" and run.during("redis", a) and a.status != 200
        ],
        "an error after the database was back": [
            a
            for a in answers
            if run.after("postgresql", a) and a.status not in (200, 302)
        ],
        "an error after Redis was back": [
            a for a in answers if run.after("redis", a) and a.status not in (200, 302)
        ],
    }
    failed = {name: found for name, found in failures.items() if found}
    # The cache came back by itself: hits again once Redis is back.
    back = [a for a in answers if run.after("redis", a) and a.kind == "cached"]
    if not any(a.cache == "hit" for a in back[len(back) // 2 :]):
        failed["no cache hit after Redis was back"] = back[-3:]

    # No acknowledged save lost: each is in the article's revisions, and the
    # stored summary is the last acknowledged one or one attempted after it.
    with psycopg.connect(cluster.url("ankasam")) as database:
        lost = []
        for article_id, value in run.acknowledged:
            found = database.execute(
                "SELECT count(*) FROM editorial_revision "
                "WHERE article_id = %s AND data::text LIKE %s",
                (article_id, f'%"{value}"%'),
            ).fetchone()[0]
            if not found:
                lost.append((article_id, value))
        for article_id, attempted in run.attempted.items():
            acknowledged = [v for a, v in run.acknowledged if a == article_id]
            stored = database.execute(
                "SELECT summary_tr FROM articles_article WHERE id = %s", (article_id,)
            ).fetchone()[0]
            if (
                acknowledged
                and stored not in attempted[attempted.index(acknowledged[-1]) :]
            ):
                lost.append((article_id, f"stored {stored!r}"))
    if lost:
        failed["lost acknowledged saves"] = lost

    report = "\n".join(
        f"{name} — {describe(found) if isinstance(found[0], Answer) else found}"
        for name, found in failed.items()
    )
    errors = [
        line[:300] for line in log_tail(log_path, 400).splitlines() if "ERROR" in line
    ]
    (Path(tempfile.gettempdir()) / "ankasam-fault-test.txt").write_text(
        f"{summary}\n{report}\n" + "\n".join(errors) + "\n", encoding="utf-8"
    )
    assert not failed, f"{summary}\n{report}\ngunicorn:\n" + "\n".join(errors[-5:])
