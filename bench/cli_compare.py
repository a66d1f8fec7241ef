"""Two trees' ``cleaner clean`` runs compared: output folders, stdout, stderr, exit codes, summary JSON.

For a change meant to keep the command line's behaviour byte for byte (``equivalence.py`` compares the
cleaned texts only). Each case runs the ``cleaner clean`` of ``--base`` then of ``--tree`` on a fresh
copy of its input at the same path, and compares what each left: every file of the output (and, in
place, of the input) folder with its bytes and permission bits, stdout, stderr (a traceback by its last
line, temporary file names masked), the exit code and ``--summary-json`` (its clock fields masked).

Inputs: the six dev input folders, the seeds, ``golden/``'s inputs and made-up variants of 40 dev
dumps (newlines, byte-order marks, encodings, NUL and bad bytes, ``# url:`` lines, permission bits,
symlinks, empty files); with ``--hostile``, also files the process may not read, an output folder it
may not write and a full file system (a 200 kB tmpfs: needs root). The runs drop the capabilities that
let root read and write past permission bits, so that "permission denied" happens.

    python bench/cli_compare.py --base /work/main --tree . --shared ../shared [--hostile] [--quick]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path("/tmp/cli-compare")
CASES: list[tuple[str, list[str]]] = [
    ("o-j1", ["-o", "{out}", "--jobs", "1"]),
    ("o-j2", ["-o", "{out}", "--jobs", "2"]),
    ("o-j2-proc", ["-o", "{out}", "--jobs", "2", "--processes"]),
    ("o-json", ["-o", "{out}", "--jobs", "2", "--summary-json", "{json}"]),
    ("o-maxbytes", ["-o", "{out}", "--max-bytes", "6k"]),
    ("check", ["--check"]),
    ("check-j2-q", ["--check", "-q", "--jobs", "2"]),
    ("inplace-j1", ["--in-place"]),
    ("inplace-j2", ["--in-place", "--jobs", "2"]),
]
DROP_CAPS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]


def variants(dumps: list[Path], folder: Path) -> None:
    """Made-up variants of ``dumps`` in ``folder``: the forms a dump may take that the fast paths must get right."""
    folder.mkdir(parents=True)
    for i, src in enumerate(dumps):
        raw = src.read_bytes()
        text = raw.decode("utf-8")
        forms = {
            "lf": raw,
            "crlf": raw.replace(b"\n", b"\r\n"),
            "cr": raw.replace(b"\n", b"\r"),
            "mixed": raw.replace(b"\n", b"\r\n", 3),
            "bom": b"\xef\xbb\xbf" + raw,
            "bomcrlf": b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"),
            "twobom": b"\xef\xbb\xbf\xef\xbb\xbf" + raw,
            "utf16": text.encode("utf-16"),
            "cp1252": text.encode("cp1252", errors="replace"),
            "nul": raw[:50] + b"\x00" + raw[50:],
            "badutf8": raw + b"\xff\n",
            "url": b"# url: https://www.wionews.com/world/story-" + str(i).encode() + b"\n" + raw,
            "hash": b"# notes\n" + raw,
            "noeol": raw.rstrip(b"\n"),
        }
        for name, data in forms.items():
            (folder / f"v{i:02d}-{name}.txt").write_bytes(data)
        if i % 5 == 0:
            ro = folder / f"v{i:02d}-readonly.txt"
            ro.write_bytes(raw)
            ro.chmod(0o444)
            ex = folder / f"v{i:02d}-exec.txt"
            ex.write_bytes(raw)
            ex.chmod(0o750)
            sub = folder / f"sub{i:02d}" / "deeper"
            sub.mkdir(parents=True)
            (sub / f"v{i:02d}.txt").write_bytes(raw)
            os.symlink(f"v{i:02d}-lf.txt", folder / f"v{i:02d}-link.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bomonly.txt").write_bytes(b"\xef\xbb\xbf")
    (folder / "blank.txt").write_bytes(b"\n\n\n")
    os.symlink("no-such-file.txt", folder / "dangling.txt")


def hostile(dumps: list[Path], folder: Path) -> None:
    """Files the run may not read (mode 000), among readable ones."""
    folder.mkdir(parents=True)
    for i, src in enumerate(dumps[:12]):
        target = folder / f"h{i:02d}.txt"
        target.write_bytes(src.read_bytes())
        if i % 4 == 1:
            target.chmod(0o000)


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every entry under ``folder``: a file's hash and bits, a symlink's target, a folder's bits."""
    out: dict[str, tuple[str, int]] = {}
    if not folder.exists():
        return out
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in sorted(dirnames + filenames):
            p = Path(dirpath) / name
            rel = str(p.relative_to(folder))
            st = p.lstat()
            if p.is_symlink():
                out[rel] = ("->" + os.readlink(p), 0)
            elif p.is_dir():
                out[rel] = ("dir", st.st_mode & 0o7777)
            else:
                out[rel] = (hashlib.sha256(p.read_bytes()).hexdigest()[:16], st.st_mode & 0o7777)
    return out


