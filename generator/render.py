"""Stage 4, render: a KnowledgeBase → every Markdown page, file and diagram source of the site.

Each emitter (generator/emitters/) yields its pages; this module prints them with their
templates. Diagrams are only collected here: Graphviz runs in its own build step.

With jobs=2 (a build on a machine with two or more cores) a forked worker process and this
process share the page families: each takes the next task from a shared counter, the largest
first; the largest families (interventions, organisations) are two tasks of one half each.
The outputs are put together in the order of EMITTERS, so the site is the same, byte for byte,
whichever process rendered what. If the worker fails in any way, this process
renders what it did not deliver.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from cimo.config import SiteConfig
from cimo.graph import KnowledgeBase
from generator import two_processes
from generator.diagrams import Diagram
from generator.emitters import EMITTERS, File, Page, SiteContext
from generator.site import root_of
from generator.templating import environment
from generator.views.common import tag_text
from generator.views.search import SearchFacets, search_facets

#: Below this many interventions a second process costs more than it saves.
PARALLEL_FROM = 50
#: Page families whose emitter takes its items through `site.share`: split in two halves.
_SHARED_FAMILIES = ("intervention_pages", "organisation_pages")
#: The page families that take longest first, so two processes finish close together.
_LARGEST_FIRST = (
    "intervention_pages",
    "downloads",
    "organisation_pages",
    "mechanism_pages",
    "outcome_pages",
)


class DuplicatePageError(Exception):
    """Two outputs claim the same path: a generator bug, or an id that should be reserved."""


@dataclass
class RenderedSite:
    """Everything the site is made of before MkDocs: Markdown, files, diagram sources."""

    pages: dict[str, str] = field(default_factory=dict)  # docs path → Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # docs path → bytes
    diagrams: list[Diagram] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # docs paths already written to disk

    def add(self, path: str, output: str | bytes | None) -> None:
        """An output; None when it was written to the docs folder as it was rendered."""
        if path in self.pages or path in self.files or path in self._seen:
            raise DuplicatePageError(f"two outputs for {path}")
        self._seen.add(path)
        if output is None:
            self.written.append(path)
        elif isinstance(output, str):
            self.pages[path] = output
        else:
            self.files[path] = output

    @property
    def page_count(self) -> int:
        return len(self.pages) + sum(1 for path in self.written if path.endswith(".md"))

    @cached_property
    def _seen(self) -> set[str]:  # every path added (pages and files are also dicts by path)
        return set()

    def docs(self) -> dict[str, bytes]:
        """Every file of the docs folder, by path."""
        return {**{p: text.encode("utf-8") for p, text in self.pages.items()}, **self.files}


#: path, Markdown or bytes (None once written to the docs folder), its diagrams
Output = tuple[str, str | bytes | None, list[Diagram]]


def render_site(
    kb: KnowledgeBase,
    config: SiteConfig | None = None,
    jobs: int = 1,
    cache_dir: Path | None = None,
    docs: Path | None = None,
) -> RenderedSite:
    """Run every emitter and render its pages (in two processes when jobs > 1 and it pays).

    With docs (an empty folder), each process writes every output there as soon as it is
    rendered, and the site returned holds only their paths: the pages never wait in memory
    nor travel between the processes."""
    site, env = SiteContext(kb, config or SiteConfig()), environment(cache_dir)
    if jobs > 1 and len(kb.interventions) >= PARALLEL_FROM and two_processes.can_fork():
        outputs = _render_in_two(site, env, docs)
    else:
        tasks: list[Task] = [(i, (0, 1)) for i in range(len(EMITTERS))]
        outputs = {task: _render(site, env, task, docs) for task in tasks}
    rendered = RenderedSite()
    for task in sorted(outputs):  # EMITTERS' order, and each family's parts in order
        for path, output, diagrams in outputs.pop(task):
            rendered.add(path, output)
            rendered.diagrams += diagrams
    return rendered


Task = tuple[int, tuple[int, int]]  # an emitter's index in EMITTERS, and which part of it


def _render(
    site: SiteContext, env: jinja2.Environment, task: Task, docs: Path | None = None
) -> list[Output]:
    index, site.part = task
    outputs: list[Output] = []
    folders: set[Path] = set()
    try:
        for output in EMITTERS[index](site):
            data: str | bytes | None
            if isinstance(output, File):
                data, diagrams = output.data, []
            else:
                data = render_page(env, output, search_facets(site.kb, output.path))
                diagrams = list(output.diagrams)
            if docs is not None:
                _write(docs / output.path, data, folders)
                data = None
            outputs.append((output.path, data, diagrams))
    finally:
        site.part = (0, 1)
    return outputs


# -- two processes --------------------------------------------------------------------------


def _tasks() -> list[Task]:
    """Every emitter once (the shared families in two halves), the largest first."""
    names = [emit.__name__ for emit in EMITTERS]
    first = [names.index(n) for n in _LARGEST_FIRST if n in names]
    tasks: list[Task] = []
    for index in first + [i for i in range(len(EMITTERS)) if i not in first]:
        if names[index] in _SHARED_FAMILIES:
            tasks += [(index, (0, 2)), (index, (1, 2))]
        else:
            tasks.append((index, (0, 1)))
    return tasks


def _render_in_two(
    site: SiteContext, env: jinja2.Environment, docs: Path | None
) -> dict[Task, list[Output]]:
    return two_processes.share(_tasks(), lambda task: _render(site, env, task, docs))


# -- one page -------------------------------------------------------------------------------


def render_page(env: jinja2.Environment, page: Page, search: SearchFacets | None = None) -> str:
    context: dict[str, Any] = dict(page.context)
    return env.get_template(page.template).render(
        root=root_of(page.path),
        front_matter=Markup(front_matter(page.title, page.tags)),
        search=search,
        **context,
    )


_FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(title: str, tags: Sequence[str] | None = None) -> str:
    data: dict[str, Any] = {"title": tag_text(title.replace("&", "en")) or "Pagina"}
    if tags:
        data["tags"] = list(tags)
    # libyaml writes exactly what PyYAML writes for printable text of the Basic Multilingual
    # Plane without backslashes (it folds escaped double-quoted text differently and escapes
    # characters beyond U+FFFF): the fast writer only for that.
    values = [data["title"], *data.get("tags", [])]
    plain = all(
        isinstance(v, str)
        and v.isprintable()
        and "\\" not in v
        and max(v, default=" ") < "\U00010000"
        for v in values
    )
    dumper = _FAST_DUMPER if plain else yaml.SafeDumper
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=True).strip()


def write_docs(site: RenderedSite, docs: Path) -> None:
    """Write the rendered site into an empty docs folder."""
    folders: set[Path] = set()
    for rel, data in site.pages.items():
        _write(docs / rel, data, folders)
    for rel, raw in site.files.items():
        _write(docs / rel, raw, folders)


def _write(target: Path, data: str | bytes, folders: set[Path]) -> None:
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
