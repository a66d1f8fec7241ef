"""The command line: parsing and printing only; the work is in batch, pipeline and explain."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from cleaner.batch import Mode, NoFilesError, Options, exit_code, run, summary_line
from cleaner.cliopts import ExcludeOpt, IgnoreOpt, IncludeOpt
from cleaner.learning.cli import learn_command
from cleaner.outdir_guard import OutputError
from cleaner.pipeline import DEFAULT_MAX_LINE_CHARS, Cleaner, EngineError
from cleaner.safe_regex import RuleTimeoutError
from cleaner.settings import UsageError, clean_setup, configured_site, make_cleaner, project_config
from cleaner.textio import parse_size

if TYPE_CHECKING:
    from cleaner.report.detail import DetailSpec
    from cleaner.report.figures import RunInfo
    from cleaner.report.record import Report

app = typer.Typer(
    help="Strip boilerplate (ads, menus, cross-links, footers) from plain-text dumps of web articles.\n\n"
    "Examples:\n\n"
    "  cleaner clean page.txt              # cleaned text to stdout\n\n"
    "  cleaner clean dumps/ -o cleaned/    # cleaned copies, folders mirrored\n\n"
    "  cleaner clean dumps/ --check        # exit 1 if any file would change\n\n"
    "  cleaner explain page.txt            # what was removed, by which rule, and why\n\n"
    "  cleaner clean corpus.jsonl -o out.jsonl -j 8   # JSONL(.gz)/Parquet records, on 8 cores\n\n"
    "  cleaner clean dumps/ -o out/ --report r.html   # review the run in a browser",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def err(message: str) -> None:
    """One line to stderr."""
    print(message, file=sys.stderr, flush=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print an error line and exit (2: usage or input error)."""
    err(f"error: {message}")
    raise typer.Exit(code)


