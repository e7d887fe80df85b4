"""An article's address is what ``reverse()`` gives for its slug, in every
language and under a script prefix, without resolving the pattern each time."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from articles.models import detail_url


def reversed_(language, slug):
    with translation.override(language):
        return reverse("articles:detail", kwargs={"slug": slug})


@pytest.mark.parametrize("language", ["tr", "en", "ru"])
@pytest.mark.parametrize("slug", ["isik-ve-golge", "a", "2023_report-7"])
def test_the_address_is_reverses(language, slug):
    assert detail_url(language, slug) == reversed_(language, slug)


def test_under_a_script_prefix():
    set_script_prefix("/site/")
    try:
        assert detail_url("ru", "svet") == reversed_("ru", "svet")
        assert detail_url("ru", "svet").startswith("/site/ru/")
    finally:
        set_script_prefix("/")
    assert detail_url("ru", "svet").startswith("/ru/")


@pytest.mark.parametrize("slug", ["", "işık", "a/b"])
def test_what_the_pattern_refuses_is_refused_as_reverse_refuses_it(slug):
    with pytest.raises(NoReverseMatch):
        reversed_("tr", slug)
    with pytest.raises(NoReverseMatch):
        detail_url("tr", slug)
