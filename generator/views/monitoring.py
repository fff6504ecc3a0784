"""The indicator appendix: per indicator and year the target, the result and its status.

Shared with the progress report: how targets, results and statuses are printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from cimo import monitoring
from cimo.graph import KnowledgeBase
from cimo.model import Indicator, IndicatorResult, Intervention, Programme, Report, TargetValue
from cimo.monitoring import ResultsIndex, ResultStatus
from generator import text
from generator.site import Link, progress_path
from generator.views.common import SourceLine, link, links, source_lines

#: CSS class per status (cimo.css, section "monitoring").
STATUS_CLASS = {
    ResultStatus.met: "cimo-st-met",
    ResultStatus.behind: "cimo-st-behind",
    ResultStatus.no_number_target: "cimo-st-none",
    ResultStatus.text_result: "cimo-st-none",
    ResultStatus.no_data: "cimo-st-nodata",
}
NO_TARGET = "geen doel"


def results_index(kb: KnowledgeBase) -> ResultsIndex:
    """The knowledge base's results, indexed once per knowledge base (pages ask many times)."""
    cached: ResultsIndex | None = getattr(kb, "_cimo_results_index", None)
    if cached is None:
        reports: dict[str, Report] = kb.catalogue("reports")
        cached = monitoring.results_index(reports.values())
        kb._cimo_results_index = cached  # type: ignore[attr-defined]
    return cached


def members(kb: KnowledgeBase, programme: Programme) -> list[Intervention]:
    return [kb.interventions[i] for i in kb.interventions_of_programme(programme.id)]


def value_text(value: TargetValue | None) -> str:
    return "" if value is None else text.number(value)


def date_text(result: IndicatorResult | None, report: Report | None = None) -> str:
    when = (result.date if result else None) or (report.as_of if report else None)
    return when.strftime("%d-%m-%Y") if when else ""


def result_text(result: IndicatorResult | None) -> str:
    """'512 (31-12-2024)': the value as reported, with the date it describes."""
    if result is None:
        return ""
    when = date_text(result)
    return text.number(result.value) + (f" ({when})" if when else "")


def stand_per(reports: list[Report]) -> str:
    """The latest date the reports describe, or a plain statement that there is none."""
    dates = [r.as_of for r in reports if r.as_of] + [
        res.date for r in reports for res in r.results if res.date
    ]
    return max(dates).strftime("%d-%m-%Y") if dates else "nog geen gegevens"


@dataclass(frozen=True)
class YearCellView:
    year: str
    target: str
    result: str
    status: str
    status_class: str


@dataclass(frozen=True)
class IndicatorRowView:
    activity: Link | None  # None for an indicator of the whole programme
    activity_label: str
    indicator: str
    measured_by: str
    note: str
    cells: list[YearCellView]


@dataclass(frozen=True)
class AppendixSection:
    title: str
    rows: list[IndicatorRowView]
    without_indicator: list[Link]


@dataclass(frozen=True)
class SummaryRow:
    year: str
    number_targets: str
    results: str
    met: str
    behind: str


@dataclass(frozen=True)
class YearTargets:
    """'Which indicators have a target in this year, and what are they.'"""

    year: str
    targets: list[tuple[str, str, str]]  # activity, indicator, target


@dataclass(frozen=True)
class UnmeasuredOutcomes:
    """The outcomes of one intervention that none of its indicators measures."""

    intervention: Link
    outcomes: list[Link]


@dataclass(frozen=True)
class ProgrammeAppendix:
    programme: Link
    years: list[str]
    indicator_count: int
    summary: list[SummaryRow]
    unmeasured: list[UnmeasuredOutcomes]  # one item per intervention: lines stay short
    unmeasured_count: str  # e.g. "1 uitkomst", "175 uitkomsten"
    year_targets: list[YearTargets]
    sections: list[AppendixSection]
    stand_per: str
    sources: list[SourceLine]
    reports: list[Link]


def indicator_row(kb: KnowledgeBase, row: monitoring.IndicatorYears) -> IndicatorRowView:
    notes = [row.target_note] if row.target_note else []
    notes += [f"nulmeting {year}: {result_text(b)}" for year, b in row.baselines]
    if row.direction == "lager":
        notes.append("lager is beter")
    iv = row.intervention
    return IndicatorRowView(
        link(kb, "intervention", iv.id) if iv else None,
        iv.title if iv else "Hele programma",
        row.name,
        row.measured_by or "niet genoemd",
        "; ".join(notes),
        [
            YearCellView(
                str(c.year),
                value_text(c.target) or NO_TARGET,
                result_text(c.result) or "–",
                c.status.value,
                STATUS_CLASS[c.status],
            )
            for c in row.cells
        ],
    )


