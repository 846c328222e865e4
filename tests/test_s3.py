"""Inputs and outputs on object storage: the real CLI against an S3 server (moto) on loopback.

The same corpus under a local folder and under s3:// must give the same rows; a rerun writes
nothing; a run killed on S3 leaves no torn table and the next run recovers; Dask workers reach
the bucket on their own; the lock object refuses a second run.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pytest
from moto.server import ThreadedMotoServer
from pyarrow import fs as pafs

from flows.process_articles import process_articles
from tasks.schema import TABLES
from tasks.storage import open_storage
from tasks.store import STATE_DIR, ObjectStoreLock, OutputLocked, RunLock

from . import readers
from .conftest import REPO, SAMPLES_DIR

pytestmark = pytest.mark.s3

BUCKET = "newsprep-test"
# moto accepts any credentials; these only prove they travel through the environment.
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
               "AWS_DEFAULT_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"}
HTML_PAGE = b"""<!DOCTYPE html><html><head><title>Port Reopens After Storm</title></head><body>
<nav>Home | World | Business</nav><article><h1>Port Reopens After Storm</h1>
<p>The port of Example City reopened on Tuesday, three days after the storm closed it.</p>
<p>"We are back to normal," the harbour master, Ana Silva, told reporters.</p></article>
<footer>Copyright Example News</footer></body></html>"""


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    store = pafs.S3FileSystem(endpoint_override=f"{host}:{port}", scheme="http", access_key="testing",
                              secret_key="testing", region="us-east-1", allow_bucket_creation=True)
    store.create_dir(BUCKET)
    yield store, f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="module")
def env(s3_server, prefect_harness):
    """What a worker machine would have: credentials and endpoint in the environment only."""
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, **CREDENTIALS, "AWS_ENDPOINT_URL": s3_server[1],
            "PREFECT_API_URL": PREFECT_API_URL.value(), "PYTHONPATH": str(REPO)}


@pytest.fixture
def aws_env(monkeypatch, env):
    """The same environment for code under test that runs in this process."""
    for key in (*CREDENTIALS, "AWS_ENDPOINT_URL"):
        monkeypatch.setenv(key, env[key])


def corpus(root: Path) -> Path:
    """The samples plus articles in a subfolder, an HTML page, a broken file and a hidden one."""
    shutil.copytree(SAMPLES_DIR, root)
    (root / "wire").mkdir()
    (root / "wire" / "one.txt").write_text(
        "Accessibility links\n\nRains Return to the Valley\n\nFarmers in the valley welcomed the "
        "first rain in four months on Monday. The dry spell had cut the harvest by a third.\n\n"
        "\"It came just in time,\" said one grower.\n")
    (root / "wire" / "two.txt").write_text(
        "Council Approves New Bridge\n\nThe city council approved a new bridge across the river "
        "on Wednesday. It will cost 40 million dollars and open in 2028.\n")
    (root / "page.html").write_bytes(HTML_PAGE)
    (root / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (root / ".swap.txt").write_text("an editor's swap file, never an input")
    return root


def upload(store: pafs.S3FileSystem, local: Path, prefix: str) -> None:
    """Mirror a local folder to s3://BUCKET/prefix (removing objects that are gone locally)."""
    base = f"{BUCKET}/{prefix}"
    wanted = {p.relative_to(local).as_posix(): p for p in local.rglob("*") if p.is_file()}
    for info in store.get_file_info(pafs.FileSelector(base, recursive=True, allow_not_found=True)):
        if info.type == pafs.FileType.File and info.path[len(base) + 1:] not in wanted:
            store.delete_file(info.path)
    for rel, path in wanted.items():
        with store.open_output_stream(f"{base}/{rel}") as out:
            out.write(path.read_bytes())


def newsprep(env: dict, raw: str, out: str, *extra: str, failpoint: str | None = None):
    env = {**env, "NEWSPREP_FAILPOINT": failpoint} if failpoint else env
    return subprocess.run([sys.executable, "-m", "newsprep.cli", "run", "--raw", raw, "--out", out,
                           "--batch-size", "2", "--json", *extra],
                          env=env, capture_output=True, text=True, timeout=300)


def s3_table(store: pafs.S3FileSystem, prefix: str, table: str):
    return ds.dataset(f"{BUCKET}/{prefix}/{table}", filesystem=store, format="parquet",
                      partitioning="hive").to_table()


def s3_snapshot(store, prefix: str, table: str) -> list[tuple]:
    """As readers.snapshot, for a table in the bucket."""
    data = s3_table(store, prefix, table)
    if "run_id" in data.column_names:
        data = data.drop_columns(["run_id"])
    return sorted(tuple(str(v) for v in row.values()) for row in data.to_pylist())


