"""Two editors saving one article at the same moment: one save wins, the other is
refused with its text kept, and no change is lost (issue 9).

Real HTTP against gunicorn's worker processes on PostgreSQL, as production runs: the
check must hold between processes, not only between two saves in a row. Only the admin
form is used (GET it, POST it as a browser would), so the test outlives refactors of
the save path.
"""

import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from articles.models import Article
from tests.formdata import form_values

from .client import TIMEOUT
from .server import log_tail
from .tally import FORM_ID, STALE_MESSAGE, SUMMARY_PROPERTY, Attempt, Tally

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: concurrent saves are checked against the database "
        "production runs on (CI runs the suite on PostgreSQL too)",
    ),
    pytest.mark.django_db(transaction=True),
]


@dataclass(frozen=True)
class Pair:
    """Two editors who open an article's form together and save it together."""

    kind: str
    edits: tuple[tuple[str, str], tuple[str, str]]  # (editor, field) each
    article: str = "published"


def plan() -> list[Pair]:
    """200 pairs, the kinds interleaved: different fields, one field, a translator."""
    different = [
        ("summary_tr", "title_en"),
        ("title_tr", "summary_ru"),
        ("summary_en", "title_ru"),
        ("title_tr", "summary_tr"),
    ]
    same = ["summary_tr", "title_en", "summary_ru"]
    # A translator into English against an editor: other language, or the same field.
    # On a draft: a translator may not change a published language version.
    translated = [
        ("summary_en", "summary_tr"),
        ("title_en", "title_en"),
        ("title_en", "summary_ru"),
        ("summary_en", "summary_en"),
    ]
    kinds = [
        [
            Pair("different fields", (("first", a), ("second", b)))
            for a, b in (different[i % len(different)] for i in range(100))
        ],
        [
            Pair("same field", (("first", name), ("second", name)))
            for name in (same[i % len(same)] for i in range(60))
        ],
        [
            Pair("translator and editor", (("translator", a), ("first", b)), "draft")
            for a, b in (translated[i % len(translated)] for i in range(40))
        ],
    ]
    return [
        pair
        for _share, pair in sorted(
            ((i / len(pairs), pair) for pairs in kinds for i, pair in enumerate(pairs)),
            key=lambda item: item[0],
        )
    ]


def typed(number: int, editor: str) -> str:
    return f"Kayıt {number}, {editor}: Işık İzmir’de, свет в Москве"


def open_and_save(browser, url, attempt: Attempt, barrier: threading.Barrier):
    """GET the form, change one field, then POST when the other editor does."""
    try:
        page = browser.get(url)
        if page.status != 200:
            raise AssertionError(f"the form answered {page.status}")
        fields = form_values(page.text, FORM_ID, submit="_save")
        if attempt.field not in fields:
            raise LookupError(f"{attempt.field} is not on {attempt.editor}'s form")
        fields[attempt.field] = [attempt.value]
        barrier.wait(TIMEOUT)  # both forms are open, at the same version
        answer = browser.post(url, fields, barrier=barrier)
    except Exception as error:  # counted and reported with the rest
        barrier.abort()
        attempt.outcome, attempt.detail = "unexpected", repr(error)
    else:
        attempt.read(answer.status, answer.location, answer.text)
    return attempt


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def run_pair(pool, browsers, articles, number: int, pair: Pair) -> list[Attempt]:
    """Both editors open the form and save it at the same moment; read the result."""
    article = articles[pair.article]
    url = change_url(article)
    barrier = threading.Barrier(len(pair.edits))
    attempts = [
        Attempt(editor, name, typed(number, editor)) for editor, name in pair.edits
    ]
    futures = [
        pool.submit(open_and_save, browsers[attempt.editor], url, attempt, barrier)
        for attempt in attempts
    ]
    for future in futures:
        future.result(timeout=4 * TIMEOUT)
    stored = Article.objects.values(*{a.field for a in attempts}).get(pk=article.pk)
    for attempt in attempts:
        attempt.stored = stored[attempt.field] == attempt.value
    return attempts


def test_concurrent_saves_never_both_succeed_nor_lose_a_change(
    site, editors, translator, article, draft_article, record_property
):
    browsers = {"first": editors[0], "second": editors[1], "translator": translator}
    articles = {"published": article, "draft": draft_article}
    tally = Tally()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        for number, pair in enumerate(plan(), start=1):
            attempts = run_pair(pool, browsers, articles, number, pair)
            tally.add(number, pair.kind, attempts)
    tally.seconds = time.monotonic() - started

    summary = tally.summary()
    record_property(SUMMARY_PROPERTY, summary)
    report = Path(tempfile.gettempdir()) / (
        f"ankasam-concurrent-saves-{settings.DATABASES['default']['NAME']}.txt"
    )
    report.write_text("\n".join([summary, *tally.examples]) + "\n", encoding="utf-8")
    details = "\n".join(tally.examples)
    if tally.verdicts["with a 5xx"]:
        details += f"\ngunicorn's log ({site.log_path}):\n{log_tail(site.log_path)}"
    problems = tally.problems()
    assert not problems, f"{summary}\n{details}"


def test_a_save_from_a_form_opened_before_the_last_save_is_refused_keeping_its_text(
    site, editors, article
):
    first, second = editors
    url = change_url(article)
    first_form = form_values(first.get(url).text, FORM_ID, submit="_save")
    second_form = form_values(second.get(url).text, FORM_ID, submit="_save")
    first_form["title_tr"] = ["İlk editörün başlığı: ışık"]
    assert first.post(url, first_form).status == 302

    second_form["summary_en"] = ["The second editor's summary, typed at length."]
    answer = second.post(url, second_form)

    assert answer.status == 200
    assert STALE_MESSAGE in answer.text
    kept = form_values(answer.text, FORM_ID)
    assert kept["summary_en"] == ["The second editor's summary, typed at length."]
    assert Article.objects.values("title_tr", "summary_en").get(pk=article.pk) == {
        "title_tr": "İlk editörün başlığı: ışık",
        "summary_en": article.summary_en,
    }
