"""Stage 4, render: a KnowledgeBase → Markdown pages (with inline SVG diagrams) by docs path."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from cimo.graph import KnowledgeBase
from generator import diagram_graphs as dg
from generator.atomic import write_atomically
from generator.catalogue_views import (
    area_view,
    mechanism_view,
    organisation_view,
    outcome_view,
    theme_view,
)
from generator.diagrams import Diagram, render_all
from generator.links import Link, page_path
from generator.list_views import intervention_list
from generator.programme_views import programme_appendix, programme_budget, programme_view
from generator.templating import environment
from generator.views import intervention_view, link, tag_text


@dataclass(frozen=True)
class IndexRow:
    link: Link
    description: str
    count: int


_MARKER = re.compile(r"<!--cimo-diagram:([a-z0-9:/-]+)-->")


def diagram_marker(key: str) -> Markup:
    return Markup(f"<!--cimo-diagram:{key}-->")


def inject_diagrams(site: Path, svgs: dict[str, str]) -> None:
    """Replace each diagram marker in the built HTML with its inline SVG, each page atomically."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<!--cimo-diagram:" in html:
            injected = _MARKER.sub(lambda m: svgs[m.group(1)], html)
            write_atomically(page, injected.encode("utf-8"))


def front_matter(title: str, tags: list[str] | None = None, **extra: Any) -> str:
    data: dict[str, Any] = {"title": tag_text(title.replace("&", "en")) or "Pagina"}
    if tags:
        data["tags"] = tags
    data.update(extra)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=True).strip()


