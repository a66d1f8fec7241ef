"""Write ``pystr_tables.rs``: the character tables behind ``pystr.rs``, from Python and the ``regex`` module.

Python's ``str`` methods follow the ``unicodedata`` of the Python that runs this script (3.11: Unicode
14.0), and the ``regex`` module has its own, newer, Unicode database; the engine must agree with both
exactly as the Python implementation used them, so run this with the Python environment the Python
implementation runs in (Python 3.11 with the ``regex`` version in ``REGEX_VERSION``)::

    /work/venv-old/bin/python engine/src/pystr_gen.py   # or any Python 3.11 with that regex

It writes ``pystr_tables.rs`` beside itself. Tables are sorted inclusive ranges of code points (searched
by bisection), with a 128-bit mask for ASCII; case mappings are runs of code points that map by the same
offset (every code point or every other one), plus the mappings to more than one character.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

import regex

PYTHON_VERSION = (3, 11)
REGEX_VERSION = "2026.12.2"
"""The ``regex`` release the Python implementation ran with: its Unicode tables are the ones its patterns used."""

OUT = Path(__file__).with_name("pystr_tables.rs")
ALL = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
"""Every code point a Rust ``char`` can be."""


def ranges(points: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted code points as inclusive ranges."""
    out: list[list[int]] = []
    for c in points:
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return [(a, b) for a, b in out]


def ascii_mask(points: set[int]) -> int:
    return sum(1 << c for c in points if c < 0x80)


def predicate(name: str, doc: str, test: Callable[[str], bool]) -> str:
    points = [c for c in ALL if test(chr(c))]
    rs = ranges(points)
    lines = [f"/// {doc}", f"pub(crate) const {name}_ASCII: u128 = {ascii_mask(set(points)):#034x};"]
    lines.append("#[rustfmt::skip]")
    lines.append(f"pub(crate) static {name}: [(u32, u32); {len(rs)}] = [")
    for i in range(0, len(rs), 6):
        lines.append("    " + " ".join(f"({a:#x}, {b:#x})," for a, b in rs[i : i + 6]))
    lines.append("];")
    return "\n".join(lines)


def regex_class(pattern: str) -> Callable[[str], bool]:
    compiled = regex.compile(pattern)
    return lambda ch: compiled.match(ch) is not None


def mapping(name: str, doc: str, fn: Callable[[str], str]) -> str:
    """Runs ``(first, last, stride, delta)``: ``first``, ``first + stride``, .. ``last`` map to ``c + delta``.

    Runs take consecutive mapped code points, so their spans never overlap and bisection finds the
    one run that may hold a code point. Mappings to several characters are listed apart.
    """
    single: list[tuple[int, int]] = []
    multi: list[tuple[int, str]] = []
    for c in ALL:
        m = fn(chr(c))
        if m == chr(c):
            continue
        if len(m) == 1:
            single.append((c, ord(m) - c))
        else:
            multi.append((c, m))
    runs: list[list[int]] = []  # first, last, stride, delta
    for c, d in single:
        if runs:
            first, last, stride, delta = runs[-1]
            step = c - last
            if delta == d and step in (1, 2) and (first == last or step == stride):
                runs[-1][1] = c
                runs[-1][2] = step
                continue
        runs.append([c, c, 1, d])
    lines = [f"/// {doc}", "#[rustfmt::skip]", f"pub(crate) static {name}: [(u32, u32, u8, i32); {len(runs)}] = ["]
    for i in range(0, len(runs), 4):
        lines.append("    " + " ".join(f"({a:#x}, {b:#x}, {s}, {d})," for a, b, s, d in runs[i : i + 4]))
    lines.append("];")
    lines.append(f"/// Code points of `{name}` that map to more than one character.")
    lines.append("#[rustfmt::skip]")
    lines.append(f"pub(crate) static {name}_MULTI: [(u32, &str); {len(multi)}] = [")
    for c, m in multi:
        escaped = "".join(f"\\u{{{ord(x):x}}}" for x in m)
        lines.append(f'    ({c:#x}, "{escaped}"),')
    lines.append("];")
    return "\n".join(lines)


