"""Stage 5, build: the whole pipeline, from a content folder to a published site folder.

Everything happens in a staging folder next to the site; the finished site is swapped in as a
whole. A failure at any step, or a kill, leaves the previous site exactly as it was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from cimo.config import SiteConfig
from cimo.knowledge_base import load_knowledge_base
from cimo.problems import Problem
from generator.diagrams import render_all
from generator.engine import run_mkdocs, write_engine_config
from generator.pages import inject_diagrams
from generator.render import render_site, write_docs
from generator.search import index_site
from generator.site_folder import check_site_folder, publish, staging_for


def build_site(
    content_dir: Path,
    site_dir: Path,
    strict: bool = False,
    cache_dir: Path | None = None,
    jobs: int = 2,
    config: SiteConfig | None = None,
) -> BuildReport:
    """Build the site of content_dir into site_dir; on any failure site_dir is untouched."""
    started, config = time.perf_counter(), config or SiteConfig()
    site_dir = check_site_folder(site_dir, content_dir)  # refused before any work is done
    loaded = load_knowledge_base(content_dir, strict)  # load → validate → link → check
    rendered = render_site(loaded.kb, config)  # pages, downloads, diagram sources
    svgs = render_all(rendered.diagrams, cache_dir, jobs)  # Graphviz, batched and cached
    with staging_for(site_dir) as staging:
        write_docs(rendered, staging / "docs")
        run_mkdocs(write_engine_config(staging, config), strict)  # Markdown → HTML
        inject_diagrams(staging / "site", svgs)  # inline SVG in place of each marker
        index_site(staging / "site")  # Pagefind: the search index, fetched only when searching
        publish(staging / "site", site_dir)  # marked as ours, swapped in atomically
    return BuildReport(
        records=loaded.content.count(),
        pages=len(rendered.pages),
        diagrams=len(svgs),
        seconds=time.perf_counter() - started,
        warnings=loaded.warnings,
    )


@dataclass
class BuildReport:
    records: int = 0
    pages: int = 0
    diagrams: int = 0
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"Built {self.pages} pages from {self.records} records with {self.diagrams} "
            f"diagrams in {self.seconds:.1f} s."
        )
