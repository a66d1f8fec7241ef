"""The quality gate: dev sets with the lowest scores cleaner may reach on them (a floors file).

A floors file is TOML, one ``[[set]]`` per dev set; paths are relative to the file::

    [[set]]
    name = "scrapinghub-dev/chromium"
    input = "../shared/eval/scrapinghub-dev/chromium/input"
    gold = "../shared/eval/scrapinghub-dev/gold"      # or: snippets = ".../index.json"
    min_f1 = 0.85
    min_median_f1 = 0.9                                # optional
    split = "eval/splits/scrapinghub-dev.tsv"          # optional: the tune/check split (cleaner/evalsplit.py)
    tune_min_f1 = 0.85                                 # floors of each part (with split)
    check_min_f1 = 0.85
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.evalrun import (
    EvalInputError,
    EvalReport,
    MethodRow,
    evaluate,
    render_parts,
    render_table,
    render_worst,
)
from cleaner.pipeline import Cleaner

SET_KEYS = {"name", "input", "gold", "snippets", "min_f1", "min_median_f1", "split", "tune_min_f1", "check_min_f1"}


@dataclass(frozen=True)
class FloorSet:
    """One dev set of the gate and its floors."""

    name: str
    input: Path
    gold: Path | None
    snippets: Path | None
    min_f1: float
    min_median_f1: float | None = None
    split: Path | None = None
    tune_min_f1: float | None = None
    check_min_f1: float | None = None


def _number(where: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise EvalInputError(f"{where}: '{key}' must be a number between 0 and 1")
    return float(value)


def parse_floors(data: dict[str, Any], base: Path, source: str = "floors file") -> list[FloorSet]:
    """Validate parsed floors TOML; paths are resolved against ``base``.

    >>> [s] = parse_floors({"set": [{"name": "a", "input": "in", "gold": "g", "min_f1": 0.5}]}, Path("/x"))
    >>> (s.input, s.gold, s.min_f1)
    (PosixPath('/x/in'), PosixPath('/x/g'), 0.5)
    """
    sets = data.get("set")
    if not isinstance(sets, list) or not sets:
        raise EvalInputError(f"{source}: no [[set]] tables")
    out = []
    for n, raw in enumerate(sets, 1):
        where = f"{source}: set #{n}"
        if not isinstance(raw, dict):
            raise EvalInputError(f"{where}: must be a table")
        unknown = sorted(set(raw) - SET_KEYS)
        if unknown:
            raise EvalInputError(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(sorted(SET_KEYS))})")
        for key in ("name", "input", "min_f1"):
            if key not in raw:
                raise EvalInputError(f"{where}: missing '{key}'")
        if ("gold" in raw) == ("snippets" in raw):
            raise EvalInputError(f"{where}: give exactly one of 'gold' and 'snippets'")
        has_part_floor = "tune_min_f1" in raw or "check_min_f1" in raw
        if has_part_floor and "split" not in raw:
            raise EvalInputError(f"{where}: 'tune_min_f1' and 'check_min_f1' need a 'split' file")
        if "split" in raw and not ("tune_min_f1" in raw and "check_min_f1" in raw):
            raise EvalInputError(f"{where}: a 'split' needs both 'tune_min_f1' and 'check_min_f1'")
        median = raw.get("min_median_f1")
        out.append(
            FloorSet(
                name=str(raw["name"]),
                input=base / str(raw["input"]),
                gold=base / str(raw["gold"]) if "gold" in raw else None,
                snippets=base / str(raw["snippets"]) if "snippets" in raw else None,
                min_f1=_number(where, "min_f1", raw["min_f1"]),
                min_median_f1=None if median is None else _number(where, "min_median_f1", median),
                split=base / str(raw["split"]) if "split" in raw else None,
                tune_min_f1=_number(where, "tune_min_f1", raw["tune_min_f1"]) if "split" in raw else None,
                check_min_f1=_number(where, "check_min_f1", raw["check_min_f1"]) if "split" in raw else None,
            )
        )
    return out


def load_floors(path: Path) -> list[FloorSet]:
    """Read a floors file; every problem is one clear EvalInputError."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalInputError(f"{path}: cannot read the floors file ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise EvalInputError(f"{path}: not valid TOML ({exc})") from None
    return parse_floors(data, path.resolve().parent, str(path))


def require_present(fs: FloorSet) -> None:
    """Fail loudly when a gate's dev set is not on disk (the gate never passes by skipping)."""
    if fs.split is not None and not fs.split.is_file():
        raise EvalInputError(
            f"quality gate '{fs.name}': split file {fs.split} not found (it is part of the repository)"
        )
    for what, p in (("input folder", fs.input), ("gold folder", fs.gold), ("snippet index", fs.snippets)):
        if p is not None and not p.exists():
            raise EvalInputError(
                f"quality gate '{fs.name}': {what} {p} not found. The gate needs the dev sets "
                "(../shared/eval beside the clone); it fails rather than skip"
            )


