"""Leaked page code: a page's script or style sheet that the dump picked up as text.

Text browsers print the content of ``<script>``, ``<style>`` and ``<noscript>`` blocks on some pages
(w3m does when a page hides them badly), and a minified script or style sheet then sits in the dump as
long lines of code. Nobody wrote them for the reader, and their length makes them look like the densest
"prose" of the page, pulling the story region away from the article.

Code an author shows in a tutorial stays: it is written for people, spaced and indented, and its lines
are short. Only long lines with the shape of minified code go.
"""

from __future__ import annotations

from cleaner.generic.base import line_heuristic

CODE_MIN_CHARS = 120
"""A leaked script or style line is long: minifiers join a whole file into few lines."""
MINIFIED_MAX_SPACE_SHARE = 0.08
"""Minified script has almost no spaces; prose in any spaced script has about one in six characters."""
MINIFIED_MIN_SYNTAX_SHARE = 0.06
"""...and is dense in the syntax characters of code, which prose hardly uses."""
_SYNTAX = frozenset("{}();=")
STYLE_MIN_RULES = 3
"""A style sheet on one line: several ``selector { property: value; }`` rules."""


def is_leaked_code(line: str) -> bool:
    """Whether ``line`` is minified script or style-sheet code rather than text.

    >>> is_leaked_code('function(e,t){return e&&t?(e.x=t,void 0):null},window.a=function(n){var r=n||{};' * 2)
    True
    >>> is_leaked_code(".nav { display: none; } .nav a { color: #333; padding: 4px; } .nav li { margin: 0; } " * 2)
    True
    >>> is_leaked_code("The council (which met on Monday) said the plan = a tax rise; others disagreed. " * 2)
    False
    >>> is_leaked_code("os.path.join(os.path.dirname(__file__), 'static')")
    False
    """
    if len(line) < CODE_MIN_CHARS:
        return False  # most lines: no copy of the line made just to measure it
    text = line.strip()
    n = len(text)
    if n < CODE_MIN_CHARS:
        return False
    spaces, syntax = text.count(" ") / n, sum(c in _SYNTAX for c in text) / n
    if spaces < MINIFIED_MAX_SPACE_SHARE and syntax > MINIFIED_MIN_SYNTAX_SHARE:
        return True
    return min(text.count("{"), text.count("}"), text.count(";"), text.count(":")) >= STYLE_MIN_RULES


LEAKED_CODE = line_heuristic(
    "generic.leaked-code",
    "script or style code leaked into the text",
    "Drops a long line of minified script or style-sheet code that the dump picked up from the page "
    "source (a text browser printing a `<script>` or `<style>` block): at least 120 characters with "
    "almost no spaces and dense in `{}();=`, or several `selector { property: value; }` rules on one "
    "line. Short or spaced code lines, such as a tutorial's examples, stay.",
    "0?(a.parentElement&&e.body.removeChild(a),setTimeout(function(){r(o)},100)):(a.parentElement&&e.body."
    'removeChild(a),t())}if("loading"===e.readyState){',
    is_leaked_code,
)