RulesOpt = Annotated[
    list[Path] | None,
    typer.Option("--rules", help="Extra folder of site rule files (repeatable); the shipped rules always load."),
]
SiteOpt = Annotated[
    str | None, typer.Option("--site", help="Force a site id instead of detecting it (see `cleaner sites`).")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Clean even documents that would lose nearly everything.")]
MaxLossOpt = Annotated[
    float | None,
    typer.Option(
        "--max-loss",
        min=0.0,
        max=1.0,
        help="Leave a document unchanged if it would lose more than this share of its prose "
        "[default: the project config's max_loss, else 0.9].",
        show_default=False,
    ),
]
MaxLineOpt = Annotated[
    int,
    typer.Option("--max-line-chars", min=0, help="Keep longer lines untouched, unread by any rule (0: no limit)."),
]


def build_cleaner(
    rules: list[Path] | None,
    force: bool = False,
    site: str | None = None,
    max_loss: float | None = None,
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
    paths: Sequence[Path] = (),
    ignore: Sequence[str] = (),
) -> Cleaner:
    """A Cleaner from CLI options and the project config, turning problems into one clear error."""
    try:
        config = project_config(paths)
        return make_cleaner(
            rules or (),
            force=force,
            site=site,
            max_loss=max_loss,
            max_line_chars=max_line_chars,
            config=config,
            ignore=ignore,
        )
    except UsageError as exc:
        fail(str(exc))


@app.command()
def clean(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders to clean; '-' reads stdin.", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write cleaned copies into this folder, mirroring sub-folders."),
    ] = None,
    in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Rewrite files whose content changes.")] = False,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if any file would change.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Write nothing; print a unified diff per changed file.")] = False,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    site: SiteOpt = None,
    rules: RulesOpt = None,
    ignore: IgnoreOpt = None,
    force: ForceOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors and the summary line.")] = False,
    max_loss: MaxLossOpt = None,
    keep_removed: Annotated[
        bool,
        typer.Option(
            "--keep-removed",
            help="Also write what was removed: NAME.removed.jsonl beside each output; "
            "JSONL/Parquet records get a 'removed' field instead.",
        ),
    ] = False,
    max_bytes: Annotated[
        str,
        typer.Option("--max-bytes", help="Skip larger documents with a size-limit error (64M, 500k; 0: none)."),
    ] = "64M",
    max_line_chars: MaxLineOpt = DEFAULT_MAX_LINE_CHARS,
    follow_symlinks: Annotated[
        bool, typer.Option("--follow-symlinks", help="Follow symlinks that lead out of the folders given.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Documents cleaned at once, on threads sharing one compiled engine (the memory of one process) "
            "[default: all cores]; 1 = no workers.",
        ),
    ] = None,
    processes: Annotated[
        bool,
        typer.Option(
            "--processes",
            help="Run the --jobs workers as processes instead of threads. Threads share one engine (the memory of "
            "one process) but run the Python around each document (JSON, a known site's rule file) one at a time; "
            "processes do not, at a copy of the compiled rules each.",
        ),
    ] = False,
    text_field: Annotated[str, typer.Option(help="JSONL/Parquet: the field holding the text.")] = "text",
    url_field: Annotated[str, typer.Option(help="JSONL/Parquet: the field holding the page URL.")] = "url",
    id_field: Annotated[str, typer.Option(help="JSONL/Parquet: the field naming a record in messages.")] = "id",
    engine: Annotated[str, typer.Option(help="'local' (this machine) or 'dask' (needs cleaner[dask]).")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="--engine dask: scheduler address, e.g. tcp://10.0.0.5:8786 [default: local].")
    ] = None,
    report_path: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="Also write one HTML page to review the run in a browser (offline, self-contained): the figures, "
            "a histogram of the share removed per document, rules and sites, and the documents that lost the most "
            "and the least plus a sample, removed lines struck through with the rule that took them.",
            show_default=False,
        ),
    ] = None,
    summary_json: Annotated[
        Path | None,
        typer.Option(
            "--summary-json",
            help="Also write the run's figures as JSON (the numbers --report shows).",
            show_default=False,
        ),
    ] = None,
    report_seed: Annotated[
        int,
        typer.Option(
            "--report-seed", help="Seed of the sample --report shows: the same seed shows the same documents."
        ),
    ] = 0,
    learn: Annotated[
        bool,
        typer.Option(
            "--learn",
            help="First learn per-site rules from these same documents (see `cleaner learn`), then clean with them.",
        ),
    ] = False,
    learn_out: Annotated[
        Path | None,
        typer.Option("--learn-out", help="With --learn: also write the learned rule files into this folder."),
    ] = None,
) -> None:
    """Clean dumps: to stdout, into a folder (-o), in place, or just check / diff.

    Exit codes: 0 fine, 1 files would change (--check/--diff), 2 usage or input error.

    Review a run: --report report.html writes a page to open in a browser, --summary-json s.json the
    same figures for scripts; both are written when the run ends (also after errors or Ctrl-C).

    Leave rules out: --ignore generic.caption keeps image captions; --ignore generic. runs no generic
    heuristic (site rules only); the project config's ignore = ["..."] does the same for every run.
    """
    from cleaner.engines.dispatch import expand_globs  # a quoted 'shards/*.jsonl' the shell left alone

    paths = expand_globs(paths)
    chosen = [
        name
        for name, on in (("-o", output is not None), ("--in-place", in_place), ("--check", check), ("--diff", diff))
        if on
    ]
    if len(chosen) > 1:
        fail(f"choose one of -o, --in-place, --check, --diff (got {' and '.join(chosen)})")
    mode = (
        Mode.OUTDIR
        if output
        else Mode.IN_PLACE
        if in_place
        else Mode.CHECK
        if check
        else Mode.DIFF
        if diff
        else Mode.STDOUT
    )
    is_stdin = [str(p) for p in paths] == ["-"]
    if "-" in [str(p) for p in paths] and not is_stdin:
        fail("'-' (stdin) cannot be mixed with other paths")
    if is_stdin and mode in (Mode.OUTDIR, Mode.IN_PLACE):
        fail("stdin is cleaned to stdout; drop -o / --in-place")
    if mode is Mode.STDOUT and not is_stdin and (len(paths) > 1 or paths[0].is_dir()):
        fail("several files: give -o OUTDIR, --in-place, --check or --diff")
    try:
        size_limit = parse_size(max_bytes)
    except ValueError as exc:
        fail(f"--max-bytes: {exc}")
    opts = Options(
        mode=mode,
        outdir=output,
        site=site,
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
        quiet=quiet,
        max_bytes=size_limit,
        follow_symlinks=follow_symlinks,
        keep_removed=keep_removed,
    )
    from cleaner.engines.local import default_jobs
    from cleaner.formats.records import RecordOptions

    opts.jobs = jobs or default_jobs()
    opts.processes = processes
    opts.records = RecordOptions(text_field, url_field, id_field, keep_removed=keep_removed, site=site)
    if engine not in ("local", "dask"):
        fail(f"--engine {engine}: choose 'local' or 'dask'")
    try:
        cl, opts = clean_setup(
            paths,
            opts,
            rules=rules or (),
            force=force,
            max_loss=max_loss,
            max_line_chars=max_line_chars,
            ignore=ignore or (),
        )
    except UsageError as exc:
        fail(str(exc))
    if learn or learn_out is not None:
        from cleaner.learning.cli import learn_then_clean

        cl = learn_then_clean(cl, paths, opts, learn_out)
    reporting = report_path is not None or summary_json is not None
    if reporting:
        opts.report = _report_spec(paths, opts, report_path, summary_json, report_seed)
    started = time.time()
    dask = engine == "dask" or scheduler is not None
    try:
        if dask:
            from cleaner.engines.dask import DaskEngineError, run_dask

            try:
                report = run_dask(cl, paths, opts, scheduler, say=err)
            except DaskEngineError as exc:
                fail(str(exc))
        else:
            report = run(cl, paths, opts, say=err)
    except (NoFilesError, OutputError, RuleTimeoutError, EngineError) as exc:
        fail(str(exc))
    seconds = time.time() - started
    from cleaner.engines.summary import closing_stats

    if stats := closing_stats(report, quiet):
        err(stats)
    if mode is not Mode.STDOUT or report.errors or report.held:
        err(summary_line(report, mode))
    if reporting:
        info = _run_info(mode, "dask" if dask else "local", opts.jobs, started, seconds, cl.max_loss)
        _write_reports(report, info, report_path, summary_json, quiet)
    raise typer.Exit(exit_code(report, mode))


