"""Programme-level views: the budget table, the indicator appendix and the home page summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from cimo import budget
from cimo.graph import KnowledgeBase
from cimo.model import Indicator, Intervention, Programme
from generator import text
from generator.site import Link, disagreements_path, page_path, progress_path
from generator.views.common import (
    DisagreementView,
    SourceLine,
    caveat_years,
    disagreement_views,
    link,
    source_lines,
)
from generator.views.monitoring import report_years


@dataclass(frozen=True)
class Cell:
    """One amount in a budget table; `caveat` is the anchor of a disagreement about it."""

    amount: str
    caveat: str = ""


@dataclass(frozen=True)
class BudgetRowView:
    label: Link | None  # an intervention's page, or None for a programme row
    title: str
    cells: list[Cell]  # one per year, "" for no amount
    total: Cell


@dataclass(frozen=True)
class BalanceView:
    """The programme's balance per year as the document gives it (negative: a shortfall)."""

    cells: list[Cell]
    summary: str  # one short sentence about the shortfall
    note: str | None
    sources: list[SourceLine]


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
    disagreements_page: str = ""
    disagreement_count: int = 0
    balance: BalanceView | None = None

    @property
    def year_rows(self) -> list[YearTotal]:
        """One row per year: the sum of the rows and the declared total."""
        return [
            YearTotal(str(y), t, d, bool(d) and d != t)
            for y, t, d in zip(self.years, self.totals, self.declared, strict=True)
        ]


@dataclass(frozen=True)
class YearTotal:
    year: str
    total: str
    declared: str
    differs: bool = False  # the plan declares another total than the sum of the rows


def _year_cells(amounts: dict[int, int], years: list[int]) -> list[str]:
    return [text.euro(amounts[y]) if y in amounts else "" for y in years]


def _cells(amounts: dict[int, int], years: list[int], caveats: set[int], anchor: str) -> list[Cell]:
    return [
        Cell(text.euro(amounts[y]), anchor if y in caveats else "") if y in amounts else Cell("")
        for y in years
    ]


def _members(kb: KnowledgeBase, programme: Programme) -> list[Intervention]:
    return [kb.interventions[i] for i in kb.interventions_of_programme(programme.id)]


def _related(kb: KnowledgeBase, programme: Programme) -> list[Intervention]:
    """Interventions related to the programme without being part of it."""
    return sorted(
        (kb.interventions[i] for i in kb.interventions_related_to(programme.id)),
        key=lambda iv: iv.title.lower(),
    )


def disagreement_count(kb: KnowledgeBase, programme: Programme) -> int:
    ivs = _members(kb, programme) + _related(kb, programme)
    return len(programme.disagreements) + sum(len(iv.disagreements) for iv in ivs)


def balance_view(kb: KnowledgeBase, programme: Programme, years: list[int]) -> BalanceView | None:
    balance = programme.balance
    if not balance:
        return None
    short = [(y, -a) for y, a in sorted(balance.amounts.items()) if a < 0]
    summary = (
        f"Er is een tekort vanaf {short[0][0]}: "
        + text.and_list([f"{text.euro(a)} in {y}" for y, a in short])
        + "."
        if short
        else "Er is geen tekort."
    )
    return BalanceView(
        [Cell(text.euro(balance.amounts[y]) if y in balance.amounts else "") for y in years],
        summary,
        balance.note,
        source_lines(kb, balance.sources),
    )