def floor_failures(fs: FloorSet, row: MethodRow, report: EvalReport | None = None) -> list[str]:
    """One message per floor the row (and, with a split, each part of ``report``) falls below.

    >>> fs = FloorSet("dev", Path("in"), Path("g"), None, min_f1=0.9)
    >>> floor_failures(fs, MethodRow("cleaner", 0.9, 0.8, 0.847, 0.9, None, 0, 3, 0.01))
    ['dev: F1 0.847 is below the floor 0.900']
    """
    out = []
    if row.f1 < fs.min_f1:
        out.append(f"{fs.name}: F1 {row.f1:.3f} is below the floor {fs.min_f1:.3f}")
    if fs.min_median_f1 is not None and row.median_f1 < fs.min_median_f1:
        out.append(f"{fs.name}: median F1 {row.median_f1:.3f} is below the floor {fs.min_median_f1:.3f}")
    if report is not None and report.parts:
        for part, floor in (("tune", fs.tune_min_f1), ("check", fs.check_min_f1)):
            f1 = report.part_row(part, row.name).f1
            if floor is not None and f1 < floor:
                out.append(f"{fs.name}: {part} part F1 {f1:.3f} is below the floor {floor:.3f}")
    return out


Say = Callable[[str], None]


def report_text(report: EvalReport, worst: int) -> str:
    """The table, the split's parts side by side, then cleaner's worst documents (tune pages only with a split)."""
    text = render_table(report) + render_parts(report)
    if worst > 0:
        row = report.part_row("tune", "cleaner") if report.parts else report.row("cleaner")
        text += render_worst(row, worst, "tune " if report.parts else "")
    return text


def _write_json(path: Path, data: dict[str, Any]) -> None:
    try:
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise EvalInputError(f"--json {path}: cannot write ({exc.strerror or exc})") from None


def eval_once(
    cleaner: Cleaner,
    input_dir: Path,
    *,
    gold_dir: Path | None,
    snippets: Path | None,
    baseline_names: Sequence[str],
    html_dir: Path | None,
    json_path: Path | None,
    worst: int,
    min_f1: float | None,
    say: Say,
    split: Path | None = None,
) -> int:
    """`cleaner eval INPUT_DIR GOLD_DIR`: print the table; exit code 1 when F1 < ``min_f1``."""
    report = evaluate(
        input_dir,
        cleaner,
        gold_dir=gold_dir,
        snippets=snippets,
        baseline_names=baseline_names,
        html_dir=html_dir,
        split=split,
    )
    say(report_text(report, worst))
    if json_path is not None:
        _write_json(json_path, report.as_dict())
    if min_f1 is not None:
        fs = FloorSet("eval", input_dir, gold_dir, snippets, min_f1)
        return _verdict([*floor_failures(fs, report.row("cleaner"))], say)
    return 0


def run_gate(
    cleaner: Cleaner, floors_path: Path, *, baseline_names: Sequence[str], json_path: Path | None, worst: int, say: Say
) -> int:
    """`cleaner eval --floors FILE`: score every set of the file; exit code 1 when any falls below its floor."""
    sets = load_floors(floors_path)
    for fs in sets:
        require_present(fs)
    failures: list[str] = []
    data: dict[str, Any] = {}
    for fs in sets:
        report = evaluate(
            fs.input,
            cleaner,
            gold_dir=fs.gold,
            snippets=fs.snippets,
            baseline_names=baseline_names,
            split=fs.split,
        )
        row = report.row("cleaner")
        floor = f"floor F1 {fs.min_f1:.3f}" + (
            f", median F1 {fs.min_median_f1:.3f}" if fs.min_median_f1 is not None else ""
        )
        if fs.tune_min_f1 is not None and fs.check_min_f1 is not None:
            floor += f", tune F1 {fs.tune_min_f1:.3f}, check F1 {fs.check_min_f1:.3f}"
        say(f"== {fs.name} ({floor})\n" + report_text(report, worst))
        failures += floor_failures(fs, row, report)
        data[fs.name] = report.as_dict()
    if json_path is not None:
        _write_json(json_path, data)
    return _verdict(failures, say)


def _verdict(failures: list[str], say: Say) -> int:
    for f in failures:
        say(f"quality gate FAILED: {f}")
    if not failures:
        say("quality gate passed")
    return 1 if failures else 0
