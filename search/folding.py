"""Folding: the one normal form that both indexed text and queries are reduced to.

Turkish has two i's (i/İ and ı/I) that Unicode's default case mapping gets wrong for
Turkish, and readers type without diacritics ("isik" for "ışık"). Everything folds to
lowercase without marks, both i's to "i", and the Russian ё to е. The Russian й is a
letter of its own, not и with a mark, so it is kept.
"""

import re
import unicodedata
from functools import lru_cache

SPECIAL = {
    "I": "i",
    "İ": "i",
    "ı": "i",
    "й": "й",
    "Й": "й",
    "ё": "е",
    "Ё": "е",
}
# Letters and digits only: every operator, quote, emoji or control character that a
# reader types is a separator, so no input can reach a query parser as syntax.
WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 8
MAX_TERM_LENGTH = 40


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character folded; may be empty (a lone combining mark) or longer (ß)."""
    if char in SPECIAL:
        return SPECIAL[char]
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fold(text: str) -> str:
    return "".join(fold_char(char) for char in text)


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return WORD.findall(fold(text))


def index_text(text: str) -> str:
    """Folded words joined by single spaces, with a leading space.

    A word starting with ``term`` is then exactly a substring `` term``, which is
    how the SQLite search matches prefixes.
    """
    return " " + " ".join(words(text)) if text else ""


def query_terms(query: str) -> list[str]:
    """The distinct search terms of what a reader typed, bounded in number and size."""
    terms = []
    for word in words(query[: MAX_TERMS * (MAX_TERM_LENGTH + 1) * 4]):
        word = word[:MAX_TERM_LENGTH]
        if word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def folded_with_positions(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, its index in ``text``."""
    out, positions = [], []
    for index, char in enumerate(text):
        folded = fold_char(char)
        out.append(folded)
        positions.extend([index] * len(folded))
    return "".join(out), positions
