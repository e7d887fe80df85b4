"""Slugs that survive Turkish, Russian and every other script.

Django's ``slugify`` drops every character it cannot fold to ASCII, so "Işık" loses
its dotless ı and a Russian title becomes an empty string. Titles are transliterated
first: Turkish letters by their plain Latin look-alikes and Cyrillic by a readable
scheme close to the one Russian passports use, so "Северная Корея" gives
"severnaia-koreia". What is left of other scripts (Łódź, Straße, Greek, Arabic,
Chinese) is transliterated by python-slugify with text-unidecode (MIT and the
Artistic License; Unidecode would be GPL): "Łódź" gives "lodz", "中文" "zhong-wen".
"""

import re
import unicodedata

from django.conf import settings
from slugify import slugify as unicode_slugify

TURKISH = str.maketrans(
    {"ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G", "ç": "c", "Ç": "C"}
)

CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u",
}  # fmt: skip
CYRILLIC_TABLE = str.maketrans(
    {**CYRILLIC, **{k.upper(): v.capitalize() for k, v in CYRILLIC.items()}}
)

FALLBACK_SLUG = "untitled"
# Dashes, slashes and dots join words ("Pyongyang–Moscow", "AB/NATO"): keep them apart.
WORD_JOINERS = re.compile(r"[\u2010-\u2015\u2212/\\.·_]+")
# An apostrophe joins a suffix to its word ("Türkiye’nin", "Korea's"): drop it.
APOSTROPHES = re.compile(r"['\u2019\u02bc\u2018`´]")


def transliterate(text: str) -> str:
    """``text`` in ASCII letters wherever a Turkish or Cyrillic reading exists."""
    text = (
        unicodedata.normalize("NFC", text).translate(TURKISH).translate(CYRILLIC_TABLE)
    )
    # Decompose what is left (ö, ü, é, ...) and drop the combining marks.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def make_slug(text: str, *, max_length: int = 200) -> str:
    """An ASCII slug for ``text``; never empty (falls back to ``FALLBACK_SLUG``)."""
    text = WORD_JOINERS.sub(" ", APOSTROPHES.sub("", transliterate(text or "")))
    slug = unicode_slugify(text)[:max_length].strip("-")
    return slug or FALLBACK_SLUG


def unique_slug(text: str, *, taken, max_length: int = 200) -> str:
    """``make_slug(text)``, suffixed with -2, -3 ... until ``taken(slug)`` is false."""
    base = make_slug(text, max_length=max_length - 4)
    slug, n = base, 2
    while taken(slug):
        slug = f"{base}-{n}"
        n += 1
    return slug


def fill_slugs(instance, *, source: str) -> None:
    """Give every language with a ``source`` text a unique slug, keeping set ones.

    An empty slug is stored as NULL so that uniqueness holds per language.
    """
    model = type(instance)
    others = model._default_manager.exclude(pk=instance.pk)
    for code in (code for code, _name in settings.LANGUAGES):
        field = f"slug_{code}"
        text = getattr(instance, f"{source}_{code}") or ""
        slug = getattr(instance, field) or None
        if slug is None and text.strip():
            slug = unique_slug(
                text,
                taken=lambda s, field=field: others.filter(**{field: s}).exists(),
                max_length=model._meta.get_field(field).max_length,
            )
        setattr(instance, field, slug)
    # modeltranslation keeps the untranslated column and writes into it whatever was
    # last assigned in whichever language; it is unique, so pin it to the default
    # language's slug (bypassing the descriptor, which would write the active language).
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    instance.__dict__["slug"] = getattr(instance, f"slug_{default}")
