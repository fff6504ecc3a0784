"""Stage 5, build: the whole pipeline, writing into a staging folder swapped in atomically.

validate → link → render pages, diagrams and downloads → mkdocs build → swap into site/.
A failure at any stage (or a kill) leaves the previous site/ exactly as it was.
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from cimo.errors import BuildError
from cimo.graph import KnowledgeBase
from cimo.knowledge_base import load_knowledge_base
from cimo.problems import Problem
from generator.diagrams import render_all
from generator.pages import inject_diagrams
from generator.render import render_site, write_docs
from generator.site_folder import (
    check_site_folder,
    make_staging,
    mark_site,
    remove_stale_folders,
    swap_into_place,
)

REPO = Path(__file__).resolve().parent.parent
MKDOCS_CONFIG = REPO / "mkdocs.yml"


@dataclass
class BuildReport:
    records: int = 0
    pages: int = 0
    diagrams: int = 0
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"Built {self.pages} pages from {self.records} records with {self.diagrams} "
            f"diagrams in {self.seconds:.1f} s."
        )


def render_docs(
    kb: KnowledgeBase, docs: Path, cache_dir: Path | None, jobs: int = 2
) -> tuple[int, dict[str, str]]:
    """Write every page, asset and download into docs; return the page count and diagrams."""
    site = render_site(kb)
    svgs = render_all(site.diagrams, cache_dir, jobs)
    write_docs(site, docs)
    return len(site.pages), svgs


def run_mkdocs(docs: Path, out: Path, strict: bool = False) -> None:
    """Run MkDocs in-process on docs → out; its warnings fail the build in strict mode."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    counter = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        config = load_config(
            config_file=str(MKDOCS_CONFIG), docs_dir=str(docs), site_dir=str(out), strict=strict
        )
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as exc:
        raise BuildError(f"MkDocs failed: {exc}; {'; '.join(counter.messages[:5])}") from None
    finally:
        logger.removeHandler(counter)
    if strict and counter.messages:
        raise BuildError("MkDocs warnings in strict mode: " + "; ".join(counter.messages[:5]))


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(
    content_dir: Path,
    site_dir: Path,
    strict: bool = False,
    cache_dir: Path | None = None,
    jobs: int = 2,
) -> BuildReport:
    """The whole build. On any failure site_dir is untouched and no staging folder remains.

    A site_dir that a build may not replace is refused before any work (SiteFolderError)."""
    started = time.perf_counter()
    site_dir = check_site_folder(site_dir, content_dir)
    report = BuildReport()
    t = time.perf_counter()
    loaded = load_knowledge_base(content_dir, strict)
    kb, content, report.warnings = loaded.kb, loaded.content, loaded.warnings
    report.timings["load+validate+link"] = time.perf_counter() - t
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_folders(site_dir)
    staging = make_staging(site_dir)
    try:
        t = time.perf_counter()
        report.pages, svgs = render_docs(kb, staging / "docs", cache_dir, jobs)
        report.timings["render"] = time.perf_counter() - t
        t = time.perf_counter()
        run_mkdocs(staging / "docs", staging / "site", strict)
        inject_diagrams(staging / "site", svgs)
        mark_site(staging / "site")
        report.timings["mkdocs"] = time.perf_counter() - t
        swap_into_place(staging / "site", site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.records = content.count()
    report.diagrams = len(svgs)
    report.seconds = time.perf_counter() - started
    return report
