"""A datatrove pipeline step (needs the ``datatrove`` extra).

``CleanerFormatter`` is a datatrove ``BaseFormatter``: its ``format(text)`` returns the
cleaned text, so it drops into any datatrove pipeline and runs on its local, Slurm
and Ray executors. Its ``run`` also passes each document's ``metadata["url"]`` to
site detection, counts removals per rule in the step's stats, and can store the
found metadata (published date, byline) on the document.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.adapters.datatrove import CleanerFormatter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("corpus/"),
        CleanerFormatter(),
        JsonlWriter("cleaned/"),
    ], tasks=8).run()
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from datatrove.pipeline.formatters.base import BaseFormatter

from cleaner.pipeline import Cleaner


class CleanerFormatter(BaseFormatter):  # type: ignore[misc]
    """Clean each document's text with cleaner's site rules and generic stage.

    >>> from datatrove.data import Document
    >>> step = CleanerFormatter()
    >>> doc = Document(text="Title\\n\\nAdvertisement\\n\\nThe story goes on here.\\n", id="1")
    >>> [d.text for d in step.run([doc])]
    ['Title\\n\\nThe story goes on here.\\n']
    >>> step.format("Title\\nAdvertisement\\nThe story.")
    'Title\\nThe story.\\n'
    """

    name = "🧹 cleaner"

    def __init__(
        self,
        rules_dirs: Sequence[Path | str] | None = None,
        url_key: str = "url",
        keep_metadata: bool = False,
        **cleaner_options: Any,
    ) -> None:
        super().__init__()
        self.cleaner = Cleaner(rules_dirs=rules_dirs, **cleaner_options)
        self.url_key = url_key
        self.keep_metadata = keep_metadata

    def format(self, text: str) -> str:
        """The cleaned text."""
        return self.cleaner(text)

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        """Clean every document; its URL (``metadata[url_key]``) helps find the site's rules."""
        for doc in data:
            self.stat_update("total")
            with self.track_time():
                url = doc.metadata.get(self.url_key)
                result = self.cleaner.clean(doc.text, url=url if isinstance(url, str) else None)
                doc.text = result.text
                if result.held:
                    self.stat_update("held")
                for removal in result.removed:
                    self.stat_update(removal.rule)
                if self.keep_metadata:
                    doc.metadata.update({f"cleaner_{k}": v for k, v in result.metadata.items()})
            yield doc
