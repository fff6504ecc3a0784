"""Stage 4, render: a KnowledgeBase → every Markdown page, file and diagram source of the site.

Each emitter (generator/emitters/) yields its pages; this module prints them with their
templates. Diagrams are only collected here: Graphviz runs in its own build step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from cimo.config import SiteConfig
from cimo.graph import KnowledgeBase
from generator.diagrams import Diagram
from generator.emitters import EMITTERS, File, Page, SiteContext
from generator.site import root_of
from generator.templating import environment
from generator.views.common import tag_text
from generator.views.search import SearchFacets, search_facets


class DuplicatePageError(Exception):
    """Two outputs claim the same path: a generator bug, or an id that should be reserved."""


@dataclass
class RenderedSite:
    """Everything the site is made of before MkDocs: Markdown, files, diagram sources."""

    pages: dict[str, str] = field(default_factory=dict)  # docs path → Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # docs path → bytes
    diagrams: list[Diagram] = field(default_factory=list)

    def add(self, path: str, output: str | bytes) -> None:
        if path in self.pages or path in self.files:
            raise DuplicatePageError(f"two outputs for {path}")
        if isinstance(output, str):
            self.pages[path] = output
        else:
            self.files[path] = output

    def docs(self) -> dict[str, bytes]:
        """Every file of the docs folder, by path."""
        return {**{p: text.encode("utf-8") for p, text in self.pages.items()}, **self.files}


def render_site(kb: KnowledgeBase, config: SiteConfig | None = None) -> RenderedSite:
    """Run every emitter and render its pages."""
    site, env, rendered = SiteContext(kb, config or SiteConfig()), environment(), RenderedSite()
    for emit in EMITTERS:
        for output in emit(site):
            if isinstance(output, File):
                rendered.add(output.path, output.data)
            else:
                facets = search_facets(site.kb, output.path)
                rendered.add(output.path, render_page(env, output, facets))
                rendered.diagrams += output.diagrams
    return rendered


def render_page(env: jinja2.Environment, page: Page, search: SearchFacets | None = None) -> str:
    context: dict[str, Any] = dict(page.context)
    return env.get_template(page.template).render(
        root=root_of(page.path),
        front_matter=Markup(front_matter(page.title, page.tags)),
        search=search,
        **context,
    )


def front_matter(title: str, tags: list[str] | None = None) -> str:
    data: dict[str, Any] = {"title": tag_text(title.replace("&", "en")) or "Pagina"}
    if tags:
        data["tags"] = tags
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=True).strip()


def write_docs(site: RenderedSite, docs: Path) -> None:
    """Write the rendered site into an empty docs folder."""
    for rel, data in site.docs().items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
