"""The Dask engine on a real LocalCluster (two worker processes), and the bag / dataframe entry points."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from subprocess import CompletedProcess

import pytest

distributed = pytest.importorskip("distributed")

from cleaner import Cleaner  # noqa: E402
from cleaner.batch import Mode, Options  # noqa: E402
from cleaner.engines.dask import clean_bag, clean_column, run_dask  # noqa: E402
from cleaner.formats.records import RecordOptions  # noqa: E402

Cli = Callable[..., CompletedProcess[bytes]]

STORY = (
    "Ferry {n} delayed\n\nAdvertisement\n\n"
    "The ferry left {n} hours late because of fog in the strait, the operator said.\n"
)


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def _shards(root: Path) -> None:
    root.mkdir()
    for s in range(4):
        lines = [json.dumps({"id": f"{s}-{i}", "text": STORY.format(n=i)}) for i in range(50)]
        if s == 2:
            lines.insert(3, "{broken")
        (root / f"shard-{s}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_cli_dask_engine_on_a_local_cluster_matches_one_process(tmp_path: Path, cli: Cli) -> None:
    _shards(tmp_path / "shards")
    local = cli("clean", tmp_path / "shards", "--include", "*.jsonl", "-o", tmp_path / "local", "--jobs", "1")
    dask = cli("clean", str(tmp_path / "shards" / "*.jsonl"), "-o", tmp_path / "dask", "--engine", "dask", "-j", "2")
    assert local.returncode == dask.returncode == 2, (local.stderr, dask.stderr)  # the broken line
    names = sorted(p.name for p in (tmp_path / "dask").iterdir())
    assert names == [f"shard-{s}.jsonl" for s in range(4)]
    for name in names:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    assert b"shard-2.jsonl:4: malformed JSON" in dask.stderr
    assert b"200 documents (200 changed, 1 malformed JSON line)" in dask.stderr


def test_run_dask_on_an_existing_scheduler_address(tmp_path: Path, client: object) -> None:
    _shards(tmp_path / "shards")
    messages: list[str] = []
    opts = Options(mode=Mode.OUTDIR, outdir=tmp_path / "out", include=("*.jsonl",), quiet=True)
    report = run_dask(Cleaner(), [tmp_path / "shards"], opts, client.scheduler.address, messages.append)  # type: ignore[attr-defined]
    assert report.documents == 200 and report.malformed == 1
    rec = json.loads((tmp_path / "out" / "shard-0.jsonl").read_text().splitlines()[7])
    assert rec == {
        "id": "0-7",
        "text": "Ferry 7 delayed\n\nThe ferry left 7 hours late because of fog in the strait, the operator said.\n",
    }


def test_clean_bag_of_texts_and_of_records(client: object) -> None:
    import dask.bag as db

    texts = [STORY.format(n=i) for i in range(30)]
    cleaner = Cleaner()
    assert clean_bag(db.from_sequence(texts, npartitions=4)).compute() == [cleaner(t) for t in texts]
    records = [{"doc": i, "body": t} for i, t in enumerate(texts)]
    got = clean_bag(db.from_sequence(records, npartitions=3), opts=RecordOptions(text_field="body")).compute()
    assert got == [{"doc": i, "body": cleaner(t)} for i, t in enumerate(texts)]


def test_clean_column_of_a_dataframe(client: object) -> None:
    import dask.dataframe as dd
    import pandas as pd

    pdf = pd.DataFrame({"id": range(20), "text": [STORY.format(n=i) if i != 5 else None for i in range(20)]})
    got = clean_column(dd.from_pandas(pdf, npartitions=3)).compute()
    assert got["id"].tolist() == list(range(20))
    assert (
        got["text"][0]
        == "Ferry 0 delayed\n\nThe ferry left 0 hours late because of fog in the strait, the operator said.\n"
    )
    assert pd.isna(got["text"][5])
