"""The progress report of a programme for one year: the document the council receives.

Goal realisation per intervention, money planned against spent (per line and per area), reach,
experiences and what is still missing, as the plan's monitoring chapter promises.
"""

from __future__ import annotations

from dataclasses import dataclass

from cimo import budget, monitoring
from cimo.graph import KnowledgeBase
from cimo.model import Intervention, Programme, Report
from generator import text
from generator.site import Link, progress_path
from generator.views.common import SourceLine, link, source_lines
from generator.views.monitoring import (
    NO_TARGET,
    STATUS_CLASS,
    members,
    result_text,
    results_index,
    stand_per,
    value_text,
)

REACH_LABEL = {"kinderen": "kinderen", "jongeren": "jongeren", "leerlingen": "leerlingen"}
ROLE_LABEL = {
    "kind": "Een kind",
    "jongere": "Een jongere",
    "ouder": "Een ouder",
    "school": "Een school",
    "professional": "Een professional",
    "uitvoerder": "De uitvoerder",
}


@dataclass(frozen=True)
class GoalRow:
    indicator: str
    target: str
    result: str
    status: str
    status_class: str


@dataclass(frozen=True)
class InterventionGoals:
    intervention: Link
    reported_by: str
    rows: list[GoalRow]
    has_report: bool


@dataclass(frozen=True)
class MoneyRow:
    title: str
    planned: str
    spent: str


@dataclass(frozen=True)
class ReachRow:
    intervention: Link
    who: str
    count: str
    where: str
    planned: bool


@dataclass(frozen=True)
class ExperienceView:
    intervention: Link
    role: str
    text: str


@dataclass
class ProgressReport:
    programme: Link
    year: str
    title: str
    stand_per: str
    status_rule: str
    counts: list[tuple[str, str]]
    plan: Link | None
    monitoring_description: str
    programme_indicators: list[GoalRow]
    data_sources: list[str]
    caveats: list[str]
    goals: list[InterventionGoals]
    money_lines: list[MoneyRow]
    money_total: MoneyRow
    money_areas: list[MoneyRow]
    reach: list[ReachRow]
    experiences: list[ExperienceView]
    missing: list[str]
    sources: list[SourceLine]
    other_years: list[Link]
    path: str


def _goal_rows(cells: list[monitoring.IndicatorYears], year: int) -> list[GoalRow]:
    rows = []
    for row in cells:
        cell = next(c for c in row.cells if c.year == year)
        rows.append(
            GoalRow(
                row.name,
                value_text(cell.target) or NO_TARGET,
                result_text(cell.result) or "–",
                cell.status.value,
                STATUS_CLASS[cell.status],
            )
        )
    return rows


def _money(
    kb: KnowledgeBase, programme: Programme, ivs: list[Intervention], year: int, reports: dict
) -> tuple[list[MoneyRow], MoneyRow, list[MoneyRow]]:
    plan = budget.programme_budget(programme, ivs)
    lines = []
    for group in plan.groups:
        spent = budget.spent_total(
            reports[row.intervention] for row in group.rows if row.intervention in reports
        )
        lines.append(MoneyRow(group.title, text.euro(group.sums.get(year)), _spent(spent)))
    total_spent = budget.spent_total(reports.values())
    total = MoneyRow("Totaal", text.euro(plan.totals.get(year)), _spent(total_spent))
    areas = []
    for area_id in programme.focus_areas:
        money = budget.area_money({area_id} | kb.sub_areas(area_id), ivs)
        parts = [
            p.amount
            for r in reports.values()
            for p in r.spent_parts
            if p.area in {area_id} | kb.sub_areas(area_id)
        ]
        areas.append(
            MoneyRow(
                kb.areas[area_id].name,
                text.euro(money.assigned.get(year, 0)),
                _spent(sum(parts) if parts else None),
            )
        )
    if areas:
        rest = plan.totals.get(year, 0) - sum(
            budget.area_money({a} | kb.sub_areas(a), ivs).assigned.get(year, 0)
            for a in programme.focus_areas
        )
        areas.append(MoneyRow("Gedeeld of stadsbreed", text.euro(rest), ""))
    return lines, total, areas


