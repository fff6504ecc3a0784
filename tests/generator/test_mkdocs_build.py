"""MkDocs on two cores must build exactly the site MkDocs' own build() makes, and fail the same."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cimo.config import open_folder
from cimo.errors import BuildError
from cimo.knowledge_base import load_knowledge_base
from generator import mkdocs_build
from generator.engine import ENGINE_CONFIG, load_engine_config, run_mkdocs, write_engine_config
from generator.render import render_site, write_docs
from tests.conftest import FIXTURES
from tests.generator.test_build import tree_digest


@pytest.fixture(scope="module")
def engine_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Markdown and mkdocs.yml of the sample knowledge base, as a build writes them."""
    folder = tmp_path_factory.mktemp("engine")
    sample = open_folder(FIXTURES / "sample")
    rendered = render_site(load_knowledge_base(sample.content).kb, sample.config)
    write_docs(rendered, folder / "docs")
    write_engine_config(folder, sample.config)
    return folder


def _copy(engine_folder: Path, target: Path) -> Path:
    shutil.copytree(engine_folder, target, ignore=shutil.ignore_patterns("site"))
    return target / "mkdocs.yml"


def _mkdocs_own_build(config_file: Path) -> None:
    from mkdocs.commands.build import build

    build(load_engine_config(config_file))


def test_two_processes_build_what_mkdocs_builds(
    engine_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mkdocs_own_build(_copy(engine_folder, tmp_path / "mkdocs"))
    monkeypatch.setattr(mkdocs_build, "PARALLEL_FROM", 0)  # the sample is small: fork anyway
    parent, seen, here = os.getpid(), set(), []
    real = mkdocs_build._render

    def spy(chunk, config, files):  # type: ignore[no-untyped-def]
        seen.add(os.getpid())
        here.extend(chunk)
        return real(chunk, config, files)

    monkeypatch.setattr(mkdocs_build, "_render", spy)
    run_mkdocs(_copy(engine_folder, tmp_path / "two"), strict=True, jobs=2)
    expected = tree_digest(tmp_path / "mkdocs/site")
    assert len(expected) > 50
    assert tree_digest(tmp_path / "two/site") == expected
    assert seen == {parent}  # the spy only sees this process: the worker did the rest
    assert 0 < len(here) < sum(1 for p in expected if p.endswith(".html")) - 1
    run_mkdocs(_copy(engine_folder, tmp_path / "one"), strict=True, jobs=1)
    assert tree_digest(tmp_path / "one/site") == expected


def test_a_failing_worker_changes_nothing(
    engine_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mkdocs_own_build(_copy(engine_folder, tmp_path / "mkdocs"))
    monkeypatch.setattr(mkdocs_build, "PARALLEL_FROM", 0)
    parent = os.getpid()
    real = mkdocs_build._write

    def broken_in_worker(chunk, *args):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise MemoryError("worker ran out of memory")
        return real(chunk, *args)

    monkeypatch.setattr(mkdocs_build, "_write", broken_in_worker)
    run_mkdocs(_copy(engine_folder, tmp_path / "two"), strict=True, jobs=2)
    assert tree_digest(tmp_path / "two/site") == tree_digest(tmp_path / "mkdocs/site")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_warning_in_any_process_fails_a_strict_build(
    engine_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    jobs: int,
) -> None:
    monkeypatch.setattr(mkdocs_build, "PARALLEL_FROM", 0)
    config_file = _copy(engine_folder, tmp_path / "kb")
    pages = sorted((tmp_path / "kb/docs").rglob("*.md"))
    for page in pages:  # a broken link on every page: some are converted by the worker
        page.write_text(page.read_text("utf-8") + "\n[weg](bestaat-niet.md)\n", "utf-8")
    with pytest.raises(BuildError) as raised:
        run_mkdocs(config_file, strict=True, jobs=jobs)
    assert "bestaat-niet.md" in str(raised.value)
    warned = {
        r.getMessage().split("'")[1] for r in caplog.records if "bestaat-niet" in r.getMessage()
    }
    assert len(warned) == len(pages)  # every page's warning, whichever process converted it
    run_mkdocs(config_file, strict=False, jobs=jobs)  # not strict: warnings only
    assert (tmp_path / "kb/site/index.html").is_file()


def test_the_site_uses_no_plugin_that_keeps_state_after_reading() -> None:
    """Plugins see page_markdown for every page in the parent; page_content and post_page run
    where the page is converted. A plugin that collects data in those would lose the
    worker's part: a new plugin in mkdocs.yml must be checked before it is added here."""
    import yaml

    plugins = yaml.safe_load(ENGINE_CONFIG.read_text("utf-8"))["plugins"]
    names = {next(iter(p)) if isinstance(p, dict) else p for p in plugins}
    assert names <= {"search", "tags"}
    from material.plugins.tags.plugin import TagsPlugin

    for event in ("on_page_content", "on_post_page"):
        assert event not in vars(TagsPlugin)


def test_finish_waits_until_the_pages_are_written_and_changes_each(
    engine_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mkdocs_build, "PARALLEL_FROM", 0)
    asked: list[bool] = []

    def finish():  # type: ignore[no-untyped-def]
        converted = [p for p in (tmp_path / "kb/site").rglob("*.html") if "interventies" in str(p)]
        asked.append(bool(converted))
        return lambda html: html.replace("</body>", "<!--finished--></body>")

    run_mkdocs(_copy(engine_folder, tmp_path / "kb"), strict=True, jobs=2, finish=finish)
    assert asked == [False]  # called once, before any page was written
    pages = list((tmp_path / "kb/site").rglob("*.html"))
    assert len(pages) > 20
    assert all(
        "<!--finished--></body>" in p.read_text("utf-8") for p in pages if p.name != "404.html"
    )