def first_difference(store, prefix: str, local_out: Path, table: str) -> str:
    """Which rows and columns differ, for a readable failure."""
    got = {r["doc_id"]: r for r in s3_table(store, prefix, table).to_pylist()}
    want = {r["doc_id"]: r for r in readers.with_pyarrow(local_out, table).to_pylist()}
    if got.keys() != want.keys():
        return f"doc_ids only on s3: {got.keys() - want.keys()}, only local: {want.keys() - got.keys()}"
    return "; ".join(f"{doc_id}.{column}: s3 {got[doc_id][column]!r:.200} local {value!r:.200}"
                     for doc_id, row in want.items() for column, value in row.items()
                     if column != "run_id" and got[doc_id][column] != value)


def table_objects(store, prefix: str) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every object of the dataset's tables."""
    base = f"{BUCKET}/{prefix}"
    return {i.path: (i.size, i.mtime_ns) for i in store.get_file_info(pafs.FileSelector(base, recursive=True))
            if i.type == pafs.FileType.File and not i.path.startswith(f"{base}/{STATE_DIR}/")}


def assert_same_rows(store, prefix: str, local_out: Path) -> None:
    for name in TABLES:
        if s3_snapshot(store, prefix, name) != readers.snapshot(local_out, name):
            detail = first_difference(store, prefix, local_out, name) if name == "articles" else ""
            pytest.fail(f"{name} on s3://{BUCKET}/{prefix} differs from the local run {detail}")


@pytest.fixture(scope="module")
def first_run(s3_server, env, tmp_path_factory):
    """The corpus processed from s3:// to s3:// by the CLI, and in-process from a local copy."""
    store, _ = s3_server
    root = tmp_path_factory.mktemp("s3")
    raw = corpus(root / "raw")
    upload(store, raw, "raw")
    done = newsprep(env, f"s3://{BUCKET}/raw", f"s3://{BUCKET}/out")
    assert done.returncode == 0, done.stderr[-3000:]
    local_out = root / "local"
    local = process_articles(raw=str(raw), out=str(local_out), batch_size=2)
    return json.loads(done.stdout), local, local_out, root


def test_s3_round_trip_holds_the_same_rows_as_a_local_run(s3_server, first_run):
    store, endpoint = s3_server
    summary, local, local_out, _ = first_run
    assert (summary["inputs"], summary["written"], summary["rejected"]) == (7, 6, 1)
    assert summary["rejects_by_reason"] == {"binary": 1}
    assert (local.inputs, local.written, local.rejected) == (7, 6, 1)
    assert_same_rows(store, "out", local_out)
    # doc_ids hash the path under the raw root, so the bucket and the disk agree on them.
    ids = sorted(s3_table(store, "out", "articles").column("doc_id").to_pylist())
    assert ids == sorted(readers.with_pyarrow(local_out, "articles").column("doc_id").to_pylist())
    # Other readers of the bucket: Polars through its own S3 client, DuckDB over the dataset.
    polars_articles = pl.scan_parquet(
        f"s3://{BUCKET}/out/articles/**/*.parquet", hive_partitioning=True,
        storage_options={"aws_endpoint_url": endpoint, "aws_access_key_id": "testing",
                         "aws_secret_access_key": "testing", "aws_region": "us-east-1",
                         "aws_allow_http": "true"}).collect()
    assert sorted(polars_articles["doc_id"].to_list()) == ids
    sentences = ds.dataset(f"{BUCKET}/out/sentences", filesystem=store, format="parquet",
                           partitioning="hive")
    n_sentences = duckdb.sql("select count(*) from sentences").fetchall()[0][0]
    assert n_sentences == readers.with_duckdb(local_out, "sentences").num_rows > 0


def test_s3_output_keeps_only_its_state_after_a_run(s3_server, first_run):
    store, _ = s3_server
    base = f"{BUCKET}/out/{STATE_DIR}"
    left = [i.path for i in store.get_file_info(pafs.FileSelector(base, recursive=True))
            if i.type == pafs.FileType.File]
    assert sorted(p[len(base) + 1:] for p in left) == ["manifest.parquet", "sketches.parquet"]


def test_rerun_on_s3_writes_nothing(s3_server, aws_env, first_run):
    store, _ = s3_server
    before = table_objects(store, "out")
    time.sleep(1.1)  # S3 mtimes are whole seconds: a rewrite would now show
    # In this process (a CLI run costs seconds of imports): the environment is the same.
    summary = process_articles(raw=f"s3://{BUCKET}/raw", out=f"s3://{BUCKET}/out", batch_size=2)
    assert (summary.unchanged, summary.written, summary.files) == (7, 0, {"replaced": 0, "deleted": 0})
    assert table_objects(store, "out") == before


