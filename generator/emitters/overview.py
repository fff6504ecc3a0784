"""The knowledge base as a whole: the overview diagram and the labels page."""

from __future__ import annotations

from collections.abc import Iterator

from generator import site as paths
from generator.diagram_graphs import programme_overview_diagram
from generator.emitters.base import Page, SiteContext
from generator.pages import diagram_marker
from generator.views.catalogue import OverviewSection, mechanism_outcomes
from generator.views.common import link


def overview_page(site: SiteContext) -> Iterator[Page]:
    """Mechanisms and outcomes per programme (small diagrams a person can read), and all of
    them as text."""
    kb = site.kb
    sections, diagrams = [], []
    for programme in site.programmes:
        members = kb.interventions_of_programme(programme.id)
        if not members:
            continue
        diagram, lines = programme_overview_diagram(kb, programme.id, members)
        diagrams.append(diagram)
        sections.append(
            OverviewSection(link(kb, "programme", programme.id), diagram_marker(diagram.key), lines)
        )
    context = {"sections": sections, "mechanisms": mechanism_outcomes(kb)}
    title = "Mechanismen en uitkomsten"
    yield Page(paths.OVERVIEW, "overview.md.j2", title, context, diagrams=diagrams)


def labels_page(site: SiteContext) -> Iterator[Page]:
    yield Page(paths.LABELS, "tags.md.j2", "Labels", {})


#: The day the accessibility checks of the statement were last done by hand (WCAG 2.1 AA).
ACCESSIBILITY_CHECKED = "25 november 2026"


def accessibility_page(site: SiteContext) -> Iterator[Page]:
    """The accessibility statement (toegankelijkheidsverklaring), in the national model's form."""
    home = site.kb.organisations.get(site.config.home or "")
    context = {
        "publisher": home.name if home else site.config.site_name,
        "website": home.website if home else None,
        "checked": ACCESSIBILITY_CHECKED,
    }
    yield Page(paths.ACCESSIBILITY, "accessibility.md.j2", "Toegankelijkheidsverklaring", context)
