"""tests.formdata reads a form as a browser would submit it."""

import pytest

from tests.authors.factories import AuthorFactory
from tests.formdata import form_values, resubmit

PAGE = """<!doctype html><html><body>
<form id="login-form"><input name="username" value="someone"></form>
<form id="thing_form" method="post">
  <input type="hidden" name="token" value="t1">
  <input name="title" value="Işık">
  <input name="untyped">
  <input type="checkbox" name="tags" value="a" checked>
  <input type="checkbox" name="tags" value="b">
  <input type="checkbox" name="tags" value="c" checked>
  <input type="checkbox" name="flag" checked>
  <input type="radio" name="colour" value="red">
  <input type="radio" name="colour" value="blue" checked>
  <input type="file" name="photo">
  <input name="off" value="x" disabled>
  <input value="nameless">
  <select name="one">
    <option value="1">One</option><option value="2">Two</option>
  </select>
  <select name="picked">
    <option value="1">One</option><option selected>  Two  too </option>
  </select>
  <select name="many" multiple>
    <option value="1" selected>One</option><option value="2">Two</option>
    <option value="3" selected disabled>Three</option>
  </select>
  <select name="none" multiple><option value="1">One</option></select>
  <textarea name="body">
first line
second line</textarea>
  <fieldset disabled><input name="locked" value="x"></fieldset>
  <input type="submit" name="_save" value="Save">
  <input type="submit" name="_continue" value="Save and continue">
  <button name="_other" value="o">Other</button>
</form>
<input name="outside" value="o" form="thing_form">
</body></html>"""


def test_values_are_what_a_browser_sends():
    assert form_values(PAGE) == {
        "token": ["t1"],
        "title": ["Işık"],
        "untyped": [""],
        "tags": ["a", "c"],
        "flag": ["on"],
        "colour": ["blue"],
        "one": ["1"],
        "picked": ["Two too"],
        "many": ["1"],
        "body": ["first line\r\nsecond line"],
        "outside": ["o"],
    }


def test_the_pressed_button_is_sent():
    values = form_values(PAGE, "thing_form", submit="_continue")
    assert values["_continue"] == ["Save and continue"]
    assert "_save" not in values
    assert "_other" not in values


def test_a_form_is_chosen_by_id():
    assert form_values(PAGE, "login-form") == {"username": ["someone"]}
    with pytest.raises(LookupError):
        form_values(PAGE, "missing")
    with pytest.raises(LookupError):
        form_values(PAGE, submit="_missing")


@pytest.mark.django_db
def test_resubmit_saves_an_admin_form_with_changes(admin_client):
    author = AuthorFactory(email="old@example.org")
    url = f"/admin/authors/author/{author.pk}/change/"
    response = resubmit(
        admin_client, url, {"role_en": "Fellow", "email": None}, submit="_continue"
    )
    assert response.status_code == 302
    assert response.headers["location"] == url
    author.refresh_from_db()
    assert (author.role_en, author.email, author.role_tr) == (
        "Fellow",
        "",
        "Araştırma Asistanı",
    )


@pytest.mark.django_db
def test_resubmit_sends_again_the_form_a_refused_save_showed(admin_client):
    author = AuthorFactory()
    url = f"/admin/authors/author/{author.pk}/change/"
    refused = resubmit(admin_client, url, {"role_en": "Fellow", "email": "nope"})
    assert refused.status_code == 200
    response = resubmit(admin_client, url, {"email": "a@example.org"}, page=refused)
    assert response.status_code == 302
    author.refresh_from_db()
    assert (author.role_en, author.email) == ("Fellow", "a@example.org")
