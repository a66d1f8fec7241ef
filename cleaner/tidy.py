"""The form of the output: trailing whitespace trimmed, blank runs collapsed."""

from __future__ import annotations

from cleaner.document import blank_line


def tidy(lines: list[str], alive: list[bool]) -> tuple[list[str], list[int]]:
    """Kept lines in output form, and for each the index of its input line.

    Blank runs collapse to one blank line; no blank at the start or end. A line of invisible
    characters only (a zero-width space) is blank too.

    >>> tidy(["", "a  ", "", "", "b", ""], [True] * 6)
    (['a', '', 'b'], [1, 2, 4])
    """
    out: list[str] = []
    origin: list[int] = []
    pending_blank = -1
    for i, line in enumerate(lines):
        if not alive[i]:
            continue
        text = line.rstrip()
        if blank_line(text):
            if out and pending_blank < 0:
                pending_blank = i
            continue
        if pending_blank >= 0:
            out.append("")
            origin.append(pending_blank)
            pending_blank = -1
        out.append(text)
        origin.append(i)
    return out, origin


def join_output(lines: list[str]) -> str:
    r"""Join output lines; a non-empty text ends with exactly one newline.

    >>> join_output(["a", "b"])
    'a\nb\n'
    >>> join_output([])
    ''
    """
    return "\n".join(lines) + "\n" if lines else ""
