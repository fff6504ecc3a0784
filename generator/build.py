"""Stage 5, build: the whole pipeline, from a content folder to a published site folder.

Everything happens in a staging folder next to the site; the finished site is swapped in as a
whole. A failure at any step, or a kill, leaves the previous site exactly as it was.

Both cores work: Graphviz renders the diagrams in its own process while MkDocs turns the
Markdown into HTML (the SVGs are only needed afterwards, when they replace their markers).
What a stage no longer needs is dropped before MkDocs starts, which holds every page itself.
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from cimo.config import SiteConfig
from cimo.knowledge_base import load_knowledge_base
from cimo.problems import Problem
from generator import text
from generator.diagrams import render_all
from generator.engine import run_mkdocs, write_engine_config
from generator.pages import inject_diagrams
from generator.render import render_site, write_docs
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
    records, warnings = loaded.content.count(), loaded.warnings
    stages.done("load+validate+link")
    templates = cache_dir.with_name("templates") if cache_dir is not None else None
    rendered = render_site(loaded.kb, config, jobs=jobs, cache_dir=templates)
    del loaded  # the records and their positions are not needed any more
    pages, diagrams = len(rendered.pages), rendered.diagrams
    stages.done("render pages")
    with ThreadPoolExecutor(max_workers=1) as graphviz, staging_for(site_dir) as staging:
        # Graphviz (one process) runs on the second core while MkDocs runs on this one.
        svgs_later = graphviz.submit(render_all, diagrams, cache_dir, 1)
        write_docs(rendered, staging / "docs")
        del rendered
        stages.done("write Markdown")
        run_mkdocs(write_engine_config(staging, config), strict)  # Markdown → HTML
        stages.done("mkdocs build")
        svgs = svgs_later.result()  # Graphviz, batched and cached
        stages.done("wait for diagrams")
        inject_diagrams(staging / "site", svgs)  # inline SVG in place of each marker
        stages.done("inject diagrams")
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