@pytest.fixture(scope="module")
def second_state(s3_server, first_run):
    """Inputs changed, added and removed after the first run, and a local run's tables for them."""
    store, _ = s3_server
    root = first_run[3]
    raw2 = root / "raw2"
    shutil.copytree(root / "raw", raw2)
    changed = raw2 / "002_f5878b3e2dcaff7b.txt"
    changed.write_text(changed.read_text().replace("31 countries", "32 countries"))
    (raw2 / "wire" / "two.txt").unlink()
    (raw2 / "wire" / "three.txt").write_text(
        "Museum Opens Its Doors\n\nA new museum of local history opened on Saturday, with 300 "
        "objects donated by residents.\n")
    upload(store, raw2, "raw2")
    expected = root / "expected"
    shutil.copytree(first_run[2], expected)
    summary = process_articles(raw=str(raw2), out=str(expected), batch_size=2)
    assert (summary.new, summary.changed, summary.removed) == (1, 1, 1)
    return expected


def copy_prefix(store, src: str, dst: str) -> None:
    base = f"{BUCKET}/{src}"
    for info in store.get_file_info(pafs.FileSelector(base, recursive=True)):
        if info.type == pafs.FileType.File:
            store.copy_file(info.path, f"{BUCKET}/{dst}/{info.path[len(base) + 1:]}")


@pytest.mark.parametrize("point, recovery", [("after_stage", "discarded 1 abandoned staging"),
                                             ("during_apply", "rolled forward an interrupted commit")])
def test_run_killed_on_s3_leaves_no_torn_table_and_the_next_run_recovers(
        s3_server, env, aws_env, first_run, second_state, point, recovery):
    store, _ = s3_server
    out = f"crash-{point}"
    copy_prefix(store, "out", out)
    killed = newsprep(env, f"s3://{BUCKET}/raw2", f"s3://{BUCKET}/{out}", failpoint=point)
    assert killed.returncode == -9, killed.stderr[-3000:]
    for name in TABLES:  # readable, every article once, whatever the moment of death
        doc_ids = s3_table(store, out, name).column("doc_id").to_pylist()
        if name == "articles":
            assert len(doc_ids) == len(set(doc_ids)), "an article is visible twice"
    summary = process_articles(raw=f"s3://{BUCKET}/raw2", out=f"s3://{BUCKET}/{out}", batch_size=2)
    assert recovery in summary.recovery
    assert not store.get_file_info(f"{BUCKET}/{out}/{STATE_DIR}/journal.json").is_file
    assert_same_rows(store, out, second_state)


def test_dask_workers_read_and_stage_on_s3_with_the_same_rows(s3_server, env, first_run):
    """The endpoint in the URI this time: workers get it with the locations they are handed."""
    store, endpoint = s3_server
    query = f"?endpoint_override={endpoint.removeprefix('http://')}&scheme=http"
    env = {k: v for k, v in env.items() if k != "AWS_ENDPOINT_URL"}
    done = newsprep(env, f"s3://{BUCKET}/raw{query}", f"s3://{BUCKET}/dask{query}", "--workers", "2", "--dask")
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout)["batches"] == 4
    assert_same_rows(store, "dask", first_run[2])


def test_lock_object_refuses_a_second_run_and_is_taken_over_when_its_holder_died(
        s3_server, aws_env, monkeypatch):
    monkeypatch.setattr(ObjectStoreLock, "SETTLE_S", 0.05)
    store, _ = s3_server
    out = f"s3://{BUCKET}/locked"
    with RunLock(out):
        with pytest.raises(OutputLocked, match=f"is in use by newsprep run pid {os.getpid()}"):
            with RunLock(out, wait_s=0.3):
                pass
    assert not store.get_file_info(f"{BUCKET}/locked/{STATE_DIR}/lock").is_file
    # A run killed on this host left its lock object behind: taken over at once.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    lock_object = f"{BUCKET}/locked/{STATE_DIR}/lock"
    with store.open_output_stream(lock_object) as fh:
        fh.write(json.dumps({"holder": f"newsprep run pid {dead}", "pid": int(dead),
                             "host": socket.gethostname(), "token": "dead"}).encode())
    with RunLock(out):
        pass
    # A fresh lock held from another machine is respected...
    with store.open_output_stream(lock_object) as fh:
        fh.write(json.dumps({"holder": "newsprep run pid 1 on elsewhere", "pid": 1,
                             "host": "elsewhere", "token": "theirs"}).encode())
    with pytest.raises(OutputLocked, match="pid 1 on elsewhere"):
        with RunLock(out):
            pass
    # ...until its heartbeat is older than the stale limit.
    monkeypatch.setattr(ObjectStoreLock, "STALE_S", 0.5)
    time.sleep(1.5)
    with RunLock(out):
        pass


def test_credentials_in_a_location_are_refused_before_anything_runs(env):
    with pytest.raises(ValueError, match="environment"):
        open_storage(f"s3://key:secret@{BUCKET}/out")
    refused = newsprep(env, f"s3://{BUCKET}/raw", f"s3://{BUCKET}/out?access_key=key&secret_key=secret")
    assert refused.returncode == 2 and "in the environment" in refused.stderr
