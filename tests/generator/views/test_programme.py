"""The programme views on the bundled content: Nijmegen's budget shows the plan's own figures
(/work/shared/seeds/nijmegen-uitvoeringsplan-gelijkwaardige-kansen-2023-2026.txt, 3.2), and
the vo-team's money apart (nijmegen-raadsvoorstel-subsidie-oidos-vo-team-2025.txt)."""

from __future__ import annotations

import pytest

from cimo.graph import KnowledgeBase
from cimo.knowledge_base import load_knowledge_base
from generator import site
from generator.views.programme import ProgrammeBudget, programme_budget
from tests.conftest import REPO

PLAN = "nijmegen-gelijkwaardige-kansen-2023-2026"
#: Table 3.2, row 'Totaal'.
TOTALS = ["€ 560.000", "€ 1.115.000", "€ 1.115.000", "€ 865.000"]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(REPO / "content").kb


@pytest.fixture(scope="module")
def nijmegen(kb: KnowledgeBase) -> ProgrammeBudget:
    view = programme_budget(kb, kb.programmes[PLAN])
    assert view is not None
    return view


def test_the_budget_shows_the_plans_totals_per_year(nijmegen: ProgrammeBudget) -> None:
    assert nijmegen.years == [2023, 2024, 2025, 2026]
    assert nijmegen.totals == TOTALS
    assert nijmegen.declared == TOTALS
    assert nijmegen.grand_total == nijmegen.declared_total == "€ 3.655.000"
    assert [(y.year, y.total, y.declared) for y in nijmegen.year_rows] == [
        (str(year), total, total) for year, total in zip(nijmegen.years, TOTALS, strict=True)
    ]


def test_every_intervention_row_links_to_its_page(
    nijmegen: ProgrammeBudget, kb: KnowledgeBase
) -> None:
    rows = [row for section in nijmegen.sections for row in section.rows]
    linked = [row.label for row in rows if row.label]
    assert len(linked) == len(rows) - 2  # all but the two rows of the programme itself
    for link in linked:
        ident = link.path.rpartition("/")[2].removesuffix(".md")
        assert ident in kb.interventions and link.path == site.page_path("intervention", ident)
    # Table 3.2: 'JINC € 35.000 € 75.000 € 65.000 € 60.000'.
    [jinc] = [row for row in rows if row.label and row.label.path == "interventies/jinc.md"]
    assert jinc.cells == ["€ 35.000", "€ 75.000", "€ 65.000", "€ 60.000"]
    assert jinc.total == "€ 235.000"


def test_money_from_outside_the_plan_is_its_own_list(nijmegen: ProgrammeBudget) -> None:
    [vo_team] = nijmegen.outside
    assert vo_team.cells == ["", "", "€ 75.102", ""]
    assert vo_team.total == "€ 75.102"