def _report_spec(
    paths: Sequence[Path], opts: Options, report_path: Path | None, summary_json: Path | None, seed: int
) -> DetailSpec:
    """What --report / --summary-json collect; their paths checked before the run, so it cannot end unwritten."""
    from cleaner.report.detail import DetailSpec
    from cleaner.report.output import ReportPathError, check_targets

    targets = [(flag, p) for flag, p in (("--report", report_path), ("--summary-json", summary_json)) if p]
    try:
        check_targets(targets, paths, opts.include)
    except ReportPathError as exc:
        fail(str(exc))
    return DetailSpec(seed=seed)


def _run_info(mode: Mode, engine: str, jobs: int, started: float, seconds: float, max_loss: float) -> RunInfo:
    import shlex

    from cleaner import __version__
    from cleaner.report.figures import RunInfo

    return RunInfo(
        command=shlex.join(["cleaner", *sys.argv[1:]]) if sys.argv[1:2] == ["clean"] else "cleaner clean",
        mode=str(mode),
        engine=engine,
        jobs=1 if jobs < 1 else jobs,
        started=time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(started)),
        seconds=round(seconds, 3),
        max_loss=max_loss,
        version=__version__,
    )


def _write_reports(report: Report, info: RunInfo, html: Path | None, json_path: Path | None, quiet: bool) -> None:
    from cleaner.report.output import write_reports

    try:
        write_reports(report, info, html, json_path)
    except OSError as exc:
        fail(f"cannot write the report: {exc.strerror or exc} ({exc.filename or html or json_path})")
    if not quiet:
        for what, path in (("report", html), ("summary", json_path)):
            if path is not None:
                err(f"{what} written to {path}")


@app.command()
def explain(
    path: Annotated[Path, typer.Argument(help="A dump to explain ('-' for stdin).", show_default=False)],
    site: SiteOpt = None,
    rules: RulesOpt = None,
    ignore: IgnoreOpt = None,
    force: ForceOpt = False,
    max_loss: MaxLossOpt = None,
    max_line_chars: MaxLineOpt = DEFAULT_MAX_LINE_CHARS,
) -> None:
    """Show every removed line or span with the rule that removed it and why, then counts per rule."""
    from cleaner.explain import render_explanation
    from cleaner.textio import InputError, decode_bytes, read_dump, read_limited

    cl = build_cleaner(
        rules,
        force=force,
        site=site,
        max_loss=max_loss,
        max_line_chars=max_line_chars,
        paths=[path],
        ignore=ignore or (),
    )
    if site is None and str(path) != "-":
        site = configured_site(path)
    try:
        decoded = decode_bytes(read_limited(sys.stdin.buffer)) if str(path) == "-" else read_dump(path)
        result = cl.clean(decoded.text, site=site, path=str(path))
    except (InputError, RuleTimeoutError, EngineError) as exc:
        fail(f"cannot explain {path}: {exc}")
    sys.stdout.write(render_explanation(result, str(path)))


