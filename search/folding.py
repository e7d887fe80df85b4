"""Folding: the one normal form that both indexed text and queries are reduced to.

Turkish has two i's (i/İ and ı/I) that Unicode's default case mapping gets wrong for
Turkish, and readers type without diacritics ("isik" for "ışık"). Everything folds to
lowercase without marks, both i's to "i", and the Russian ё to е. The Russian й is a
letter of its own, not и with a mark, so it is kept. Every kind of apostrophe folds to
``'``, which joins the parts of a word such as "Türkiye’nin" (see ``stemming``).
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
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "`": "'",
    "´": "'",
}
# Letters and digits only: every operator, quote, emoji or control character that a
# reader types is a separator, so no input can reach a query parser as syntax.
WORD = re.compile(r"[^\W_]+")
# A word as written: parts joined by apostrophes ("türkiye'nin", "d'ivoire").
UNIT = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
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


def folded_with_positions(text: str) -> tuple[str, list[int] | range]:
    """``fold(text)`` and, for each of its characters, its index in ``text``."""
    table = {ord(char): fold_char(char) for char in set(text)}
    if all(len(folded) == 1 for folded in table.values()):
        # Every character folds to one (nearly every text): one pass in C, and
        # each folded character stands where it stood.
        return text.translate(table), range(len(text))
    out, positions = [], []
    for index, char in enumerate(text):
        folded = fold_char(char)
        out.append(folded)
        positions.extend([index] * len(folded))
    return "".join(out), positions


def units(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded) of each word of ``text`` as written, apostrophes included.

    Words are found in the folded text, so that they are the same words whatever
    the case and marks, and mapped back to the characters that were typed.
    """
    return units_of(*folded_with_positions(text))


def units_of(folded: str, positions) -> list[tuple[int, int, str]]:
    """``units`` of a text already folded (``folded_with_positions``)."""
    return [
        (positions[found.start()], positions[found.end() - 1] + 1, found.group())
        for found in UNIT.finditer(folded)
    ]


def query_words(query: str) -> list[str]:
    """The distinct words of what a reader typed, as typed, bounded in number and size.

    Distinct means distinct once folded: "Işık ışık" is one word.
    """
    text = unicodedata.normalize("NFC", query[: MAX_TERMS * (MAX_TERM_LENGTH + 1) * 4])
    found, seen = [], set()
    for start, end, folded in units(text):
        if folded not in seen:
            seen.add(folded)
            found.append(text[start:end][:MAX_TERM_LENGTH])
    return found[:MAX_TERMS]