def programme_budget(kb: KnowledgeBase, programme: Programme) -> ProgrammeBudget | None:
    """The budget per line and year with subtotals and totals, formatted for the page.

    Valid content always adds up to the declared totals (validation checks it with the same
    sums), so the page only states that it does.
    """
    money = budget.programme_budget(programme, _members(kb, programme))
    related = [
        budget.BudgetRow(iv.title, budget.intervention_amounts(iv), iv.id)
        for iv in _related(kb, programme)
        if iv.budget and iv.budget.amounts
    ]
    if not budget.has_money(money) and not related:
        return None
    years = money.years
    row_ids = {row.title: row.id for row in programme.other_budget_rows}

    def row_view(row: budget.BudgetRow) -> BudgetRowView:
        if row.intervention:
            target = link(kb, "intervention", row.intervention)
            about = kb.interventions[row.intervention].disagreements
            anchor = row.intervention
        else:
            target, anchor = None, row_ids.get(row.title, "")
            about = [d for d in programme.disagreements if anchor and d.budget_row == anchor]
        caveats, whole = caveat_years(about)
        return BudgetRowView(
            target,
            row.title,
            _cells(row.amounts, years, caveats, anchor),
            Cell(text.euro(row.total), anchor if whole else ""),
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
        outside=[row_view(row) for row in money.outside + related],
        disagreements_page=disagreements_path(programme.id),
        disagreement_count=disagreement_count(kb, programme),
        balance=balance_view(kb, programme, years),
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
    money: str = ""  # the line's total over all years, "" when none

    @property
    def count_text(self) -> str:
        n = len(self.interventions)
        return f"{n} interventie" if n == 1 else f"{n} interventies"


@dataclass(frozen=True)
class KnowIfItWorks:
    """Short sentences: what the knowledge base knows about whether the programme works."""

    sentences: list[str]


def know_if_it_works(members: list[Intervention]) -> KnowIfItWorks:
    outcomes = [o for iv in members for o in iv.outcomes]
    measured = [
        o
        for iv in members
        for o in iv.outcomes
        if any(o.outcome in i.measures for i in iv.indicators)
    ]
    indicators = [i for iv in members for i in iv.indicators]
    with_target = [i for i in indicators if i.targets]
    researched = [iv for iv in members if iv.evidence]

    def have(n: int) -> str:
        return "heeft" if n == 1 else "hebben"

    return KnowIfItWorks(
        [
            f"Bij {len(researched)} van de {len(members)} interventies noemt de bron onderzoek.",
            f"{len(measured)} van de {len(outcomes)} beoogde uitkomsten {have(len(measured))} "
            "een indicator.",
            f"{len(with_target)} van de {len(indicators)} indicatoren {have(len(with_target))} "
            "een streefgetal.",
        ]
    )


def age_span(members: list[Intervention]) -> str:
    ages = [iv.context.age_range for iv in members if iv.context.age_range]
    if not ages:
        return ""
    return f"{min(a.min for a in ages)} tot {max(a.max for a in ages)} jaar"


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
    related: list[Link] = field(default_factory=list)
    disagreements_page: str = ""
    disagreement_count: int = 0
    ages: str = ""
    know: KnowIfItWorks | None = None


def programme_view(kb: KnowledgeBase, programme: Programme) -> ProgrammeView:
    members = _members(kb, programme)
    money = programme_budget(kb, programme)
    line_money = {s.title: s.subtotal_total for s in money.sections} if money else {}
    lines = [
        LineSummary(
            line.title,
            line.description,
            [link(kb, "intervention", iv.id) for iv in members if iv.programme_line == line.id],
            line_money.get(line.title, ""),
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
        budget=money,
        sources=source_lines(kb, programme.sources),
        intervention_count=len(members),
        path=page_path("programme", programme.id),
        progress=[
            Link(f"Voortgang {year}", progress_path(programme.id, year))
            for year in report_years(kb, programme)
        ],
        related=[link(kb, "intervention", iv.id) for iv in _related(kb, programme)],
        disagreements_page=disagreements_path(programme.id),
        disagreement_count=disagreement_count(kb, programme),
        ages=age_span(members),
        know=know_if_it_works(members),
    )


@dataclass(frozen=True)
class InterventionDisagreements:
    intervention: Link
    anchor: str
    related_only: bool
    items: list[DisagreementView]


@dataclass
class DisagreementsPage:
    """Every place where the sources of one programme disagree, with what we use and why."""

    programme: Link
    title: str
    path: str
    count: int
    programme_items: list[DisagreementView]
    interventions: list[InterventionDisagreements]
    balance: BalanceView | None


def disagreements_page(kb: KnowledgeBase, programme: Programme) -> DisagreementsPage:
    ivs = sorted(_members(kb, programme) + _related(kb, programme), key=lambda iv: iv.title.lower())
    money = programme_budget(kb, programme)
    return DisagreementsPage(
        programme=link(kb, "programme", programme.id),
        title=f"Waar de bronnen verschillen: {programme.title}",
        path=disagreements_path(programme.id),
        count=disagreement_count(kb, programme),
        programme_items=disagreement_views(kb, programme.disagreements, "programma"),
        interventions=[
            InterventionDisagreements(
                link(kb, "intervention", iv.id),
                iv.id,
                iv.related_programme is not None,
                disagreement_views(kb, iv.disagreements, iv.id),
            )
            for iv in ivs
            if iv.disagreements
        ],
        balance=money.balance if money else None,
    )
