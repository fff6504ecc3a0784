"""Targets against results: the status rule, the yearly figures of a programme, report checks.

The rule (`indicator_status`) is the one place that decides whether an indicator was met; the
site explains it with `STATUS_RULE`. Nothing here formats for a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath

from cimo.content_set import ContentSet, Located
from cimo.excerpt import excerpt
from cimo.model import (
    Direction,
    IndicatorResult,
    Intervention,
    Programme,
    Report,
    ReportedValue,
    TargetValue,
)
from cimo.problems import Problem, format_path


class ResultStatus(StrEnum):
    """What a year's result means against that year's target."""

    met = "gehaald"
    behind = "achter"
    no_number_target = "geen getal als doel"
    text_result = "uitkomst zonder getal"
    no_data = "nog geen gegevens"


#: The rule in one sentence, for the site (Dutch, B1).
STATUS_RULE = (
    "Een indicator is gehaald als het gemelde getal de streefwaarde van dat jaar haalt "
    "(even hoog of hoger, of even laag of lager als minder beter is), en achter als het getal "
    "dat niet doet; er staat geen getal als doel als de streefwaarde voor dat jaar geen getal is "
    "of ontbreekt, uitkomst zonder getal als de melding tekst is, en nog geen gegevens als er "
    "voor dat jaar niets is gemeld."
)


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def indicator_status(
    target: TargetValue | None, result: ReportedValue | None, direction: Direction = "hoger"
) -> ResultStatus:
    """The status of one indicator in one year (see STATUS_RULE)."""
    if result is None:
        return ResultStatus.no_data
    if not is_number(target):
        return ResultStatus.no_number_target
    if not is_number(result):
        return ResultStatus.text_result
    assert isinstance(target, int | float) and isinstance(result, int | float)
    reached = result <= target if direction == "lager" else result >= target
    return ResultStatus.met if reached else ResultStatus.behind


# -- the results of a knowledge base, by subject, indicator and year --------------------------


@dataclass
class ResultsIndex:
    """Every report, by (subject, year); results by (subject, indicator), looked up in O(1)."""

    reports: dict[tuple[str, int], Report] = field(default_factory=dict)
    _results: dict[tuple[str, str], dict[int, IndicatorResult]] = field(default_factory=dict)
    _baselines: dict[tuple[str, str], list[tuple[int, IndicatorResult]]] = field(
        default_factory=dict
    )
    _years: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for (subject, year), report in sorted(self.reports.items()):
            self._years.setdefault(subject, []).append(year)
            for result in report.results:
                key = (subject, result.indicator)
                if result.kind == "uitkomst":
                    self._results.setdefault(key, {})[year] = result
                else:
                    self._baselines.setdefault(key, []).append((year, result))

    def report(self, subject: str, year: int) -> Report | None:
        return self.reports.get((subject, year))

    def results(self, subject: str, indicator: str) -> dict[int, IndicatorResult]:
        """Realised values ('uitkomst') per year; a baseline is not a result."""
        return dict(self._results.get((subject, indicator), {}))

    def baselines(self, subject: str, indicator: str) -> list[tuple[int, IndicatorResult]]:
        return list(self._baselines.get((subject, indicator), []))

    def years(self, subject: str) -> list[int]:
        return list(self._years.get(subject, []))


def results_index(reports: Iterable[Report]) -> ResultsIndex:
    return ResultsIndex({(r.subject, r.year): r for r in reports})


# -- a programme's indicators per year ---------------------------------------------------------


@dataclass(frozen=True)
class YearCell:
    year: int
    target: TargetValue | None
    result: IndicatorResult | None
    status: ResultStatus


@dataclass(frozen=True)
class IndicatorYears:
    """One indicator (of an intervention, or of the programme when intervention is None)."""

    intervention: Intervention | None
    indicator_id: str
    name: str
    measured_by: str | None
    target_note: str | None
    direction: Direction
    cells: list[YearCell]
    baselines: list[tuple[int, IndicatorResult]]


@dataclass(frozen=True)
class YearSummary:
    year: int
    indicators: int
    number_targets: int
    results: int
    met: int
    behind: int


def programme_years(programme: Programme) -> list[int]:
    end = programme.period.end or programme.period.start
    return list(range(programme.period.start, end + 1))


def shown_years(
    programme: Programme, members: list[Intervention], index: ResultsIndex
) -> list[int]:
    """The programme's years that have a target or a result anywhere (all years when none do),
    so a ten-year programme with targets in two years gets two year columns, not ten."""
    years: set[int] = set()
    plan = programme.monitoring
    for iv in members:
        for ind in iv.indicators:
            years |= set(ind.targets) | set(index.results(iv.id, ind.id))
    for pind in plan.indicators if plan else []:
        years |= set(pind.targets) | set(index.results(programme.id, pind.id))
    period = programme_years(programme)
    return [y for y in period if y in years] or period


def indicator_years(
    programme: Programme,
    members: list[Intervention],
    index: ResultsIndex,
    years: list[int] | None = None,
) -> list[IndicatorYears]:
    """Every indicator of the programme and its interventions, with target, result and status
    for each year (default: every year of the programme)."""
    years = years if years is not None else programme_years(programme)
    rows = []
    for iv in members:
        for ind in iv.indicators:
            found = index.results(iv.id, ind.id)
            rows.append(
                IndicatorYears(
                    iv,
                    ind.id,
                    ind.name,
                    ind.measured_by,
                    ind.target_note,
                    ind.direction,
                    _cells(years, ind.targets, found, ind.direction),
                    index.baselines(iv.id, ind.id),
                )
            )
    plan = programme.monitoring
    for pind in plan.indicators if plan else []:
        found = index.results(programme.id, pind.id)
        rows.append(
            IndicatorYears(
                None,
                pind.id,
                pind.name,
                pind.measured_by,
                pind.target_note,
                pind.direction,
                _cells(years, pind.targets, found, pind.direction),
                index.baselines(programme.id, pind.id),
            )
        )
    return rows


def _cells(
    years: list[int],
    targets: dict[int, TargetValue],
    found: dict[int, IndicatorResult],
    direction: Direction,
) -> list[YearCell]:
    cells = []
    for year in years:
        result = found.get(year)
        status = indicator_status(targets.get(year), result.value if result else None, direction)
        cells.append(YearCell(year, targets.get(year), result, status))
    return cells


def year_summaries(rows: list[IndicatorYears]) -> list[YearSummary]:
    """Per year: how many indicators, how many with a number target, with a result, met, behind."""
    if not rows:
        return []
    summaries = []
    for i, cell in enumerate(rows[0].cells):
        column = [row.cells[i] for row in rows]
        summaries.append(
            YearSummary(
                cell.year,
                len(column),
                sum(is_number(c.target) for c in column),
                sum(c.result is not None for c in column),
                sum(c.status is ResultStatus.met for c in column),
                sum(c.status is ResultStatus.behind for c in column),
            )
        )
    return summaries


def unmeasured_outcomes(members: list[Intervention]) -> list[tuple[str, str]]:
    """(intervention id, outcome id) for every outcome an intervention aims at that none of its
    indicators measures."""
    missing = []
    for iv in members:
        measured = {o for ind in iv.indicators for o in ind.measures}
        missing += [(iv.id, use.outcome) for use in iv.outcomes if use.outcome not in measured]
    return missing


# -- checks on report files (called by validation) ---------------------------------------------


def check_reports(content: ContentSet) -> list[Problem]:
    """Report files name a known subject and its indicators, and sit in their year's folder."""
    interventions = {item.model.id: item.model for item in content.interventions}
    programmes = {item.model.id: item.model for item in content.programmes}
    areas = {item.model.id for item in content.areas}
    problems: list[Problem] = []
    for item in content.catalogue("reports"):
        problems += list(_report_problems(item, interventions, programmes, areas))
    return problems