@app.command()
def sites(rules: RulesOpt = None) -> None:
    """List the known sites and how each is recognised (domains, text signatures)."""
    cl = build_cleaner(rules)
    for s in sorted(cl.sites, key=lambda s: s.id):
        learned = sum(1 for r in s.rules if r.id.startswith("learned."))
        if s.learned:
            print(f"{s.id}  ({len(s.rules)} learned rules, {s.path})")
        elif learned:
            hand = len(s.rules) - learned
            print(f"{s.id}  ({hand} rules, {s.path.name}; {learned} learned rules, {s.learned_path})")
        else:
            print(f"{s.id}  ({len(s.rules)} rules, {s.path.name})")
        print(f"    domains:    {', '.join(s.domains) or '-'}")
        sig = ", ".join(repr(x) for x in s.signatures) or "-"
        print(f"    signatures: {sig} (need {s.min_signatures})")


app.command("learn")(learn_command)


@app.command()
def rule(
    rule_id: Annotated[
        str | None, typer.Argument(help="A rule id or heuristic id; omit to list them all.", show_default=False)
    ] = None,
    rules: RulesOpt = None,
) -> None:
    """Explain one rule (what it does, why, an example), like `ruff rule`; no id lists all."""
    from cleaner.explain import describe_rule, list_rules

    cl = build_cleaner(rules)
    if rule_id is None:
        sys.stdout.write(list_rules(cl))
        return
    text = describe_rule(cl, rule_id)
    if text is None:
        fail(f"no rule '{rule_id}' (run `cleaner rule` to list them)")
    sys.stdout.write(text)


@app.command("eval")
def eval_(
    input_dir: Annotated[
        Path | None, typer.Argument(help="Folder of ID.txt dumps (omit with --floors).", show_default=False)
    ] = None,
    gold_dir: Annotated[
        Path | None, typer.Argument(help="Folder of gold ID.txt article bodies.", show_default=False)
    ] = None,
    snippets: Annotated[
        Path | None, typer.Option("--snippets", help="Score against a snippet index.json instead of GOLD_DIR.")
    ] = None,
    baseline: Annotated[
        str, typer.Option("--baseline", help="Comma-separated baselines measured in the same run: identity,c4,justext.")
    ] = "",
    html_dir: Annotated[
        Path | None, typer.Option("--html-dir", help="Folder of ID.html.gz pages: adds trafilatura on the HTML.")
    ] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the numbers to this JSON file.")] = None,
    worst: Annotated[int, typer.Option("--worst", help="How many worst documents to list.")] = 5,
    min_f1: Annotated[float | None, typer.Option("--min-f1", help="Exit 1 when cleaner's F1 is below this.")] = None,
    floors: Annotated[
        Path | None, typer.Option("--floors", help="Score every dev set of a floors file; exit 1 below a floor.")
    ] = None,
    split: Annotated[
        Path | None,
        typer.Option(
            "--split",
            help="A tune/check split file (eval/splits/SET.tsv): scores each part too; --worst lists tune pages only.",
        ),
    ] = None,
    rules: RulesOpt = None,
    ignore: IgnoreOpt = None,
) -> None:
    """Score cleaner (and baselines) on a dev set with the POLICY.md metric, or the snippet metric.

    Exit codes: 0 fine, 1 F1 below --min-f1 or a floor of --floors, 2 usage or input error.

    What a rule is worth: --ignore generic.caption scores the run without it (bench/ablation.py does so
    for every generic heuristic).
    """
    from cleaner.baselines import MissingDependencyError
    from cleaner.evalgate import eval_once, run_gate
    from cleaner.evalrun import EvalInputError

    names = [b.strip() for b in baseline.split(",") if b.strip()]
    cl = build_cleaner(rules, ignore=ignore or ())
    say = lambda text: print(text, end="" if text.endswith("\n") else "\n", flush=True)  # noqa: E731
    try:
        if floors is not None:
            if input_dir is not None or snippets is not None or min_f1 is not None or split is not None:
                fail("--floors takes the dev sets from the file: drop INPUT_DIR, --snippets, --split and --min-f1")
            code = run_gate(cl, floors, baseline_names=names, json_path=json_path, worst=worst, say=say)
        elif input_dir is None:
            fail("give INPUT_DIR and GOLD_DIR (or --snippets index.json), or --floors FILE")
        else:
            code = eval_once(
                cl,
                input_dir,
                gold_dir=gold_dir,
                snippets=snippets,
                baseline_names=names,
                html_dir=html_dir,
                json_path=json_path,
                worst=worst,
                min_f1=min_f1,
                say=say,
                split=split,
            )
    except (EvalInputError, MissingDependencyError, RuleTimeoutError) as exc:
        fail(str(exc))
    raise typer.Exit(code)


def main() -> None:
    """Console-script entry point."""
    app()
