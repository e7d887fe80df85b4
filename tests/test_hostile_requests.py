"""Odd and hostile requests get a normal answer, never a server error."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PATHS = [
    "/tr/?page=-1",
    "/tr/kategori/analiz/?page=99999999999999999999999",
    "/en/category/analysis/?page=1e9",
    "/en/category/analysis/?page=%00",
    "/ru/search/?q=%00%00",
    "/ru/search/?q=" + "а" * 10_000,
    "/en/search/?q=%22unbalanced&page=abc",
    "/en/search/?q=foo%20%7C%20bar%20%26%20!baz%20%3C-%3E%20*",
    "/tr/search/?q=%F0%9F%98%80%F0%9F%98%80",
    "/tr/arsiv/2023/0/",
    "/tr/arsiv/99999999999999999999/",
    "/en/archive/2023/11/?page=2",
    "/tr/makale/%ED%A0%80/",
    "/tr/makale/" + "x" * 2000 + "/",
    "/en/article/north-koreas-decision-to-shutdown-the-diplomatic-missions/reference.exe",
    "/en/article/nope/sources.bib",
    "/de/",
    "/tr/yazar/yok/feed/",
    "/tr/onizleme/not-a-token/",
    "/?p=abc",
    "/?p=99999999999999999999999",
    "/2023/13/45/nothing/",
    "/sitemap.xml?p=1",
    "/robots.txt",
    "/media/../settings.py",
    "/static/../manage.py",
]


@pytest.fixture
def demo():
    call_command("load_demo")


@pytest.mark.parametrize("path", PATHS)
def test_hostile_get_is_never_a_server_error(client, demo, path):
    assert client.get(path).status_code < 500


@pytest.mark.parametrize(
    "path", ["/tr/", "/en/search/?q=x", "/ru/kategoriya/analiz/", "/sitemap.xml"]
)
def test_other_methods_are_refused_politely(client, demo, path):
    for method in (client.post, client.put, client.delete):
        assert method(path).status_code in (403, 405)
    assert client.head(path).status_code < 500
