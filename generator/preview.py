"""The live preview behind `cimo serve`: rebuild only what changed after an edit.

It keeps its own Markdown and site folders between rebuilds, rewrites only the Markdown files
whose text changed, and lets MkDocs rebuild just those pages (a "dirty" build, with Material's
search index carried over). Diagrams come from the cache unless their DOT text changed.
MkDocs writes pages in place, so it builds into a folder of its own; the folder that is served
gets each changed file replaced whole, and never shows a page half-written or without its
diagrams. `cimo build` stays the clean, atomic, full build for publishing.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cimo.config import SiteConfig
from cimo.errors import BuildError
from cimo.knowledge_base import load_knowledge_base
from cimo.problems import Problem
from generator.atomic import write_atomically
from generator.diagrams import render_all
from generator.engine import load_engine_config, write_engine_config
from generator.pages import inject_diagrams
from generator.render import render_site


@dataclass
class PreviewReport:
    pages: int
    changed: int
    diagrams: int
    seconds: float
    warnings: list[Problem]

    def summary(self) -> str:
        return (
            f"Preview: {self.changed} of {self.pages} pages changed ({self.diagrams} "
            f"diagrams) in {self.seconds:.1f} s."
        )


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


class Preview:
    """A site folder kept up to date with the content, page by page."""

    def __init__(
        self,
        content_dir: Path,
        work_dir: Path,
        cache_dir: Path | None,
        config: SiteConfig | None = None,
    ):
        self.content_dir = content_dir
        self.config = config or SiteConfig()
        work_dir = work_dir.absolute()
        self.work_dir = work_dir
        self.docs = work_dir / "docs"
        self.built = work_dir / "build"  # MkDocs writes here, file by file
        self.site = work_dir / "site"  # served; every file in it is replaced whole
        self.cache_dir = cache_dir
        self._config: Any = None
        self._published: dict[str, tuple[int, int, int]] = {}

    def update(self) -> PreviewReport:
        """Validate, render, rebuild the changed pages and publish them.

        Raises CimoError or OSError; the served folder then keeps its last good pages."""
        started = time.perf_counter()
        loaded = load_knowledge_base(self.content_dir)
        site = render_site(loaded.kb, self.config)
        svgs = render_all(site.diagrams, self.cache_dir)
        files = site.docs()
        changed = [rel for rel, data in files.items() if _write_if_changed(self.docs / rel, data)]
        for old in [p for p in self.docs.rglob("*") if p.is_file()]:
            if old.relative_to(self.docs).as_posix() not in files:
                old.unlink()
                changed.append(old.name)
        if changed or self._config is None:
            self._mkdocs()
        inject_diagrams(self.built, svgs)
        self._publish()
        pages = sum(1 for rel in files if rel.endswith(".md"))
        changed_pages = sum(1 for rel in changed if rel.endswith(".md"))
        return PreviewReport(
            pages, changed_pages, len(svgs), time.perf_counter() - started, loaded.warnings
        )

    def _mkdocs(self) -> None:
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.exceptions import MkDocsException

        try:
            if self._config is None:
                if self.built.exists():
                    shutil.rmtree(self.built)
                self.work_dir.mkdir(parents=True, exist_ok=True)
                engine_file = write_engine_config(self.work_dir, self.config, site_dir="build")
                self._config = load_engine_config(engine_file)
                self._config.plugins.on_startup(command="serve", dirty=True)
                mkdocs_build(self._config, dirty=False)
            else:
                mkdocs_build(self._config, dirty=True)
        except (MkDocsException, SystemExit) as exc:
            self._config = None  # start from a clean full build next time
            raise BuildError(f"MkDocs failed: {exc}") from None
        except BaseException:
            self._config = None
            raise

    def _publish(self) -> None:
        """Copy every file MkDocs changed into the served folder, each one replaced whole."""
        built: dict[str, tuple[int, int, int]] = {}
        for path in sorted(p for p in self.built.rglob("*") if p.is_file()):
            stat = path.stat()
            built[path.relative_to(self.built).as_posix()] = (
                stat.st_ino,
                stat.st_size,
                stat.st_mtime_ns,
            )
        for rel, stamp in built.items():
            if self._published.get(rel) != stamp:
                data = (self.built / rel).read_bytes()
                target = self.site / rel
                if not (target.is_file() and target.read_bytes() == data):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    write_atomically(target, data)
                self._published[rel] = stamp
        for path in [p for p in self.site.rglob("*") if p.is_file()]:
            if path.relative_to(self.site).as_posix() not in built:
                path.unlink()
        self._published = {rel: self._published[rel] for rel in built}
