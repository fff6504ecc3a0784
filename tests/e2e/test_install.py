"""The tool, not the folder: a wheel installed into a fresh environment starts and builds a
knowledge base that lives outside the source tree."""

from __future__ import annotations

import site
import subprocess
import sys
import venv
from pathlib import Path

from tests.conftest import REPO


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False, timeout=600
    )


def test_an_installed_wheel_builds_a_knowledge_base_in_another_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    made = run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
        "-w", wheels, REPO, cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    [wheel] = wheels.glob("cimo_kennisbank-*.whl")

    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    installed = run(
        python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel, cwd=tmp_path
    )
    assert installed.returncode == 0, installed.stderr
    # The dependencies come from the development environment (no network needed); the tool
    # itself only from the wheel.
    env_site = Path(
        run(
            python, "-c", "import site; print(site.getsitepackages()[0])", cwd=tmp_path
        ).stdout.strip()
    )
    (env_site / "dev-dependencies.pth").write_text(site.getsitepackages()[0] + "\n")
    where = run(python, "-c", "import generator, cimo; print(generator.__file__)", cwd=tmp_path)
    assert where.stdout.startswith(str(env_site)), where.stdout + where.stderr

    cimo = env / "bin" / "cimo"
    started = run(cimo, "init", "kennisbank", "--name", "Kennisbank Elders", cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    kb = tmp_path / "kennisbank"
    assert (kb / "cimo.yml").is_file() and (kb / "schema/interventions.schema.json").is_file()

    built = run(cimo, "build", "--strict", cwd=kb / "content")  # found from a sub-folder
    assert built.returncode == 0, built.stdout + built.stderr
    home = (kb / "site" / "index.html").read_text(encoding="utf-8")
    assert "Kennisbank Elders" in home
    assert (kb / "site/interventies/mentoren.html").is_file()
    assert (kb / "site/assets/cimo.css").is_file()  # theme assets shipped in the wheel
    assert list(kb.glob(".cimo-cache/diagrams/*"))  # the cache lives with the knowledge base

    again = run(cimo, "-C", kb, "validate", "--strict", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    refused = run(cimo, "init", "kennisbank", cwd=tmp_path)
    assert refused.returncode == 1 and "Er is niets geschreven" in refused.stderr
