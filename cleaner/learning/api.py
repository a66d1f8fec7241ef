"""Learned rule files as text, as loaded sites, on disk, and in a Cleaner beside the other rules."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.learning.combine import with_sites
from cleaner.learning.learner import LearnRun, learn_documents
from cleaner.learning.select import LearnSettings
from cleaner.learning.source import Doc
from cleaner.learning.write import cleaner_version, render
from cleaner.pipeline import Cleaner
from cleaner.rules import SiteRules, parse_rule_data


class LearnError(Exception):
    """Learned files that cannot be written (a hand-written file in the way, an unwritable folder)."""


@dataclass
class Learned:
    """The rule files learned from a corpus: ``files`` maps a site id to its file's text.

    ``dropped`` lists, per site, the rules left out because they would take story prose.
    """

    files: dict[str, str] = field(default_factory=dict)
    run: LearnRun = field(default_factory=LearnRun)

    @property
    def dropped(self) -> dict[str, list[str]]:
        """Per site, the rules dropped because they would take too much of a page's prose."""
        return {s.site: s.dropped for s in self.run.sites if s.dropped}

    def file_name(self, site: str) -> str:
        """The rule file's name for a site.

        >>> Learned().file_name("bbc.co.uk")
        'bbc.co.uk.toml'
        """
        return site.replace("/", "-").replace("\\", "-") + ".toml"

    def sites(self, folder: Path | str | None = None) -> list[SiteRules]:
        """The learned files loaded and validated as rule files (named as if in ``folder``)."""
        base = Path(folder) if folder is not None else Path("<learned>")
        out = []
        for site, text in sorted(self.files.items()):
            path = base / self.file_name(site)
            out.append(parse_rule_data(tomllib.loads(text), path))
        return out

    def write(self, folder: Path | str) -> list[Path]:
        """Write every file into ``folder`` (created), atomically; a hand-written file there is never overwritten."""
        from cleaner.textio import write_atomic

        folder = Path(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LearnError(f"cannot create {folder}: {exc.strerror or exc}") from None
        if not folder.is_dir():
            raise LearnError(f"{folder}: not a folder")
        written = []
        for site, text in sorted(self.files.items()):
            path = folder / self.file_name(site)
            if path.exists() and not _is_learned_file(path):
                raise LearnError(f"{path}: a hand-written rule file is in the way; learn into another folder")
            try:
                write_atomic(path, text.encode("utf-8"))
            except OSError as exc:
                raise LearnError(f"cannot write {path}: {exc.strerror or exc}") from None
            written.append(path)
        return written

    def cleaner(self, base: Cleaner | None = None, folder: Path | str | None = None) -> Cleaner:
        """A Cleaner with the learned rules beside ``base``'s (default: the shipped rules); hand-written win."""
        base = base or Cleaner()
        return with_sites(base, self.sites(folder))


def _is_learned_file(path: Path) -> bool:
    try:
        site = tomllib.loads(path.read_text(encoding="utf-8")).get("site", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(site, dict) and site.get("learned") is True


def learn(
    docs: Iterable[str | Mapping[str, Any]],
    *,
    site: str | None = None,
    min_pages: int = 5,
    min_share: float = 0.5,
    text_field: str = "text",
    url_field: str = "url",
    cleaner: Cleaner | None = None,
) -> Learned:
    """Learn per-site rule files from documents: texts, or records with a text and a URL field.

    A document's site comes from ``site`` (all the same site), its URL field, a ``# url:``
    first line, then the known sites' signatures; documents with none are not learned from.

    >>> pages = [f"Home | News | Sport\\n\\nStory {n}: the council met on day {n}, and voted.\\n\\n"
    ...          f"Copyright Example News Ltd" for n in range(6)]
    >>> got = learn([{"text": t, "url": f"https://example.org/{n}"} for n, t in enumerate(pages)])
    >>> sorted(got.files)
    ['example.org']
    >>> [r.id for r in got.sites()[0].rules]
    ['learned.example.org.1', 'learned.example.org.2']
    >>> got.cleaner()(pages[0], )
    'Story 0: the council met on day 0, and voted.\\n'
    """
    settings = LearnSettings(min_pages=min_pages, min_share=min_share)
    items: list[Doc] = []
    for d in docs:
        if isinstance(d, str):
            items.append(Doc(d.replace("\r\n", "\n")))
        else:
            text = d.get(text_field)
            url = d.get(url_field)
            if isinstance(text, str):
                items.append(Doc(text.replace("\r\n", "\n"), url if isinstance(url, str) else None))
    cl = cleaner or Cleaner()
    run = learn_documents(cl, lambda: items, settings, forced_site=site)
    return learned_files(run, settings, cleaner_version())


def learned_files(run: LearnRun, settings: LearnSettings, version: str) -> Learned:
    """The rule files of a run's sites (a site with no rule gets no file)."""
    files = {s.site: render(s, settings, version) for s in run.sites if s.rules}
    return Learned(files, run)


def learn_documents_from(
    cleaner: Cleaner, docs: Sequence[tuple[str, str]], settings: LearnSettings, jobs: int = 1
) -> Learned:
    """Learn from ``(text, path)`` pairs, the site taken as ``cleaner learn`` takes it (for scripts and benches)."""
    items = [Doc(text.replace("\r\n", "\n"), None, path) for text, path in docs]
    run = learn_documents(cleaner, lambda: items, settings, jobs=jobs)
    return learned_files(run, settings, cleaner_version())
