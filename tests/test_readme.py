"""The README's query snippets run against a freshly written dataset, so they cannot rot."""

from __future__ import annotations

import re

import pytest

from flows.process_articles import process_articles

from .conftest import REPO

SNIPPETS = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(), re.DOTALL)


def test_readme_has_a_snippet_per_reader():
    joined = "\n".join(SNIPPETS)
    for reader in ("import duckdb", "import pandas", "import polars", "import pyarrow"):
        assert reader in joined


@pytest.fixture(scope="module")
def dataset_in_cwd(prefect_harness, tmp_path_factory, request):
    import shutil

    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(REPO / "data" / "raw", work / "data" / "raw")
    process_articles(raw=str(work / "data" / "raw"), out=str(work / "data" / "processed"))
    return work


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.split("\n")[0] for s in SNIPPETS])
def test_readme_snippet_runs(snippet, dataset_in_cwd, monkeypatch, capsys):
    monkeypatch.chdir(dataset_in_cwd)
    exec(compile(snippet, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert printed.strip() or "assert" in snippet
