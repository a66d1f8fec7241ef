"""cleaner: strip boilerplate from plain-text dumps of web articles.

>>> import cleaner
>>> r = cleaner.clean("Headline\\n\\nAdvertisement\\n\\nThe story, told in full sentences here.\\n")
>>> r.text
'Headline\\n\\nThe story, told in full sentences here.\\n'
>>> [x.rule for x in r.removed]
['generic.ad-marker-line']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

# The engine allocates with mimalloc, which reads its options from the environment when the extension
# loads. Its default keeps freed pages for a long while, per thread: with two worker threads a 1 GB JSONL
# stream peaked at 150-160 MB instead of 128 MB (bench/README.md, "mimalloc's purge delay"). 10 ms gives
# the memory back with no cost in CPU time; a value the user set wins.
os.environ.setdefault("MIMALLOC_PURGE_DELAY", "10")

from cleaner import _core
from cleaner.paths import rules_dir_name

# Compiling the engine's phrase files costs about what the imports below cost: a fresh process (the
# pre-commit hook's) starts it now, on a thread of its own, and the first Cleaner takes the result.
# Started before anything imports pathlib, which takes a few milliseconds more.
_core.preload(os.path.join(rules_dir_name(), "generic"))

from cleaner.model import Removal, Result  # noqa: E402
from cleaner.pipeline import Cleaner  # noqa: E402

if TYPE_CHECKING:
    from cleaner.learning.api import Learned

__all__ = ["Cleaner", "Removal", "Result", "clean", "learn"]
__version__ = "0.1.0"


@cache
def _default() -> Cleaner:
    return Cleaner()


def clean(text: str, site: str | None = None, url: str | None = None) -> Result:
    """Clean one text with the shipped rules; see Cleaner for reuse and options.

    ``site`` forces a site id (see ``cleaner sites``); ``url`` helps detect it.
    The result holds the cleaned text, the title (first kept line), the site, every
    removal (rule id, lines, text, reason) and the metadata the text shows.

    >>> r = clean("Flood waters rise\\n\\nAdvertisement\\n\\nThe river broke its banks on Sunday, officials said.\\n")
    >>> r.title, r.site
    ('Flood waters rise', None)
    >>> [(x.rule, x.lines_label(), x.text) for x in r.removed]
    [('generic.ad-marker-line', '3', 'Advertisement')]
    >>> r.removed[0].as_dict()
    {'rule': 'generic.ad-marker-line', 'lines': [3, 3], 'reason': 'advertisement marker line', 'text': 'Advertisement'}
    >>> clean("Flood waters rise\\nBy Ann Lee\\nPublished 3 March 2024\\n\\nThe river broke its banks.\\n").metadata
    {'published': '3 March 2024', 'byline': 'Ann Lee'}
    """
    return _default().clean(text, site=site, url=url)


def learn(docs: Iterable[str | Mapping[str, Any]], **options: Any) -> Learned:
    """Learn per-site rule files from a pile of pages (options: see ``cleaner.learning.api.learn``).

    >>> pages = [f"Menu\\n\\nStory {n} is about the river and the town, the mayor said.\\n\\nContact us"
    ...          for n in range(5)]
    >>> learned = learn(pages, site="example.org")
    >>> sorted(learned.files), learned.cleaner()(pages[1])
    (['example.org'], 'Story 1 is about the river and the town, the mayor said.\\n')
    """
    from cleaner.learning.api import learn as _learn

    return _learn(docs, **options)
