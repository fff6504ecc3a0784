"""The live preview behind `cimo serve`: rebuild only what changed after an edit.

It keeps its own Markdown and site folders between rebuilds, rewrites only the Markdown files
whose text changed, and lets MkDocs rebuild just those pages (a "dirty" build, with Material's
search index carried over). Diagrams come from the cache unless their DOT text changed.
`cimo build` stays the clean, atomic, full build for publishing.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cimo.knowledge_base import load_knowledge_base
from cimo.problems import Problem
from generator.build import MKDOCS_CONFIG, BuildError
from generator.diagrams import render_all
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

    def __init__(self, content_dir: Path, work_dir: Path, cache_dir: Path | None):
        self.content_dir = content_dir
        self.docs = work_dir / "docs"
        self.site = work_dir / "site"
        self.cache_dir = cache_dir
        self._config: Any = None

    def update(self) -> PreviewReport:
        """Validate, render, and rebuild the changed pages. Raises ContentError/BuildError."""
        started = time.perf_counter()
        loaded = load_knowledge_base(self.content_dir)
        site = render_site(loaded.kb)
        svgs = render_all(site.diagrams, self.cache_dir)
        files = site.docs()
        changed = [rel for rel, data in files.items() if _write_if_changed(self.docs / rel, data)]
        for old in [p for p in self.docs.rglob("*") if p.is_file()]:
            if old.relative_to(self.docs).as_posix() not in files:
                old.unlink()
                changed.append(old.name)
        if changed or self._config is None:
            self._mkdocs()
        inject_diagrams(self.site, svgs)
        pages = sum(1 for rel in files if rel.endswith(".md"))
        changed_pages = sum(1 for rel in changed if rel.endswith(".md"))
        return PreviewReport(
            pages, changed_pages, len(svgs), time.perf_counter() - started, loaded.warnings
        )

    def _mkdocs(self) -> None:
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        try:
            if self._config is None:
                if self.site.exists():
                    shutil.rmtree(self.site)
                self._config = load_config(
                    config_file=str(MKDOCS_CONFIG), docs_dir=str(self.docs), site_dir=str(self.site)
                )
                self._config.plugins.on_startup(command="serve", dirty=True)
                mkdocs_build(self._config, dirty=False)
            else:
                mkdocs_build(self._config, dirty=True)
        except (MkDocsException, SystemExit) as exc:
            self._config = None  # start from a clean full build next time
            raise BuildError(f"MkDocs failed: {exc}") from None
