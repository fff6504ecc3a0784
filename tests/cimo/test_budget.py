"""Money: sums per programme line and year, money from outside the programme, and declared
totals that do not match. The bundled Nijmegen figures are those of the plan itself
(/work/shared/seeds/nijmegen-uitvoeringsplan-gelijkwaardige-kansen-2023-2026.txt, 3.2 Begroting).
"""

from __future__ import annotations

from typing import Any

import pytest

from cimo.budget import (
    OTHER_GROUP,
    add_up,
    counts_in_programme,
    has_money,
    programme_budget,
)
from cimo.knowledge_base import load_knowledge_base
from cimo.model import Intervention, Programme
from tests.conftest import REPO


def programme(**changes: Any) -> Programme:
    data: dict[str, Any] = {
        "id": "plan",
        "title": "Plan",
        "owner": "gemeente",
        "period": {"start": 2023, "end": 2025},
        "lines": [{"id": "groeien", "title": "Groeien"}, {"id": "meedoen", "title": "Meedoen"}],
        "sources": [{"source": "plan"}],
    }
    return Programme.model_validate({**data, **changes})


def intervention(ident: str, amounts: dict[int, int] | None, **changes: Any) -> Intervention:
    data: dict[str, Any] = {
        "id": ident,
        "title": ident.capitalize(),
        "owner": "gemeente",
        "programme": "plan",
        "context": {"provenance": "stated", "target_group": "Kinderen", "problem": "Iets."},
        "intervention": {"provenance": "stated", "summary": "Iets doen."},
        "sources": [{"source": "plan"}],
    }
    if amounts is not None:
        data["budget"] = {"amounts": amounts}
    return Intervention.model_validate({**data, **changes})


def test_add_up_sums_year_by_year_in_year_order() -> None:
    assert add_up([{2024: 5, 2023: 1}, {2023: 2}, {}, {2025: 0}]) == {2023: 3, 2024: 5, 2025: 0}
    assert list(add_up([{2025: 1}, {2023: 1}])) == [2023, 2025]
    assert add_up([]) == {}


def test_rows_are_grouped_per_line_with_sums_per_year() -> None:
    members = [
        intervention("a", {2023: 100, 2024: 200}, programme_line="groeien"),
        intervention("b", {2024: 50}, programme_line="groeien"),
        intervention("c", {2023: 7}, programme_line="meedoen"),
    ]
    budget = programme_budget(programme(), members)
    groeien, meedoen = budget.groups
    assert (groeien.title, [r.intervention for r in groeien.rows]) == ("Groeien", ["a", "b"])
    assert groeien.sums == {2023: 100, 2024: 250} and groeien.total == 350
    assert (meedoen.title, meedoen.sums, meedoen.total) == ("Meedoen", {2023: 7}, 7)
    assert budget.totals == {2023: 107, 2024: 250} and budget.total == 357
    assert budget.years == [2023, 2024]


def test_rows_without_a_line_and_programme_rows_go_to_the_other_group() -> None:
    plan = programme(
        other_budget_rows=[{"id": "uitvoering", "title": "Uitvoering", "amounts": {2025: 30}}]
    )
    budget = programme_budget(plan, [intervention("los", {2023: 10})])
    [other] = budget.groups  # lines without rows are left out
    assert other.title == OTHER_GROUP
    assert [(r.title, r.intervention, r.amounts) for r in other.rows] == [
        ("Los", "los", {2023: 10}),
        ("Uitvoering", None, {2025: 30}),
    ]
    assert budget.totals == {2023: 10, 2025: 30}


def test_money_from_outside_the_programme_is_shown_apart_and_never_counted() -> None:
    outside = intervention(
        "extern",
        None,
        budget={"amounts": {2024: 75102}, "in_programme_budget": False},
        programme_line="groeien",
    )
    inside = intervention("binnen", {2024: 1000}, programme_line="groeien")
    assert not counts_in_programme(outside) and counts_in_programme(inside)
    budget = programme_budget(programme(declared_totals={2024: 1000}), [outside, inside])
    assert [(r.intervention, r.amounts) for r in budget.outside] == [("extern", {2024: 75102})]
    assert [r.intervention for g in budget.groups for r in g.rows] == ["binnen"]
    assert budget.totals == {2024: 1000} and budget.mismatches() == []


