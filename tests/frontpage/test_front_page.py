"""The front page: what editors choose leads, the rest follows by category."""

import pytest
from django.urls import reverse

from editorial.services import article_unpublish
from frontpage.models import FrontPage, FrontPageItem
from library.models import Image
from tests.articles.factories import ArticleFactory, CategoryFactory
from tests.editorial.conftest import client_for, make_user
from tests.formdata import resubmit
from tests.html_checks import assert_valid_page
from tests.library.factories import ImageFactory

pytestmark = pytest.mark.django_db

CHANGE = "admin:frontpage_frontpage_change"


def choose(client, language, articles):
    """Arrange ``language``'s front page in the admin as an editor would."""
    url = reverse(CHANGE, args=[language])
    changes = {}
    for index, article in enumerate(articles):
        changes[f"items-{index}-article"] = str(article.pk)
        changes[f"items-{index}-position"] = str(index)
    return resubmit(client, url, changes, submit="_save")


def titles(html: str, articles) -> list[str]:
    """The titles of ``articles`` in the order they appear in ``html``."""
    found = [(html.find(a.title_tr), a.title_tr) for a in articles]
    return [title for position, title in sorted(found) if position >= 0]


def test_every_language_has_a_front_page():
    assert sorted(FrontPage.objects.values_list("pk", flat=True)) == ["en", "ru", "tr"]


def test_without_choices_the_newest_leads_and_appears_once(client):
    category = CategoryFactory()
    newest, *older = ArticleFactory.create_batch(6, category=category)
    response = client.get("/tr/")
    front = response.context["front"]
    assert front.lead == newest
    assert front.picks == []
    [(section_category, items)] = response.context["sections"]
    assert section_category == category
    assert items == older[:4]  # the lead is not repeated below
    html = response.content.decode()
    assert html.count(f">{newest.title_tr}</a>") == 1
    assert "Editor's picks" not in html and "Editörün seçtikleri" not in html
    assert_valid_page(html)


def test_an_editor_chooses_the_lead_and_picks_and_readers_see_them_at_once(client):
    articles = ArticleFactory.create_batch(7, category=CategoryFactory())
    client.get("/tr/")  # cached as it was
    editor = client_for(make_user("Editor"))
    lead, first, second = articles[5], articles[3], articles[6]
    response = choose(editor, "tr", [lead, first, second])
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(
        FrontPageItem.objects.filter(front_page="tr").values_list(
            "article_id", flat=True
        )
    ) == [lead.pk, first.pk, second.pk]

    response = client.get("/tr/")
    front = response.context["front"]
    assert (front.lead, front.picks) == (lead, [first, second])
    html = response.content.decode()
    assert titles(html, [lead, first, second]) == [
        lead.title_tr,
        first.title_tr,
        second.title_tr,
    ]
    assert "Editörün seçtikleri" in html
    shown_below = [a for _c, items in response.context["sections"] for a in items]
    assert not {lead, first, second} & set(shown_below)
    assert_valid_page(html)
    # Another language keeps its own arrangement (none: the newest leads).
    assert client.get("/en/").context["front"].lead == articles[0]


def test_a_chosen_article_unpublished_in_the_language_gives_way(client):
    articles = ArticleFactory.create_batch(3, category=CategoryFactory())
    editor = make_user("Editor")
    assert choose(client_for(editor), "tr", [articles[2]]).status_code == 302
    assert client.get("/tr/").context["front"].lead == articles[2]
    article_unpublish(article=articles[2], language="tr", user=editor)
    front = client.get("/tr/").context["front"]
    assert front.lead == articles[0]
    assert articles[2] not in [a for _c, i in front.sections for a in i]


def test_the_admin_refuses_an_article_without_a_version_in_the_language():
    english_only = ArticleFactory(languages=("en",))
    response = choose(client_for(make_user("Editor")), "tr", [english_only])
    assert response.status_code == 200
    assert "no version in this page" in response.content.decode()
    assert not FrontPageItem.objects.exists()


@pytest.mark.parametrize("role", ["Author", "Translator"])
def test_only_those_who_publish_arrange_the_front_page(role):
    client = client_for(make_user(role, languages=("ru",)))
    assert client.get(reverse(CHANGE, args=["tr"])).status_code == 403
    assert client.post(reverse(CHANGE, args=["tr"]), {}).status_code == 403


def test_the_lead_shows_its_featured_image_with_its_size(client):
    image = ImageFactory(alt_tr="Ankara'da bir toplantı")
    Image.objects.filter(pk=image.pk).update(
        file_renditions={"source": "library/lead.jpg", "width": 1600, "height": 900}
    )
    ArticleFactory(featured_image=image)
    html = client.get("/tr/").content.decode()
    lead = html[html.index('class="lead__story"') :]
    assert 'width="1600" height="900"' in lead[: lead.index("</article>")]
    assert 'alt="Ankara&#x27;da bir toplantı"' in lead


@pytest.mark.parametrize("chosen", [0, 5])
def test_home_queries_are_the_same_with_or_without_choices(client, chosen):
    from tests.articles.test_queries import home_queries, queries

    articles = [ArticleFactory(category=CategoryFactory()) for _ in range(8)]
    if chosen:
        FrontPageItem.objects.bulk_create(
            FrontPageItem(front_page_id="ru", article=a, position=n)
            for n, a in enumerate(articles[:chosen])
        )
    assert queries(client, "/ru/") == home_queries()
