"""The knowledge base as a whole: the overview diagram and the labels page."""

from __future__ import annotations

from collections.abc import Iterator

from generator import site as paths
from generator.diagram_graphs import overview_diagram
from generator.emitters.base import Page, SiteContext
from generator.pages import diagram_marker


def overview_page(site: SiteContext) -> Iterator[Page]:
    diagram, text = overview_diagram(site.kb)
    context = {"diagram": diagram_marker(diagram.key), "diagram_text": text}
    yield Page(paths.OVERVIEW, "overview.md.j2", "Het grote schema", context, diagrams=[diagram])


def labels_page(site: SiteContext) -> Iterator[Page]:
    yield Page(paths.LABELS, "tags.md.j2", "Labels", {})
