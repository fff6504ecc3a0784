"""Which nodes and edges each diagram shows, with its text alternative.

Neighbourhood diagrams are bounded (MAX_NEIGHBOURS per side), so `dot` always gets a small graph.
"""

from __future__ import annotations

from markupsafe import Markup

from cimo.graph import KnowledgeBase
from cimo.model import Intervention
from generator.diagrams import Diagram, DiagramBuilder
from generator.text import md_inline, plain

MAX_NEIGHBOURS = 12
OVERVIEW_PER_MECHANISM = 3


def _arrow(source: str, target: str) -> Markup:
    return Markup(f"{md_inline(source)} → {md_inline(target)}")


def intervention_diagram(kb: KnowledgeBase, iv: Intervention) -> tuple[Diagram, list[Markup]]:
    b = DiagramBuilder(f"intervention:{iv.id}")
    lines = []
    b.node("context", "context", "Context: " + plain(iv.context.target_group))
    b.node("intervention", "intervention", iv.title, bold=True)
    b.edge("context", "intervention")
    lines.append(_arrow("Context: " + iv.context.target_group, iv.title))
    for use in iv.mechanisms:
        name = kb.mechanisms[use.mechanism].name
        b.node(f"m:{use.mechanism}", "mechanism", name, "mechanism", use.mechanism)
        b.edge("intervention", f"m:{use.mechanism}")
        lines.append(_arrow(iv.title, "mechanisme: " + name))
    for outcome in iv.outcomes:
        name = kb.outcomes[outcome.outcome].name
        b.node(f"o:{outcome.outcome}", "outcome", name, "outcome", outcome.outcome)
        for mechanism in outcome.via:
            b.edge(f"m:{mechanism}", f"o:{outcome.outcome}")
            lines.append(
                _arrow("mechanisme: " + kb.mechanisms[mechanism].name, "uitkomst: " + name)
            )
    return b.diagram("dot"), lines


def _bounded(items: list[str]) -> tuple[list[str], int]:
    return items[:MAX_NEIGHBOURS], max(0, len(items) - MAX_NEIGHBOURS)


def mechanism_diagram(kb: KnowledgeBase, mechanism_id: str) -> tuple[Diagram, list[Markup]]:
    name = kb.mechanisms[mechanism_id].name
    b = DiagramBuilder(f"mechanism:{mechanism_id}")
    b.node("self", "mechanism", name, bold=True)
    lines = []
    users, more = _bounded(kb.interventions_using(mechanism_id))
    for ident in users:
        title = kb.interventions[ident].title
        b.node(f"i:{ident}", "intervention", title, "intervention", ident)
        b.edge(f"i:{ident}", "self")
        lines.append(_arrow(title, name))
    if more:
        b.node("more-in", "more", f"en {more} meer")
        b.edge("more-in", "self")
    outcomes, more_out = _bounded([o for o, _ in kb.outcomes_of_mechanism(mechanism_id)])
    for ident in outcomes:
        title = kb.outcomes[ident].name
        b.node(f"o:{ident}", "outcome", title, "outcome", ident)
        b.edge("self", f"o:{ident}")
        lines.append(_arrow(name, "uitkomst: " + title))
    if more_out:
        b.node("more-out", "more", f"en {more_out} meer")
        b.edge("self", "more-out")
    return b.diagram("dot"), lines


def outcome_diagram(kb: KnowledgeBase, outcome_id: str) -> tuple[Diagram, list[Markup]]:
    name = kb.outcomes[outcome_id].name
    b = DiagramBuilder(f"outcome:{outcome_id}")
    b.node("self", "outcome", name, bold=True)
    lines = []
    sources, more = _bounded([m for m, _ in kb.mechanisms_leading_to(outcome_id)])
    for ident in sources:
        title = kb.mechanisms[ident].name
        b.node(f"m:{ident}", "mechanism", title, "mechanism", ident)
        b.edge(f"m:{ident}", "self")
        lines.append(_arrow("mechanisme: " + title, name))
    if more:
        b.node("more-in", "more", f"en {more} meer")
        b.edge("more-in", "self")
    return b.diagram("dot"), lines


def programme_overview_diagram(
    kb: KnowledgeBase, programme_id: str, members: list[str]
) -> tuple[Diagram, list[Markup]]:
    """Mechanisms → outcomes through one programme's interventions, strongest links first.

    Bounded: per mechanism only its OVERVIEW_PER_MECHANISM strongest links."""
    b = DiagramBuilder(f"programme-overview:{programme_id}")
    lines = []
    links: dict[tuple[str, str], int] = {}
    for ident in members:
        for use in kb.interventions[ident].outcomes:
            for mechanism in use.via:
                links[(mechanism, use.outcome)] = links.get((mechanism, use.outcome), 0) + 1
    for mechanism_id in sorted({m for m, _ in links}, key=lambda m: kb.mechanisms[m].name):
        targets = sorted(
            ((o, n) for (m, o), n in links.items() if m == mechanism_id),
            key=lambda t: (-t[1], t[0]),
        )[:OVERVIEW_PER_MECHANISM]
        name = kb.mechanisms[mechanism_id].name
        b.node(f"m:{mechanism_id}", "mechanism", name, "mechanism", mechanism_id)
        for outcome_id, count in targets:
            title = kb.outcomes[outcome_id].name
            b.node(f"o:{outcome_id}", "outcome", title, "outcome", outcome_id)
            b.edge(f"m:{mechanism_id}", f"o:{outcome_id}")
            lines.append(_arrow(name, title) + f" ({count} interventie(s))")
    return b.diagram("dot"), lines
