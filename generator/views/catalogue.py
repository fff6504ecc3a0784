"""Views of the shared catalogue pages: mechanisms, outcomes, areas, themes, organisations."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from cimo import budget
from cimo.graph import KnowledgeBase
from generator import text
from generator.site import Link
from generator.views.common import link, links, owner_group


@dataclass(frozen=True)
class Group:
    """Interventions under one municipality or network."""

    name: str
    interventions: list[Link]


def grouped(kb: KnowledgeBase, intervention_ids: list[str]) -> list[Group]:
    groups: dict[str, list[Link]] = {}
    for ident in intervention_ids:
        iv = kb.interventions[ident]
        groups.setdefault(owner_group(kb, iv), []).append(link(kb, "intervention", ident))
    return [Group(name, sorted(items)) for name, items in sorted(groups.items())]


@dataclass(frozen=True)
class Through:
    """A linked catalogue entry, with the interventions the link comes through."""

    target: Link
    interventions: list[Link]


@dataclass
class MechanismView:
    id: str
    name: str
    description: str
    groups: list[Group]
    count: int
    leads_to: list[Through]
    diagram: str = ""
    diagram_text: list[Markup] = field(default_factory=list)


def mechanism_view(kb: KnowledgeBase, mechanism_id: str) -> MechanismView:
    mechanism = kb.mechanisms[mechanism_id]
    users = kb.interventions_using(mechanism_id)
    return MechanismView(
        id=mechanism_id,
        name=mechanism.name,
        description=mechanism.description,
        groups=grouped(kb, users),
        count=len(users),
        leads_to=[
            Through(link(kb, "outcome", o), links(kb, "intervention", ivs))
            for o, ivs in kb.outcomes_of_mechanism(mechanism_id)
        ],
    )


@dataclass(frozen=True)
class MeasuredBy:
    indicator: str
    intervention: Link


@dataclass(frozen=True)
class SupportedBy:
    title: str
    intervention: Link


@dataclass
class OutcomeView:
    id: str
    name: str
    description: str
    comes_from: list[Through]
    groups: list[Group]
    count: int
    indicators: list[MeasuredBy]
    evidence: list[SupportedBy]
    diagram: str = ""
    diagram_text: list[Markup] = field(default_factory=list)


def outcome_view(kb: KnowledgeBase, outcome_id: str) -> OutcomeView:
    outcome = kb.outcomes[outcome_id]
    reaching = kb.interventions_reaching(outcome_id)
    # Validation guarantees an indicator only measures outcomes its intervention names.
    indicators = [
        MeasuredBy(ind.name, link(kb, "intervention", ident))
        for ident in reaching
        for ind in kb.interventions[ident].indicators
        if outcome_id in ind.measures
    ]
    evidence = [
        SupportedBy(ev.title, link(kb, "intervention", iv.id))
        for iv in kb.interventions.values()
        for ev in iv.evidence
        if outcome_id in ev.supports
    ]
    return OutcomeView(
        id=outcome_id,
        name=outcome.name,
        description=outcome.description,
        comes_from=[
            Through(link(kb, "mechanism", m), links(kb, "intervention", ivs))
            for m, ivs in kb.mechanisms_leading_to(outcome_id)
        ],
        groups=grouped(kb, reaching),
        count=len(reaching),
        indicators=sorted(indicators, key=lambda m: (m.intervention, m.indicator)),
        evidence=sorted(evidence, key=lambda s: (s.intervention, s.title)),
    )


@dataclass(frozen=True)
class AreaMoneyRow:
    year: str
    amount: str  # money the sources tie to this area ("" when none)
    interventions: int
    shared: str  # whole amounts of interventions that also work elsewhere (not added up)


@dataclass
class AreaView:
    id: str
    name: str
    description: str
    kind: str
    municipality: Link
    part_of: Link | None
    sub_areas: list[Link]
    groups: list[Group]
    count: int
    money: list[AreaMoneyRow]
    assigned: list[Link]
    shared: list[Link]


def area_view(kb: KnowledgeBase, area_id: str) -> AreaView:
    area = kb.areas[area_id]
    here = kb.interventions_in_area(area_id)  # every intervention that names it or a sub-area
    money = budget.area_money(
        {area_id} | kb.sub_areas(area_id), (kb.interventions[i] for i in here)
    )
    funded = budget.add_up(
        {year: 1 for year in budget.intervention_amounts(kb.interventions[i])}
        for i in money.assigned_interventions
    )
    years = sorted(set(money.assigned) | set(money.shared_amounts))
    children = kb.areas_directly_in(area_id)
    return AreaView(
        id=area_id,
        name=area.name,
        description=area.description,
        kind=text.AREA_KIND_LABEL[area.kind],
        municipality=link(kb, "organisation", area.municipality),
        part_of=link(kb, "area", area.part_of) if area.part_of else None,
        sub_areas=links(kb, "area", children),
        groups=grouped(kb, here),
        count=len(here),
        money=[
            AreaMoneyRow(
                str(y),
                text.euro(money.assigned[y]) if money.assigned.get(y) else "",
                funded.get(y, 0),
                text.euro(money.shared_amounts[y]) if y in money.shared_amounts else "",
            )
            for y in years
        ],
        assigned=links(kb, "intervention", money.assigned_interventions),
        shared=links(kb, "intervention", money.shared),
    )


@dataclass
class SimpleView:
    """A theme or organisation page: a description and the interventions linked to it."""

    id: str
    name: str
    description: str
    website: str | None
    groups: list[Group]
    count: int


def theme_view(kb: KnowledgeBase, theme_id: str) -> SimpleView:
    theme = kb.themes[theme_id]
    here = kb.interventions_with_theme(theme_id)
    return SimpleView(theme_id, theme.name, theme.description, None, grouped(kb, here), len(here))


def organisation_view(
    kb: KnowledgeBase, organisation_id: str, index: dict[str, list[str]] | None = None
) -> SimpleView:
    """index: interventions by organisation (interventions_by_organisation), when the caller
    makes many of these views: without it every view would scan all interventions."""
    org = kb.organisations[organisation_id]
    here = (index or interventions_by_organisation(kb)).get(organisation_id, [])
    return SimpleView(
        organisation_id, org.name, org.description or "", org.website, grouped(kb, here), len(here)
    )


@dataclass(frozen=True)
class OverviewSection:
    """One programme on the overview page: its diagram and the same as text."""

    programme: Link
    diagram: str
    diagram_text: list[Markup]


@dataclass(frozen=True)
class OutcomeCount:
    outcome: Link
    count: int


@dataclass(frozen=True)
class MechanismOutcomes:
    mechanism: Link
    outcomes: list[OutcomeCount]


def mechanism_outcomes(kb: KnowledgeBase) -> list[MechanismOutcomes]:
    """Every mechanism with every outcome it leads to, and through how many interventions."""
    return [
        MechanismOutcomes(
            link(kb, "mechanism", m),
            [
                OutcomeCount(link(kb, "outcome", o), len(ivs))
                for o, ivs in kb.outcomes_of_mechanism(m)
            ],
        )
        for m in sorted(kb.mechanisms, key=lambda m: kb.mechanisms[m].name.lower())
        if kb.outcomes_of_mechanism(m)
    ]


def interventions_by_organisation(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Organisation id → the sorted ids of the interventions it owns or carries out."""
    index: dict[str, set[str]] = {}
    for iv in kb.interventions.values():
        for organisation_id in (iv.owner, *iv.organisations):
            index.setdefault(organisation_id, set()).add(iv.id)
    return {organisation_id: sorted(ids) for organisation_id, ids in index.items()}
