"""Stage 5, build: the whole pipeline, from a content folder to a published site folder.

Everything happens in a staging folder next to the site; the finished site is swapped in as a
whole. A failure at any step, or a kill, leaves the previous site exactly as it was.

Both cores work: pages are rendered and MkDocs builds them in two processes
(generator.two_processes); Graphviz renders the diagrams in its own process while MkDocs turns
the Markdown into HTML, and MkDocs waits for them only before it writes the pages, each with
its diagrams inlined in place of their markers.
What a stage no longer needs is dropped before MkDocs starts, which holds every page itself.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.context import BaseContext
from pathlib import Path

from cimo.config import SiteConfig
from cimo.knowledge_base import load_knowledge_base
from cimo.problems import Problem
from generator import text, two_processes
from generator.diagrams import render_all
from generator.engine import run_mkdocs, write_engine_config
from generator.pages import with_diagrams
from generator.render import render_site
from generator.search import index_site
from generator.site_folder import check_site_folder, publish, staging_for

#: Bench-only hook: when set to a folder, the build records its stage times there
#: (stages.json) and moves the Markdown and engine configuration it built into it, so the
#: benchmark can run the engine alone on exactly the same input.
BENCH_ENV = "CIMO_BENCH_KEEP"


def build_site(
    content_dir: Path,
    site_dir: Path,
    strict: bool = False,
    cache_dir: Path | None = None,
    jobs: int = 2,
    config: SiteConfig | None = None,
) -> BuildReport:
    """Build the site of content_dir into site_dir; on any failure site_dir is untouched.

    cache_dir holds the diagrams cache; compiled templates and the records of unchanged
    content files are cached in sibling folders `templates` and `records` (all only save
    time: output never depends on them)."""
    started, config = time.perf_counter(), config or SiteConfig()
    stages = _Stages()
    site_dir = check_site_folder(site_dir, content_dir)  # refused before any work is done
    kept = cache_dir.with_name("records") if cache_dir is not None else None
    loaded = load_knowledge_base(content_dir, strict, kept)  # load → validate → link → check
    records, warnings, kb = loaded.content.count(), loaded.warnings, loaded.kb
    del loaded  # the files as read, with every value's position: not needed any more
    stages.done("load+validate+link")
    templates = cache_dir.with_name("templates") if cache_dir is not None else None
    # Graphviz runs in a process of its own, started before MkDocs forks its worker: a thread
    # talking to `dot` through pipes would hand copies of them to the forked worker, and `dot`
    # then waits for the end of its input until the worker exits (a hang at N = 5 000).
    graphviz_process = ProcessPoolExecutor(max_workers=1, mp_context=_fork_context())
    with graphviz_process as graphviz, staging_for(site_dir) as staging:
        # Markdown pages straight into the docs folder, from both processes
        rendered = render_site(kb, config, jobs=jobs, cache_dir=templates, docs=staging / "docs")
        del kb
        pages, diagrams = rendered.page_count, rendered.diagrams
        del rendered
        stages.done("render pages")
        # Graphviz renders the diagrams while MkDocs converts the Markdown.
        svgs_later = graphviz.submit(render_all, diagrams, cache_dir, 1)
        svgs: dict[str, str] = {}

        def diagrams_ready() -> Callable[[str], str]:  # MkDocs waits here before writing pages
            svgs.update(svgs_later.result())  # Graphviz, batched and cached
            return partial(with_diagrams, svgs=svgs)  # inline SVG in place of each marker

        # Markdown → HTML, pages written with their diagrams
        run_mkdocs(write_engine_config(staging, config), strict, jobs, diagrams_ready)
        stages.done("mkdocs build")
        index_site(staging / "site")  # Pagefind: the search index, fetched only when searching
        stages.done("pagefind")
        _keep_for_bench(staging, stages)
        publish(staging / "site", site_dir)  # marked as ours, swapped in atomically
    return BuildReport(
        records=records,
        pages=pages,
        diagrams=len(svgs),
        seconds=time.perf_counter() - started,
        warnings=warnings,
        stages=stages.seconds,
    )


def _fork_context() -> BaseContext | None:
    """Fork where there is fork (the worker inherits the loaded diagrams); else the default."""
    return multiprocessing.get_context("fork") if two_processes.can_fork() else None


class _Stages:
    """Seconds per stage of one build, in order."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def done(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = now - self._last
        self._last = now


def _keep_for_bench(staging: Path, stages: _Stages) -> None:
    keep = os.environ.get(BENCH_ENV)
    if not keep:
        return
    target = Path(keep)
    target.mkdir(parents=True, exist_ok=True)
    (target / "stages.json").write_text(json.dumps(stages.seconds), encoding="utf-8")
    for name in ("docs", "overrides", "mkdocs.yml"):
        if not (target / name).exists():
            os.rename(staging / name, target / name)  # same file system: instant


@dataclass
class BuildReport:
    records: int = 0
    pages: int = 0
    diagrams: int = 0
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """One line in Dutch for the person who ran the build (a policy writer, often)."""
        return (
            f"Klaar: {self.pages} pagina's gemaakt uit {self.records} beschrijvingen, "
            f"met {self.diagrams} schema's, in {text.seconds(self.seconds)}."
        )