def _report_problems(
    item: Located[Report],
    interventions: dict[str, Intervention],
    programmes: dict[str, Programme],
    areas: set[str],
) -> Iterator[Problem]:
    report = item.model
    folder = PurePosixPath(item.document.file).parent.name
    if folder != str(report.year):
        yield _problem(
            item,
            ("year",),
            f"het jaar {report.year} past niet bij de map '{excerpt(folder)}'",
            f"zet het bestand in content/reports/{report.year}/ of verander het jaar",
        )
    if report.intervention is not None:
        iv = interventions.get(report.intervention)
        if iv is None:
            yield _problem(
                item,
                ("intervention",),
                f"onbekende interventie '{excerpt(report.intervention)}'",
                "gebruik de id van een interventie uit content/interventions/",
            )
            return
        known = {ind.id for ind in iv.indicators}
    else:
        programme = programmes.get(report.programme or "")
        if programme is None:
            yield _problem(
                item,
                ("programme",),
                f"onbekend programma '{excerpt(report.programme or '')}'",
                "gebruik de id van een programma uit content/programmes/",
            )
            return
        plan = programme.monitoring
        known = {ind.id for ind in plan.indicators} if plan else set()
    seen: set[tuple[str, str]] = set()
    for i, result in enumerate(report.results):
        if result.indicator not in known:
            yield _problem(
                item,
                ("results", i, "indicator"),
                f"'{report.subject}' heeft geen indicator '{excerpt(result.indicator)}'",
                "kies uit: " + (", ".join(sorted(known)) or "(geen indicatoren)"),
            )
        if (result.indicator, result.kind) in seen:
            yield _problem(
                item,
                ("results", i, "indicator"),
                f"indicator '{excerpt(result.indicator)}' staat twee keer in dit verslag",
                "geef per indicator en jaar één waarde",
            )
        seen.add((result.indicator, result.kind))
    places = [("reach", i, r.area) for i, r in enumerate(report.reach)]
    places += [("spent_parts", i, p.area) for i, p in enumerate(report.spent_parts)]
    for name, i, area in places:
        if area is not None and area not in areas:
            yield _problem(
                item,
                (name, i, "area"),
                f"onbekend gebied '{excerpt(area)}'",
                "gebruik een id uit content/areas/ of schrijf het gebied bij 'place'",
            )


def _problem(
    item: Located[Report], path: tuple[str | int, ...], message: str, hint: str
) -> Problem:
    return Problem(item.locate(*path), format_path(item.field_path(*path)), message, hint)
