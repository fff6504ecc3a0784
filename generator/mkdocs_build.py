"""MkDocs' build() on two cores: the same steps and plugin events, the per-page work shared.

MkDocs builds a site in two passes over the pages: first every page's Markdown is turned into
HTML (`_populate_page`), then every page is put into the theme's template and written
(`_build_page`). Each page's work in a pass is independent of the others, and it is 80-90 % of
a build of our site. Here both passes are shared between this process and a forked worker
(generator.two_processes); everything between and around them (files, navigation, the `env`
event that fills the tags plugin's listings, static files, anchor checks, `post_build`) runs
once, in this process, in MkDocs' order. The site is the same, byte for byte, as MkDocs' own
build() makes (tests/generator/test_mkdocs_build.py).

What crosses between the processes: in the first pass the worker sends back, per page, what
`Page.render` and the `page_content` event set (HTML, table of contents, title, anchors); in
the second it writes its pages itself. Warnings a worker logs are logged again here, so a
strict build counts them. `page_markdown` runs here for every page before the work is shared,
so plugins that collect data from it (the tags plugin) see every page; plugins that keep
state in `page_content` or `post_page` would lose the worker's part: the site uses none
(a test checks the plugin list).

It follows MkDocs' private `_populate_page` step by step (split where the pages are shared)
and calls its private `_build_page`, `_build_theme_template` and `_build_extra_template`, as
MkDocs' build() does (MkDocs is pinned to 1.6).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from mkdocs import utils
from mkdocs.commands.build import (
    _build_extra_template,
    _build_page,
    _build_theme_template,
)
from mkdocs.exceptions import Abort, BuildError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from generator import two_processes

#: Below this many pages a second process costs more than it saves.
PARALLEL_FROM = 100
#: Pages per task: small enough to balance, large enough that the counter costs nothing.
CHUNK = 8


Finish = Callable[[], Callable[[str], str]]


@dataclass
class _Rendered:
    """What one page's first pass set on the page, in a form that pickles."""

    content: str | None
    toc: Any
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by src_uri instead of File


@dataclass
class _Chunk:
    """The outcome of one task: per page in the first pass, and what was logged."""

    pages: dict[str, _Rendered] = field(default_factory=dict)
    logged: list[logging.LogRecord] = field(default_factory=list)


def build(config: Any, jobs: int = 2, finish: Finish | None = None) -> None:
    """Build the site of a loaded MkDocs config, as `mkdocs build` does (a clean build).

    finish, if given, is called once between the two passes (so it may wait for work done
    meanwhile, like the diagrams); the function it returns is applied to the HTML of every
    page before it is written, after every plugin's post_page."""
    inclusion = InclusionLevel.is_included
    try:
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        doc_files = files.documentation_pages(inclusion=inclusion)
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            _read(file.page, config, files)
        pages = sorted(doc_files, key=lambda f: -len(f.page.markdown or ""))  # largest first
        parallel = jobs > 1 and len(pages) >= PARALLEL_FROM and two_processes.can_fork()

        # First pass: Markdown → HTML.
        first = _share(pages, lambda chunk: _render(chunk, config, files), parallel)
        by_uri = {file.src_uri: file for file in doc_files}
        for chunk in first:
            for uri, rendered in chunk.pages.items():
                _restore(by_uri[uri].page, rendered, files)

        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=inclusion)
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)

        # Second pass: each page in the theme's template, written.
        if finish is not None:
            config.plugins["cimo/finish"] = _FinishPages(finish())
        _share(pages, lambda chunk: _write(chunk, config, doc_files, nav, env), parallel)

        log_level = config.validation.links.anchors
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=log_level)
        config.plugins.on_post_build(config=config)
        config.plugins.on_shutdown()
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            logging.getLogger("mkdocs").error(str(error))
            raise Abort("Aborted with a BuildError!") from None
        raise