class PageRenderer:
    """Renders every page; diagrams are collected first and rendered in one batch."""

    def __init__(self, kb: KnowledgeBase, cache_dir: Path | None, jobs: int = 2):
        self.kb = kb
        self.env = environment()
        self.cache_dir = cache_dir
        self.jobs = jobs
        self.pages: dict[str, str] = {}
        self.svgs: dict[str, str] = {}

    def _render(
        self,
        path: str,
        template: str,
        page_title: str,
        tags: list[str] | None = None,
        **context: Any,
    ) -> None:
        depth = path.count("/")
        self.pages[path] = self.env.get_template(template).render(
            root="../" * depth, front_matter=Markup(front_matter(page_title, tags)), **context
        )

    def render(self) -> dict[str, str]:
        kb = self.kb
        diagrams, texts = self.diagrams()
        self.svgs = render_all(diagrams, self.cache_dir, self.jobs)
        # Pages carry a marker; the SVG goes in after MkDocs (see inject_diagrams): Markdown
        # and search need not parse thousands of SVG elements per page.
        svgs = {key: diagram_marker(key) for key in self.svgs}
        for ident, iv in sorted(kb.interventions.items()):
            v = intervention_view(kb, iv)
            v.diagram, v.diagram_text = (
                svgs[f"intervention:{ident}"],
                texts[f"intervention:{ident}"],
            )
            v.compare_url = f"../vergelijken/naast-elkaar.md?a={ident}"
            self.extend_intervention(v)
            self._render(
                page_path("intervention", ident), "intervention.md.j2", iv.title, v.tags, v=v
            )
        for ident in sorted(kb.mechanisms):
            mv = mechanism_view(kb, ident)
            mv.diagram, mv.diagram_text = svgs[f"mechanism:{ident}"], texts[f"mechanism:{ident}"]
            self._render(page_path("mechanism", ident), "mechanism.md.j2", mv.name, v=mv)
        for ident in sorted(kb.outcomes):
            ov = outcome_view(kb, ident)
            ov.diagram, ov.diagram_text = svgs[f"outcome:{ident}"], texts[f"outcome:{ident}"]
            self._render(page_path("outcome", ident), "outcome.md.j2", ov.name, v=ov)
        for ident in sorted(kb.areas):
            av = area_view(kb, ident)
            self._render(page_path("area", ident), "area.md.j2", av.name, [tag_text(av.name)], v=av)
        for ident in sorted(kb.themes):
            self._render(
                page_path("theme", ident),
                "simple.md.j2",
                kb.themes[ident].name,
                v=theme_view(kb, ident),
                kind_label="Thema",
            )
        for ident in sorted(kb.organisations):
            self._render(
                page_path("organisation", ident),
                "simple.md.j2",
                kb.organisations[ident].name,
                v=organisation_view(kb, ident),
                kind_label="Organisatie",
            )
        self._render_programmes()
        self._render_indexes()
        self._render(
            "kennisbank/schema.md",
            "overview.md.j2",
            "Het grote schema",
            diagram=svgs["overview"],
            diagram_text=texts["overview"],
        )
        self._render("kennisbank/labels.md", "tags.md.j2", "Labels")
        return self.pages

    def extend_intervention(self, view: Any) -> None:
        """Hook for the comparison pages to add related interventions (see compare)."""

    def diagrams(self) -> tuple[list[Diagram], dict[str, list[str]]]:
        kb = self.kb
        built = [dg.intervention_diagram(kb, kb.interventions[i]) for i in sorted(kb.interventions)]
        built += [dg.mechanism_diagram(kb, i) for i in sorted(kb.mechanisms)]
        built += [dg.outcome_diagram(kb, i) for i in sorted(kb.outcomes)]
        built.append(dg.overview_diagram(kb))
        return [d for d, _ in built], {d.key: lines for d, lines in built}

    def _render_programmes(self) -> None:
        kb = self.kb
        # The programme with the most interventions leads, on every page that lists programmes.
        programmes = sorted(
            kb.programmes.values(),
            key=lambda p: (-len(kb.interventions_of_programme(p.id)), p.title),
        )
        views = [programme_view(kb, p) for p in programmes]
        for view in views:
            self._render(page_path("programme", view.id), "programme.md.j2", view.title, v=view)
        budgets = [b for b in (programme_budget(kb, p) for p in programmes) if b]
        self._render("bijlagen/begroting.md", "budget.md.j2", "Begroting", budgets=budgets)
        appendices = [programme_appendix(kb, p) for p in programmes]
        self._render(
            "bijlagen/indicatoren.md",
            "appendix.md.j2",
            "Bijlage indicatoren",
            appendices=[a for a in appendices if a.sections],
        )
        counts = {
            "interventions": len(kb.interventions),
            "mechanisms": len(kb.mechanisms),
            "outcomes": len(kb.outcomes),
        }
        self._render(
            "index.md",
            "home.md.j2",
            "Kennisbank kansengelijkheid",
            programmes=views,
            counts=counts,
        )

    def _render_indexes(self) -> None:
        kb = self.kb
        rows, filters = intervention_list(kb)
        self._render(
            "interventies/index.md",
            "interventions_index.md.j2",
            "Interventies",
            count=len(rows),
            rows=rows,
            filters=filters,
        )
        catalogue_pages = [
            (
                "mechanism",
                "mechanismen/index.md",
                "Mechanismen",
                "Mechanisme",
                "Een mechanisme legt uit waarom een interventie werkt. Eén mechanisme kan bij veel "
                "interventies horen.",
                kb.interventions_using,
            ),
            (
                "outcome",
                "uitkomsten/index.md",
                "Uitkomsten",
                "Uitkomst",
                "Een uitkomst is wat een interventie moet opleveren.",
                kb.interventions_reaching,
            ),
            (
                "area",
                "gebieden/index.md",
                "Gebieden",
                "Gebied",
                "Wijken, stadsdelen en gemeenten, met de interventies die er werken.",
                kb.interventions_in_area,
            ),
            (
                "theme",
                "themas/index.md",
                "Thema's",
                "Thema",
                "Thema's die door alle programma's heen lopen.",
                kb.interventions_with_theme,
            ),
        ]
        for kind, path, title, header, intro, users in catalogue_pages:
            table = getattr(kb, kind + "s")
            entries = [
                IndexRow(link(kb, kind, i), table[i].description, len(users(i)))
                for i in sorted(table, key=lambda i: table[i].name.lower())
            ]
            self._render(
                path,
                "catalogue_index.md.j2",
                title,
                title=title,
                intro=intro,
                name_header=header,
                rows=entries,
            )
