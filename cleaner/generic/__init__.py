"""The generic heuristic stage: an explicit ordered list of named heuristics.

Each heuristic reads the document (lines still alive after the site rules) and
returns removals; it never edits text. Their ids, reasons and docs are what
``cleaner explain`` prints.
"""

from __future__ import annotations

from cleaner.generic.authorbox import AUTHOR_BOX
from cleaner.generic.base import Heuristic
from cleaner.generic.breadcrumbs import BREADCRUMB
from cleaner.generic.code import LEAKED_CODE
from cleaner.generic.dates import DATE_LINE
from cleaner.generic.lines import (
    CAPTION,
    CONSENT_NOTICE,
    CROSS_LINK,
    LEGAL_LINE,
    METADATA_LINE,
    PITCH_LINE,
    PROMPT_LINE,
    TEASER,
)
from cleaner.generic.markers import AD_MARKER_CUT, AD_MARKER_LINE
from cleaner.generic.menus import MENU_RUN
from cleaner.generic.region import FOOTER_REGION, HEADER_REGION
from cleaner.generic.repeats import DUPLICATE_LINE
from cleaner.generic.titlelists import TITLE_LIST
from cleaner.generic.toc import TABLE_OF_CONTENTS
from cleaner.generic.trailing import COMMENTS_BLOCK, TRAILING_BLOCK

HEURISTICS: tuple[Heuristic, ...] = (
    AD_MARKER_CUT,
    AD_MARKER_LINE,
    LEAKED_CODE,
    BREADCRUMB,
    CROSS_LINK,
    METADATA_LINE,
    DATE_LINE,
    CAPTION,
    LEGAL_LINE,
    PROMPT_LINE,
    PITCH_LINE,
    CONSENT_NOTICE,
    TEASER,
    TITLE_LIST,
    TABLE_OF_CONTENTS,
    AUTHOR_BOX,
    COMMENTS_BLOCK,
    TRAILING_BLOCK,
    HEADER_REGION,
    FOOTER_REGION,
    MENU_RUN,
    DUPLICATE_LINE,
)
"""The generic stage, in the order it runs."""


def heuristic_by_id(rule_id: str) -> Heuristic | None:
    """Look a heuristic up by id.

    >>> heuristic_by_id("generic.duplicate-line").id
    'generic.duplicate-line'
    """
    return next((h for h in HEURISTICS if h.id == rule_id), None)
