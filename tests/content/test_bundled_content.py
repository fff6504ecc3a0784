"""The bundled content as a whole: complete, linked through shared catalogues, and consistent."""

from __future__ import annotations

import difflib
import itertools
from pathlib import Path

import pytest

from cimo.graph import graph_warnings, link
from cimo.budget import programme_budget
from cimo.validate import validate_content
from tests.conftest import REPO


@pytest.fixture(scope="module")
def content():
    content, problems = validate_content(REPO / "content")
    assert problems == []
    return content


def by_owner(content, owner: str) -> list:
    return [i.model for i in content.interventions if i.model.owner == owner]


def test_all_28_alliance_initiatives_are_present_once(content) -> None:
    alliance = by_owner(content, "gelijke-kansen-alliantie")
    assert len(alliance) == 28
    assert len({iv.title for iv in alliance}) == 28
    assert all(iv.programme is None for iv in alliance)


def test_two_thirds_of_alliance_initiatives_share_a_mechanism_with_nijmegen(content) -> None:
    nijmegen = {m.mechanism for iv in by_owner(content, "gemeente-nijmegen") for m in iv.mechanisms}
    alliance = by_owner(content, "gelijke-kansen-alliantie")
    sharing = [iv for iv in alliance if {m.mechanism for m in iv.mechanisms} & nijmegen]
    assert len(sharing) * 3 >= len(alliance) * 2


@pytest.mark.parametrize("kind", ["mechanisms", "outcomes", "themes"])
def test_catalogues_hold_no_near_duplicate_names(content, kind: str) -> None:
    names = [(e.model.id, e.model.name.lower()) for e in content.catalogue(kind)]
    for (id_a, a), (id_b, b) in itertools.combinations(names, 2):
        assert difflib.SequenceMatcher(None, a, b).ratio() < 0.85, (id_a, id_b)


def test_every_catalogue_entry_is_used(content) -> None:
    used = {m.mechanism for i in content.interventions for m in i.model.mechanisms}
    used |= {o.outcome for i in content.interventions for o in i.model.outcomes}
    for kind in ("mechanisms", "outcomes"):
        unused = [e.model.id for e in content.catalogue(kind) if e.model.id not in used]
        assert unused == [], f"unused {kind}: {unused}"


def test_nijmegen_budget_rows_add_up_to_the_plans_totals(content) -> None:
    [programme] = [p.model for p in content.programmes if p.model.owner == "gemeente-nijmegen"]
    # The plan's table 3.2, row 'Totaal' (seeds/nijmegen-uitvoeringsplan-…-2023-2026.txt).
    plan = {2023: 560_000, 2024: 1_115_000, 2025: 1_115_000, 2026: 865_000}
    assert programme.declared_totals == plan
    assert programme_sums(content, programme) == plan


def test_vo_team_is_funded_outside_the_plan(content) -> None:
    [vo_team] = [i.model for i in content.interventions
                 if "stichting-oidos" in i.model.organisations]
    assert vo_team.budget is not None and not vo_team.budget.in_programme_budget


def test_enschede_is_a_programme_with_four_ambitions(content) -> None:
    [enschede] = [p.model for p in content.programmes if p.model.owner == "gemeente-enschede"]
    assert len(enschede.lines) == 4
    assert len(by_owner(content, "gemeente-enschede")) >= 11


def test_bundled_content_has_no_graph_warnings(content) -> None:
    assert graph_warnings(link(content), content) == []


def test_every_intervention_file_is_named_after_its_id() -> None:
    for path in (REPO / "content" / "interventions").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert f"\nid: {path.stem}\n" in text, path


def test_content_files_are_valid_utf8_without_tabs() -> None:
    for path in Path(REPO / "content").rglob("*.yaml"):
        assert "\t" not in path.read_text(encoding="utf-8"), path


def programme_sums(content, programme) -> dict[int, int]:
    members = [i.model for i in content.interventions if i.model.programme == programme.id]
    return programme_budget(programme, members).totals
