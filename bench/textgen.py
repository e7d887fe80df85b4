"""Deterministic text in Turkish, English and Russian for the benchmarks (stdlib only).

Words are drawn from two vocabularies per language: the real words of
``search_corpus.json`` with their frequencies there (so that common words are as
common as in real analyses: "Türkiye", "energy", "санкции"), and a long tail of
made-up words in the language's letters with a Zipf distribution (so that most of
them are rare, as names and terms are in a real archive). ``RARE`` lists tail words
that occur in a handful of articles at 100,000 language versions.
"""

import json
import random
import re
from itertools import accumulate
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGUAGES = ("tr", "en", "ru")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
TAIL_SIZE = 20_000
TAIL_SHARE = 0.15  # of the words of a text
_LETTERS = {
    "tr": ("bcçdfgğhklmnprsştvyz", "aeıioöuü"),
    "en": ("bcdfghklmnprstvw", "aeiou"),
    "ru": ("бвгдзклмнпрстфхчш", "аеиоуыя"),
}


def _tail(language: str) -> list[str]:
    rng = random.Random(f"tail-{language}")
    consonants, vowels = _LETTERS[language]
    words, seen = [], set()
    while len(words) < TAIL_SIZE:
        syllables = rng.choice((2, 3, 3, 4, 4, 5))
        word = "".join(
            rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables)
        )
        if rng.random() < 0.4:
            word += rng.choice(consonants)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Language:
    """The vocabularies of one language and their cumulative weights."""

    def __init__(self, language: str, corpus: dict):
        texts = []
        for article in corpus["articles"]:
            version = article[language]
            texts += [
                version["title"],
                version["summary"],
                re.sub(r"<[^>]+>", " ", version["body"]),
            ]
        texts += corpus["filler"][language]["sentences"]
        counts: dict[str, int] = {}
        for text in texts:
            for word in WORD.findall(text):
                key = word if word[:1].isupper() and len(word) > 1 else word.lower()
                counts[key] = counts.get(key, 0) + 1
        self.common = sorted(counts, key=lambda w: (-counts[w], w))
        self.tail = _tail(language)
        total = sum(counts.values())
        harmonic = sum(1 / rank for rank in range(1, TAIL_SIZE + 1))
        weights = [(1 - TAIL_SHARE) * counts[w] / total for w in self.common] + [
            TAIL_SHARE / (rank * harmonic) for rank in range(1, TAIL_SIZE + 1)
        ]
        self.vocabulary = self.common + self.tail
        self.cumulative = list(accumulate(weights))

    def words(self, rng: random.Random, n: int) -> list[str]:
        return rng.choices(self.vocabulary, cum_weights=self.cumulative, k=n)

    def sentence(self, rng: random.Random) -> str:
        words = self.words(rng, rng.randint(8, 24))
        return words[0][:1].upper() + words[0][1:] + " " + " ".join(words[1:]) + "."

    def title(self, rng: random.Random) -> str:
        words = self.words(rng, rng.randint(4, 9))
        return " ".join(
            w[:1].upper() + w[1:] if i == 0 else w for i, w in enumerate(words)
        )

    def paragraphs(self, rng: random.Random, words: int) -> list[str]:
        out, total = [], 0
        while total < words:
            sentences = [self.sentence(rng) for _ in range(rng.randint(2, 6))]
            total += sum(s.count(" ") + 1 for s in sentences)
            out.append(" ".join(sentences))
        return out

    def tail_word(self, rank: int) -> str:
        return self.tail[rank - 1]


def load_languages() -> dict[str, Language]:
    corpus = json.loads((HERE / "search_corpus.json").read_text(encoding="utf-8"))
    return {code: Language(code, corpus) for code in LANGUAGES}


def version_text(language: Language, rng: random.Random, body_words: int) -> dict:
    """Title, summary and body paragraphs of one language version."""
    return {
        "title": language.title(rng),
        "summary": language.sentence(rng),
        "paragraphs": language.paragraphs(rng, body_words),
    }


__all__ = ["LANGUAGES", "Language", "load_languages", "version_text"]
