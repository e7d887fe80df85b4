"""What each save of a concurrent pair got, and the counts over all pairs."""

from collections import Counter
from dataclasses import dataclass, field

import lxml.html

from tests.formdata import form_values

FORM_ID = "article_form"  # the admin's change form
STALE_MESSAGE = "Someone saved this article after you opened it"
SUMMARY_PROPERTY = "concurrent saves"

SAVED, REFUSED = "saved", "refused"
CORRECT = "one saved, one refused"
VERDICTS = (CORRECT, "both saved", "both refused", "with a 5xx", "other")


@dataclass
class Attempt:
    """One editor's save: what they typed into which field, and the answer."""

    editor: str
    field: str
    value: str
    outcome: str = ""  # saved, refused, invalid, server error, unexpected
    detail: str = ""
    kept_text: bool = False  # a refused form still holds what was typed
    stored: bool = False  # the database holds what was typed, after the pair

    def read(self, status: int, location: str, text: str) -> None:
        if status == 302 and "/login/" not in location:
            self.outcome = SAVED
        elif status == 200 and STALE_MESSAGE in text:
            self.outcome = REFUSED
            self.kept_text = form_values(text, FORM_ID).get(self.field) == [self.value]
        elif status == 200:
            self.outcome, self.detail = "invalid", " ".join(form_errors(text))
        elif status >= 500:
            self.outcome, self.detail = "server error", str(status)
        else:
            self.outcome, self.detail = "unexpected", str(status)

    def __str__(self):
        note = f" ({self.detail})" if self.detail else ""
        return f"{self.editor} {self.field}: {self.outcome}{note}"


@dataclass
class Tally:
    verdicts: Counter = field(default_factory=Counter)
    both_saved_by_kind: Counter = field(default_factory=Counter)
    pairs_by_kind: Counter = field(default_factory=Counter)
    lost_writes: int = 0
    refused_but_written: int = 0
    refused_without_text: int = 0
    examples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, number: int, kind: str, attempts: list[Attempt]) -> None:
        outcomes = sorted(attempt.outcome for attempt in attempts)
        if "server error" in outcomes:
            verdict = "with a 5xx"
        elif outcomes == [SAVED, SAVED]:
            verdict = "both saved"
        elif outcomes == [REFUSED, SAVED]:
            verdict = CORRECT
        elif outcomes == [REFUSED, REFUSED]:
            verdict = "both refused"
        else:
            verdict = "other"
        self.verdicts[verdict] += 1
        self.pairs_by_kind[kind] += 1
        if verdict == "both saved":
            self.both_saved_by_kind[kind] += 1
        lost = sum(a.outcome == SAVED and not a.stored for a in attempts)
        written = sum(a.outcome == REFUSED and a.stored for a in attempts)
        textless = sum(a.outcome == REFUSED and not a.kept_text for a in attempts)
        self.lost_writes += lost
        self.refused_but_written += written
        self.refused_without_text += textless
        if (verdict != CORRECT or lost or written or textless) and len(
            self.examples
        ) < 5:
            self.examples.append(
                f"pair {number} ({kind}): " + "; ".join(map(str, attempts))
            )

    def problems(self) -> dict[str, int]:
        counts = {
            **{verdict: self.verdicts[verdict] for verdict in VERDICTS[1:]},
            "lost writes": self.lost_writes,
            "refused but written": self.refused_but_written,
            "refused forms without the typed text": self.refused_without_text,
        }
        return {name: count for name, count in counts.items() if count}

    def summary(self) -> str:
        pairs = sum(self.verdicts.values())
        verdicts = ", ".join(f"{self.verdicts[v]} {v}" for v in VERDICTS)
        kinds = ", ".join(
            f"{kind} {self.both_saved_by_kind[kind]}/{count}"
            for kind, count in self.pairs_by_kind.items()
        )
        return (
            f"{pairs} concurrent pairs in {self.seconds:.1f} s: {verdicts}; "
            f"{self.lost_writes} lost writes, {self.refused_but_written} refused but "
            f"written, {self.refused_without_text} refused forms without the typed "
            f"text; both saved by kind: {kinds}"
        )


def form_errors(html: str) -> list[str]:
    document = lxml.html.document_fromstring(html)
    return [
        " ".join(item.text_content().split())
        for item in document.xpath("//ul[contains(@class, 'errorlist')]/li")
    ]
