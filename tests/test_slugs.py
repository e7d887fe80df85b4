import pytest

from ankasam.slugs import FALLBACK_SLUG, make_slug, unique_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Işık ve Gölge", "isik-ve-golge"),
        ("İSTANBUL ılık IŞIK", "istanbul-ilik-isik"),
        ("Çağdaş Türkiye’nin Dış Politikası", "cagdas-turkiyenin-dis-politikasi"),
        ("Северная Корея закрывает посольства", "severnaia-koreia-zakryvaet-posolstva"),
        ("Ёлки и щи", "elki-i-shchi"),
        ("Pyongyang–Moskova İlişkileri", "pyongyang-moskova-iliskileri"),
        ("AB/NATO 2.0", "ab-nato-2-0"),
        ("North Korea’s Decision", "north-koreas-decision"),
    ],
)
def test_titles_transliterate_to_readable_ascii_slugs(title, slug):
    assert make_slug(title) == slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("Ørsted Århus", "orsted-arhus"),
        ("Điện Biên Phủ", "dien-bien-phu"),
        ("Αθήνα και Σπάρτη", "athena-kai-sparte"),
        ("القدس الشريف", "lqds-lshryf"),
        ("中文", "zhong-wen"),
        ("한국어 제목", "hangugeo-jemog"),
    ],
)
def test_other_scripts_transliterate_too(title, slug):
    assert make_slug(title) == slug


def test_turkish_and_cyrillic_keep_their_own_rules_beside_other_scripts():
    assert make_slug("Işık, Łódź ve Москва") == "isik-lodz-ve-moskva"


@pytest.mark.parametrize("title", ["Ъ", "«»", "😀", "", "   "])
def test_a_slug_is_never_empty(title):
    assert make_slug(title) == FALLBACK_SLUG


def test_every_russian_letter_has_a_reading():
    alphabet = "абвгдеёжзийклмнопрстуфхцчшщыэюя"
    assert all(make_slug(letter) != FALLBACK_SLUG for letter in alphabet)


def test_unique_slug_counts_up_past_taken_ones():
    taken = {"isik", "isik-2"}
    assert unique_slug("Işık", taken=taken.__contains__) == "isik-3"


def test_slug_respects_the_maximum_length():
    assert len(unique_slug("a" * 500, taken=lambda s: False, max_length=50)) <= 50
