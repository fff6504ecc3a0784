"""Shared fixtures: copies of the small fixture knowledge bases, built in a temporary folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from cimo.knowledge_base import LoadedKnowledgeBase, load_knowledge_base

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests under tests/e2e/ build real sites: `pytest -m "not e2e"` is the fast run."""
    for item in items:
        if "e2e" in Path(str(item.fspath)).parts:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working folder holding a copy of the minimal valid knowledge base."""
    shutil.copytree(FIXTURES / "minimal" / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def overlay(workdir: Path, case: Path) -> None:
    """Copy a broken case's files over the minimal knowledge base."""
    shutil.copytree(case / "content", workdir / "content", dirs_exist_ok=True)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session from the bundled content."""
    from generator.build import build_site

    out = tmp_path_factory.mktemp("real") / "site"
    build_site(REPO / "content", out, strict=True, cache_dir=None)
    return out


SAMPLE = FIXTURES / "sample"


def copy_sample(tmp_path: Path) -> Path:
    """A writable copy of the sample knowledge base's content folder."""
    target = tmp_path / "content"
    shutil.copytree(SAMPLE / "content", target)
    return target


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    """Change a content file's data in place (comments are lost; the data is what counts)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="session")
def sample_kb() -> LoadedKnowledgeBase:
    """The sample knowledge base, loaded once (treat it as read-only)."""
    return load_knowledge_base(SAMPLE / "content")
