"""Speed must not change the site: two processes, cached templates and the fast front-matter
writer give the same bytes as one process without caches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cimo.config import SiteConfig, open_folder
from cimo.graph import KnowledgeBase, link
from cimo.validate import validate_content
from generator import render, templating
from generator.emitters import SiteContext
from generator.render import RenderedSite, front_matter, render_site
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "sample"


@pytest.fixture(scope="module")
def sample() -> tuple[KnowledgeBase, SiteConfig]:
    content, problems = validate_content(SAMPLE / "content")
    assert problems == []
    return link(content), open_folder(SAMPLE).config


def _same(a: RenderedSite, b: RenderedSite) -> None:
    assert list(a.pages) == list(b.pages)  # same pages, in the same order
    assert a.pages == b.pages
    assert a.files == b.files
    assert a.diagrams == b.diagrams


def test_two_processes_render_the_same_site(
    sample: tuple[KnowledgeBase, SiteConfig], monkeypatch: pytest.MonkeyPatch
) -> None:
    kb, config = sample
    one = render_site(kb, config, jobs=1)
    monkeypatch.setattr(render, "PARALLEL_FROM", 0)  # the sample is small: fork anyway
    parent = os.getpid()
    seen: set[int] = set()
    real = render._render

    def spy(site, env, task, docs=None):  # type: ignore[no-untyped-def]
        seen.add(os.getpid())
        return real(site, env, task, docs)

    monkeypatch.setattr(render, "_render", spy)
    two = render_site(kb, config, jobs=2)
    _same(one, two)
    assert seen == {parent}  # the spy only sees this process; the worker did its part
    assert len(one.pages) > len(seen)


def test_a_failing_worker_changes_nothing(
    sample: tuple[KnowledgeBase, SiteConfig], monkeypatch: pytest.MonkeyPatch
) -> None:
    kb, config = sample
    one = render_site(kb, config, jobs=1)
    monkeypatch.setattr(render, "PARALLEL_FROM", 0)
    parent = os.getpid()
    real = render._render

    def broken_in_worker(site, env, task, docs=None):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise MemoryError("worker ran out of memory")
        return real(site, env, task, docs)

    monkeypatch.setattr(render, "_render", broken_in_worker)
    _same(one, render_site(kb, config, jobs=2))


def test_shared_family_parts_cover_every_item_once_in_order(
    sample: tuple[KnowledgeBase, SiteConfig],
) -> None:
    site = SiteContext(*sample)
    for count in (0, 1, 2, 5, 54):
        items = list(range(count))
        site.part = (0, 1)
        assert list(site.share(items)) == items
        parts = []
        for k in range(2):
            site.part = (k, 2)
            parts += list(site.share(items))
        assert parts == items


def test_compiled_templates_are_cached_and_damage_is_ignored(
    sample: tuple[KnowledgeBase, SiteConfig], tmp_path: Path
) -> None:
    kb, config = sample
    one = render_site(kb, config)
    cache = tmp_path / "templates"
    _same(one, _render_with(kb, config, cache))
    entries = list(cache.iterdir())
    assert entries  # the compiled templates were kept
    for entry in entries:  # truncated and garbage entries: compiled again
        entry.write_bytes(entry.read_bytes()[:20] if entry.stat().st_size % 2 else b"junk")
    _same(one, _render_with(kb, config, cache))


def _render_with(kb: KnowledgeBase, config: SiteConfig, cache: Path) -> RenderedSite:
    templating.environment.cache_clear()  # a new process: nothing compiled in memory
    try:
        return render_site(kb, config, cache_dir=cache)
    finally:
        templating.environment.cache_clear()


def test_unwritable_template_cache_is_no_failure(
    sample: tuple[KnowledgeBase, SiteConfig], tmp_path: Path
) -> None:
    kb, config = sample
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    _same(render_site(kb, config), _render_with(kb, config, blocker / "templates"))


@settings(max_examples=300, deadline=None)
@given(
    st.text(min_size=1, max_size=200),
    st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=70)),
)
def test_front_matter_is_what_pyyaml_writes(title: str, tags: list[str]) -> None:
    """The libyaml writer is only used where it writes what PyYAML's writer writes."""
    from generator.views.common import tag_text

    data: dict[str, object] = {"title": tag_text(title.replace("&", "en")) or "Pagina"}
    if tags:
        data["tags"] = tags
    expected = yaml.safe_dump(data, allow_unicode=True, sort_keys=True).strip()
    assert front_matter(title, tags) == expected


def test_a_two_process_build_publishes_the_same_site(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.build import build_site
    from tests.generator.test_build import stable_digest

    build_site(Path("content"), workdir / "a", cache_dir=None, jobs=1)
    monkeypatch.setattr(render, "PARALLEL_FROM", 0)
    build_site(Path("content"), workdir / "b", cache_dir=workdir / "cache" / "diagrams", jobs=2)
    assert stable_digest(workdir / "a") == stable_digest(workdir / "b")  # Pagefind's own noise out
    assert (workdir / "cache" / "templates").is_dir()  # compiled templates kept beside


def test_the_bench_hook_keeps_the_engine_input_and_stage_times(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from generator.build import BENCH_ENV, build_site

    monkeypatch.setenv(BENCH_ENV, str(workdir / "kept"))
    report = build_site(Path("content"), workdir / "site", cache_dir=None)
    stages = json.loads((workdir / "kept/stages.json").read_text(encoding="utf-8"))
    assert list(stages) == list(report.stages)
    assert {"load+validate+link", "render pages", "mkdocs build"} <= set(stages)
    assert (workdir / "kept/mkdocs.yml").is_file()
    assert (workdir / "kept/docs/interventies/mentor.md").is_file()
    assert (workdir / "site/interventies/mentor.html").is_file()  # the site is published


@pytest.mark.parametrize("jobs", [1, 2])
def test_pages_written_as_rendered_are_the_pages_rendered_in_memory(
    sample: tuple[KnowledgeBase, SiteConfig],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    jobs: int,
) -> None:
    from generator.render import write_docs

    kb, config = sample
    in_memory = render_site(kb, config, jobs=1)
    write_docs(in_memory, tmp_path / "expected")
    monkeypatch.setattr(render, "PARALLEL_FROM", 0)
    streamed = render_site(kb, config, jobs=jobs, docs=tmp_path / "docs")
    assert streamed.pages == {} and streamed.files == {}  # nothing kept in memory
    assert sorted(streamed.written) == sorted(in_memory.docs())
    assert streamed.page_count == len(in_memory.pages)
    assert streamed.diagrams == in_memory.diagrams
    expected = {
        p.relative_to(tmp_path / "expected"): p.read_bytes()
        for p in (tmp_path / "expected").rglob("*")
        if p.is_file()
    }
    written = {
        p.relative_to(tmp_path / "docs"): p.read_bytes()
        for p in (tmp_path / "docs").rglob("*")
        if p.is_file()
    }
    assert written == expected
