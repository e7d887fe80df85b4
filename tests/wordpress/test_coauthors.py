import re

import pytest
from django.utils import translation

from articles.models import Article
from authors.models import Author
from wordpress.models import ImportedAuthor

from . import builders

pytestmark = pytest.mark.django_db

AUTHORS = (
    ("zeki", "zeki@ankasam.example", "Zeki Talustan Gülten"),
    ("ilknur", "ilknur@ankasam.example", "ilknur"),
)
ZEYNEP = builders.guest_author(
    900,
    "zeynep-ozturk",
    "Zeynep Öztürk",
    first_name="Zeynep",
    last_name="Öztürk",
    user_email="zeynep@ankasam.example",
    website="https://x.com/zeynepozturk",
    description="Orta Asya uzmanı.\n\nANKASAM'da araştırmacı.",
)
# İlknur's guest author profile belongs to the WordPress user "ilknur".
ILKNUR = builders.guest_author(
    901, "ilknur-isik", "İlknur Işık", linked_account="ilknur"
)


def coauthored(post_id, title, *bylines, creator="zeki", meta=None):
    return builders.item(
        post_id=post_id,
        title=title,
        content=f"{title}: metin.",
        creator=creator,
        terms=[("category", "analiz", "Analiz"), *map(builders.coauthor, bylines)],
        meta=meta,
    )


def energy(code, *bylines, creator="zeki"):
    """Post 800 and its English translation 810 (WPML)."""
    post_id, title = {
        "tr": (800, "Orta Asya’da Enerji"),
        "en": (810, "Energy in Central Asia"),
    }[code]
    meta = builders.wpml_meta(code, "energy", source="" if code == "tr" else "tr")
    return coauthored(post_id, title, *bylines, creator=creator, meta=meta)


def coauthors_export(*extra):
    items = [
        # Byline order is the terms' order, not the alphabet's.
        energy("tr", "zeynep-ozturk", "zeki"),
        energy("en", "zeynep-ozturk", "zeki", creator="ilknur"),
        coauthored(801, "Kafkasya’da Barış", "ilknur-isik", creator="ilknur"),
        builders.item(
            post_id=802, title="Pasifik’te Denge", content="Metin.", creator="ilknur"
        ),
        ZEYNEP,
        ILKNUR,
        *extra,
    ]
    terms = builders.author_term(
        50, "zeki", "Zeki Talustan Gülten Zeki Gülten zeki 1 zeki@ankasam.example"
    ) + builders.author_term(
        51,
        "zeynep-ozturk",
        "Zeynep Öztürk Zeynep Öztürk zeynep-ozturk 900 zeynep@ankasam.example",
    )
    return builders.export(items=items, terms=terms, authors=AUTHORS)


@pytest.fixture
def imported(export_file, run_import):
    path = export_file(coauthors_export())
    return run_import(path), path


def byline(post_id):
    article = Article.objects.get(wordpress_posts__post_id=post_id)
    return [link.author.name for link in article.article_authors.all()]


def test_co_authors_become_the_byline_in_their_order(imported):
    assert byline(800) == ["Zeynep Öztürk", "Zeki Talustan Gülten"]


def test_guest_author_becomes_an_author_with_its_profile(imported):
    zeynep = Author.objects.get(name="Zeynep Öztürk")
    assert zeynep.email == "zeynep@ankasam.example"
    assert zeynep.x_url == "https://x.com/zeynepozturk"
    # The biography is in the export's language, as paragraphs.
    assert zeynep.bio_tr == "<p>Orta Asya uzmanı.</p>\n<p>ANKASAM'da araştırmacı.</p>"
    assert ImportedAuthor.objects.get(login="zeynep-ozturk").author == zeynep


def test_guest_author_linked_to_a_user_is_that_users_author(imported):
    ilknur = Author.objects.get(name="İlknur Işık")
    # Credited through the guest author (801) and as the WordPress user (802).
    assert byline(801) == byline(802) == ["İlknur Işık"]
    assert set(
        ImportedAuthor.objects.filter(author=ilknur).values_list("login", flat=True)
    ) == {"ilknur", "ilknur-isik"}
    assert Author.objects.count() == 3


