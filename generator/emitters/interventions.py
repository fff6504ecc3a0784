"""One page per intervention: CIMO chain, diagram, indicators, money, matches."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from generator import site as paths
from generator.diagram_graphs import intervention_diagram
from generator.emitters.base import Page, SiteContext
from generator.pages import diagram_marker
from generator.views.intervention import intervention_view


def intervention_pages(site: SiteContext) -> Iterator[Page]:
    for ident in site.share(sorted(site.kb.interventions)):
        yield intervention_page(site, ident)


def intervention_page(site: SiteContext, ident: str) -> Page:
    """One intervention's page (the live preview renders single pages with it)."""
    kb = site.kb
    iv = kb.interventions[ident]
    diagram, text = intervention_diagram(kb, iv)
    view = intervention_view(kb, iv)
    view.diagram, view.diagram_text = diagram_marker(diagram.key), text
    view.compare_url = Markup(f"../{paths.SIDE_BY_SIDE}?a={ident}")
    view.related = site.related.related(ident)
    return Page(
        paths.page_path("intervention", ident),
        "intervention.md.j2",
        iv.title,
        {"v": view},
        view.tags,
        [diagram],
    )