def test_interventions_without_money_are_no_rows() -> None:
    members = [intervention("geen", None), intervention("leeg", {})]
    budget = programme_budget(programme(), members)
    assert budget.groups == [] and budget.outside == [] and not has_money(budget)
    assert budget.years == [2023, 2024, 2025]  # the programme's period, as nothing has a year
    assert budget.mismatches() == []


def test_declared_totals_that_differ_from_the_sums_are_mismatches() -> None:
    plan = programme(declared_totals={2023: 100, 2024: 300})
    members = [intervention("a", {2023: 100, 2024: 250, 2025: 5})]
    budget = programme_budget(plan, members)
    # (year, declared, sum): 2024 differs; 2025 has money but no declared total.
    assert budget.mismatches() == [(2024, 300, 250), (2025, 0, 5)]
    assert budget.declared == {2023: 100, 2024: 300} and has_money(budget)
    assert budget.years == [2023, 2024, 2025]


def test_a_declared_year_without_any_money_is_a_mismatch() -> None:
    budget = programme_budget(programme(declared_totals={2023: 0, 2024: 40}), [])
    assert budget.mismatches() == [(2024, 40, 0)]
    assert has_money(budget)  # a declared total alone is worth showing


# -- the bundled content: the figures of Nijmegen's plan --------------------------------------

#: Table 3.2 of the plan, row 'Totaal': € 560.000, € 1.115.000, € 1.115.000, € 865.000. The text
#: above the table says the same: "het totale budget voor 2024 en 2025 €1.115.000 is en voor 2026
#: wordt dit bedrag €865.000".
NIJMEGEN_TOTALS = {2023: 560_000, 2024: 1_115_000, 2025: 1_115_000, 2026: 865_000}
#: Table 3.2, 'Iedereen kan groeien': Jongerenwerk vo € 270.000 / 289.000 / 300.000 / 300.000
#: plus JINC € 35.000 / 75.000 / 65.000 / 60.000.
GROEIEN = {2023: 305_000, 2024: 364_000, 2025: 365_000, 2026: 360_000}
#: Table 3.2, 'Overig': Uitvoeringskosten € 100.000 a year, Overig/onvoorzien € 10.000 (2023;
#: only the 2023 column adds up to the total row with it).
UITVOERING = {2023: 100_000, 2024: 100_000, 2025: 100_000, 2026: 100_000}
#: Council proposal on the vo-team (nijmegen-raadsvoorstel-subsidie-oidos-vo-team-2025.txt):
#: "subsidie ... ten bedrage van € 75.102", from NPO money, not from the plan's budget.
VO_TEAM_2025 = 75_102
PLAN = "nijmegen-gelijkwaardige-kansen-2023-2026"


@pytest.fixture(scope="module")
def nijmegen() -> Any:
    kb = load_knowledge_base(REPO / "content").kb
    members = [kb.interventions[i] for i in kb.interventions_of_programme(PLAN)]
    return programme_budget(kb.programmes[PLAN], members)


def test_nijmegen_declares_the_plans_totals_and_the_rows_add_up_to_them(nijmegen: Any) -> None:
    assert nijmegen.declared == NIJMEGEN_TOTALS
    assert nijmegen.totals == NIJMEGEN_TOTALS
    assert nijmegen.mismatches() == []
    assert nijmegen.total == 560_000 + 2 * 1_115_000 + 865_000
    assert nijmegen.years == [2023, 2024, 2025, 2026]


def test_nijmegen_line_iedereen_kan_groeien_sums_as_in_the_plan(nijmegen: Any) -> None:
    [groeien] = [g for g in nijmegen.groups if g.title.lower() == "iedereen kan groeien"]
    assert groeien.sums == GROEIEN


def test_nijmegen_execution_costs_are_in_the_other_group(nijmegen: Any) -> None:
    [other] = [g for g in nijmegen.groups if g.title == OTHER_GROUP]
    rows = {r.title.lower(): r.amounts for r in other.rows if r.intervention is None}
    assert rows == {"uitvoeringskosten": UITVOERING, "overig/onvoorzien": {2023: 10_000}}


def test_nijmegen_vo_team_money_is_outside_the_plan(nijmegen: Any) -> None:
    assert [r.amounts for r in nijmegen.outside] == [{2025: VO_TEAM_2025}]
    assert nijmegen.totals[2025] == NIJMEGEN_TOTALS[2025]  # not counted in the plan's total