def _final_sigma(s: str) -> bool:
    return s.lower()[-1] == "\u03c2"


def cased(ch: str) -> bool:
    # CPython's Cased: Lowercase, Uppercase or titlecase letter (what `str.islower`/`isupper`/`istitle` read).
    return ch.islower() or ch.isupper() or unicodedata.category(ch) == "Lt"


def case_ignorable(ch: str) -> bool:
    # Python does not expose Case_Ignorable; its final-sigma rule reads it, so probe that rule. Before a
    # final capital sigma, a cased character that is not case-ignorable makes the sigma final, and a
    # case-ignorable one lets the rule look further back (to the cased "A").
    if cased(ch):
        return not _final_sigma(ch + "\u03a3")
    return _final_sigma("A" + ch + "\u03a3")


def main() -> None:
    if sys.version_info[:2] != PYTHON_VERSION:
        sys.exit(f"pystr_gen.py: needs Python {PYTHON_VERSION}, not {sys.version_info[:2]}: str's tables differ")
    if regex.__version__ != REGEX_VERSION and "--any-regex" not in sys.argv:
        sys.exit(
            f"pystr_gen.py: regex {regex.__version__} is not {REGEX_VERSION}, whose Unicode tables the Python "
            "implementation used; run with that environment's Python (or pass --any-regex)"
        )
    # The shape of a line counts CJK characters only when some character is at or above U+2E80.
    cjk = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
    assert not any(cjk.match(chr(c)) for c in range(0x2E80)), "a CJK character below U+2E80"
    parts = [
        "//! Generated by pystr_gen.py: do not edit. Regenerate with the Python environment of the Python",
        "//! implementation: `/work/venv-old/bin/python engine/src/pystr_gen.py` (see the script's docstring).",
        f"//! Python {sys.version.split()[0]} (unicodedata {unicodedata.unidata_version}), regex {regex.__version__}.",
        "#![allow(clippy::unreadable_literal)]",
        "",
        predicate("SPACE", "`str.isspace`.", str.isspace),
        predicate("ALPHA", "`str.isalpha`.", str.isalpha),
        predicate("DIGIT", "`str.isdigit`.", str.isdigit),
        predicate("DECIMAL", "`str.isdecimal`.", str.isdecimal),
        predicate("ALNUM", "`str.isalnum`.", str.isalnum),
        predicate("UPPER", "`str.isupper` of one character.", str.isupper),
        predicate("HAS_CASE", "`c.lower() != c.upper()`.", lambda ch: ch.lower() != ch.upper()),
        predicate("CASED", "Cased (final sigma rule of `str.lower`).", cased),
        predicate("CASE_IGNORABLE", "Case_Ignorable (final sigma rule of `str.lower`).", case_ignorable),
        predicate("RE_SPACE", "The `regex` module's `\\s`.", regex_class(r"\s")),
        predicate("RE_DIGIT", "The `regex` module's `\\d`.", regex_class(r"\d")),
        predicate("RE_WORD", "The `regex` module's `\\w`.", regex_class(r"\w")),
        predicate("RE_LETTER", "The `regex` module's `\\p{L}`.", regex_class(r"\p{L}")),
        predicate("RE_LOWER", "The `regex` module's `\\p{Ll}`.", regex_class(r"\p{Ll}")),
        predicate("RE_UPPER", "The `regex` module's `\\p{Lu}`.", regex_class(r"\p{Lu}")),
        predicate("RE_NUMBER", "The `regex` module's `\\p{N}`.", regex_class(r"\p{N}")),
        predicate("RE_MARK", "The `regex` module's `\\p{M}`.", regex_class(r"\p{M}")),
        predicate("RE_CJK", "The `regex` module's `[\\p{Han}\\p{Hiragana}\\p{Katakana}]`.", cjk.match),
        mapping("LOWER", "`str.lower` of one character (without the final sigma rule).", str.lower),
        mapping("FOLD", "`str.casefold` of one character.", str.casefold),
    ]
    OUT.write_text("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
