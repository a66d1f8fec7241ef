"""Every example of the README, run as a new user would run it, in a folder holding the files it names.

The examples are read from README.md itself, so an edit there is tested here. Each code block is either
run (shell lines one by one through bash with ``cleaner`` on PATH, Python blocks through the interpreter)
or listed in NOT_RUN with the reason; a block that is neither fails the first test, so a new example
cannot go untested by accident. The extras' examples need the extras installed (``.ci/run`` installs them
all): an example whose extra is missing fails here, which is the point (a README example that stops with
an ImportError after the install line it gives is a bug).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
SHARED = REPO.parent / "shared"
TIMEOUT = 300
"""Not a timing assertion: an example that runs this long has hung."""


@dataclass(frozen=True)
class Block:
    """A fenced code block of the README: its language, text, the heading above it and its first line."""

    lang: str
    text: str
    heading: str
    line: int

    @property
    def name(self) -> str:
        return f"{self.heading.lstrip('# ')}:{self.line}"


def readme_blocks() -> list[Block]:
    """Every fenced code block of README.md, in order.

    >>> blocks = readme_blocks()
    >>> blocks[0].lang, blocks[0].heading
    ('sh', '# cleaner')
    """
    blocks, heading, lang, start, body = [], "", None, 0, []
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), start=1):
        if lang is None and line.startswith("#"):
            heading = line
        elif line.startswith("```"):
            if lang is None:
                lang, start, body = line[3:].strip(), number + 1, []
            else:
                blocks.append(Block(lang, "\n".join(body) + "\n", heading, start))
                lang = None
        elif lang is not None:
            body.append(line)
    return blocks


NOT_RUN = {
    "repo: https://github.com/OWNER/cleaner": "tests/test_precommit.py runs the hook with the real pre-commit",
    "repo: local": "tests/test_precommit.py runs this language: system hook with the real pre-commit",
    "maturin build --release -o wheelhouse": "builds wheels and downloads every dependency (tests/test_wheel.py)",
    "--no-index --find-links /path/wheelhouse": "needs the wheelhouse of the block above, on an offline machine",
    "PIP_NO_INDEX=1 PIP_FIND_LINKS=/path/wheelhouse": "needs a wheelhouse and a pre-commit repository",
    "--baseline identity,c4,justext": "scores the dev sets with the bench extra's jusText; .ci/run runs the "
    "quality gate (`cleaner eval --floors`) itself and bench/ has its own runs",
}
"""Blocks not run here, each found by a piece of its text, with the reason."""

SKIPPED_LINES = {
    "bash .ci/run": "CI itself: it runs this test",
    "--scheduler tcp://10.0.0.5:8786": "the address of a cluster the user runs; the line above runs the same on a "
    "LocalCluster",
    "python3 -m venv .venv && .venv/bin/pip install -e .": "installing: the test runs in an installed environment",
}
"""Single lines of a block that is run, left out with the reason (the rest of their line is run when given)."""


def _reason(block: Block) -> str | None:
    found = [why for key, why in NOT_RUN.items() if key in block.text]
    assert len(found) <= 1, f"README {block.name}: more than one NOT_RUN key matches"
    return found[0] if found else None


RUN = [b for b in readme_blocks() if _reason(b) is None]


def test_every_readme_example_is_run_here_or_says_why_not() -> None:
    blocks = readme_blocks()
    assert len(blocks) >= 15
    for block in blocks:
        reason = _reason(block)
        if reason is None:
            assert block.lang in ("sh", "python", "toml"), f"README {block.name}: no way to run a {block.lang} block"
    used = {key for key in NOT_RUN if any(key in b.text for b in blocks)}
    assert used == set(NOT_RUN), f"NOT_RUN keys no README block has: {set(NOT_RUN) - used}"
    lines = {key for key in SKIPPED_LINES if any(key in b.text for b in RUN)}
    assert lines == set(SKIPPED_LINES), f"SKIPPED_LINES keys no README line has: {set(SKIPPED_LINES) - lines}"
    assert any("--report report.html" in b.text for b in RUN)


# The folder an example runs in: the files it names, made from the bundled examples.

EXAMPLES = sorted((REPO / "examples").glob("*.txt"))
PAGE_HTML = """<html><head><title>Rain at last</title>
<link rel="canonical" href="https://news.example.org/rain"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Rain at last</h1>
<p>The drought ended on Monday when rain fell across the region for the first time in four months.</p>
<p>Farmers said the rain came just in time for the spring planting season, and reservoirs began to fill.</p>
<p>Advertisement</p><p>The weather service expects more rain later this week, with storms in the north.</p>
</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>
"""


def _records() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i, path in enumerate(EXAMPLES):
        text = path.read_text(encoding="utf-8")
        out.append({"id": i, "doc_id": f"d{i}", "url": f"https://example.org/{i}", "text": text, "body": text})
    return out


def make_workspace(root: Path, corpus_folder: str) -> None:
    """Files every README example names: page.txt, dumps/, corpus.jsonl(.gz), shards/, pages/, corpus/ ..."""
    (root / ".git").mkdir(parents=True)  # the project root: a config walk stops here
    shutil.copytree(REPO / "examples", root / "examples")
    shutil.copyfile(EXAMPLES[0], root / "page.txt")
    for sub in ("dumps", "dumps/investing", "dumps/wion", "dumps/raw", "cleaner-rules", "my-rules"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(EXAMPLES):
        shutil.copyfile(path, root / "dumps" / path.name)
        if i == 0:
            shutil.copyfile(path, root / "dumps" / "investing" / path.name)
        if i == 1:
            shutil.copyfile(path, root / "dumps" / "wion" / path.name)
    records = _records()
    jsonl = "".join(json.dumps(r) + "\n" for r in records)
    (root / "corpus.jsonl").write_text(jsonl, encoding="utf-8")
    (root / "corpus.jsonl.gz").write_bytes(gzip.compress(jsonl.encode()))
    (root / "shards").mkdir()
    for k in range(2):
        (root / "shards" / f"shard-{k}.jsonl").write_text(jsonl, encoding="utf-8")
    (root / "page.html").write_text(PAGE_HTML, encoding="utf-8")
    (root / "pages").mkdir()
    (root / "pages" / "page.html").write_text(PAGE_HTML, encoding="utf-8")
    (root / "corpus").mkdir()
    if corpus_folder == "jsonl":
        (root / "corpus" / "part-0.jsonl").write_text(jsonl, encoding="utf-8")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return  # the examples that read Parquet fail then, naming the extra to install
    table = pa.table({"id": [r["id"] for r in records], "text": [r["text"] for r in records]})
    pq.write_table(table, root / "corpus.parquet")
    if corpus_folder == "parquet":
        pq.write_table(table, root / "corpus" / "part-0.parquet")


def _env(root: Path) -> dict[str, str]:
    bin_dir = root.parent / f"{root.name}-bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "cleaner"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cleaner "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONIOENCODING": "utf-8",
        # Hugging Face datasets: everything is local; nothing may be looked up on the hub.
        "HF_HOME": str(root.parent / f"{root.name}-hf"),
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
    }


def shell_lines(text: str) -> list[str]:
    """A shell block's commands: continuation lines joined, comments and ``pip install`` steps left out.

    >>> shell_lines("# hi\\ncleaner clean a \\\\\\n    -o b   # note\\npip install 'cleaner[x]' && cleaner sites\\n")
    ['cleaner clean a  -o b   # note', 'cleaner sites']
    """
    joined = re.sub(r"\\\n\s*", " ", text)
    out = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        steps = [s.strip() for s in line.split(" && ")]
        steps = [s for s in steps if not re.match(r"(python -m )?pip install\b", s)]
        if steps:
            out.append(" && ".join(steps))
    return out


def _run_line(line: str, root: Path) -> None:
    for key, why in SKIPPED_LINES.items():
        if key in line:
            rest = line.split(" && ")[-1]
            if key in rest:
                print(f"not run: {line} ({why})")
                return
            line = rest.replace(".venv/bin/cleaner", "cleaner")
    line = line.replace("../shared/", f"{SHARED}/")
    done = subprocess.run(
        ["bash", "-c", line], cwd=root, env=_env(root), capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    allowed = {0, 1} if re.search(r"--check|--diff", line) else {0}
    what = f"README line `{line}`:\nexit {done.returncode}\n{done.stderr[-3000:]}"
    assert done.returncode in allowed, what
    assert "Traceback" not in done.stderr and "error:" not in done.stderr, what


@pytest.mark.parametrize("block", [b for b in RUN if b.lang == "sh"], ids=lambda b: b.name)
def test_shell_example(block: Block, tmp_path: Path) -> None:
    root = tmp_path / "work"
    make_workspace(root, corpus_folder="jsonl")
    lines = shell_lines(block.text)
    assert lines, block.name
    for line in lines:
        _run_line(line, root)
    if "--report report.html" in block.text:
        assert (root / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    if "cleaner clean examples/ -o cleaned/ --report report.html --summary-json summary.json" in block.text:
        summary = json.loads((root / "summary.json").read_text(encoding="utf-8"))
        assert summary["totals"]["documents"] == len(EXAMPLES) and summary["rules"]
    if "cleaner clean dumps/ -o cleaned/" in block.text:
        assert sorted(p.name for p in (root / "cleaned").glob("*.txt")) == sorted(p.name for p in EXAMPLES)


PRELUDE = {
    "cleaner.clean(text": 'text = open("page.txt", encoding="utf-8").read()\nurl = "https://www.investing.com/news/x"\n',
}
"""What a Python example takes as given (``text`` and ``url`` in the API example)."""


@pytest.mark.parametrize("block", [b for b in RUN if b.lang == "python"], ids=lambda b: b.name)
def test_python_example(block: Block, tmp_path: Path) -> None:
    root = tmp_path / "work"
    make_workspace(root, corpus_folder="parquet" if "read_parquet" in block.text else "jsonl")
    prelude = "".join(code for key, code in PRELUDE.items() if key in block.text)
    script = root / "readme_example.py"  # as a user saves and runs it
    script.write_text(prelude + block.text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, script.name],
        cwd=root,
        env=_env(root),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"README {block.name}:\n{done.stderr[-4000:]}"
    if "JsonlWriter" in block.text:
        import cleaner

        shards = sorted((root / "cleaned").glob("*.jsonl.gz"))
        written = [json.loads(line) for f in shards for line in gzip.decompress(f.read_bytes()).splitlines()]
        c = cleaner.Cleaner()
        expected = {r["doc_id"]: c.clean(str(r["text"]), url=str(r["url"])).text for r in _records()}
        assert {r["metadata"]["doc_id"]: r["text"] for r in written} == expected
        assert any("cleaner_byline" in r["metadata"] for r in written)  # keep_metadata=True
    if "to_textfiles" in block.text:
        assert sorted((root / "cleaned").glob("*.jsonl")) and sorted((root / "cleaned").glob("*.parquet"))


@pytest.mark.parametrize("block", [b for b in RUN if b.lang == "toml"], ids=lambda b: b.name)
def test_config_example(block: Block, tmp_path: Path) -> None:
    """The configuration example, as a project's pyproject.toml: accepted, and its settings take effect."""
    root = tmp_path / "work"
    make_workspace(root, corpus_folder="jsonl")
    (root / "pyproject.toml").write_text(block.text, encoding="utf-8")
    (root / "dumps" / "raw" / "skip-me.txt").write_text("Headline\n\nAdvertisement\n\nThe story.\n", encoding="utf-8")
    done = subprocess.run(
        ["bash", "-c", "cleaner clean dumps/ --check"],
        cwd=root,
        env=_env(root),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "error" not in done.stderr and "would clean dumps/investing/" in done.stderr
    assert "dumps/raw/skip-me.txt" not in done.stderr  # the config's exclude


def test_every_picture_the_readme_shows_is_in_the_repository() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README.read_text(encoding="utf-8"))
    assert "docs/report.png" in pictures
    for picture in pictures:
        data = (REPO / picture).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 400_000, picture  # a PNG, small enough for a repo
