"""Title case for Chicago, sentence case for APA ("North Korea’s decision to …").

Chicago capitalizes English titles headline-style: as CSL does it (and citeproc-py),
a lowercase word is capitalized unless it is a short function word in the middle;
words with capitals are left alone. Only titles whose source says English are
touched: a Turkish title whose language was not given stays as it is (CSL would take
it for English).

APA 7 (6.17) writes the titles of works in sentence case: the first word of the title
and of a subtitle, and proper nouns, capitalized; everything else lowercase. Sources
and our own articles are mostly titled in Title Case, and CSL leaves case to the data,
so the conversion is ours. It cannot know every proper noun; it keeps:

- the first word, and the first word after ":", "?", "!", "—" or "–";
- words in capitals or with a capital inside (AUKUS, BRICS, McDonald, iPhone) and
  words with digits (COVID-19, G20);
- names of countries, regions and languages in the title's language (CLDR, through
  Babel: "North Korea", "Kuzey Kore", "Latin Amerika");
- Turkish words with a suffix after an apostrophe ("Kore’nin", "ANKASAM’ın"), which
  Turkish spelling gives proper nouns only, and English possessives ("Russia’s").

A title that is not in Title Case (some word of four letters or more after the first
is already lowercase, as in most Russian titles) is taken to be cased on purpose and
left as it is. Other proper nouns in a Title Case title (people, organisations) become
lowercase: the price of a rule without a dictionary.
"""

import re
from functools import cache

from babel import Locale, UnknownLocaleError

WORD = re.compile(r"\S+")
# Where a subtitle or a new sentence starts inside a title.
BREAK = re.compile(r"[:?!—–]$")
APOSTROPHES = "’'"
LETTER = re.compile(r"[^\W\d_]")


@cache
def proper_names(language: str) -> frozenset[tuple[str, ...]]:
    """Country, region and language names of ``language``, as word tuples."""
    try:
        locale = Locale.parse(language or "en")
    except (ValueError, UnknownLocaleError):
        return frozenset()
    # Not months: "May" is more often the verb.
    names = [*locale.territories.values(), *locale.languages.values()]
    return frozenset(
        tuple(name.split()) for name in names if name[:1].isupper() and name.strip()
    )


def lower(word: str, language: str) -> str:
    """``word`` in lowercase, with Turkish and Azerbaijani dotted and dotless i."""
    if language in ("tr", "az"):
        word = word.replace("I", "ı").replace("İ", "i")
    return word.lower()


def core(word: str) -> str:
    """``word`` without surrounding punctuation and without a suffix after "’"."""
    word = word.strip("“”‘’\"'«»„‚()[],.;:?!—–")
    for mark in APOSTROPHES:
        word = word.split(mark)[0]
    return word


def has_suffix(word: str) -> bool:
    """ "Kore’nin", "Russia’s": a suffix after an apostrophe inside the word."""
    stripped = word.strip("“”‘’\"'«»„‚()[],.;:?!—–")
    return any(
        mark in stripped[1:] and stripped.split(mark, 1)[1][:1].islower()
        for mark in APOSTROPHES
    )


def is_title_case(words: list[str]) -> bool:
    long_words = [
        core(word)
        for word in words[1:]
        if len(core(word)) >= 4 and LETTER.match(core(word))
    ]
    return bool(long_words) and not any(word[0].islower() for word in long_words)


def keeps_capitals(word: str) -> bool:
    """AUKUS, McDonald, COVID-19: capitals beyond the first letter, or digits."""
    text = core(word)
    return any(c.isdigit() for c in text) or any(c.isupper() for c in text[1:])


# CSL's stop words (citeproc-py's list): lowercase inside a title-case title.
STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "down",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "onto",
        "or",
        "over",
        "so",
        "the",
        "till",
        "to",
        "up",
        "via",
        "with",
        "yet",
    }
)


def title_case(title: str, language: str) -> str:
    """An English ``title`` headline-style, as CSL's text-case="title" writes it."""
    if language != "en":
        return title
    result = []
    previous = ":"  # the first word is capitalized
    for word in WORD.findall(title):
        if word.islower() and (word not in STOP_WORDS or previous in ":."):
            first = LETTER.search(word)
            if first:
                at = first.start()
                word = word[:at] + word[at].upper() + word[at + 1 :]
        previous = word[-1]
        result.append(word)
    return " ".join(result)


def sentence_case(title: str, language: str) -> str:
    """``title`` in sentence case, as APA wants it (see the module's docstring)."""
    words = WORD.findall(title)
    if not is_title_case(words):
        return title
    keep = [False] * len(words)
    names = proper_names(language)
    longest = max((len(name) for name in names), default=0)
    cores = [core(word) for word in words]
    position = 0
    while position < len(words):
        for size in range(min(longest, len(words) - position), 0, -1):
            if tuple(cores[position : position + size]) in names:
                keep[position : position + size] = [True] * size
                position += size
                break
        else:
            position += 1
    result = []
    starts = True
    for index, word in enumerate(words):
        if not (starts or keep[index] or keeps_capitals(word) or has_suffix(word)):
            word = lower(word, language)
        result.append(word)
        starts = bool(BREAK.search(word))
    return " ".join(result)