def test_guest_author_posts_are_counted_as_imported(imported):
    report, _path = imported
    assert report.items["guest-author"] == {"imported": 2}
    assert report.objects["author"] == {"created": 3}


@pytest.mark.parametrize("code", ["tr", "en"])
def test_page_byline_and_citation_authors_list_both_in_order(client, imported, code):
    article = Article.objects.get(wordpress_posts__post_id=800)
    with translation.override(code):
        url = article.get_absolute_url(code)
    html = client.get(url).content.decode()
    line = re.search(r'class="article__byline"[^>]*>(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r">([^<]+)</a>", line) == [
        "Zeynep Öztürk",
        "Zeki Talustan Gülten",
    ]
    cited = re.findall(r'<meta name="citation_author" content="([^"]*)">', html)
    assert cited == ["Zeynep Öztürk", "Zeki Talustan Gülten"]


def test_running_again_finds_the_same_authors(imported, run_import):
    _report, path = imported
    before = list(Author.objects.order_by("pk").values_list("pk", "name"))
    report = run_import(path)
    assert report.items["post"] == {"unchanged": 4}
    assert report.items["guest-author"] == {"unchanged": 2}
    assert "author" not in report.objects
    assert list(Author.objects.order_by("pk").values_list("pk", "name")) == before
    assert byline(800) == ["Zeynep Öztürk", "Zeki Talustan Gülten"]


def test_a_co_author_added_in_wordpress_is_added_on_the_next_run(
    export_file, imported, run_import
):
    later = coauthors_export().replace(
        energy("tr", "zeynep-ozturk", "zeki"),
        energy("tr", "zeynep-ozturk", "ilknur-isik", "zeki"),
    )
    report = run_import(export_file(later, "later.xml"))
    assert byline(800) == ["Zeynep Öztürk", "İlknur Işık", "Zeki Talustan Gülten"]
    assert Author.objects.count() == 3
    assert report.items["post"] == {"updated": 2, "unchanged": 2}


def test_guest_author_of_no_imported_post_is_reported(export_file, run_import):
    nobody = builders.guest_author(902, "kimse", "Kimse")
    report = run_import(export_file(coauthors_export(nobody)))
    assert report.items["guest-author"] == {"imported": 2, "skipped": 1}
    assert not Author.objects.filter(name="Kimse").exists()
    assert any(w.startswith("Post #902:") for w in report.warnings)


def test_co_author_known_only_by_its_term_is_named_from_it_and_reported(
    export_file, run_import
):
    text = coauthors_export().replace(ZEYNEP, "")
    report = run_import(export_file(text))
    assert byline(800) == ["Zeynep Öztürk", "Zeki Talustan Gülten"]
    assert Author.objects.get(name="Zeynep Öztürk").email == "zeynep@ankasam.example"
    assert any(
        w.startswith("Post #800:") and "co-author “zeynep-ozturk”" in w
        for w in report.warnings
    )


def test_guest_authors_website_without_a_field_here_is_reported(
    export_file, run_import
):
    blog = builders.guest_author(
        903, "ayse", "Ayşe Kaya", website="https://ayse.example/blog"
    )
    post = coauthored(803, "Baltık’ta Güvenlik", "ayse")
    report = run_import(export_file(coauthors_export(blog, post)))
    assert byline(803) == ["Ayşe Kaya"]
    assert any(
        w.startswith("Post #903:") and "https://ayse.example/blog" in w
        for w in report.warnings
    )


def test_translation_crediting_someone_the_original_does_not_is_reported(
    export_file, run_import
):
    text = coauthors_export().replace(
        energy("en", "zeynep-ozturk", "zeki", creator="ilknur"),
        energy("en", "zeynep-ozturk", "zeki", "ilknur-isik"),
    )
    report = run_import(export_file(text))
    assert byline(810) == ["Zeynep Öztürk", "Zeki Talustan Gülten"]
    assert any(
        w.startswith("Post #810:") and "“İlknur Işık”" in w for w in report.warnings
    )
