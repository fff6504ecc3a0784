"""Programme-level views: the budget table, the indicator appendix and the home page summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from cimo import budget
from cimo.graph import KnowledgeBase
from cimo.model import Indicator, Intervention, Programme
from generator import text
from generator.site import Link, page_path, progress_path
from generator.views.common import SourceLine, link, source_lines
from generator.views.monitoring import report_years


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
    outside: list[BudgetRowView] = field(default_factory=list)

    @property
    def year_rows(self) -> list[YearTotal]:
        """One row per year: the sum of the rows and the declared total."""
        return [
            YearTotal(str(y), t, d)
            for y, t, d in zip(self.years, self.totals, self.declared, strict=True)
        ]


@dataclass(frozen=True)
class YearTotal:
    year: str
    total: str
    declared: str


def _year_cells(amounts: dict[int, int], years: list[int]) -> list[str]:
    return [text.euro(amounts[y]) if y in amounts else "" for y in years]


def _members(kb: KnowledgeBase, programme: Programme) -> list[Intervention]:
    return [kb.interventions[i] for i in kb.interventions_of_programme(programme.id)]


def programme_budget(kb: KnowledgeBase, programme: Programme) -> ProgrammeBudget | None:
    """The budget per line and year with subtotals and totals, formatted for the page.

    Valid content always adds up to the declared totals (validation checks it with the same
    sums), so the page only states that it does.
    """
    money = budget.programme_budget(programme, _members(kb, programme))
    if not budget.has_money(money):
        return None
    years = money.years

    def row_view(row: budget.BudgetRow) -> BudgetRowView:
        target = link(kb, "intervention", row.intervention) if row.intervention else None
        return BudgetRowView(
            target, row.title, _year_cells(row.amounts, years), text.euro(row.total)
        )

    sections = [
        BudgetSection(
            group.title,
            [row_view(row) for row in group.rows],
            _year_cells(group.sums, years),
            text.euro(group.total),
        )
        for group in money.groups
    ]
    return ProgrammeBudget(
        programme=link(kb, "programme", programme.id),
        years=years,
        sections=sections,
        totals=_year_cells(money.totals, years),
        grand_total=text.euro(money.total),
        declared=_year_cells(money.declared, years),
        declared_total=text.euro(sum(money.declared.values())) if money.declared else "",
        outside=[row_view(row) for row in money.outside],
    )


def indicator_target_text(indicator: Indicator) -> str:
    parts = [f"{y}: {text.number(v)}" for y, v in sorted(indicator.targets.items())]
    note = indicator.target_note
    return "; ".join(parts + ([note] if note else [])) or "geen streefwaarde"


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
    progress: list[Link] = field(default_factory=list)  # progress reports, one per year


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
        progress=[
            Link(f"Voortgang {year}", progress_path(programme.id, year))
            for year in report_years(kb, programme)
        ],
    )
