"""Stage 3, link: one KnowledgeBase — the validated models plus a typed networkx graph.

Node keys are "kind:id" (indicators and context factors: "kind:intervention/n"). Edges carry a
`kind`; mechanism → outcome edges also carry the interventions they come through.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx
from pydantic import BaseModel

from cimo.content_set import ContentSet, Located
from cimo.kinds import KINDS
from cimo.model import (
    Area,
    Intervention,
    Mechanism,
    Organisation,
    Outcome,
    Programme,
    Source,
    Theme,
)
from cimo.problems import Problem, Severity, format_path


def node_key(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


@dataclass
class KnowledgeBase:
    """Everything the generator needs: models by id per kind, and the graph that links them."""

    records: dict[str, dict[str, Any]] = field(
        default_factory=lambda: {kind.plural: {} for kind in KINDS}
    )
    graph: nx.DiGraph = field(default_factory=nx.DiGraph)

    def catalogue(self, kind: str) -> dict[str, Any]:
        """Models of one kind (plural, as in cimo.kinds) by id."""
        return self.records[kind]

    @property
    def programmes(self) -> dict[str, Programme]:
        return self.records["programmes"]

    @property
    def interventions(self) -> dict[str, Intervention]:
        return self.records["interventions"]

    @property
    def mechanisms(self) -> dict[str, Mechanism]:
        return self.records["mechanisms"]

    @property
    def outcomes(self) -> dict[str, Outcome]:
        return self.records["outcomes"]

    @property
    def themes(self) -> dict[str, Theme]:
        return self.records["themes"]

    @property
    def areas(self) -> dict[str, Area]:
        return self.records["areas"]

    @property
    def organisations(self) -> dict[str, Organisation]:
        return self.records["organisations"]

    @property
    def sources(self) -> dict[str, Source]:
        return self.records["sources"]

    # -- queries the pages need -------------------------------------------------------------
    def _neighbours(self, key: str, kind: str, reverse: bool = False) -> list[str]:
        nodes = self.graph.predecessors(key) if reverse else self.graph.successors(key)
        return sorted(n.split(":", 1)[1] for n in nodes if self.graph.nodes[n]["kind"] == kind)

    def interventions_using(self, mechanism_id: str) -> list[str]:
        return self._neighbours(node_key("mechanism", mechanism_id), "intervention", reverse=True)

    def interventions_reaching(self, outcome_id: str) -> list[str]:
        """Interventions that name this outcome (their aims_at edges)."""
        return self._neighbours(node_key("outcome", outcome_id), "intervention", reverse=True)

    def outcomes_of_mechanism(self, mechanism_id: str) -> list[tuple[str, list[str]]]:
        """Outcomes this mechanism leads to, each with the interventions it comes through."""
        key = node_key("mechanism", mechanism_id)
        return [
            (target.split(":", 1)[1], sorted(self.graph.edges[key, target]["interventions"]))
            for target in sorted(self.graph.successors(key))
            if self.graph.nodes[target]["kind"] == "outcome"
        ]

    def mechanisms_leading_to(self, outcome_id: str) -> list[tuple[str, list[str]]]:
        key = node_key("outcome", outcome_id)
        return [
            (source.split(":", 1)[1], sorted(self.graph.edges[source, key]["interventions"]))
            for source in sorted(self.graph.predecessors(key))
            if self.graph.nodes[source]["kind"] == "mechanism"
        ]

    def interventions_in_area(self, area_id: str) -> list[str]:
        """Interventions in this area or in any area that lies in it."""
        areas = {area_id} | self.sub_areas(area_id)
        found: set[str] = set()
        for area in areas:
            found.update(self._neighbours(node_key("area", area), "intervention", reverse=True))
        return sorted(found)

    def sub_areas(self, area_id: str) -> set[str]:
        """Every area inside this one, at any depth (safe against loops)."""
        found: set[str] = set()
        todo = [area_id]
        while todo:
            for child in self._area_children.get(todo.pop(), ()):
                if child not in found and child != area_id:
                    found.add(child)
                    todo.append(child)
        return found

    def areas_directly_in(self, area_id: str) -> list[str]:
        """The areas whose `part_of` is this one, sorted."""
        return sorted(self._area_children.get(area_id, ()))

    @cached_property
    def _area_children(self) -> dict[str, list[str]]:
        return _ids_by(self.areas.values(), lambda area: area.part_of)

    def interventions_of_programme(self, programme_id: str) -> list[str]:
        return list(self._by_programme.get(programme_id, ()))

    def interventions_related_to(self, programme_id: str) -> list[str]:
        """Interventions that name this programme as related without being part of it."""
        return list(self._related_to.get(programme_id, ()))

    @cached_property
    def _related_to(self) -> dict[str, list[str]]:
        return _ids_by(self.interventions.values(), lambda iv: iv.related_programme)

    @cached_property
    def _by_programme(self) -> dict[str, list[str]]:
        return _ids_by(self.interventions.values(), lambda iv: iv.programme)

    def interventions_with_theme(self, theme_id: str) -> list[str]:
        return self._neighbours(node_key("theme", theme_id), "intervention", reverse=True)


def _ids_by(records: Iterable[Any], key: Callable[[Any], str | None]) -> dict[str, list[str]]:
    """Record ids grouped by key (records whose key is None left out), in the records' order:
    an index made once, for questions that pages ask once each."""
    found: dict[str, list[str]] = {}
    for record in records:
        value = key(record)
        if value is not None:
            found.setdefault(value, []).append(record.id)
    return found


def link(content: ContentSet) -> KnowledgeBase:
    """Build the KnowledgeBase from validated content (references are known to resolve)."""
    kb = KnowledgeBase()
    for kind in KINDS:
        for item in content.catalogue(kind.plural):
            model: Any = item.model
            kb.catalogue(kind.plural)[model.id] = model
            kb.graph.add_node(node_key(kind.name, model.id), kind=kind.name, label=_label(model))
    for item in content.interventions:
        _link_intervention(kb, item.model)
    return kb


def relink(kb: KnowledgeBase, content: ContentSet, interventions: set[str]) -> KnowledgeBase:
    """The KnowledgeBase of `content`, which differs from `kb`'s only in these interventions
    (added, changed or removed): their part of the graph is made again, the rest kept.

    The graph is taken over, not copied: `kb` must not be queried afterwards. Its records
    stay as they were. The result equals link(content), apart from the order in which the
    graph lists nodes and edges (every query sorts)."""
    new = KnowledgeBase(graph=kb.graph)
    for kind in KINDS:
        records = new.catalogue(kind.plural)
        for item in content.catalogue(kind.plural):
            records[item.model.id] = item.model
    for ident in sorted(interventions):
        if ident in kb.interventions:
            _unlink_intervention(kb.graph, kb.interventions[ident])
        if ident in new.interventions:
            iv = new.interventions[ident]
            new.graph.add_node(
                node_key("intervention", ident), kind="intervention", label=_label(iv)
            )
            _link_intervention(new, iv)
    return new


def _unlink_intervention(g: nx.DiGraph, iv: Intervention) -> None:
    """Take what _link_intervention added for this intervention out of the graph again."""
    me = node_key("intervention", iv.id)
    g.remove_nodes_from(
        [node_key("context", f"{iv.id}/{n}") for n in range(len(iv.context.factors))]
    )
    g.remove_nodes_from([node_key("indicator", f"{iv.id}/{i.id}") for i in iv.indicators])
    for outcome in iv.outcomes:
        target = node_key("outcome", outcome.outcome)
        for mechanism in outcome.via:
            source = node_key("mechanism", mechanism)
            if g.has_edge(source, target):
                through = g.edges[source, target]["interventions"]
                through.discard(iv.id)
                if not through:
                    g.remove_edge(source, target)
    g.remove_node(me)


def _label(model: object) -> str:
    return str(getattr(model, "name", None) or getattr(model, "title", ""))


def _link_intervention(kb: KnowledgeBase, iv: Intervention) -> None:
    g, me = kb.graph, node_key("intervention", iv.id)
    for n, factor in enumerate(iv.context.factors):
        key = node_key("context", f"{iv.id}/{n}")
        g.add_node(key, kind="context", label=factor.description)
        g.add_edge(key, me, kind="context_of")
    for use in iv.mechanisms:
        g.add_edge(me, node_key("mechanism", use.mechanism), kind="uses")
    for outcome in iv.outcomes:
        target = node_key("outcome", outcome.outcome)
        g.add_edge(me, target, kind="aims_at")
        for mechanism in outcome.via:
            source = node_key("mechanism", mechanism)
            if not g.has_edge(source, target):
                g.add_edge(source, target, kind="leads_to", interventions=set())
            g.edges[source, target]["interventions"].add(iv.id)
    for indicator in iv.indicators:
        key = node_key("indicator", f"{iv.id}/{indicator.id}")
        g.add_node(key, kind="indicator", label=indicator.name)
        g.add_edge(me, key, kind="has_indicator")
        for outcome_id in indicator.measures:
            g.add_edge(node_key("outcome", outcome_id), key, kind="measured_by")
    for kind, ids in (
        ("area", iv.context.areas),
        ("organisation", iv.organisations),
        ("theme", iv.themes),
    ):
        for ident in ids:
            g.add_edge(me, node_key(kind, ident), kind=f"{kind}_of")
    if iv.programme:
        g.add_edge(me, node_key("programme", iv.programme), kind="part_of")


def graph_warnings(kb: KnowledgeBase, content: ContentSet) -> list[Problem]:
    """Checks that only the linked graph can make: dead ends in the CIMO reasoning."""
    g, warnings = kb.graph, []
    used = {m.mechanism for iv in kb.interventions.values() for m in iv.mechanisms}
    for item in content.mechanisms:
        key = node_key("mechanism", item.model.id)
        if item.model.id in used and not any(
            g.edges[key, t]["kind"] == "leads_to" for t in g.successors(key)
        ):
            warnings.append(
                _warning(
                    item,
                    "dit mechanisme leidt nergens tot een uitkomst",
                    "Noem het bij een uitkomst in de lijst 'via'.",
                )
            )
    # An outcome no indicator measures is a warning, unless every use says why (unmeasured).
    aimed = {o.outcome for iv in kb.interventions.values() for o in iv.outcomes if not o.unmeasured}
    for outcome in content.outcomes:
        key = node_key("outcome", outcome.model.id)
        measured = any(g.nodes[t]["kind"] == "indicator" for t in g.successors(key))
        if outcome.model.id in aimed and not measured:
            warnings.append(
                _warning(
                    outcome,
                    "geen indicator meet deze uitkomst",
                    "Noem de uitkomst bij een indicator onder 'measures', of leg bij de "
                    "uitkomst onder 'unmeasured' uit waarom niet.",
                )
            )
    for intervention in content.interventions:
        if not intervention.model.mechanisms:
            warnings.append(
                _warning(
                    intervention,
                    "deze interventie heeft geen mechanisme",
                    "Noem minstens één mechanisme onder 'mechanisms:'.",
                )
            )
    return warnings


def _warning(item: Located[BaseModel], message: str, hint: str) -> Problem:
    return Problem(
        item.locate("id"), format_path(item.field_path("id")), message, hint, Severity.warning
    )
