"""Two editors saving two related articles at the same moment, each their own: both
saves succeed, every time (issue 10: the similar lists are written in the save).

Each save ranks the similar lists of its article and of the articles it may enter
or leave, so the two saves write each other's lists. Written in different orders,
or waiting on each other's article rows, they deadlock, and PostgreSQL ends one of
them: an editor's save refused for nothing. Real HTTP against gunicorn's worker
processes on PostgreSQL, through the admin's form only.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article, SimilarArticle
from tests.articles.factories import ArticleFactory, RegionFactory, TopicFactory
from tests.formdata import form_values

from .client import TIMEOUT
from .server import log_tail
from .tally import FORM_ID

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: row locks between processes are what is tested "
        "(CI runs the suite on PostgreSQL too)",
    ),
    pytest.mark.django_db(transaction=True),
]

ROUNDS = 40


def save(browser, url, field, value, barrier):
    """GET the form, change ``field``, POST it the moment the other editor does."""
    page = browser.get(url)
    assert page.status == 200, page.status
    fields = form_values(page.text, FORM_ID, submit="_save")
    fields[field] = [value]
    barrier.wait(TIMEOUT)
    return browser.post(url, fields, barrier=barrier)


def test_two_editors_saving_related_articles_at_once_both_succeed(site, editors):
    topic, region = TopicFactory(), RegionFactory()
    first, second, third = (
        ArticleFactory(topics=[topic], regions=[region]) for _ in range(3)
    )
    urls = [
        reverse("admin:articles_article_change", args=[a.pk]) for a in (first, second)
    ]
    failures = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for number in range(1, ROUNDS + 1):
            barrier = threading.Barrier(2)
            values = [f"Özet {number}: ışık, свет ({n})" for n in (1, 2)]
            futures = [
                pool.submit(save, editors[n], urls[n], "summary_tr", values[n], barrier)
                for n in (0, 1)
            ]
            for n, future in enumerate(futures):
                answer = future.result(timeout=4 * TIMEOUT)
                if answer.status != 302:
                    failures.append((number, n, answer.status))
            stored = dict(
                Article.objects.filter(pk__in=[first.pk, second.pk]).values_list(
                    "pk", "summary_tr"
                )
            )
            if [stored[first.pk], stored[second.pk]] != values:
                failures.append((number, "stored", stored))

    assert not failures, f"{failures}\n{log_tail(site.log_path)}"
    # The saves did write each other's lists: the three articles list each other.
    listed = set(
        SimilarArticle.objects.filter(article=first, language="tr").values_list(
            "similar_id", flat=True
        )
    )
    assert {second.pk, third.pk} <= listed
