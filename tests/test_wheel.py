"""A built wheel needs no Rust: build it, install it into a fresh virtualenv, and clean the bundled examples
with no ``cargo`` or ``rustc`` on PATH; the output must equal the golden files byte for byte.

Slow (a release build, which reuses ``target/``, and a ``pip install`` of the wheel's dependencies).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BUILD_TIMEOUT = 1800
"""Not a timing assertion: a build or an install that runs this long has hung."""


def _run(args: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False
    )
    said = (done.stdout + "\n" + done.stderr)[-4000:]
    assert done.returncode == 0, f"{' '.join(map(str, args))} failed ({done.returncode}):\n{said}"
    return done


def _without_rust(path: str) -> str:
    """PATH less every folder that holds ``cargo`` or ``rustc``."""
    folders = [d for d in path.split(os.pathsep) if d]
    return os.pathsep.join(d for d in folders if not any((Path(d) / tool).exists() for tool in ("cargo", "rustc")))


def _golden_output(example: Path) -> Path:
    """The hand-cleaned output of the golden case whose input is this example (examples/ are the seeds)."""
    data = example.read_bytes()
    inputs = [p for p in sorted(ROOT.glob("golden/*/*.in.txt")) if p.read_bytes() == data]
    assert inputs, f"{example.name} is no golden case's input"
    return inputs[0].with_name(inputs[0].name.replace(".in.txt", ".out.txt"))


def test_the_wheel_installs_and_cleans_the_examples_without_a_rust_toolchain(tmp_path: Path) -> None:
    if find_spec("maturin") is None:
        pytest.skip("maturin is not installed (it comes with the dev extra): no wheel can be built")
    if shutil.which("cargo") is None:
        pytest.skip("no Rust toolchain (cargo) on PATH: no wheel can be built")
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "maturin", "build", "--release", "-o", dist], cwd=ROOT)
    wheels = sorted(dist.glob("cleaner-*.whl"))
    assert len(wheels) == 1, wheels

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = os.pathsep.join([str(bin_dir), _without_rust(env.get("PATH", ""))])
    assert shutil.which("cargo", path=env["PATH"]) is None and shutil.which("rustc", path=env["PATH"]) is None
    _run([bin_dir / "python", "-m", "pip", "install", "-q", wheels[0]], cwd=tmp_path, env=env)

    # The installed package, not the source tree, is what runs: its compiled engine and shipped rule files.
    where = _run(
        [bin_dir / "python", "-c", "import cleaner, cleaner._core as c; print(cleaner.__file__); print(c.__file__)"],
        cwd=tmp_path,
        env=env,
    ).stdout.split()
    assert all(Path(p).resolve().is_relative_to(venv.resolve()) for p in where), where

    # README's first command, from the repository's root as there.
    out = tmp_path / "cleaned"
    _run([bin_dir / "cleaner", "clean", "examples/", "-o", out], cwd=ROOT, env=env)
    examples = sorted(p.name for p in EXAMPLES.glob("*.txt"))
    assert examples and sorted(p.name for p in out.iterdir()) == examples
    for name in examples:
        expected = _golden_output(EXAMPLES / name)
        assert (out / name).read_bytes() == expected.read_bytes(), f"{name} differs from {expected}"
