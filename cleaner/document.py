"""The document every stage reads: its lines, what is still alive, and blocks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field


def split_lines(text: str) -> list[str]:
    r"""Split normalised text into lines without their endings.

    Only ``\n`` separates lines, so a form feed or U+2028 inside a line stays put.

    >>> split_lines("a\nb\n")
    ['a', 'b']
    >>> split_lines("")
    []
    """
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


_SHOWS_NOTHING = re.compile(r"[\s\u200b-\u200f\u2060\ufeff\u00ad\ue000-\uf8ff]*")
"""Whitespace, invisible characters pages pad lines with (zero-width space and joiners, marks, soft
hyphen), and private-use glyphs (icon fonts: a star, a clock) that carry no text."""


def blank_line(line: str) -> bool:
    r"""A line that shows no text: empty, whitespace, invisible characters such as U+200B, icon glyphs.

    >>> blank_line(""), blank_line("  \t"), blank_line("\u200b"), blank_line(" \ue838\u00a0"), blank_line("a\u200b")
    (True, True, True, True, False)
    """
    return not line or line.isspace() or (not line.isascii() and _SHOWS_NOTHING.fullmatch(line) is not None)


def normalise_newlines(text: str) -> str:
    r"""Turn ``\r\n`` and lone ``\r`` into ``\n`` and drop a leading BOM.

    >>> normalise_newlines("\ufeffa\r\nb\rc")
    'a\nb\nc'
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


@dataclass
class Document:
    r"""Lines of one dump plus the state the pipeline keeps while stages decide.

    ``lines`` holds the current text of every line (inline cuts applied);
    ``alive[i]`` is False once a removal took line ``i``; ``protected[i]`` is
    True when a rule said the line must stay.

    >>> d = Document.from_text("Title\n\nBody line.\n")
    >>> d.kept_indices()
    [0, 2]
    """

    lines: list[str]
    url: str | None = None
    alive: list[bool] = field(default_factory=list)
    protected: list[bool] = field(default_factory=list)
    original: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.alive:
            self.alive = [True] * len(self.lines)
        if not self.protected:
            self.protected = [False] * len(self.lines)
        if not self.original:
            self.original = list(self.lines)

    @classmethod
    def from_text(cls, text: str, url: str | None = None) -> Document:
        """Build a document from raw text (newlines normalised here)."""
        return cls(split_lines(normalise_newlines(text)), url=url)

    def __len__(self) -> int:
        return len(self.lines)

    def is_blank(self, i: int) -> bool:
        """True for a line that shows nothing (see ``blank_line``)."""
        return blank_line(self.lines[i])

    def introduced(self, first: int) -> bool:
        r"""Whether the nearest non-blank line above ``first`` is kept and ends with a colon: the lines from
        ``first`` on are a list the text introduces (``You will need:``).

        >>> Document.from_text("You will need:\nFlour\nSugar").introduced(1)
        True
        """
        above = next((i for i in range(first - 1, -1, -1) if not self.is_blank(i)), None)
        return above is not None and self.alive[above] and self.lines[above].rstrip().endswith(":")

    def kept_indices(self) -> list[int]:
        """Indices of alive, non-blank lines, in order."""
        pairs = enumerate(zip(self.alive, self.lines, strict=True))
        # blank_line inlined for the common lines (every heuristic asks, on every pass): same test.
        return [
            i
            for i, (ok, line) in pairs
            if ok and line and not line.isspace() and (line.isascii() or not blank_line(line))
        ]

    def blocks(self) -> Iterator[list[int]]:
        r"""Runs of alive non-blank lines separated by blank or removed lines.

        >>> list(Document.from_text("a\nb\n\nc").blocks())
        [[0, 1], [3]]
        """
        run: list[int] = []
        for i, line in enumerate(self.lines):
            if self.alive[i] and not blank_line(line):
                run.append(i)
            elif run:
                yield run
                run = []
        if run:
            yield run
