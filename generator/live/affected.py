"""Which pages an edit can change, found from the graph (before and after the edit).

A record's own page, the pages of every record it is linked to (an intervention's mechanisms,
outcomes, areas and the areas around them, themes, organisations, owner and programme; a
mechanism's interventions…), the interventions listed as alike before and after, and the pages
about the whole knowledge base (lists, comparisons, appendix, budget, home). Pages of records
nothing links to are left alone. When a source changes (they are cited everywhere), the answer
is None: render everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import networkx as nx

from cimo.graph import KnowledgeBase, node_key
from generator.emitters import EMITTERS, Page, SiteContext, catalogue, files, interventions
from generator.emitters.base import Emitter

Record = tuple[str, str]

#: Record kinds with a page of their own, rendered one by one.
SINGLE_PAGES: dict[str, tuple[Emitter, Callable[[SiteContext, str], Page]]] = {
    "intervention": (interventions.intervention_pages, interventions.intervention_page),
    "mechanism": (catalogue.mechanism_pages, catalogue.mechanism_page),
    "outcome": (catalogue.outcome_pages, catalogue.outcome_page),
    "area": (catalogue.area_pages, catalogue.area_page),
    "theme": (catalogue.theme_pages, catalogue.theme_page),
    "organisation": (catalogue.organisation_pages, catalogue.organisation_page),
}
#: The downloads (CSV, XLSX, JSON of everything) take seconds at scale and show in no page:
#: the preview makes them when it has nothing else to do.
LATER: tuple[Emitter, ...] = (files.downloads,)
#: Everything else (lists, programmes, comparisons) is rendered as a whole after each save.
WHOLE_SITE: tuple[Emitter, ...] = tuple(
    emit
    for emit in EMITTERS
    if emit not in {pair[0] for pair in SINGLE_PAGES.values()} and emit not in LATER
)
_EVERYTHING = {"source"}


def affected_records(
    changed: set[Record],
    old: KnowledgeBase | None,
    new: KnowledgeBase,
    related: Callable[[KnowledgeBase, str], Iterable[str]],
) -> set[Record] | None:
    """Records whose own page may show something of the changed records; None: all of them."""
    if old is None or changes_everything(changed):
        return None
    return linked_records(changed, old, related) | linked_records(changed, new, related)


def linked_records(
    changed: set[Record], kb: KnowledgeBase, related: Callable[[KnowledgeBase, str], Iterable[str]]
) -> set[Record]:
    """The changed records with a page of their own, and those that show them in this
    knowledge base (before or after the change: affected_records asks both)."""
    found = set(changed)
    for kind, ident in changed:
        found |= _linked(kb, kind, ident)
        if kind == "intervention" and ident in kb.interventions:
            found |= {("intervention", other) for other in related(kb, ident)}
    return {(kind, ident) for kind, ident in found if kind in SINGLE_PAGES}


def changes_everything(changed: set[Record]) -> bool:
    """Whether every page may show something of the changed records (a source: cited everywhere)."""
    return any(kind in _EVERYTHING for kind, _ in changed)


def _linked(kb: KnowledgeBase, kind: str, ident: str) -> set[Record]:
    graph, key = kb.graph, node_key(kind, ident)
    found: set[Record] = set()
    if key in graph:
        for node in nx.all_neighbors(graph, key):
            found.add(_record(graph, node))
    if kind == "intervention" and ident in kb.interventions:
        iv = kb.interventions[ident]
        found.add(("organisation", iv.owner))
        for area in iv.context.areas:
            found |= {("area", a) for a in _around(kb, area)}
    if kind == "organisation":
        found |= {("intervention", i) for i, iv in kb.interventions.items() if iv.owner == ident}
    if kind == "area":
        found |= {("area", a) for a in _around(kb, ident)}
        for inner in kb.sub_areas(ident):
            found |= {("intervention", i) for i in kb.interventions_in_area(inner)}
    return found


def _record(graph: nx.DiGraph, node: str) -> Record:
    kind, ident = graph.nodes[node]["kind"], node.split(":", 1)[1]
    if kind in ("indicator", "context"):  # "indicator:intervention/n" belongs to its intervention
        return ("intervention", ident.split("/", 1)[0])
    return (kind, ident)


def _around(kb: KnowledgeBase, area: str) -> set[str]:
    """An area and every area it lies in."""
    found: set[str] = set()
    while area and area not in found and area in kb.areas:
        found.add(area)
        area = kb.areas[area].part_of or ""
    return found
