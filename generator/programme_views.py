"""Programme-level views: the budget table, the indicator appendix and the home page summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from cimo.graph import KnowledgeBase
from cimo.model import Indicator, Intervention, Programme
from generator import text
from generator.links import Link, page_path
from generator.views import SourceLine, link, source_lines


@dataclass(frozen=True)
class BudgetRowView:
    label: Link | None  # an intervention's page, or None for a programme row
    title: str
    cells: list[str]  # one per year, "" for no amount
    total: str


@dataclass(frozen=True)
class BudgetSection:
    title: str
    rows: list[BudgetRowView]
    subtotal: list[str]
    subtotal_total: str


@dataclass
class ProgrammeBudget:
    programme: Link
    years: list[int]
    sections: list[BudgetSection]
    totals: list[str]
    grand_total: str
    declared: list[str]
    declared_total: str
    matches: bool
    mismatch_years: list[int]
    outside: list[BudgetRowView] = field(default_factory=list)
    totals_raw: dict[int, int] = field(default_factory=dict)


def _year_cells(amounts: dict[int, int], years: list[int]) -> list[str]:
    return [text.euro(amounts[y]) if y in amounts else "" for y in years]


def _budget_years(kb: KnowledgeBase, programme: Programme) -> list[int]:
    """The years that have an amount anywhere in the programme; its period when none do."""
    years: set[int] = set(programme.declared_totals)
    for row in programme.other_budget_rows:
        years |= set(row.amounts)
    for iv in _members(kb, programme):
        years |= set(iv.budget.amounts) if iv.budget else set()
    end = programme.period.end or programme.period.start
    return sorted(years) or list(range(programme.period.start, end + 1))


def _members(kb: KnowledgeBase, programme: Programme) -> list[Intervention]:
    return [kb.interventions[i] for i in kb.interventions_of_programme(programme.id)]


def programme_budget(kb: KnowledgeBase, programme: Programme) -> ProgrammeBudget | None:
    """The budget per line and year with subtotals, totals and the check against declared."""
    members = _members(kb, programme)
    funded = [(iv, iv.budget) for iv in members if iv.budget and iv.budget.amounts]
    if not funded and not programme.other_budget_rows and not programme.declared_totals:
        return None
    years = _budget_years(kb, programme)
    totals: dict[int, int] = {}
    sections = []
    inside = [
        (iv, iv.budget.amounts)
        for iv in members
        if iv.budget and iv.budget.amounts and iv.budget.in_programme_budget
    ]
    groups: list[tuple[str, list[tuple[Link | None, str, dict[int, int]]]]] = []
    for line in programme.lines:
        groups.append(
            (
                line.title,
                [
                    (link(kb, "intervention", iv.id), iv.title, amounts)
                    for iv, amounts in inside
                    if iv.programme_line == line.id
                ],
            )
        )
    other: list[tuple[Link | None, str, dict[int, int]]] = [
        (link(kb, "intervention", iv.id), iv.title, amounts)
        for iv, amounts in inside
        if iv.programme_line is None
    ]
    other += [(None, row.title, row.amounts) for row in programme.other_budget_rows]
    groups.append(("Overig", other))
    for title, rows in groups:
        if not rows:
            continue
        sub: dict[int, int] = {}
        views = []
        for target, row_title, amounts in rows:
            for year, amount in amounts.items():
                sub[year] = sub.get(year, 0) + amount
                totals[year] = totals.get(year, 0) + amount
            views.append(
                BudgetRowView(
                    target, row_title, _year_cells(amounts, years), text.euro(sum(amounts.values()))
                )
            )
        sections.append(
            BudgetSection(title, views, _year_cells(sub, years), text.euro(sum(sub.values())))
        )
    declared = programme.declared_totals
    mismatch = [
        y
        for y in sorted(set(declared) | set(totals))
        if declared and declared.get(y, 0) != totals.get(y, 0)
    ]
    outside = [
        BudgetRowView(
            link(kb, "intervention", iv.id),
            iv.title,
            _year_cells(budget.amounts, years),
            text.euro(sum(budget.amounts.values())),
        )
        for iv, budget in funded
        if not budget.in_programme_budget
    ]
    return ProgrammeBudget(
        programme=link(kb, "programme", programme.id),
        years=years,
        sections=sections,
        totals=_year_cells(totals, years),
        grand_total=text.euro(sum(totals.values())),
        declared=_year_cells(declared, years),
        declared_total=text.euro(sum(declared.values())) if declared else "",
        matches=bool(declared) and not mismatch,
        mismatch_years=mismatch,
        outside=outside,
        totals_raw=totals,
    )


@dataclass(frozen=True)
class AppendixRow:
    activity: Link
    goal: str
    indicators: list[str]
    targets: list[str]


@dataclass(frozen=True)
class AppendixSection:
    title: str
    rows: list[AppendixRow]


@dataclass(frozen=True)
class ProgrammeAppendix:
    programme: Link
    sections: list[AppendixSection]


def indicator_target_text(indicator: Indicator) -> str:
    parts = [f"{y}: {text.number(v)}" for y, v in sorted(indicator.targets.items())]
    note = indicator.target_note
    return "; ".join(parts + ([note] if note else [])) or "geen streefwaarde"


def programme_appendix(kb: KnowledgeBase, programme: Programme) -> ProgrammeAppendix:
    members = _members(kb, programme)
    sections = []
    line_titles = [(line.id, line.title) for line in programme.lines] + [(None, "Overig")]
    for line_id, title in line_titles:
        rows = [
            AppendixRow(
                link(kb, "intervention", iv.id),
                iv.goal or iv.intervention.summary,
                [i.name for i in iv.indicators],
                [indicator_target_text(i) for i in iv.indicators],
            )
            for iv in members
            if iv.programme_line == line_id
        ]
        if rows:
            sections.append(AppendixSection(title, rows))
    return ProgrammeAppendix(link(kb, "programme", programme.id), sections)


@dataclass(frozen=True)
class LineSummary:
    title: str
    description: str | None
    interventions: list[Link]


@dataclass
class ProgrammeView:
    id: str
    title: str
    owner: Link
    period: str
    summary: str | None
    lines: list[LineSummary]
    principles: list[str]
    focus_areas: list[Link]
    finance_notes: list[str]
    existing: list[tuple[str, str, str]]  # title, description, amount
    chain_context: list[tuple[str, str]]
    chain_interventions: list[tuple[str, str]]
    chain_mechanisms: list[Link]
    chain_outcomes: list[Link]
    budget: ProgrammeBudget | None
    sources: list[SourceLine]
    intervention_count: int
    path: str


def programme_view(kb: KnowledgeBase, programme: Programme) -> ProgrammeView:
    members = _members(kb, programme)
    lines = [
        LineSummary(
            line.title,
            line.description,
            [link(kb, "intervention", iv.id) for iv in members if iv.programme_line == line.id],
        )
        for line in programme.lines
    ]
    chain = programme.chain
    return ProgrammeView(
        id=programme.id,
        title=programme.title,
        owner=link(kb, "organisation", programme.owner),
        period=f"{programme.period.start} – {programme.period.end or 'doorlopend'}",
        summary=programme.summary,
        lines=lines,
        principles=list(programme.principles),
        focus_areas=[link(kb, "area", a) for a in programme.focus_areas],
        finance_notes=list(programme.finance_notes),
        existing=[
            (a.title, a.description or "", a.amount or "") for a in programme.existing_activities
        ],
        chain_context=[(s.name, s.description or "") for s in chain.context] if chain else [],
        chain_interventions=[(s.name, s.description or "") for s in chain.interventions]
        if chain
        else [],
        chain_mechanisms=[link(kb, "mechanism", m) for m in chain.mechanisms] if chain else [],
        chain_outcomes=[link(kb, "outcome", o) for o in chain.outcomes] if chain else [],
        budget=programme_budget(kb, programme),
        sources=source_lines(kb, programme.sources),
        intervention_count=len(members),
        path=page_path("programme", programme.id),
    )