def _spent(amount: int | None) -> str:
    return text.euro(amount) if amount is not None else "nog niet gemeld"


def progress_report(kb: KnowledgeBase, programme: Programme, year: int) -> ProgressReport:
    ivs, index = members(kb, programme), results_index(kb)
    rows = monitoring.indicator_years(programme, ivs, index)
    reports: dict[str, Report] = {
        iv.id: r for iv in ivs if (r := index.report(iv.id, year)) is not None
    }
    own = index.report(programme.id, year)
    goals = [
        InterventionGoals(
            link(kb, "intervention", iv.id),
            reports[iv.id].reported_by or "" if iv.id in reports else "",
            _goal_rows([r for r in rows if r.intervention is iv], year),
            iv.id in reports,
        )
        for iv in ivs
    ]
    money_lines, money_total, money_areas = _money(kb, programme, ivs, year, reports)
    reach = [
        ReachRow(
            link(kb, "intervention", iv_id),
            r.who,
            text.number(r.count),
            kb.areas[r.area].name if r.area else (r.place or "niet verdeeld"),
            r.planned,
        )
        for iv_id, report in reports.items()
        for r in report.reach
    ]
    experiences = [
        ExperienceView(link(kb, "intervention", iv_id), ROLE_LABEL[e.role], e.text)
        for iv_id, report in reports.items()
        for e in report.experiences
    ]
    summary = monitoring.year_summaries(rows)
    this_year = next(s for s in summary if s.year == year) if summary else None
    plan = programme.monitoring
    own_rows = _goal_rows([r for r in rows if r.intervention is None], year)
    all_reports = [*reports.values(), *([own] if own else [])]
    return ProgressReport(
        programme=link(kb, "programme", programme.id),
        year=str(year),
        title=f"Voortgang {year}: {programme.title}",
        stand_per=stand_per(all_reports),
        status_rule=monitoring.STATUS_RULE,
        counts=_counts(len(ivs), len(reports), this_year),
        plan=None,
        monitoring_description=plan.description if plan else "",
        programme_indicators=own_rows,
        data_sources=list(plan.data_sources) if plan else [],
        caveats=list(plan.caveats) if plan else [],
        goals=goals,
        money_lines=money_lines,
        money_total=money_total,
        money_areas=money_areas,
        reach=reach,
        experiences=experiences,
        missing=_missing(ivs, reports, rows, year),
        sources=source_lines(kb, programme.sources),
        other_years=[],
        path=progress_path(programme.id, year),
    )


def _counts(
    interventions: int, reported: int, summary: monitoring.YearSummary | None
) -> list[tuple[str, str]]:
    counts = [("Interventies met een verslag", f"{reported} van {interventions}")]
    if summary:
        counts += [
            (
                "Indicatoren met een getal als doel",
                f"{summary.number_targets} van {summary.indicators}",
            ),
            ("Indicatoren met een uitkomst", f"{summary.results} van {summary.indicators}"),
            ("Gehaald", str(summary.met)),
            ("Achter", str(summary.behind)),
        ]
    return counts


def _missing(
    ivs: list[Intervention],
    reports: dict[str, Report],
    rows: list[monitoring.IndicatorYears],
    year: int,
) -> list[str]:
    missing = [f"{iv.title}: nog geen verslag over {year}." for iv in ivs if iv.id not in reports]
    for iv_id, report in reports.items():
        title = next(iv.title for iv in ivs if iv.id == iv_id)
        if report.spent is None:
            missing.append(f"{title}: geen uitgegeven bedrag gemeld.")
        if not report.reach:
            missing.append(f"{title}: geen bereik gemeld.")
    for row in rows:
        cell = next(c for c in row.cells if c.year == year)
        if row.intervention and row.intervention.id in reports and cell.result is None:
            missing.append(f"{row.intervention.title}: geen uitkomst voor '{row.name}'.")
    return missing
