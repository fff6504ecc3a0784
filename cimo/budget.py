"""Every sum of money in a knowledge base, computed in one place.

Validation (declared totals), the budget pages, the programme pages, the area pages and the
downloads all read their amounts from here, so a rule about money changes in one function.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cimo.model import Intervention, Programme, Report

#: The title of the budget group for rows outside every programme line.
OTHER_GROUP = "Overig"


def add_up(amounts: Iterable[dict[int, int]]) -> dict[int, int]:
    """Year-by-year sum of several {year: euros} mappings."""
    sums: dict[int, int] = {}
    for per_year in amounts:
        for year, amount in per_year.items():
            sums[year] = sums.get(year, 0) + amount
    return dict(sorted(sums.items()))


def intervention_amounts(iv: Intervention) -> dict[int, int]:
    return dict(sorted(iv.budget.amounts.items())) if iv.budget else {}


def counts_in_programme(iv: Intervention) -> bool:
    """Whether the intervention's money is part of its programme's budget (and its totals)."""
    return bool(iv.budget and iv.budget.amounts and iv.budget.in_programme_budget)


@dataclass(frozen=True)
class BudgetRow:
    """One row of a programme budget: an intervention, or a row of the programme itself."""

    title: str
    amounts: dict[int, int]
    intervention: str | None = None  # id, when the row is an intervention

    @property
    def total(self) -> int:
        return sum(self.amounts.values())


@dataclass(frozen=True)
class BudgetGroup:
    """The rows of one programme line (or of the rest), with their sum per year."""

    title: str
    rows: list[BudgetRow]

    @property
    def sums(self) -> dict[int, int]:
        return add_up(row.amounts for row in self.rows)

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


@dataclass(frozen=True)
class ProgrammeBudget:
    """A programme's money: rows per line, totals per year, and what the document declares."""

    programme: Programme
    years: list[int]
    groups: list[BudgetGroup]
    declared: dict[int, int]
    outside: list[BudgetRow] = field(default_factory=list)  # money from other budgets

    @property
    def totals(self) -> dict[int, int]:
        return add_up(group.sums for group in self.groups)

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    def mismatches(self) -> list[tuple[int, int, int]]:
        """(year, declared, sum) for every year where the declared total differs from the sum."""
        if not self.declared:
            return []
        totals = self.totals
        years = sorted(set(self.declared) | set(totals))
        return [
            (y, self.declared.get(y, 0), totals.get(y, 0))
            for y in years
            if self.declared.get(y, 0) != totals.get(y, 0)
        ]


def programme_budget(programme: Programme, members: Iterable[Intervention]) -> ProgrammeBudget:
    """The budget of a programme from its member interventions, grouped by programme line."""
    members = list(members)
    inside = [iv for iv in members if counts_in_programme(iv)]
    groups = [
        BudgetGroup(line.title, [_row(iv) for iv in inside if iv.programme_line == line.id])
        for line in programme.lines
    ]
    rest = [_row(iv) for iv in inside if iv.programme_line is None]
    rest += [
        BudgetRow(r.title, dict(sorted(r.amounts.items()))) for r in programme.other_budget_rows
    ]
    groups.append(BudgetGroup(OTHER_GROUP, rest))
    outside = [
        _row(iv)
        for iv in members
        if iv.budget and iv.budget.amounts and not iv.budget.in_programme_budget
    ]
    return ProgrammeBudget(
        programme,
        _budget_years(programme, members),
        [g for g in groups if g.rows],
        dict(sorted(programme.declared_totals.items())),
        outside,
    )


def has_money(budget: ProgrammeBudget) -> bool:
    """Whether a budget has anything to show."""
    return bool(budget.groups or budget.outside or budget.declared)


def _row(iv: Intervention) -> BudgetRow:
    return BudgetRow(iv.title, intervention_amounts(iv), iv.id)


def _budget_years(programme: Programme, members: list[Intervention]) -> list[int]:
    """The years that have an amount anywhere in the programme; its period when none do."""
    years: set[int] = set(programme.declared_totals)
    for row in programme.other_budget_rows:
        years |= set(row.amounts)
    for iv in members:
        years |= set(intervention_amounts(iv))
    end = programme.period.end or programme.period.start
    return sorted(years) or list(range(programme.period.start, end + 1))


# -- money per area ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaMoney:
    """The money of one area, counted so that areas never add up to more than was budgeted.

    An intervention's money counts for an area only when every area the source names for it
    lies in that area (the source ties the money there). An intervention that also works
    elsewhere is listed as shared, with its whole amount shown apart and never added: the
    sources do not split such money by area.
    """

    assigned: dict[int, int]
    assigned_interventions: list[str]
    shared: list[str]
    shared_amounts: dict[int, int]


def area_money(area_ids: set[str], interventions: Iterable[Intervention]) -> AreaMoney:
    """Money for an area given as the set of its id and the ids of every area inside it."""
    assigned: list[Intervention] = []
    shared: list[Intervention] = []
    for iv in interventions:
        named = set(iv.context.areas)
        if not named & area_ids or not intervention_amounts(iv):
            continue
        (assigned if named <= area_ids else shared).append(iv)
    return AreaMoney(
        add_up(intervention_amounts(iv) for iv in assigned),
        sorted(iv.id for iv in assigned),
        sorted(iv.id for iv in shared),
        add_up(intervention_amounts(iv) for iv in shared),
    )


def spent_total(reports: Iterable[Report]) -> int | None:
    """The money reported as spent, or None when no report gives an amount."""
    amounts = [r.spent for r in reports if r.spent is not None]
    return sum(amounts) if amounts else None
