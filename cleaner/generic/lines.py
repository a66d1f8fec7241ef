"""The line-kind heuristics driven by phrase files: cross-links, metadata, captions, legal, prompts, teasers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from cleaner.generic.base import line_heuristic
from cleaner.generic.features import shape
from cleaner.generic.joined import JoinedLines
from cleaner.generic.linematch import LiteralSearch, line_matcher, phrase_line_heuristic
from cleaner.generic.phrases import phrase_alternation, phrases
from cleaner.regex_cache import compiled

CROSS_LINK = phrase_line_heuristic(
    "generic.cross-link",
    "cross-links",
    "cross-link to another article",
    "Drops a line that points to another page: a label such as `Read also`, `ALSO READ`, `WATCH`, "
    "`Related:`, `Lesen Sie auch:` followed by a separator and a title, or a bare `Read more` / "
    "`Weiterlesen` link. Labels by language in rules/generic/cross-links.toml.",
    "ALSO READ | Markets slide as rates rise",
)

METADATA_LINE = phrase_line_heuristic(
    "generic.metadata-line",
    "metadata-lines",
    "byline, timestamp or reading-time line",
    "Drops bylines (`By Jane Doe`, `Von Max Muster`), publish/update stamps (`Published 01/12/2024`, "
    "`Aktualisiert am ...`), relative times (`2 hours ago`) and reading time (`5 min read`). "
    "Patterns in rules/generic/metadata-lines.toml.",
    "Updated: 12 March 2024, 10:08 AM",
)

CAPTION = phrase_line_heuristic(
    "generic.caption",
    "captions",
    "picture caption or photo credit",
    "Drops picture credits and captions by their shape: `Photo: AFP`, `© Reuters. ...`, "
    "`... (Photo: Agence France-Presse)`, `REUTERS/Name`, a line ending in `/ Getty Images`. "
    "Patterns in rules/generic/captions.toml.",
    "Protesters gather outside parliament. (Photo: Agence France-Presse)",
)

LEGAL_LINE = phrase_line_heuristic(
    "generic.legal-line",
    "legal",
    "legal, copyright or policy line",
    "Drops copyright and rights notices (`All rights reserved`, `Alle Rechte vorbehalten`), risk "
    "disclosures and disclaimers, and bare links to terms, privacy and imprint pages. "
    "Phrases in rules/generic/legal.toml.",
    "© 2007-2024 Example Media Limited. All Rights Reserved.",
)

PROMPT_LINE = phrase_line_heuristic(
    "generic.prompt-line",
    "prompts",
    "share button, app, cookie, newsletter or comment prompt",
    "Drops share-button labels (`Share`, `Tweet`, `WhatsApp`), login and newsletter prompts, "
    "cookie notices and comment-form text. Phrases in rules/generic/prompts.toml; longer lines stay.",
    "Enable Notifications OK",
)

PITCH_LINE = phrase_line_heuristic(
    "generic.pitch-line",
    "pitches",
    "follow, subscribe or support pitch",
    "Drops a paragraph, even a long one, that opens as a pitch of the site: `Follow <site> on Twitter ...`, "
    "`Folgen Sie uns auf ...`, `If you value our journalism, please support us ...`, `Unterstützen Sie "
    "unseren Journalismus ...`. Openings in rules/generic/pitches.toml.",
    "Follow The Daily Example on Twitter and Instagram @Example. Send us a message on WhatsApp or email us.",
)


def _is_teaser(line: str) -> bool:
    return shape(line).glued_teaser or line_matcher("teasers").matches(line)


TEASER = line_heuristic(
    "generic.teaser",
    "teaser for another article",
    "Drops a line shaped like a teaser: a title glued to its summary with no space "
    "(`Police Close Main StreetThe road will reopen...`), or a cut-off summary ending in a read-more "
    "link (`... Read more`, `… Weiterlesen`). A sentence that merely contains `read more` stays.",
    "Markets Slide As Rates RiseStocks fell on Monday after... Read more",
    _is_teaser,
)


@cache
def _consent_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    def compile_words(key: str) -> regex.Pattern[str]:
        return compiled(r"(?i:(?<!\w)" + phrase_alternation(phrases("consent", key)) + r"(?!\w))")

    return compile_words("cookie"), compile_words("consent")


def _is_consent(line: str) -> bool:
    cookie, consent = _consent_patterns()
    return bool(cookie.search(line) and consent.search(line))


@cache
def _cookie_search() -> LiteralSearch:
    return LiteralSearch.of(phrases("consent", "cookie"), engine_regex=True)


@dataclass(frozen=True)
class ConsentTest:
    """``_is_consent``, and for a page at once: only the lines that name a cookie word are looked at.

    >>> ConsentTest().batch(["We use cookies on this website.", "Cookies and cream.", "Hello"])
    [True, False, False]
    """

    def __call__(self, line: str) -> bool:
        return _is_consent(line)

    def batch(self, lines: Sequence[str]) -> list[bool]:
        """``[self(line) for line in lines]``."""
        out = [False] * len(lines)
        for j in _cookie_search().lines(JoinedLines(lines)):
            out[j] = _is_consent(lines[j])
        return out


CONSENT_NOTICE = line_heuristic(
    "generic.consent-notice",
    "cookie or consent notice",
    "Drops a line that names cookies or tracking together with the vocabulary of a consent notice "
    "(website, browser, consent, accept, privacy, settings, third parties), at any length: browsers dump "
    "the hidden consent dialog with the page. Words by language in rules/generic/consent.toml.",
    "We use cookies to give you the best experience on our website. By continuing you accept them.",
    ConsentTest(),
)
