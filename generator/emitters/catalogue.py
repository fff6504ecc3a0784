"""The shared catalogue's pages: mechanisms, outcomes, areas, themes, organisations."""

from __future__ import annotations

from collections.abc import Iterator

from generator import site as paths
from generator.diagram_graphs import mechanism_diagram, outcome_diagram
from generator.emitters.base import Page, SiteContext
from generator.pages import diagram_marker
from generator.views.catalogue import (
    area_view,
    interventions_by_organisation,
    mechanism_view,
    organisation_view,
    outcome_view,
    theme_view,
)
from generator.views.common import tag_text


def mechanism_pages(site: SiteContext) -> Iterator[Page]:
    for ident in sorted(site.kb.mechanisms):
        yield mechanism_page(site, ident)


def mechanism_page(site: SiteContext, ident: str) -> Page:
    diagram, text = mechanism_diagram(site.kb, ident)
    view = mechanism_view(site.kb, ident)
    view.diagram, view.diagram_text = diagram_marker(diagram.key), text
    path = paths.page_path("mechanism", ident)
    return Page(path, "mechanism.md.j2", view.name, {"v": view}, diagrams=[diagram])


def outcome_pages(site: SiteContext) -> Iterator[Page]:
    for ident in sorted(site.kb.outcomes):
        yield outcome_page(site, ident)


def outcome_page(site: SiteContext, ident: str) -> Page:
    diagram, text = outcome_diagram(site.kb, ident)
    view = outcome_view(site.kb, ident)
    view.diagram, view.diagram_text = diagram_marker(diagram.key), text
    path = paths.page_path("outcome", ident)
    return Page(path, "outcome.md.j2", view.name, {"v": view}, diagrams=[diagram])


def area_pages(site: SiteContext) -> Iterator[Page]:
    for ident in sorted(site.kb.areas):
        yield area_page(site, ident)


def area_page(site: SiteContext, ident: str) -> Page:
    view = area_view(site.kb, ident)
    path = paths.page_path("area", ident)
    return Page(path, "area.md.j2", view.name, {"v": view}, [tag_text(view.name)])


def theme_pages(site: SiteContext) -> Iterator[Page]:
    for ident in sorted(site.kb.themes):
        yield theme_page(site, ident)


def theme_page(site: SiteContext, ident: str) -> Page:
    view = theme_view(site.kb, ident)
    context = {"v": view, "kind_label": "Thema"}
    return Page(paths.page_path("theme", ident), "simple.md.j2", view.name, context)


def organisation_pages(site: SiteContext) -> Iterator[Page]:
    index = interventions_by_organisation(site.kb)  # once, not a scan per organisation
    for ident in site.share(sorted(site.kb.organisations)):
        yield organisation_page(site, ident, index)


def organisation_page(
    site: SiteContext, ident: str, index: dict[str, list[str]] | None = None
) -> Page:
    """One organisation's page (the live preview renders single pages with it)."""
    view = organisation_view(site.kb, ident, index)
    context = {"v": view, "kind_label": "Organisatie"}
    return Page(paths.page_path("organisation", ident), "simple.md.j2", view.name, context)
