"""Read a pasted footnote list in ANKASAM's house style into structured notes.

One note per line, as WordPress articles carry them::

    [1] “Title”, Outlet, https://example.org/page, (Erişim Tarihi: 04.11.2023).
    [2] Aynı yer.

The labels "Erişim Tarihi", "Accessed" and "Дата обращения" are understood, as are
“…”, "…" and «…» quotes (also a wrong closing quote) and ibid lines ("Aynı yer.",
"Ibid.", "Там же."). Text is kept as typed: typos are not corrected. Labels that are
not the expected number (the sample's "[v]") are numbered by position and reported.
This module is shared by the admin's paste import and the WordPress import.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

LABEL = re.compile(r"^\s*(?:\[(?P<bracket>[^\]]{1,8})\]|(?P<plain>\d{1,4})[.)])\s*")
IBID = re.compile(r"^(aynı yer|a\.g\.e|ibid|там же)\.?$", re.IGNORECASE)
ACCESS = re.compile(
    r",?\s*\(?\s*(?:Erişim Tarihi|Erişim tarihi|Accessed|Дата обращения)\s*:?\s*"
    r"(?P<date>[^)]*?)\s*\)?\s*\.?\s*$",
)
URL = re.compile(r"https?://[^\s,()<>]+[^\s,()<>.]")
QUOTED = re.compile(
    r"^(?P<before>.*?)[“\"«„](?P<title>.+?)[”“\"»‟]\s*(?:,|$)(?P<rest>.*)$"
)
EN_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


@dataclass
class ParsedNote:
    number: int
    label: str
    raw: str
    title: str = ""
    authors: str = ""
    publisher: str = ""
    url: str = ""
    accessed_on: date | None = None
    ibid: bool = False


@dataclass
class ParseResult:
    notes: list[ParsedNote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # kept, but worth a look
    errors: list[str] = field(default_factory=list)  # lines that could not be read


def parse_date(text: str) -> date | None:
    text = text.strip().rstrip(".")
    if match := re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text):
        day, month, year = map(int, match.groups())
    elif match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        year, month, day = map(int, match.groups())
    elif match := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text):
        day, year = int(match.group(1)), int(match.group(3))
        month = EN_MONTHS.get(match.group(2).lower(), 0)
    elif match := re.fullmatch(r"([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})", text):
        month = EN_MONTHS.get(match.group(1).lower(), 0)
        day, year = int(match.group(2)), int(match.group(3))
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_note(text: str, *, number: int, label: str, raw: str) -> ParsedNote | None:
    """One note's text (label removed); ``None`` when no title can be found."""
    note = ParsedNote(number=number, label=label, raw=raw)
    text = text.strip()
    if IBID.match(text):
        note.ibid = True
        return note
    if access := ACCESS.search(text):
        note.accessed_on = parse_date(access.group("date"))
        if note.accessed_on is None:
            return None
        text = text[: access.start()]
    if url := URL.search(text):
        note.url = url.group(0)
        text = (text[: url.start()] + text[url.end() :]).strip()
    text = text.strip().strip(",").strip()
    if quoted := QUOTED.match(text):
        note.authors = quoted.group("before").strip().strip(",").strip()
        note.title = quoted.group("title").strip()
        rest = quoted.group("rest")
    else:
        title, _sep, rest = text.partition(",")
        note.title = title.strip()
    note.publisher = re.sub(r"\s*,\s*", ", ", rest).strip(" ,.")
    return note if note.title else None


def parse_footnotes(text: str, *, taken=frozenset()) -> ParseResult:
    """Notes from a pasted list, numbered as labelled where the label is usable.

    ``taken`` are the markers the article's citations already have: a list that
    starts at [3] after citations [1] and [2] misses nothing.
    """
    result = ParseResult()
    previous = 0
    for line_number, line in enumerate((text or "").splitlines(), start=1):
        raw = line.strip()
        if not raw:
            continue
        label_match = LABEL.match(raw)
        label = ""
        if label_match:
            label = label_match.group("bracket") or label_match.group("plain")
            body = raw[label_match.end() :]
        else:
            body = raw
        expected = previous + 1
        if label.isdigit():
            number = int(label)
            if number <= previous:
                result.warnings.append(
                    _(
                        "Line %(line)s: note [%(label)s] comes after [%(previous)s]; "
                        "numbered %(number)s."
                    )
                    % {
                        "line": line_number,
                        "label": label,
                        "previous": previous,
                        "number": expected,
                    }
                )
                number = expected
            elif missing := sorted(set(range(expected, number)) - set(taken)):
                result.warnings.append(
                    _(
                        "Line %(line)s: note [%(label)s] follows [%(previous)s]; "
                        "notes %(first)s–%(last)s are missing."
                    )
                    % {
                        "line": line_number,
                        "label": label,
                        "previous": previous,
                        "first": missing[0],
                        "last": missing[-1],
                    }
                )
        else:
            number = expected
            result.warnings.append(
                _(
                    "Line %(line)s: note labelled “%(label)s”; numbered %(number)s "
                    "from its position."
                )
                % {"line": line_number, "label": label or "–", "number": number}
            )
        note = parse_note(body, number=number, label=label, raw=raw)
        if note is None:
            result.errors.append(
                _("Line %(line)s: could not read “%(text)s”.")
                % {"line": line_number, "text": raw}
            )
            continue
        if note.ibid and not result.notes:
            result.errors.append(
                _(
                    "Line %(line)s: “%(text)s” refers to the note before it, but it "
                    "is the first."
                )
                % {"line": line_number, "text": raw}
            )
            continue
        result.notes.append(note)
        previous = number
    return result
