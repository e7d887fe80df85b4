import pytest
from django.db import IntegrityError

from tests.authors.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def test_author_slug_is_transliterated_from_the_name():
    assert AuthorFactory(name="İlknur Işık").slug == "ilknur-isik"


def test_two_authors_with_one_name_get_distinct_slugs():
    assert AuthorFactory(name="Ali Veli").slug != AuthorFactory(name="Ali Veli").slug


def test_bio_is_sanitized_in_every_language():
    author = AuthorFactory(bio_ru="<p>Био<img src=x onerror=alert(1)></p>")
    assert author.bio_ru == "<p>Био</p>"


def test_orcid_format_is_enforced_by_the_database():
    with pytest.raises(IntegrityError):
        AuthorFactory(orcid="1234")


def test_orcid_links_to_orcid_org():
    author = AuthorFactory(orcid="0000-0002-1825-0097")
    assert author.orcid_url == "https://orcid.org/0000-0002-1825-0097"
