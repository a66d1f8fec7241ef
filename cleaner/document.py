"""The document the site stage reads (its lines, what is still alive, what is protected), and reading text into lines.

The generic stage's view of a document (blank lines, kept lines, blocks) is the engine's: engine/src/doc.rs.
"""

from __future__ import annotations

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
    >>> len(d), d.alive
    (3, [True, True, True])
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
