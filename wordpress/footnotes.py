"""Footnote lists of a post's translations as one set of citations.

Every language's list is read by ``citations.parser`` (the paste import's parser).
The language with the most readable notes gives the article's citations (one set
serves every language, as markers [n] in each body); a line that cannot be read, or
whose number the chosen list lacks, stays in its own body as text, and is reported.
"""

from django.utils.translation import gettext as _

from citations.parser import parse_footnotes

from .content import NoteLine, PreparedBody
from .report import ImportReport


class Footnotes:
    def __init__(self, *, report: ImportReport):
        self.report = report
        self.parsed: dict[str, list] = {}  # language -> [(line, note)]
        self.failed: dict[str, list[NoteLine]] = {}
        self.post_ids: dict[str, int] = {}
        self.lines: dict[str, list[NoteLine]] = {}
        self.base: str | None = None
        self.extra: dict[str, list[NoteLine]] = {}

    def add(self, language: str, post_id: int, prepared: PreparedBody) -> None:
        self.post_ids[language] = post_id
        lines = prepared.notes
        self.lines[language] = lines
        result = parse_footnotes("\n".join(line.text for line in lines))
        notes = list(result.notes)
        parsed, failed = [], []
        previous_failed = False
        for line in lines:
            note = notes[0] if notes and notes[0].raw == line.text.strip() else None
            if note is not None:
                notes.pop(0)
            # An ibid after an unreadable note would cite the wrong source.
            if note is None or (note.ibid and previous_failed):
                failed.append(line)
                previous_failed = True
            else:
                parsed.append((line, note))
                previous_failed = False
        self.parsed[language] = parsed
        self.failed[language] = failed
        for warning in result.warnings:
            self.report.warn(
                [post_id], _("footnotes: %(warning)s") % {"warning": warning}
            )
        for line in failed:
            self.report.warn(
                [post_id],
                _("footnote not understood, kept in the text: “%(text)s”")
                % {"text": line.text},
            )

    def choose(self) -> None:
        """The language whose list becomes the citations: the most notes read."""
        if not any(self.parsed.values()):
            return
        self.base = max(self.parsed, key=lambda code: len(self.parsed[code]))
        numbers = {note.number for _line, note in self.parsed[self.base]}
        for code, parsed in self.parsed.items():
            if code == self.base:
                continue
            extra = [line for line, note in parsed if note.number not in numbers]
            self.extra[code] = extra
            for line in extra:
                self.report.warn(
                    [self.post_ids[code]],
                    _(
                        "footnote missing from the %(base)s list that gave the "
                        "citations, kept in the text: “%(text)s”"
                    )
                    % {"base": self.base, "text": line.text},
                )

    def kept(self, language: str) -> list[NoteLine]:
        """The note lines that stay as text in ``language``'s body."""
        kept = {id(line) for line in self.failed.get(language, [])}
        kept |= {id(line) for line in self.extra.get(language, [])}
        return [line for line in self.lines.get(language, []) if id(line) in kept]

    def base_lines(self) -> list[NoteLine]:
        """The lines that became citations (text again if the import refuses)."""
        if self.base is None:
            return []
        return [line for line, _note in self.parsed[self.base]]

    def paste_text(self) -> str:
        """The chosen list as the paste import reads it ("" when there is none)."""
        if self.base is None:
            return ""
        return "\n".join(note.raw for _line, note in self.parsed[self.base])

    def imported(self, report) -> None:
        """Count what the paste import of ``paste_text()`` made."""
        self.report.object("citation", "created", len(report.citations))
        self.report.object("source", "created", report.sources_created)
        self.report.object("source", "reused", report.sources_reused)

    def refused(self, error: Exception) -> None:
        """Report why the list could not become citations (it stays as text)."""
        problems = getattr(error, "problems", None) or getattr(
            error, "messages", [str(error)]
        )
        self.report.warn(
            [self.post_ids[self.base]],
            _("footnotes kept as text, not imported: %(problems)s")
            % {"problems": "; ".join(str(p) for p in problems)},
        )
