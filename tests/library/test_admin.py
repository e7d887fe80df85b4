"""The media library in the admin: who may do what, its search, and the editor's
figure dialog's JSON."""

import pytest

from library.models import Image
from tests.editorial.conftest import client_for, make_user
from tests.library.factories import ImageFactory, image_upload

pytestmark = pytest.mark.django_db

CHOOSE = "/admin/library/image/choose/"


def found(client, **params):
    response = client.get(CHOOSE, params)
    assert response.status_code == 200
    return [item["id"] for item in response.json()["results"]]


def test_the_dialog_finds_images_by_any_languages_text_folded_as_search_folds():
    light = ImageFactory(caption_tr="Işık ve gölge", credit_en="Photo: A. Yılmaz")
    other = ImageFactory(caption_en="A map of the Black Sea")
    client = client_for(make_user("Author"))
    assert found(client, q="isik") == [light.pk]
    assert found(client, q="IŞIK GÖLGE") == [light.pk]
    assert found(client, q="yilmaz") == [light.pk]
    assert found(client, q="black sea") == [other.pk]
    assert found(client, q="sea isik") == []
    assert set(found(client)) == {light.pk, other.pk}
    assert found(client, id=str(other.pk)) == [other.pk]


@pytest.mark.parametrize("wanted", ["²", "1e3", "-1", "9" * 40, " 1", "x"])
def test_a_hostile_id_finds_nothing_and_is_no_error(wanted):
    ImageFactory()
    assert found(client_for(make_user("Editor")), id=wanted) == []


def test_the_admin_search_folds_too():
    ImageFactory(alt_tr="İstanbul Boğazı")
    client = client_for(make_user("Editor"))
    response = client.get("/admin/library/image/", {"q": "istanbul bogazi"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_authors_add_images_translators_describe_them_only_editors_delete():
    image = ImageFactory()
    author = client_for(make_user("Author"))
    response = author.post(
        "/admin/library/image/add/",
        {"file": image_upload(), "alt_tr": "Yeni görsel", "caption_tr": "Açıklama"},
    )
    assert response.status_code == 302, response.content
    added = Image.objects.get(alt_tr="Yeni görsel")
    assert added.file_renditions["jpeg"]  # cleaned, and rendered by the job
    translator = client_for(make_user("Translator", languages=["en"]))
    page = translator.get(f"/admin/library/image/{image.pk}/change/")
    assert page.status_code == 200
    assert translator.post(f"/admin/library/image/{image.pk}/delete/").status_code == (
        403
    )
    editor = client_for(make_user("Editor"))
    response = editor.post(f"/admin/library/image/{added.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.filter(pk=added.pk).exists()


def test_the_dialog_is_for_staff_only(client):
    ImageFactory()
    response = client.get(CHOOSE)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