def _share(
    files: list[Any], do: Callable[[tuple[Any, ...]], _Chunk], parallel: bool
) -> list[_Chunk]:
    """do() for every chunk of files, on two cores if parallel; logs what the worker logged."""
    chunks = [tuple(files[i : i + CHUNK]) for i in range(0, len(files), CHUNK)]
    if not parallel:
        return [do(chunk) for chunk in chunks]
    done = two_processes.share([tuple(f.src_uri for f in c) for c in chunks], _by_uri(files, do))
    results = [done[tuple(f.src_uri for f in c)] for c in chunks]
    for result in results:
        for record in result.logged:
            logging.getLogger(record.name).handle(record)
    return results


def _by_uri(files: list[Any], do: Callable[[tuple[Any, ...]], _Chunk]) -> Callable[..., _Chunk]:
    """A task is a tuple of src_uris (they pickle); do() gets the files."""
    by_uri = {f.src_uri: f for f in files}
    parent = os.getpid()

    def task(uris: tuple[str, ...]) -> _Chunk:
        if os.getpid() == parent:
            return do(tuple(by_uri[u] for u in uris))
        with _Capture() as capture:  # the worker: its warnings go back to the parent
            chunk = do(tuple(by_uri[u] for u in uris))
        chunk.logged = capture.records
        return chunk

    return task


@contextlib.contextmanager
def _reading(page: Any, config: Any) -> Iterator[None]:
    """What MkDocs' _populate_page does around its steps: the current page, and an error
    that names the page."""
    config._current_page = page
    try:
        yield
    except Exception as error:
        logging.getLogger("mkdocs.commands.build").error(
            f"Error reading page '{page.file.src_uri}': {error}"
        )
        raise
    finally:
        config._current_page = None


def _read(page: Any, config: Any, files: Any) -> None:
    """The start of MkDocs' _populate_page: read the source and run page_markdown."""
    with _reading(page, config):
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )


def _render(chunk: tuple[Any, ...], config: Any, files: Any) -> _Chunk:
    """The rest of _populate_page for each page: Markdown → HTML, and page_content."""
    done = _Chunk()
    for file in chunk:
        page = file.page
        with _reading(page, config):
            page.render(config, files)
            page.content = config.plugins.on_page_content(
                page.content, page=page, config=config, files=files
            )
        anchors = page.links_to_anchors
        done.pages[file.src_uri] = _Rendered(
            page.content,
            page.toc,
            page._title_from_render,
            page.present_anchor_ids,
            None if anchors is None else {f.src_uri: links for f, links in anchors.items()},
        )
    return done


def _restore(page: Any, rendered: _Rendered, files: Any) -> None:
    page.content, page.toc = rendered.content, rendered.toc
    page._title_from_render = rendered.title_from_render
    page.present_anchor_ids = rendered.present_anchor_ids
    if rendered.links_to_anchors is not None:
        page.links_to_anchors = {
            files.get_file_from_path(uri): links for uri, links in rendered.links_to_anchors.items()
        }


def _write(chunk: tuple[Any, ...], config: Any, doc_files: Any, nav: Any, env: Any) -> _Chunk:
    for file in chunk:
        _build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
    return _Chunk()


class _Capture(logging.Handler):
    """In a worker: keeps the warnings and errors logged, instead of the handlers it inherited
    (the parent logs them once it has the results; nothing is printed or counted twice)."""

    _LOGGERS = ("", "mkdocs")  # the root logger, and MkDocs' (which may not propagate)

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self._saved: list[tuple[logging.Logger, list[logging.Handler]]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if self.records and self.records[-1] is record:
            return  # the same record, seen at both loggers
        record.msg, record.args = record.getMessage(), None  # pickles without its arguments
        record.exc_info = record.exc_text = None
        self.records.append(record)

    def __enter__(self) -> _Capture:
        for name in self._LOGGERS:
            logger = logging.getLogger(name)
            self._saved.append((logger, logger.handlers))
            logger.handlers = [self]
        return self

    def __exit__(self, *exc: object) -> None:
        for logger, handlers in self._saved:
            logger.handlers = handlers
        self._saved.clear()


class _FinishPages(BasePlugin):  # type: ignore[type-arg]
    """Applies `finish`'s function to every page's HTML, after every other plugin."""

    def __init__(self, transform: Callable[[str], str]) -> None:
        super().__init__()
        self.transform = transform

    @event_priority(-1000)
    def on_post_page(self, output: str, **kwargs: Any) -> str:
        return self.transform(output)
