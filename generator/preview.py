"""The live preview behind `cimo serve`: after a save, redo only what the save changes.

Only content files that changed are read and validated again (generator.live.content); when
only interventions changed, only their references are checked and only their part of the graph
and of the similarity index is made again, so the work before the open page is rendered
hardly grows with the number of interventions. The graph tells which pages can show the changed
records, before and after the change (generator.live.affected); only those, and the pages about
the whole knowledge base, are rendered again, and only the Markdown that really changed is built
by MkDocs, page by page (generator.live.engine), the pages open in a browser first. The first
update, a change to a source, or the first update after a failure renders and builds
everything, and has Pagefind index it for search; after an update of some pages the search
index lags behind until the next full build (results may name a page as it was, or a page that
is gone), but it keeps working.

MkDocs writes pages into a folder of its own; the folder that is served gets each changed file
replaced whole, and never shows a page half-written or without its diagrams. `cimo build`
stays the clean, atomic, full build for publishing.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from cimo.config import SiteConfig
from cimo.errors import BuildError
from cimo.graph import KnowledgeBase
from cimo.problems import Problem
from generator import site as paths
from generator import text
from generator.atomic import write_atomically
from generator.diagrams import Diagram, render_all
from generator.emitters import File, SiteContext
from generator.engine import write_engine_config
from generator.live.affected import (
    LATER,
    SINGLE_PAGES,
    WHOLE_SITE,
    Record,
    changes_everything,
    linked_records,
)
from generator.live.content import IncrementalContent
from generator.live.engine import PageBuilder
from generator.pages import with_diagrams
from generator.render import render_page, render_site
from generator.search import BUNDLE, index_site
from generator.templating import environment
from generator.views.compare import MAX_RELATED
from generator.views.search import search_facets

T = TypeVar("T")
CHUNK = 8  # pages built between two looks for a newer save


@dataclass
class PreviewReport:
    pages: int
    changed: int
    diagrams: int
    seconds: float
    warnings: list[Problem]

    def summary(self) -> str:
        return (
            f"Preview bijgewerkt: {self.changed} van de {self.pages} pagina's veranderd, "
            f"in {text.seconds(self.seconds)}."
        )


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
        self.open_pages: Callable[[], list[str]] = list  # site paths open in a browser
        # True when a newer save is waiting: the update stops after the open pages
        self.interrupted: Callable[[], bool] = lambda: False
        self._pending: set[tuple[str, str]] = set()  # pages an interrupted update left
        self._whole_site_due = False  # an interrupted update left the whole-site pages
        self.behind = False  # the downloads wait for catch_up()
        records = cache_dir.with_name("records") if cache_dir is not None else None
        self._content = IncrementalContent(content_dir, records)
        self._builder: PageBuilder | None = None
        self._site: SiteContext | None = None
        self._docs: dict[str, bytes] = {}  # what the docs folder holds
        self._svgs: dict[str, str] = {}  # diagram key → SVG

    def update(
        self, changed: object = None, on_ready: Callable[[], None] | None = None
    ) -> PreviewReport:
        """Validate, render, rebuild what changed and publish it; `on_ready` is called as soon
        as the pages open in a browser are served (or else once everything is).

        Raises CimoError or OSError; the served folder then keeps its last good pages."""
        started = time.perf_counter()
        old = self._site
        before: set[Record] = set()  # pages that showed the changed records

        def before_link(changed: set[Record]) -> None:
            if self._builder is not None and old is not None and not changes_everything(changed):
                before.update(linked_records(changed, old.kb, self._related(old)))

        update = self._content.update(before_link)
        try:
            site = self._site_context(old, update.loaded.kb, update.changed)
            records = None
            if self._builder and old and not changes_everything(update.changed):
                records = before | linked_records(update.changed, site.kb, self._related(site))
                records |= {r for r in self._pending if r[0] in SINGLE_PAGES}
            self._pending = set()
            if records is None:
                self._whole_site_due = False
                changed = self._everything(site, on_ready)
            else:
                # A save that changed no record (the same text saved again) changes no page
                # about the whole knowledge base: those take seconds at scale.
                whole_site = bool(update.changed) or self._whole_site_due
                changed = self._only(site, records, on_ready, whole_site)
        except BaseException:
            self._builder = None  # start from a whole build next time
            self._site = None
            raise
        self._site = site
        pages = sum(1 for rel in self._docs if rel.endswith(".md"))
        seconds = time.perf_counter() - started
        return PreviewReport(pages, changed, len(self._svgs), seconds, update.loaded.warnings)

    # -- everything --------------------------------------------------------------------------
    def _everything(self, site: SiteContext, on_ready: Callable[[], None] | None) -> int:
        rendered = render_site(site.kb, self.config)
        self._svgs = render_all(rendered.diagrams, self.cache_dir)
        files = rendered.docs()
        changed = [rel for rel, data in files.items() if self._write_doc(rel, data)]
        for old in [p for p in self.docs.rglob("*") if p.is_file()]:
            rel = old.relative_to(self.docs).as_posix()
            if rel not in files:
                old.unlink()
                changed.append(rel)
        self._docs = files
        if self.built.exists():
            shutil.rmtree(self.built)
        self.work_dir.mkdir(parents=True, exist_ok=True)
        builder = self._mkdocs(lambda: PageBuilder(self._engine_config()))
        self._mkdocs(builder.build_all)
        self._builder = builder
        self._inject(p for p in self.built.rglob("*.html"))
        if self._publish_all(keep=BUNDLE) and on_ready:
            on_ready()  # the pages first; the search index follows
        index_site(self.built)  # search works in the preview after every full build
        self._publish_all(under=BUNDLE)
        site.related.matcher  # noqa: B018 - made now, the next save then only updates it
        return sum(1 for rel in changed if rel.endswith(".md"))

    def _engine_config(self) -> Path:
        return write_engine_config(self.work_dir, self.config, site_dir="build")

    # -- only what changed ------------------------------------------------------------------
    def _only(
        self,
        site: SiteContext,
        records: set[tuple[str, str]],
        on_ready: Callable[[], None] | None,
        whole_site: bool = True,
    ) -> int:
        env, open_docs = environment(), self._open_docs()
        gone = {
            paths.page_path(kind, ident)
            for kind, ident in records
            if ident not in site.kb.catalogue(_plural(kind))
        }
        present = sorted(
            (r for r in records if paths.page_path(*r) not in gone),
            key=lambda r: (paths.page_path(*r) not in open_docs, r),
        )
        first = [r for r in present if paths.page_path(*r) in open_docs]
        outputs: dict[str, bytes] = {}
        diagrams: list[Diagram] = []
        ready = False
        changed = 0

        def render(batch: Iterable[tuple[str, str]]) -> None:
            for kind, ident in batch:
                page = SINGLE_PAGES[kind][1](site, ident)
                facets = search_facets(site.kb, page.path)
                outputs[page.path] = render_page(env, page, facets).encode("utf-8")
                diagrams.extend(page.diagrams)

        def build(docs: list[str], may_stop: bool = True) -> None:
            nonlocal ready, changed
            self._svgs.update(render_all(diagrams, self.cache_dir))
            diagrams.clear()
            docs = [rel for rel in docs if self._docs.get(rel) != outputs[rel]]
            for start in range(0, len(docs), CHUNK):
                if may_stop and self.interrupted():
                    raise _Interrupted
                built = self._build_chunk(
                    {rel: outputs[rel] for rel in docs[start : start + CHUNK]}
                )
                pages = [rel for rel in docs[start : start + CHUNK] if rel.endswith(".md")]
                changed += len(pages)
                if built and not ready and on_ready and any(rel in open_docs for rel in pages):
                    ready = True
                    on_ready()

        render(first)
        build(sorted(outputs), may_stop=False)
        try:
            if self.interrupted():
                raise _Interrupted
            render(r for r in present if r not in first)
            for emit in WHOLE_SITE if whole_site else ():
                if self.interrupted():
                    raise _Interrupted
                for output in emit(site):
                    if self.interrupted():
                        raise _Interrupted
                    if isinstance(output, File):
                        outputs[output.path] = output.data
                    else:
                        facets = search_facets(site.kb, output.path)
                        html = render_page(env, output, facets)
                        outputs[output.path] = html.encode("utf-8")
                        diagrams.extend(output.diagrams)
            rest = sorted(outputs, key=lambda rel: (rel not in open_docs, rel))
            build(rest)
        except _Interrupted:  # a newer save: its update does the rest, with its own changes
            self._pending = records - set(first)
            self._whole_site_due = whole_site
            return changed
        self._whole_site_due = False
        self.behind = self.behind or whole_site  # the downloads, too, show every record
        removed = self._remove(gone)  # the search index keeps them until a full build
        if whole_site or changed or removed:
            self._refresh_listings()
        if (changed or removed) and not ready and on_ready:
            on_ready()
        return changed

    def _build_chunk(self, outputs: dict[str, bytes]) -> list[str]:
        """Write these docs files, build their pages, publish them; the site paths built."""
        builder = self._builder
        assert builder is not None
        for rel, data in outputs.items():
            self._write_doc(rel, data)
            builder.add(rel)
        pages = [rel for rel in outputs if rel.endswith(".md")]
        built = self._mkdocs(lambda: builder.build(pages))
        for rel in outputs:
            if not rel.endswith(".md"):
                _copy(self.docs / rel, self.built / rel)
                built.append(rel)
        self._inject(self.built / rel for rel in built if rel.endswith(".html"))
        self._publish(built)
        self._docs.update(outputs)  # only now: an interrupted chunk is built again next time
        return built

    def catch_up(self) -> int:
        """Make what the last updates left for a quiet moment (the downloads); the number of
        files that changed. Stops early, to be called again, when a newer save is waiting."""
        site = self._site
        if not self.behind or site is None or self._builder is None:
            return 0
        outputs: dict[str, bytes] = {}
        for emit in LATER:
            for output in emit(site):
                if self.interrupted():
                    return 0
                if isinstance(output, File):
                    outputs[output.path] = output.data
        changed = {rel: data for rel, data in outputs.items() if self._docs.get(rel) != data}
        if changed:
            self._build_chunk(changed)
        self.behind = False
        return len(changed)

    def _refresh_listings(self) -> None:
        """The labels page: its listing of every page's tags, filled again."""
        builder = self._builder
        assert builder is not None
        built = self._mkdocs(builder.refresh_listings)
        self._inject(self.built / rel for rel in built)
        self._publish(built)

    def _remove(self, docs: set[str]) -> int:
        """Pages of records that are gone: out of the docs, MkDocs and the served folder."""
        builder = self._builder
        assert builder is not None
        for rel in docs:
            (self.docs / rel).unlink(missing_ok=True)
            self._docs.pop(rel, None)
            dest = builder.remove(rel) or paths.html_page(rel)
            (self.built / dest).unlink(missing_ok=True)
            (self.site / dest).unlink(missing_ok=True)
        return len(docs)

    def _open_docs(self) -> set[str]:
        """Docs paths of the pages open in a browser (interventies/x.html → interventies/x.md)."""
        return {
            rel.removesuffix(".html") + ".md" for rel in self.open_pages() if rel.endswith(".html")
        }

    def _site_context(
        self, old: SiteContext | None, kb: KnowledgeBase, changed: set[Record]
    ) -> SiteContext:
        """A new site context; when only interventions changed, from the last one."""
        if old is None or any(kind != "intervention" for kind, _ in changed):
            return SiteContext(kb, self.config)
        return old.after_edit(kb, {ident for _, ident in changed})

    @staticmethod
    def _related(site: SiteContext) -> Callable[[KnowledgeBase, str], list[str]]:
        def related(kb: KnowledgeBase, ident: str) -> list[str]:
            return [other for other, _ in site.related.matcher.most_similar(ident, MAX_RELATED)]

        return related

    # -- files ------------------------------------------------------------------------------
    def _write_doc(self, rel: str, data: bytes) -> bool:
        path = self.docs / rel
        if self._docs.get(rel) == data:
            return False  # built from exactly this before
        if path.is_file() and path.read_bytes() == data:
            return True  # written by an interrupted update (or a previous run) but not built
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return True

    def _mkdocs(self, step: Callable[[], T]) -> T:
        from mkdocs.exceptions import MkDocsException

        try:
            return step()
        except (MkDocsException, SystemExit) as exc:
            raise BuildError(f"MkDocs failed: {exc}") from None

    def _inject(self, pages: Iterable[Path]) -> None:
        """Replace each diagram marker in these built pages with its inline SVG."""
        for page in pages:
            html = page.read_text(encoding="utf-8")
            if "<!--cimo-diagram:" in html:
                page.write_text(with_diagrams(html, self._svgs), encoding="utf-8")

    def _publish(self, rels: Iterable[str]) -> None:
        """Copy these built files into the served folder, each one replaced whole."""
        for rel in rels:
            source, target = self.built / rel, self.site / rel
            data = source.read_bytes()
            if not (target.is_file() and target.read_bytes() == data):
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(target, data)

    def _publish_all(self, keep: str = "", under: str = "") -> bool:
        """Make the served folder (or its sub-folder `under`) equal to the built one, leaving
        the sub-folder `keep` alone; True when anything changed."""
        built = {
            p.relative_to(self.built).as_posix()
            for p in (self.built / under).rglob("*")
            if p.is_file() and not (keep and p.relative_to(self.built).parts[0] == keep)
        }
        published = False
        for rel in sorted(built):
            data, target = (self.built / rel).read_bytes(), self.site / rel
            if not (target.is_file() and target.read_bytes() == data):
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(target, data)
                published = True
        for path in [p for p in (self.site / under).rglob("*") if p.is_file()]:
            where = path.relative_to(self.site)
            if where.as_posix() not in built and not (keep and where.parts[0] == keep):
                path.unlink()
                published = True
        return published


class _Interrupted(Exception):
    """A newer save is waiting."""


def _plural(kind: str) -> str:
    from cimo.kinds import KINDS

    return next(k.plural for k in KINDS if k.name == kind)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, source.read_bytes())
