"""The intervention page's context: every lookup and label decided here, none in the template."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from cimo.graph import KnowledgeBase
from cimo.model import Indicator, Intervention
from generator import text
from generator.site import Link
from generator.views.common import (
    Provenanced,
    SourceLine,
    age_text,
    link,
    links,
    owner_group,
    programme_line_title,
    provenanced,
    source_lines,
    tag_text,
)
from generator.views.monitoring import IndicatorResultView, indicator_results

if TYPE_CHECKING:
    from generator.views.compare import Match


@dataclass(frozen=True)
class FactorView:
    description: str
    figure: str | None
    prov: Provenanced


@dataclass(frozen=True)
class MechanismUseView:
    mechanism: Link
    how: str
    prov: Provenanced


@dataclass(frozen=True)
class OutcomeUseView:
    outcome: Link
    via: list[Link]
    description: str | None
    prov: Provenanced
    supported_by_evidence: bool
    unmeasured: str | None


@dataclass(frozen=True)
class TargetView:
    year: str
    value: str


@dataclass(frozen=True)
class IndicatorView:
    name: str
    kind_label: str
    unit: str | None
    targets: list[TargetView]
    target_note: str | None
    measured_by: str | None
    measures: list[Link]
    prov: Provenanced
    results: list[IndicatorResultView] = field(default_factory=list)  # per year (monitoring)


@dataclass(frozen=True)
class BudgetLineView:
    year: str
    amount: str


@dataclass(frozen=True)
class BudgetView:
    lines: list[BudgetLineView]
    total: str
    in_programme_budget: bool
    funding: str | None
    note: str | None


@dataclass(frozen=True)
class EvidenceView:
    title: str
    kind_label: str
    by: str | None
    year: str | None
    finding: str
    supports: list[Link]
    prov: Provenanced


@dataclass(frozen=True)
class Fact:
    """A label/value row in the 'at a glance' list; value is content text or links."""

    label: str
    value: str = ""
    links: list[Link] = field(default_factory=list)


@dataclass
class InterventionView:
    id: str
    title: str
    facts: list[Fact]
    goal: str | None
    website: str | None
    context_prov: Provenanced
    target_group: str
    problem: str
    context_facts: list[Fact]
    factors: list[FactorView]
    design_prov: Provenanced
    summary: str
    activities: list[str]
    participants: str | None
    mechanisms: list[MechanismUseView]
    outcomes: list[OutcomeUseView]
    indicators: list[IndicatorView]
    budget: BudgetView | None
    evidence: list[EvidenceView]
    sources: list[SourceLine]
    notes: list[str]
    tags: list[str]
    diagram: str = ""
    diagram_text: list[Markup] = field(default_factory=list)
    related: list[Match] = field(default_factory=list)  # from generator.views.compare
    compare_url: str = ""


def intervention_view(kb: KnowledgeBase, iv: Intervention) -> InterventionView:
    supported = {o for ev in iv.evidence for o in ev.supports}
    facts = [Fact("Van", links=[link(kb, "organisation", iv.owner)])]
    if iv.programme:
        facts.append(Fact("Programma", links=[link(kb, "programme", iv.programme)]))
        line = programme_line_title(kb, iv)
        if line:
            facts.append(Fact("Programmalijn", line))
    if iv.organisations:
        facts.append(Fact("Uitvoering", links=links(kb, "organisation", iv.organisations)))
    if iv.period:
        facts.append(Fact("Looptijd", f"{iv.period.start} – {iv.period.end or 'doorlopend'}"))
    facts.append(Fact("Status", text.STATUS_LABEL[iv.status.value]))
    if iv.themes:
        facts.append(Fact("Thema's", links=links(kb, "theme", iv.themes)))
    ctx = iv.context
    context_facts = []
    if age_text(iv):
        context_facts.append(Fact("Leeftijd", age_text(iv)))
    if ctx.school_levels:
        levels = ", ".join(text.SCHOOL_LEVEL_LABEL[s.value] for s in ctx.school_levels)
        context_facts.append(Fact("Onderwijs", levels))
    if ctx.areas:
        context_facts.append(Fact("Gebied", links=links(kb, "area", ctx.areas)))
    if ctx.region:
        context_facts.append(Fact("Regio", ctx.region))
    return InterventionView(
        id=iv.id,
        title=iv.title,
        facts=facts,
        goal=iv.goal,
        website=iv.website,
        context_prov=provenanced(kb, ctx),
        target_group=ctx.target_group,
        problem=ctx.problem,
        context_facts=context_facts,
        factors=[FactorView(f.description, f.figure, provenanced(kb, f)) for f in ctx.factors],
        design_prov=provenanced(kb, iv.intervention),
        summary=iv.intervention.summary,
        activities=list(iv.intervention.activities),
        participants=iv.intervention.participants,
        mechanisms=[
            MechanismUseView(link(kb, "mechanism", m.mechanism), m.how, provenanced(kb, m))
            for m in iv.mechanisms
        ],
        outcomes=[
            OutcomeUseView(
                link(kb, "outcome", o.outcome),
                links(kb, "mechanism", o.via),
                o.description,
                provenanced(kb, o),
                o.outcome in supported,
                o.unmeasured,
            )
            for o in iv.outcomes
        ],
        indicators=[indicator_view(kb, i, iv.id) for i in iv.indicators],
        budget=budget_view(iv),
        evidence=[
            EvidenceView(
                e.title,
                text.EVIDENCE_KIND_LABEL[e.kind],
                e.by,
                str(e.year) if e.year else None,
                e.finding,
                links(kb, "outcome", e.supports),
                provenanced(kb, e),
            )
            for e in iv.evidence
        ],
        sources=source_lines(kb, iv.sources),
        notes=list(iv.notes),
        tags=intervention_tags(kb, iv),
    )


def indicator_view(kb: KnowledgeBase, ind: Indicator, intervention_id: str = "") -> IndicatorView:
    return IndicatorView(
        name=ind.name,
        kind_label=text.INDICATOR_KIND_LABEL[ind.kind],
        unit=ind.unit,
        targets=[TargetView(str(y), text.number(v)) for y, v in sorted(ind.targets.items())],
        target_note=ind.target_note,
        measured_by=ind.measured_by,
        measures=links(kb, "outcome", ind.measures),
        prov=provenanced(kb, ind),
        results=indicator_results(kb, intervention_id, ind) if intervention_id else [],
    )


def budget_view(iv: Intervention) -> BudgetView | None:
    if not iv.budget or not iv.budget.amounts:
        return None
    amounts = sorted(iv.budget.amounts.items())
    return BudgetView(
        lines=[BudgetLineView(str(y), text.euro(a)) for y, a in amounts],
        total=text.euro(sum(a for _, a in amounts)),
        in_programme_budget=iv.budget.in_programme_budget,
        funding=iv.budget.funding,
        note=iv.budget.note,
    )


def intervention_tags(kb: KnowledgeBase, iv: Intervention) -> list[str]:
    tags = [kb.themes[t].name for t in iv.themes]
    tags += [kb.areas[a].name for a in iv.context.areas]
    line = programme_line_title(kb, iv)
    if line:
        tags.append(line)
    tags.append(owner_group(kb, iv))
    return sorted({tag_text(t) for t in tags if tag_text(t)})
