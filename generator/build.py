"""Stage 5, build: the whole pipeline, writing into a staging folder swapped in atomically.

validate → link → render pages, diagrams and downloads → mkdocs build → swap into site/.
A failure at any stage (or a kill) leaves the previous site/ exactly as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from cimo.graph import KnowledgeBase
from cimo.knowledge_base import load_knowledge_base
from cimo.problems import Problem
from generator.diagrams import render_all
from generator.pages import inject_diagrams
from generator.render import render_site, write_docs

REPO = Path(__file__).resolve().parent.parent
MKDOCS_CONFIG = REPO / "mkdocs.yml"
STAGING_PREFIX = ".cimo-build-"
OLD_PREFIX = ".cimo-old-"


class BuildError(Exception):
    """A build step failed for a reason other than content (Graphviz, MkDocs, disk)."""


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
    """The whole build. On any failure site_dir is untouched and no staging folder remains."""
    started = time.perf_counter()
    report = BuildReport()
    t = time.perf_counter()
    loaded = load_knowledge_base(content_dir, strict)
    kb, content, report.warnings = loaded.kb, loaded.content, loaded.warnings
    report.timings["load+validate+link"] = time.perf_counter() - t
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_folders(site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=site_dir.parent))
    try:
        t = time.perf_counter()
        report.pages, svgs = render_docs(kb, staging / "docs", cache_dir, jobs)
        report.timings["render"] = time.perf_counter() - t
        t = time.perf_counter()
        run_mkdocs(staging / "docs", staging / "site", strict)
        inject_diagrams(staging / "site", svgs)
        report.timings["mkdocs"] = time.perf_counter() - t
        swap_into_place(staging / "site", site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.records = content.count()
    report.diagrams = len(svgs)
    report.seconds = time.perf_counter() - started
    return report


def remove_stale_folders(site_dir: Path) -> None:
    """Clean up after builds that were killed (their process is gone).

    A previous site moved aside by a build killed mid-swap is put back, never deleted.
    """
    for folder in sorted(site_dir.parent.iterdir()):
        if not folder.name.startswith((STAGING_PREFIX, OLD_PREFIX)) or not folder.is_dir():
            continue
        parts = folder.name.split("-")
        if len(parts) > 2 and parts[2].isdigit() and _alive(int(parts[2])):
            continue
        if folder.name.startswith(OLD_PREFIX) and not site_dir.exists():
            folder.rename(site_dir)
            continue
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False when the system cannot."""
    with contextlib.suppress(AttributeError, OSError):
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
        at_fdcwd = -100
        result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
        return bool(result == 0)
    return False


def swap_into_place(new: Path, site_dir: Path) -> None:
    """Make `new` the site: one atomic exchange where possible, two renames otherwise."""
    if not site_dir.exists():
        new.rename(site_dir)
        return
    if _exchange(new, site_dir):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the previous site
        return
    old = site_dir.parent / f"{OLD_PREFIX}{os.getpid()}-{time.time_ns()}"
    site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
