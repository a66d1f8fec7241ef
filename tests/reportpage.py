"""Reading a report page back in tests: its figures (``data-figure``) and how each is shown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

STORY = (
    "Ferry {n} delayed\n\nAdvertisement\n\n"
    "The ferry left {n} hours late because of fog in the strait, the operator said on {n} March.\n"
)
CLEAN = "Tide tables\n\nThe tide rose over the quay on Sunday morning, the harbour master said.\n"
ONLY_ADS = "Advertisement\n\nAdvertisement\n"


def make_dumps(root: Path, n: int = 12) -> None:
    """A folder of dumps: ``n`` dirty ones, one clean, one the safety valve holds back, one binary."""
    sub = root / "sub"
    sub.mkdir(parents=True)
    for i in range(n):
        text = STORY.format(n=i) + "".join(f"More of story {i}, paragraph {k}, goes on here.\n" for k in range(i % 5))
        (sub if i % 3 == 0 else root).joinpath(f"doc{i:03}.txt").write_text(text, encoding="utf-8")
    (root / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (root / "only-ads.txt").write_text(ONLY_ADS, encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01binary\x00")


@dataclass(frozen=True)
class Figure:
    """One number on the page: where it is in the summary JSON, its exact value, how it is shown."""

    path: str
    kind: str
    value: str
    shown: str


class _Figures(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[Figure] = []
        self._open: list[tuple[str, str, str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "data-figure" in a:
            self._open.append((a["data-figure"], a.get("data-format", "int"), a["data-value"], []))

    def handle_data(self, data: str) -> None:
        for entry in self._open:
            entry[3].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag in ("span", "rect"):
            path, kind, value, text = self._open.pop()
            self.found.append(Figure(path, kind, value, "".join(text)))


def page_figures(page: str) -> list[Figure]:
    """Every ``data-figure`` element of a page, in order (the SVG bars' shown text is their tooltip)."""
    parser = _Figures()
    parser.feed(page)
    return parser.found


def lookup(summary: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of the summary JSON (``histogram.bins.3.documents``)."""
    node: Any = summary
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


_UNITS = {"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}


def shown_agrees(kind: str, shown: str, value: float) -> bool:
    """Whether the text a person reads says ``value``, to the precision it is printed with.

    >>> shown_agrees("int", "1,234", 1234), shown_agrees("share", "23.5 %", 0.2346), shown_agrees("size", "1.2 MB", 9e5)
    (True, True, False)
    """
    text = shown.strip()
    if kind == "int":
        return int(text.replace(",", "")) == value
    if kind == "share":
        return abs(float(text.removesuffix("%").strip()) - value * 100) <= 0.051
    if kind == "size":
        number, unit = text.split()
        scale = _UNITS[unit]
        return abs(float(number) * scale - value) <= 0.051 * scale
    if kind == "seconds":
        m = re.fullmatch(r"(?:(\d+) h )?(?:(\d+) min ?)?(?:([\d.]+) s)?", text)
        assert m, text
        h, mins, s = (float(g) if g else 0.0 for g in m.groups())
        return abs(h * 3600 + mins * 60 + s - value) <= (60 if h else 1.0 if mins else 0.051)
    raise AssertionError(f"unknown format {kind}")
