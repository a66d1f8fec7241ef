"""Site rule files: schema, loading, validation and compiling (once per file).

A rule file is TOML: a ``[site]`` table and ``[[rule]]`` tables; see rules/README.md.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from cleaner.regex_cache import compiled, holds

if TYPE_CHECKING:
    import regex

KINDS: dict[str, tuple[str, ...]] = {
    "drop_line": ("pattern",),
    "drop_from": ("pattern",),
    "drop_before": ("pattern",),
    "drop_block": ("start", "end"),
    "drop_in_head": ("pattern", "end"),
    "cut": ("pattern",),
    "protect": ("pattern",),
}
"""Each rule kind and the pattern fields it needs."""

SITE_KEYS = {"id", "name", "domains", "signatures", "min_signatures", "description", "learned"}
RULE_KEYS = {"id", "kind", "pattern", "start", "end", "why", "examples", "counterexamples", "max_lines"}

ID_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*\.[a-z0-9][a-z0-9-]*$")


class RuleFileError(Exception):
    """A rule file that cannot be used, with every problem found in it.

    >>> str(RuleFileError(Path("x.toml"), ["rule 'a.b': missing 'why'"]))
    "x.toml: rule 'a.b': missing 'why'"
    """

    def __init__(self, path: Path | None, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        prefix = f"{path}: " if path is not None else ""
        super().__init__("\n".join(prefix + p for p in problems))


class LazyPattern:
    """A rule's pattern that compiled before (the compiled-pattern cache holds it), compiled on first use.

    It stands for the ``regex.Pattern``: its text and flags are here, everything else is the compiled
    pattern's. A run that meets no page of a known site then never imports ``regex`` nor unpickles its
    rules' patterns: a fifth of the pre-commit hook's start-up.

    >>> p = LazyPattern(r"a+")
    >>> p.pattern, p.search("baa").group(), p == LazyPattern(r"a+")
    ('a+', 'aa', True)
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: regex.Pattern[str] | None = None

    def compiled(self) -> regex.Pattern[str]:
        """The compiled pattern (the same object as ``regex_cache.compiled`` gives)."""
        if self._compiled is None:
            self._compiled = compiled(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return bool(self.compiled() == other)

    def __hash__(self) -> int:
        return hash(self.compiled())

    def __repr__(self) -> str:
        return repr(self.compiled())

    def __reduce__(self) -> tuple[type[LazyPattern], tuple[str, int]]:
        return (LazyPattern, (self.pattern, self.flags))


@dataclass(frozen=True)
class Rule:
    """One compiled rule of a site."""

    id: str
    kind: str
    why: str
    patterns: tuple[regex.Pattern[str], ...]
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    max_lines: int = 0
    source: str = ""
    """The rule file it came from (named in errors)."""
    line_keys: frozenset[str] | None = None
    """For a rule of a learned file whose pattern is exactly the alternation of its examples' normalised
    lines (as `cleaner learn` writes it): those lines, matched by a lookup per line, not the pattern."""

    @property
    def pattern(self) -> regex.Pattern[str]:
        """The first (for most kinds the only) pattern."""
        return self.patterns[0]


@dataclass(frozen=True)
class SiteRules:
    """A site's identity and its compiled rules, in file order."""

    id: str
    name: str
    domains: tuple[str, ...]
    signatures: tuple[str, ...]
    min_signatures: int
    rules: tuple[Rule, ...]
    path: Path
    description: str = ""
    learned: bool = False
    """Written by ``cleaner learn`` (``learned = true`` in ``[site]``)."""
    learned_path: Path | None = None
    """The learned file whose rules follow this hand-written file's rules (see ``merge_learned``)."""

    def by_kind(self, kind: str) -> list[Rule]:
        """The rules of one kind, in file order."""
        return [r for r in self.rules if r.kind == kind]


@dataclass
class _Checker:
    problems: list[str] = field(default_factory=list)

    def compile(self, where: str, key: str, value: Any) -> regex.Pattern[str] | None:
        if not isinstance(value, str) or not value:
            self.problems.append(f"{where}: '{key}' must be a non-empty string")
            return None
        if holds(value):
            return cast("regex.Pattern[str]", LazyPattern(value))
        import regex

        try:
            return compiled(value)
        except regex.error as exc:
            self.problems.append(f"{where}: invalid regular expression in '{key}': {exc}")
        except (RecursionError, OverflowError, MemoryError):
            self.problems.append(f"{where}: regular expression in '{key}' is nested too deeply or too large")
        return None

    def text(self, where: str, key: str, value: Any, default: str) -> str:
        if value is None:
            return default
        if not isinstance(value, str):
            self.problems.append(f"{where}: '{key}' must be a string, not {_type(value)}")
            return default
        return value

    def count(self, where: str, key: str, value: Any, least: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            self.problems.append(f"{where}: '{key}' must be a whole number >= {least}, not {value!r}")
            return least
        return value

    def strings(self, where: str, key: str, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problems.append(f"{where}: '{key}' must be a list of strings, not {_type(value)}")
            return ()
        return tuple(value)


def load_rule_file(path: Path) -> SiteRules:
    """Read, validate and compile one rule file; raise RuleFileError listing every problem.

    >>> import tempfile, os
    >>> p = Path(tempfile.mkdtemp()) / "ex.toml"
    >>> _ = p.write_text('[site]\\nid = "ex.com"\\n[[rule]]\\nid = "ex.banner"\\n'
    ...                  'kind = "drop_line"\\npattern = "^Ad$"\\nwhy = "banner"\\n')
    >>> load_rule_file(p).rules[0].id
    'ex.banner'
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleFileError(path, [f"cannot read: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError:
        raise RuleFileError(path, ["not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(path, [f"not valid TOML: {exc}"]) from None
    except RecursionError:
        raise RuleFileError(path, ["not valid TOML: nested too deeply"]) from None
    return parse_rule_data(data, path)


def parse_rule_data(data: dict[str, Any], path: Path) -> SiteRules:
    """Validate and compile the parsed TOML of a rule file."""
    chk = _Checker()
    for key in sorted(set(data) - {"site", "rule"}):
        chk.problems.append(f"unknown top-level key '{key}' (expected [site] and [[rule]])")
    site = data.get("site")
    if not isinstance(site, dict):
        chk.problems.append("missing [site] table")
        site = {}
    for key in sorted(set(site) - SITE_KEYS):
        chk.problems.append(f"[site]: unknown key '{key}' (known: {', '.join(sorted(SITE_KEYS))})")
    if site.get("id") in (None, ""):
        chk.problems.append("[site]: missing 'id'")
    site_id = chk.text("[site]", "id", site.get("id"), "") or path.stem
    name = chk.text("[site]", "name", site.get("name"), site_id)
    description = chk.text("[site]", "description", site.get("description"), "")
    domains = chk.strings("[site]", "domains", site.get("domains"))
    signatures = chk.strings("[site]", "signatures", site.get("signatures"))
    min_sig = chk.count("[site]", "min_signatures", site.get("min_signatures", 1), 1)
    learned = site.get("learned", False)
    if not isinstance(learned, bool):
        chk.problems.append(f"[site]: 'learned' must be true or false, not {_type(learned)}")

    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        chk.problems.append("'rule' must be an array of tables ([[rule]])")
        raw_rules = []
    rules: list[Rule] = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_rules, 1):
        rule = _parse_rule(raw, n, chk, seen, path)
        if rule is not None:
            rules.append(rule)
    if chk.problems:
        raise RuleFileError(path, chk.problems)
    if learned is True:
        from cleaner.learning.normalise import lines_of_rule

        rules = [
            replace(r, line_keys=lines_of_rule(r.pattern.pattern, r.examples)) if r.kind in KEYED_KINDS else r
            for r in rules
        ]
    return SiteRules(
        id=site_id,
        name=name,
        domains=tuple(d.lower().lstrip(".") for d in domains),
        signatures=signatures,
        min_signatures=min_sig,
        rules=tuple(rules),
        path=path,
        description=description,
        learned=learned is True,
    )


def _parse_rule(raw: Any, n: int, chk: _Checker, seen: set[str], path: Path) -> Rule | None:
    if not isinstance(raw, dict):
        chk.problems.append(f"rule #{n}: must be a table")
        return None
    rid = raw.get("id")
    where = f"rule '{rid}'" if isinstance(rid, str) and rid else f"rule #{n}"
    before = len(chk.problems)
    for key in sorted(set(raw) - RULE_KEYS):
        chk.problems.append(f"{where}: unknown key '{key}' (known: {', '.join(sorted(RULE_KEYS))})")
    if rid is None:
        chk.problems.append(f"{where}: missing 'id'")
    elif not isinstance(rid, str) or not rid:
        chk.problems.append(f"{where}: 'id' must be a non-empty string, not {_type(rid)}")
    elif not ID_RE.match(rid):
        chk.problems.append(f"{where}: id must look like 'site.kebab-name' (lower case)")
    elif rid.startswith("generic."):
        chk.problems.append(f"{where}: ids starting 'generic.' belong to the generic heuristics; use the site's prefix")
    elif rid in seen:
        chk.problems.append(f"{where}: duplicate id")
    else:
        seen.add(rid)
    why = raw.get("why")
    if why is None:
        chk.problems.append(f"{where}: missing 'why' (a one-line reason)")
    elif not isinstance(why, str) or not why.strip():
        chk.problems.append(f"{where}: 'why' must be a one-line reason (a non-empty string), not {_type(why)}")
    kind = raw.get("kind")
    if kind is None:
        chk.problems.append(f"{where}: missing 'kind' (one of {', '.join(KINDS)})")
        return None
    if not isinstance(kind, str) or kind not in KINDS:
        chk.problems.append(f"{where}: 'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
        return None
    patterns = []
    for key in KINDS[kind]:
        if key not in raw:
            chk.problems.append(f"{where}: kind {kind} needs '{key}'")
            continue
        pat = chk.compile(where, key, raw[key])
        if pat is not None:
            patterns.append(pat)
    for key in {"pattern", "start", "end"} - set(KINDS[kind]):
        if key in raw:
            chk.problems.append(f"{where}: kind {kind} takes no '{key}'")
    max_lines = chk.count(where, "max_lines", raw.get("max_lines", 0), 0)
    examples = chk.strings(where, "examples", raw.get("examples"))
    counter = chk.strings(where, "counterexamples", raw.get("counterexamples"))
    if len(chk.problems) > before:
        return None
    return Rule(
        id=str(rid),
        kind=kind,
        why=str(why).strip(),
        patterns=tuple(patterns),
        examples=examples,
        counterexamples=counter,
        max_lines=int(max_lines),
        source=str(path),
    )


def _type(value: Any) -> str:
    """A TOML-ish name for a value's type, for error messages.

    >>> _type(3), _type([1]), _type("x")
    ('a number', 'an array', 'a string')
    """
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array"}
    return names.get(type(value), "a table" if isinstance(value, dict) else type(value).__name__)


KEYED_KINDS = ("drop_line", "drop_from", "drop_before")
"""Kinds whose learned rules may be matched by their lines' keys (see ``Rule.line_keys``)."""


def site_rule_files(dirs: Iterable[Path]) -> list[Path]:
    """Every ``*.toml`` rule file of the ``sites/`` folders (or the folders themselves)."""
    files: list[Path] = []
    for d in dirs:
        base = d / "sites" if (d / "sites").is_dir() else d
        files.extend(sorted(base.glob("*.toml")))
    return files


def load_sites(dirs: Iterable[Path]) -> list[SiteRules]:
    """Load every site file; all problems of all files are raised together."""
    sites: list[SiteRules] = []
    errors: list[str] = []
    owner: dict[str, Path] = {}
    rule_owner: dict[str, Path] = {}
    for path in site_rule_files(dirs):
        try:
            site = load_rule_file(path)
        except RuleFileError as exc:
            errors.append(str(exc))
            continue
        clash = [r.id for r in site.rules if r.id in rule_owner]
        if clash:
            errors.append(f"{path}: rule '{clash[0]}': duplicate id (also in {rule_owner[clash[0]]})")
            continue
        if site.id in owner:
            at = next(i for i, s in enumerate(sites) if s.id == site.id)
            merged = merge_learned(sites[at], site)
            if merged is None:
                errors.append(f"{path}: site id '{site.id}' is also defined in {owner[site.id]}")
                continue
            sites[at] = merged
        else:
            owner[site.id] = path
            sites.append(site)
        rule_owner.update({r.id: path for r in site.rules})
    if errors:
        raise RuleFileError(None, errors)
    return sites


def merge_learned(a: SiteRules, b: SiteRules) -> SiteRules | None:
    """One site from a hand-written file and a learned file of the same id; None unless exactly one is learned.

    The hand-written rules come first: they run first, so they win where both apply (a line
    they take or protect is not the learned rules' to take).

    >>> hand = SiteRules("ex.com", "Ex", ("ex.com",), ("Ex Ltd",), 1, (), Path("ex.toml"))
    >>> learned = SiteRules("ex.com", "ex.com", ("ex.com", "www.ex.com"), (), 1, (), Path("l/ex.toml"), learned=True)
    >>> m = merge_learned(learned, hand)
    >>> m.path.name, m.domains, m.learned_path
    ('ex.toml', ('ex.com', 'www.ex.com'), PosixPath('l/ex.toml'))
    >>> merge_learned(hand, hand) is None
    True
    """
    if a.learned == b.learned:
        return None
    hand, learned = (b, a) if a.learned else (a, b)
    return replace(
        hand,
        domains=hand.domains + tuple(d for d in learned.domains if d not in hand.domains),
        rules=hand.rules + learned.rules,
        learned_path=learned.path,
    )
