"""Against a real `prefect server start` on loopback: runs, artifacts, schedules, prefect.yaml.

Selected with `-m server`; part of the default suite too.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from flows.report import PROGRESS_KEY, REJECTS_KEY, REPORT_KEY

from .conftest import REPO

pytestmark = pytest.mark.server
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    home = tmp_path_factory.mktemp("prefect-home")
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": url,
           "PREFECT_SERVER_API_HOST": "127.0.0.1", "PREFECT_SERVER_API_PORT": str(port),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2", "PREFECT_RUNNER_POLL_FREQUENCY": "2"}
    log = open(home / "server.log", "wb")
    proc = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"prefect server did not start: {(home / 'server.log').read_text()[-2000:]}")
        time.sleep(0.5)
    yield url, env
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    log.close()


def client_for(url: str):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    class _Client:
        def __enter__(self):
            self._settings = temporary_settings(updates={PREFECT_API_URL: url})
            self._settings.__enter__()
            self._client = get_client(sync_client=True).__enter__()
            return self._client

        def __exit__(self, *exc):
            self._client.__exit__(*exc)
            self._settings.__exit__(*exc)

    return _Client()


def test_cli_run_is_recorded_completely_with_its_report(server, raw_samples, tmp_path):
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey, FlowRunFilter

    url, env = server
    (raw_samples / "bad.html").write_bytes(b"PK\x03\x04" + bytes(32))
    out = tmp_path / "out"
    done = subprocess.run([str(BIN / "newsprep"), "run", "--raw", str(raw_samples), "--out", str(out),
                           "--batch-size", "2"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "written:      3" in done.stdout and "rejected:     1 (binary 1)" in done.stdout
    with client_for(url) as client:
        [run] = client.read_flow_runs(flow_run_filter=FlowRunFilter(
            name={"any_": [f"process {raw_samples} -> {out}"]}))
        assert run.state.is_completed()
        task_runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id={"any_": [run.id]}))
        # discover, learn-boilerplate, 2 x process-batch, commit.
        assert len(task_runs) == 5 and all(t.state.is_completed() for t in task_runs)
        for key in (REPORT_KEY, REJECTS_KEY, PROGRESS_KEY):
            artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))
            assert [a for a in artifacts if a.flow_run_id == run.id], key
        [report] = [a for a in client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=[REPORT_KEY]))) if a.flow_run_id == run.id]
        for expected in ("| 4 | 4 | 0 | 0 | 0 | 3 | 1 |", "| binary | 1 |", "| en | 3 |",
                         "| chrome:breaking_news | 3 |", "| clean |"):
            assert expected in report.data, expected


def test_served_schedule_produces_completed_runs(server, raw_samples, tmp_path):
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName

    url, env = server
    out = tmp_path / "out"
    serve = subprocess.Popen([str(BIN / "newsprep"), "serve", "--interval", "3", "--raw",
                              str(raw_samples), "--out", str(out), "--name", "test-schedule"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    try:
        deadline, completed = time.monotonic() + 120, []
        while time.monotonic() < deadline and len(completed) < 2:
            time.sleep(2)
            with client_for(url) as client:
                runs = client.read_flow_runs(deployment_filter=DeploymentFilter(
                    name=DeploymentFilterName(any_=["test-schedule"])))
            completed = [r for r in runs if r.state and r.state.is_completed()]
        assert len(completed) >= 2, [(r.name, r.state) for r in runs]
        assert all(r.auto_scheduled for r in completed)
    finally:
        os.killpg(serve.pid, signal.SIGTERM)  # serve before server (see NOTES)
        serve.wait(timeout=60)
    assert (out / "articles").is_dir()


def test_prefect_yaml_registers_the_scheduled_deployment(server):
    url, env = server
    prefect = str(BIN / "prefect")
    subprocess.run([prefect, "work-pool", "create", "newsprep-process", "--type", "process"],
                   env=env, cwd=REPO, check=True, capture_output=True, timeout=120)
    done = subprocess.run([prefect, "--no-prompt", "deploy", "--all"], env={**env, "PWD": str(REPO)},
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    with client_for(url) as client:
        deployment = client.read_deployment_by_name("process-articles/newsprep-hourly")
    assert deployment.work_pool_name == "newsprep-process"
    assert [s.schedule.cron for s in deployment.schedules] == ["0 * * * *"]
    assert deployment.parameters == {"raw": "data/raw", "out": "data/processed"}
    assert deployment.pull_steps[0]["prefect.deployments.steps.set_working_directory"]["directory"] == str(REPO)
