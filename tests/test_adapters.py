"""Corpus-tool adapters, each tested where its extra is installed: datatrove, Hugging Face datasets."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from cleaner import Cleaner

STORY = (
    "Ferry {n} delayed\nBy Ana Ruiz\n\nAdvertisement\n\n"
    "The ferry left {n} hours late because of fog, the operator said.\n"
)


def test_datatrove_step_cleans_documents_in_a_local_pipeline(tmp_path: Path, site_rules: Path) -> None:
    pytest.importorskip("datatrove")
    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor

    from cleaner.adapters.datatrove import CleanerFormatter

    docs = [Document(text=STORY.format(n=i), id=str(i), metadata={"url": "https://x.org/a"}) for i in range(5)]
    footer = "Tide\n\nThe tide rose over the quay on Sunday, the harbour master said.\nMore from the Gazette\nBoats\n"
    docs.append(Document(text=footer, id="site", metadata={"url": "https://harbour.example/tide"}))
    seen: list[Document] = []

    def collect(data: list[Document], rank: int = 0, world_size: int = 1) -> list[Document]:
        seen.extend(data)
        return seen

    step = CleanerFormatter(rules_dirs=[site_rules], keep_metadata=True)
    LocalPipelineExecutor(pipeline=[docs, step, collect], logging_dir=str(tmp_path / "logs"), tasks=1).run()
    assert [d.text for d in seen[:5]] == [Cleaner()(STORY.format(n=i)) for i in range(5)]
    assert "Advertisement" not in seen[0].text
    assert seen[0].metadata["cleaner_byline"] == "Ana Ruiz"
    assert seen[5].text == "Tide\n\nThe tide rose over the quay on Sunday, the harbour master said.\n"
    assert pickle.loads(pickle.dumps(step)).format(STORY.format(n=1)) == seen[1].text


def test_hugging_face_datasets_map_recipe(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_dict({"id": list(range(40)), "text": [STORY.format(n=i) for i in range(40)]})
    cleaner = Cleaner()

    # The README recipe: a batched map, with worker processes (the Cleaner pickles).
    def clean_batch(batch: dict[str, list[str]]) -> dict[str, list[str]]:
        return {"text": [cleaner(t) for t in batch["text"]]}

    out = ds.map(clean_batch, batched=True, num_proc=2, cache_file_name=str(tmp_path / "cache.arrow"))
    assert out["id"] == list(range(40))
    assert out["text"] == [cleaner(STORY.format(n=i)) for i in range(40)]
    assert "Advertisement" not in out["text"][3]
