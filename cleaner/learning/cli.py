"""The `learn` command and `clean --learn`, kept out of cleaner/cli.py (which only registers them)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cleaner.cliopts import ExcludeOpt, IncludeOpt
from cleaner.options import Options
from cleaner.pipeline import Cleaner


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fail(message: str) -> typer.Exit:
    _err(f"error: {message}")
    return typer.Exit(2)


def learn_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Folders of dumps, JSONL(.gz) or Parquet files of many pages.", show_default=False),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="Folder to write one learned rule file per site into (RULES_DIR).",
            show_default=False,
        ),
    ],
    min_pages: Annotated[int, typer.Option("--min-pages", min=2, help="Learn only sites with this many pages.")] = 5,
    min_share: Annotated[
        float,
        typer.Option(
            "--min-share", min=0.05, max=1.0, help="Share of a site's pages a line must stand on to be learned."
        ),
    ] = 0.5,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    site: Annotated[str | None, typer.Option("--site", help="All documents are of this site (no detection).")] = None,
    rules: Annotated[
        list[Path] | None,
        typer.Option("--rules", help="Extra folder of site rule files: their domains and signatures name sites."),
    ] = None,
    text_field: Annotated[str, typer.Option(help="JSONL/Parquet: the field holding the text.")] = "text",
    url_field: Annotated[
        str, typer.Option(help="JSONL/Parquet: the field holding the page URL (names the site).")
    ] = "url",
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes; 1 = no workers. This process only reads the files; the workers parse "
            "the records and count their lines.",
        ),
    ] = 1,
    max_bytes: Annotated[str, typer.Option("--max-bytes", help="Skip larger dumps (64M, 500k; 0: none).")] = "64M",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors and the summary line.")] = False,
) -> None:
    """Learn per-site rule files from a pile of pages: what recurs on a site's pages is the site's, not the story's.

    For each site with --min-pages pages or more, the lines that stand on --min-share of its pages
    (counts, dates and times ignored) become rules: drop the line; drop everything after a
    footer line or before a header line when all of it recurs. A line on half that share is
    learned too when it sits next to such lines on its pages (a sidebar's list). A sentence must
    recur on 80 % of the pages, or on --min-share between such lines (a disclaimer): a quote
    repeated across a series is story. A sentence that ends the story wherever it stands (below it
    comments or little prose, not a footer) needs 80 % even with one page left out: on 4 of 5 pages,
    a recipe's credit is the stories' own. Bylines, date lines and the headers of
    comment sections are left to the generic stage, and a rule that would take more than 10 % of
    a page's prose on any page is dropped and reported. The files are ordinary rule files
    (rules/README.md): review them, edit them, commit them. The same documents give the same
    bytes, in any order and with any --jobs.

    The site of a document: --site, its URL field, a '# url:' first line, a domain in its path or
    file name (dumps/example.com/a.txt, example.com--12.txt), the config's 'sites', then the
    signatures of known sites.

    Examples:

      cleaner learn dumps/ -o learned/     # learned/<site>.toml

      cleaner clean dumps/ -o clean/ --rules learned/

      cleaner learn crawl.jsonl.gz -o learned/ --url-field page_url

      cleaner clean crawl.jsonl.gz -o out.jsonl --learn

    Exit codes: 0 fine, 2 usage or input error (files that could not be read are named).
    """
    from cleaner.batch import NoFilesError
    from cleaner.formats.records import RecordOptions
    from cleaner.learning.api import LearnError
    from cleaner.learning.command import learn_corpus, summary
    from cleaner.learning.select import LearnSettings
    from cleaner.settings import UsageError, clean_setup
    from cleaner.textio import parse_size

    try:
        size = parse_size(max_bytes)
    except ValueError as exc:
        raise _fail(f"--max-bytes: {exc}") from None
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise _fail(f"{missing[0]}: no such file or directory")
    if output.exists() and not output.is_dir():
        raise _fail(f"-o {output}: not a folder (learned rule files go into a folder)")
    opts = Options(site=site, include=tuple(include or ()), exclude=tuple(exclude or ()), quiet=quiet, max_bytes=size)
    opts.jobs = jobs
    opts.records = RecordOptions(text_field, url_field, site=site)
    try:
        cl, opts = clean_setup(paths, opts, rules=rules or ())
    except UsageError as exc:
        raise _fail(str(exc)) from None
    settings = LearnSettings(min_pages=min_pages, min_share=min_share)
    try:
        learned, problems = learn_corpus(cl, paths, opts, settings, _err)
        written = learned.write(output)
    except (NoFilesError, LearnError) as exc:
        raise _fail(str(exc)) from None
    for line in summary(learned, settings):
        _err(line)
    if written and not quiet:
        _err(f"Wrote {len(written):,} rule files into {output}; use them with --rules {output}")
    if problems.errors:
        raise typer.Exit(2)


def learn_then_clean(cl: Cleaner, paths: list[Path], opts: Options, learn_out: Path | None) -> Cleaner:
    """`clean --learn`: learn from the run's own documents, then clean with the rules found beside ``cl``'s."""
    from cleaner.batch import NoFilesError
    from cleaner.learning.api import LearnError
    from cleaner.learning.combine import with_sites
    from cleaner.learning.command import learn_corpus, summary
    from cleaner.learning.select import LearnSettings
    from cleaner.rules import RuleFileError

    if [str(p) for p in paths] == ["-"]:
        raise _fail("--learn needs files or folders of many pages, not stdin")
    settings = LearnSettings()
    try:
        learned, _problems = learn_corpus(cl, paths, opts, settings, _err)
        if learn_out is not None:
            learned.write(learn_out)
        sites = learned.sites(learn_out)
        merged = with_sites(cl, sites)
    except (NoFilesError, LearnError, RuleFileError) as exc:
        raise _fail(str(exc)) from None
    if not opts.quiet:
        for line in summary(learned, settings):
            _err(line)
    return merged