_TMP = re.compile(r"\.[0-9a-f]{12}\.tmp")


def stderr_of(text: str) -> str:
    if "Traceback (most recent call last)" in text:
        head = text.split("Traceback (most recent call last)")[0]
        return _TMP.sub(".X.tmp", head + "TRACEBACK " + text.strip().splitlines()[-1])
    return _TMP.sub(".X.tmp", text)


def json_of(path: Path) -> object:
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    for key in ("started", "seconds"):
        data.get("run", {}).pop(key, None)
    return data


def run_case(tree: Path, src: Path, args: list[str], inplace: bool, caps: bool, outdir: Path) -> dict[str, object]:
    work = ROOT / "work"
    if work.exists():
        subprocess.run(["chmod", "-R", "u+rwX", str(work)], check=False)
        shutil.rmtree(work)
    work.mkdir(parents=True)
    data = work / "in"
    shutil.copytree(src, data, symlinks=True)
    out, js = outdir, work / "summary.json"
    argv = [a.format(out=out, json=js) for a in args]
    env = dict(os.environ, PYTHONPATH=str(tree))
    env.pop("COLUMNS", None)
    cmd = [sys.executable, "-m", "cleaner", "clean", str(data), *argv]
    done = subprocess.run((DROP_CAPS if caps else []) + cmd, cwd=work, env=env, capture_output=True, text=True)
    result = {
        "rc": done.returncode,
        "stdout": done.stdout,
        "stderr": stderr_of(done.stderr),
        "out": snapshot(out),
        "json": json_of(js),
    }
    if inplace:
        result["in"] = snapshot(data)
    if out.exists() and out != ROOT / "denied":  # the read-only output folder itself stays
        subprocess.run(["chmod", "-R", "u+rwX", str(out)], check=False)
        shutil.rmtree(out)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--tree", type=Path, required=True)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--hostile", action="store_true", help="unreadable files, unwritable output, full disk")
    ap.add_argument("--quick", action="store_true", help="only the variants, the seeds and golden/")
    a = ap.parse_args()
    base, tree = a.base.resolve(), a.tree.resolve()
    if ROOT.exists():
        subprocess.run(["chmod", "-R", "u+rwX", str(ROOT)], check=False)
        shutil.rmtree(ROOT)
    inputs = ROOT / "inputs"
    evals = sorted(a.shared.glob("eval/*-dev/*/input"))
    dumps = [sorted(f.glob("*.txt"))[k] for f in evals for k in range(0, 35, 5)][:40]
    variants(dumps, inputs / "variants")
    shutil.copytree(a.shared / "seeds", inputs / "seeds")
    golden = inputs / "golden"
    for f in sorted((tree / "golden").glob("*/*.in.txt")):
        (golden / f.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(f, golden / f.parent.name / f.name)
    sets: list[Path] = [inputs / "variants", inputs / "seeds", golden]
    if not a.quick:
        sets += evals
    runs: list[tuple[Path, str, list[str], bool, Path]] = []
    out = ROOT / "work-out"
    for src in sets:
        for name, args in CASES:
            runs.append((src, name, args, name.startswith("inplace"), out))
    if a.hostile:
        hostile(dumps, inputs / "hostile")
        for name, args in CASES:
            runs.append((inputs / "hostile", name, args, name.startswith("inplace"), out))
        denied = ROOT / "denied"
        denied.mkdir()
        denied.chmod(0o555)
        runs.append((inputs / "seeds", "o-denied", ["-o", "{out}"], False, denied / "out"))
        runs.append((inputs / "seeds", "o-denied-folder", ["-o", "{out}"], False, denied))
        full = ROOT / "full"
        full.mkdir()
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(full)]).returncode == 0:
            for src in evals[:2]:
                runs.append((src, "o-full", ["-o", "{out}", "--jobs", "1", "-q"], False, full / "out"))
    differ = 0
    for src, name, args, inplace, outdir in runs:
        got = [run_case(t, src, args, inplace, True, outdir) for t in (base, tree)]
        same = got[0] == got[1]
        differ += not same
        files = len(got[1]["out"]) + len(got[1].get("in", {}))  # type: ignore[arg-type]
        where = src.relative_to(src.parents[2])
        print(f"{'same ' if same else 'DIFFER'} {where} {name}: rc {got[1]['rc']}, {files} entries")
        if not same:
            for key in got[0]:
                if got[0][key] != got[1][key]:
                    print(f"   {key}: base {str(got[0][key])[:600]!r}\n   {key}: tree {str(got[1][key])[:600]!r}")
    if a.hostile:
        subprocess.run(["umount", str(ROOT / "full")], check=False)
    print(f"{len(runs)} runs, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