def programme_appendix(kb: KnowledgeBase, programme: Programme) -> ProgrammeAppendix:
    ivs, index = members(kb, programme), results_index(kb)
    years = monitoring.shown_years(programme, ivs, index)
    rows = monitoring.indicator_years(programme, ivs, index, years)
    line_titles = [(line.id, line.title) for line in programme.lines] + [(None, "Overig")]
    sections = []
    for line_id, title in line_titles:
        in_line = [iv for iv in ivs if iv.programme_line == line_id]
        views = [indicator_row(kb, r) for r in rows if r.intervention and r.intervention in in_line]
        bare = [link(kb, "intervention", iv.id) for iv in in_line if not iv.indicators]
        if views or bare:
            sections.append(AppendixSection(title, views, bare))
    whole = [indicator_row(kb, r) for r in rows if r.intervention is None]
    if whole:
        sections.append(AppendixSection("Indicatoren van het hele programma", whole, []))
    n = len(rows)
    summary = [
        SummaryRow(
            str(s.year),
            f"{s.number_targets} van {n}",
            f"{s.results} van {n}",
            str(s.met),
            str(s.behind),
        )
        for s in monitoring.year_summaries(rows)
    ]
    year_targets = [
        YearTargets(
            str(year),
            [
                (r.activity_label, r.indicator, r.cells[i].target)
                for r in [indicator_row(kb, row) for row in rows]
                if r.cells[i].target != NO_TARGET
            ],
        )
        for i, year in enumerate(years)
    ]
    reports = [index.report(s, y) for s in [iv.id for iv in ivs] + [programme.id] for y in years]
    unmeasured = monitoring.unmeasured_outcomes(ivs)
    return ProgrammeAppendix(
        programme=link(kb, "programme", programme.id),
        years=[str(y) for y in years],
        indicator_count=n,
        summary=summary,
        unmeasured=_unmeasured_by_intervention(kb, unmeasured),
        unmeasured_count=f"{len(unmeasured)} uitkomst{'' if len(unmeasured) == 1 else 'en'}",
        year_targets=year_targets,
        sections=sections,
        stand_per=stand_per([r for r in reports if r]),
        sources=source_lines(kb, programme.sources),
        reports=[
            Link(f"Voortgang {y}", progress_path(programme.id, y))
            for y in report_years(kb, programme)
        ],
    )


def _unmeasured_by_intervention(
    kb: KnowledgeBase, pairs: list[tuple[str, str]]
) -> list[UnmeasuredOutcomes]:
    by_intervention: dict[str, list[str]] = {}
    for intervention_id, outcome_id in pairs:
        by_intervention.setdefault(intervention_id, []).append(outcome_id)
    return [
        UnmeasuredOutcomes(link(kb, "intervention", i), links(kb, "outcome", outcomes))
        for i, outcomes in by_intervention.items()
    ]


def report_years(kb: KnowledgeBase, programme: Programme) -> list[int]:
    """Years that get a progress report: those of the period with money, a target or a report."""
    ivs, index = members(kb, programme), results_index(kb)
    years: set[int] = set(programme.declared_totals)
    for iv in ivs:
        years |= set(iv.budget.amounts) if iv.budget else set()
        years |= {y for ind in iv.indicators for y in ind.targets}
        years |= set(index.years(iv.id))
    years |= set(index.years(programme.id))
    return sorted(y for y in years if y in monitoring.programme_years(programme))


@dataclass(frozen=True)
class IndicatorResultView:
    """One year of an indicator on the intervention page: result against target."""

    year: str
    result: str
    status: str
    status_class: str


def indicator_results(
    kb: KnowledgeBase, intervention_id: str, ind: Indicator
) -> list[IndicatorResultView]:
    """Every year with a target or a result; 'nog geen gegevens' where nothing was reported."""
    found = results_index(kb).results(intervention_id, ind.id)
    views = []
    for year in sorted(set(ind.targets) | set(found)):
        result = found.get(year)
        status = monitoring.indicator_status(
            ind.targets.get(year), result.value if result else None, ind.direction
        )
        views.append(
            IndicatorResultView(
                str(year), result_text(result) or "–", status.value, STATUS_CLASS[status]
            )
        )
    return views
