"""Shared fixtures. Prefect's settings are read at import time, so the offline defaults go first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.runtime import apply_offline_defaults

apply_offline_defaults()

REPO = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO / "data" / "raw"
SAMPLE_NAMES = sorted(p.name for p in SAMPLES_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for the whole session: starting one costs several seconds."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def raw_samples(tmp_path: Path) -> Path:
    """A private copy of the sample articles, so a test can add, change or break inputs."""
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLES_DIR, raw)
    return raw


@pytest.fixture(scope="session")
def sample_documents():
    """The three samples through read -> clean -> segment -> tag, as plain functions."""
    from tasks.clean import clean_documents
    from tasks.read import discover_inputs, read_documents
    from tasks.segment import segment_documents
    from tasks.tag import tag_documents

    docs = read_documents(discover_inputs(SAMPLES_DIR), SAMPLES_DIR)
    return tag_documents(segment_documents(clean_documents(docs)))
