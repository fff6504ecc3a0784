"""The reader's views: caveats next to the figures, the budget gap, the programme relation."""

from __future__ import annotations

import pytest

from cimo.graph import KnowledgeBase
from cimo.knowledge_base import load_knowledge_base
from generator.views.catalogue import area_view
from generator.views.compare import gaps
from generator.views.intervention import intervention_view
from generator.views.programme import disagreements_page, programme_budget, programme_view
from tests.conftest import REPO

NIJMEGEN = "nijmegen-gelijkwaardige-kansen-2023-2026"
ENSCHEDE = "enschede-kansrijk-2023-2033"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(REPO / "content").kb


def test_budget_cells_carry_the_caveat_where_the_sources_disagree(kb) -> None:
    money = programme_budget(kb, kb.programmes[NIJMEGEN])
    rows = {r.title: r for s in money.sections for r in s.rows}
    jongerenwerk = rows["Jongerenwerk op het voortgezet onderwijs"]
    # years 2023-2026; the text's € 300.000 differs from the table in 2023 and 2024
    assert [c.caveat for c in jongerenwerk.cells] == ["jongerenwerk-vo"] * 2 + ["", ""]
    assert jongerenwerk.cells[0].amount == "€ 270.000"
    # 'Overig/onvoorzien € 10.000' has no year in the source: shown in 2023 with a caveat
    assert rows["Overig/onvoorzien"].cells[0].caveat == "overig-onvoorzien"
    assert money.disagreement_count == 8


def test_related_intervention_is_not_a_member_but_its_money_is_shown_apart(kb) -> None:
    view = programme_view(kb, kb.programmes[NIJMEGEN])
    assert [link.path for link in view.related] == ["interventies/vo-team-gezinswerker.md"]
    assert all("vo-team" not in link.path for line in view.lines for link in line.interventions)
    assert view.intervention_count == 13
    assert [r.total.amount for r in view.budget.outside] == ["€ 75.102"]


def test_enschede_budget_gap_from_the_financial_table(kb) -> None:
    # Hoofdstuk 5, SALDO (x € 1.000): 535, -815, -2.545, -2.575
    money = programme_budget(kb, kb.programmes[ENSCHEDE])
    assert [c.amount for c in money.balance.cells] == [
        "€ 535.000",
        "-€ 815.000",
        "-€ 2.545.000",
        "-€ 2.575.000",
    ]
    assert "€ 2.545.000 in 2025" in money.balance.summary


def test_disagreements_page_gathers_programme_and_intervention_points(kb) -> None:
    page = disagreements_page(kb, kb.programmes[NIJMEGEN])
    assert [d.anchor for d in page.programme_items] == ["overig-onvoorzien"]
    anchors = [i.anchor for i in page.interventions]
    assert "jongerenwerk-vo" in anchors and "kinderwerk-noord" in anchors
    assert page.count == 1 + sum(len(i.items) for i in page.interventions)


def test_card_states_status_date_and_what_claims_rest_on(kb) -> None:
    view = intervention_view(kb, kb.interventions["nijmegen-vve-plus"])
    assert view.card.status_date == "maart 2019"
    assert view.card.basis.inferred >= 4  # the four mechanisms are inferred
    view = intervention_view(kb, kb.interventions["vo-team-gezinswerker"])
    assert view.card.related_only and view.card.programme.path.endswith(f"{NIJMEGEN}.md")


def test_the_gap_page_counts_the_alliances_vve_plus_in_nijmegen_as_done_in_nijmegen(kb) -> None:
    # Alliance booklet: VVE-plus is an initiative run in Nijmegen, owned by the Alliance
    vve_plus = kb.interventions["nijmegen-vve-plus"]
    assert vve_plus.owner == "gelijke-kansen-alliantie"
    assert vve_plus.municipality == "gemeente-nijmegen"
    found = gaps(kb, kb.organisations["gemeente-nijmegen"].name)
    not_done = {m.label: [u.path for u in users] for m, users in found["missing"]}
    for mechanism in vve_plus.mechanisms:
        assert kb.mechanisms[mechanism.mechanism].name not in not_done
    assert all("interventies/nijmegen-vve-plus.md" not in u for u in not_done.values())


def test_an_area_without_money_of_its_own_says_so_instead_of_zero_euro(kb) -> None:
    # Nijmegen's plan (3.2) gives amounts per programme line, never per district: Dukenburg
    # has no money of its own, only shared money, and the page must not say "€ 0".
    view = area_view(kb, "dukenburg")
    assert view.money and all(r.amount == "" and r.shared for r in view.money)
