"""The pieces every importer shares: the ImportProblem error, a caption segment, and the warnings list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..i18n import N_, Text

__all__ = ["ImportProblem", "Segment", "Notes", "where"]

# After this many warnings of one kind, the rest are counted in a single line: a three-hour Teams file
# with crosstalk everywhere should not bury the one warning that matters.
WARNINGS_PER_KIND = 5


class ImportProblem(Exception):
    """A transcript file that cannot be imported. The message names the file, the line where it applies, and the fix.

    ``problem`` and ``fix`` are :class:`~simulator.i18n.Text` (or plain English); ``str(e)`` is the English message
    and ``e.localized(language)`` the same in the interface's language.
    """

    def __init__(self, file: str, problem: str, *, line: int | None = None, fix: str | None = None) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        self.fix = fix
        super().__init__(self.localized("en"))

    def localized(self, language: str | None) -> str:
        values = {"where": where(self.file, self.line), "problem": self.problem}
        if self.fix:
            return Text(N_("{where}: {problem} {fix}"), fix=self.fix, **values).localized(language)
        return Text(N_("{where}: {problem}"), **values).localized(language)


def where(file: str, line: int | None = None) -> str:
    return Text(N_("{file}, line {line}"), file=file, line=line) if line is not None else file


@dataclass
class Segment:
    """One piece of speech as read from the file, before consecutive pieces of one speaker are merged.

    ``line`` is the 1-based line it was read from (its timing line for captions); ``path`` is the
    location inside a JSON file (``turns -> 3``).
    """

    speaker: str | None
    text: str
    start: float | None = None
    end: float | None = None
    line: int | None = None
    path: str | None = None
    # Only from this project's own JSON: the patience a practice session recorded.
    patience: float | None = None

    def location(self, file: str) -> str:
        if self.line is not None:
            return where(file, self.line)
        if self.path is not None:
            return f"{file}: {self.path}"
        return file


class Notes:
    """The warnings of one import, in the order they were found, at most ``WARNINGS_PER_KIND`` of each kind."""

    def __init__(self) -> None:
        self._lines: list[tuple[str, str]] = []
        self._counts: Counter[str] = Counter()

    def add(self, kind: str, message: str) -> None:
        self._counts[kind] += 1
        if self._counts[kind] <= WARNINGS_PER_KIND:
            self._lines.append((kind, message))

    def extend(self, other: "Notes") -> None:
        for kind, message in other._lines:
            self.add(kind, message)
        for kind, count in other._counts.items():
            self._counts[kind] += max(0, count - WARNINGS_PER_KIND)

    @property
    def kinds(self) -> set[str]:
        return set(self._counts)

    def as_list(self) -> list[str]:
        out = [message for _, message in self._lines]
        for kind, count in self._counts.items():
            if count > WARNINGS_PER_KIND:
                out.append(Text(N_("… and {n} more warnings like these ({kind})."), n=count - WARNINGS_PER_KIND,
                                kind=kind))
        return out
