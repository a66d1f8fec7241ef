"""cleaner: strip boilerplate from plain-text dumps of web articles.

>>> import cleaner
>>> r = cleaner.clean("Headline\\n\\nAdvertisement\\n\\nThe story, told in full sentences here.\\n")
>>> r.text
'Headline\\n\\nThe story, told in full sentences here.\\n'
>>> [x.rule for x in r.removed]
['generic.ad-marker-line']
"""

from __future__ import annotations

from functools import cache

from cleaner.model import Removal, Result
from cleaner.pipeline import Cleaner

__all__ = ["Cleaner", "Removal", "Result", "clean"]
__version__ = "0.1.0"


@cache
def _default() -> Cleaner:
    return Cleaner()


def clean(text: str, site: str | None = None, url: str | None = None) -> Result:
    """Clean one text with the shipped rules; see Cleaner for reuse and options."""
    return _default().clean(text, site=site, url=url)
