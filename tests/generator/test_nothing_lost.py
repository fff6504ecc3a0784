"""A build killed halfway (SIGKILL) leaves the previous site intact and nothing that breaks
the next build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import build_site
from tests.generator.test_build import tree_digest

CIMO = [sys.executable, "-m", "cimo_cli"]


@pytest.mark.parametrize("kill_after", ["staging", "mkdocs"])
def test_sigkill_during_build_keeps_the_previous_site(workdir: Path, kill_after: str) -> None:
    build_site(Path("content"), workdir / "site", cache_dir=None)
    before = tree_digest(workdir / "site")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.Popen(
        [*CIMO, "build"], cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    marker = "docs" if kill_after == "staging" else "site"
    deadline = time.monotonic() + 60
    killed = False
    while time.monotonic() < deadline and process.poll() is None:
        staging = [p for p in workdir.glob(".cimo-build-*") if (p / marker).exists()]
        if staging:
            process.send_signal(signal.SIGKILL)
            killed = True
            break
        time.sleep(0.005)
    process.wait()
    assert killed, "the build finished before it could be killed"
    assert tree_digest(workdir / "site") == before
    # The next build cleans up after the killed one and succeeds.
    result = subprocess.run(
        [*CIMO, "build"], cwd=workdir, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".cimo-build")] == []
    assert (workdir / "site/interventies/mentor.html").exists()
