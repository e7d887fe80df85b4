"""What the index holds for each word and what a query word looks for, on any database.

Every word of an entry is indexed as several *tokens*: the word folded (see
``folding``), its Snowball stem for the entry's language (Turkish, English, Russian)
taken both from the word as written and from the folded word, and, for a Cyrillic
word, the Latin spellings of the word and its stem by the transliteration of the slugs
(``ankasam.slugs.transliterate``). A word such as "Türkiye’nin" is indexed by its
parts and as one word ("turkiye", "nin", "turkiyenin").

A query word becomes a group of *forms* made the same way, and the entry matches the
word when some token begins with some form. So "ekonomi" finds "ekonomisi" (prefix),
"policies" finds "policy" (both stem to "polici"), "санкций" finds "санкции", and on
the Russian site a word typed in Latin letters is also read back into Cyrillic
("sanktsii" looks for "санкц" and "sankts"). Python computes both sides, so SQLite and
PostgreSQL index and match the same tokens.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from ankasam.slugs import CYRILLIC, transliterate

from .folding import fold, units

ALGORITHMS = {"tr": "turkish", "en": "english", "ru": "russian"}
# A stem shorter than this ("or" of "orta") would begin too many words: the word
# itself still matches.
MIN_STEM = 3
APOSTROPHE = re.compile(r"['’‘ʼ`´]")
HAS_CYRILLIC = re.compile(r"[а-яё]")
# Snowball's Turkish stemmer keeps the buffer s of the possessive after a vowel
# ("bölgesi" → "bölges", "politikası" → "politikas"); the stem without it is
# indexed and looked for too, so that "bölgesi" finds "bölge" and back.
BUFFER_S = re.compile(r"(?<=[aeıioöuü])s$")
LATIN_WORD = re.compile(r"[a-z]+")
# The slugs' transliteration read backwards, longest spelling first ("shch" before
# "sh" before "s"). Where Russian letters share a spelling (и and й are "i"), the
# first in the alphabet wins: the table is read from its end.
TO_CYRILLIC = {
    spelling: letter
    for letter, spelling in reversed(CYRILLIC.items())
    if spelling and "а" <= letter <= "я"
}
LATIN_SPELLING = re.compile(
    "|".join(sorted(TO_CYRILLIC, key=len, reverse=True)), flags=re.ASCII
)

_local = threading.local()  # Snowball stemmers keep state while they work


@dataclass(frozen=True)
class Terms:
    """A query in one language: per word typed, the forms any of which may begin a
    token. Empty when nothing searchable was typed."""

    language: str
    groups: tuple[tuple[str, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(form for group in self.groups for form in group))

    @property
    def typed_in_latin(self) -> bool:
        """Russian with a word typed in Latin letters (each group's first form is
        the word as typed, folded)."""
        return self.language == "ru" and any(
            LATIN_WORD.fullmatch(group[0]) for group in self.groups
        )


def stemmer(language: str):
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        algorithm = ALGORITHMS.get(language)
        stemmers[language] = algorithm and snowballstemmer.stemmer(algorithm)
    return stemmers[language]


def lowercase(word: str, language: str) -> str:
    """``word`` in lower case as its language writes it (Turkish: I→ı, İ→i)."""
    word = unicodedata.normalize("NFC", word)
    if language == "tr":
        word = word.replace("I", "ı")
    return word.replace("İ", "i").lower()


@lru_cache(maxsize=65536)
def latin(folded: str) -> str:
    """A folded Cyrillic word in the Latin letters of the slugs."""
    return transliterate(folded).lower()


def cyrillic(folded_latin: str) -> str:
    """A Latin spelling read back into Russian letters ("sanktsii" → "санкции")."""
    return LATIN_SPELLING.sub(lambda found: TO_CYRILLIC[found.group()], folded_latin)


@lru_cache(maxsize=65536)
def piece_tokens(piece: str, language: str) -> tuple[str, ...]:
    """The tokens of one word without apostrophes, as written in ``language``."""
    folded = fold(piece)
    tokens = [folded]
    snowball = stemmer(language)
    if snowball:
        lower = lowercase(piece, language)
        stems = [snowball.stemWord(lower)]
        if folded != lower:  # readers type without marks: stem that spelling too
            stems.append(snowball.stemWord(folded))
        if language == "tr":
            stems += [BUFFER_S.sub("", s) for s in stems if len(s) < len(lower)]
        tokens += [fold(s) for s in stems]
    tokens = [t for t in tokens if t == folded or len(t) >= MIN_STEM]
    if HAS_CYRILLIC.search(folded):
        tokens += [latin(token) for token in tokens]
    return tuple(dict.fromkeys(token for token in tokens if token))


def parts(word: str) -> list[str]:
    return [part for part in APOSTROPHE.split(word) if part]


@lru_cache(maxsize=65536)
def word_tokens(word: str, language: str) -> tuple[str, ...]:
    """The tokens of a word as written: of each part and of the parts joined."""
    pieces = parts(word)
    if len(pieces) > 1:
        pieces.append("".join(pieces))
    return tuple(
        dict.fromkeys(
            token for piece in pieces for token in piece_tokens(piece, language)
        )
    )


def index_terms(text: str, language: str) -> str:
    """The tokens of every word of ``text``, in order, joined by spaces, with a
    leading space (so that `` token`` is where a token starts)."""
    tokens = []
    for start, end, _folded in units(text):
        tokens.extend(word_tokens(text[start:end], language))
    return " " + " ".join(tokens) if tokens else ""


def word_forms(word: str, language: str) -> tuple[str, ...]:
    """What a word typed by a reader looks for in ``language``.

    Of "Türkiye'nin": "Türkiye" and "Türkiyenin" (the suffix alone is no word); of
    "d'Ivoire": "Ivoire" and "dIvoire" (a single letter before is an elision). On the
    Russian site a word in Latin letters also looks for its reading in Cyrillic.
    """
    pieces = parts(word)
    if not pieces:
        return ()
    head = pieces[1] if len(pieces) > 1 and len(pieces[0]) == 1 else pieces[0]
    candidates = [head] + (["".join(pieces)] if len(pieces) > 1 else [])
    forms = []
    for piece in candidates:
        forms.extend(piece_tokens(piece, language))
        folded = fold(piece)
        if language == "ru" and LATIN_WORD.fullmatch(folded):
            forms.extend(piece_tokens(cyrillic(folded), language))
    return tuple(dict.fromkeys(forms))


def search_terms(words: list[str], language: str) -> Terms:
    """The query ``words`` (``folding.query_words``) as forms for ``language``."""
    groups = (word_forms(word, language) for word in words)
    return Terms(language, tuple(group for group in groups if group))


def word_matches(word: str, terms: Terms) -> bool:
    """Whether the search would match ``word`` (as written) for one of ``terms``."""
    return any(
        token.startswith(terms.forms) for token in word_tokens(word, terms.language)
    )
