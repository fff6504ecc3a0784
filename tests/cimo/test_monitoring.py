"""The status rule, report files' checks, and honest money per area."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cimo import budget
from cimo.knowledge_base import check_knowledge_base, load_knowledge_base
from cimo.monitoring import ResultStatus, indicator_status
from tests.conftest import FIXTURES, REPO


@pytest.mark.parametrize(
    ("target", "result", "direction", "status"),
    [
        (448, 448, "hoger", ResultStatus.met),  # JINC's 2023 target (U:462): reached exactly
        (448, 447, "hoger", ResultStatus.behind),
        (30, 35, "lager", ResultStatus.behind),  # lower is better: above the target is behind
        (30, 30, "lager", ResultStatus.met),
        (20, 18, "lager", ResultStatus.met),
        ("minimaal 12", 11, "hoger", ResultStatus.no_number_target),
        (None, 5, "hoger", ResultStatus.no_number_target),
        (40, "ongeveer veertig", "hoger", ResultStatus.text_result),
        (40, None, "hoger", ResultStatus.no_data),
        (None, None, "hoger", ResultStatus.no_data),
        (90, 83.7, "hoger", ResultStatus.behind),  # Enschede: 83,7% against 90% (K:1589-1591)
    ],
)
def test_status_rule(target, result, direction, status) -> None:
    assert indicator_status(target, result, direction) is status


def write(folder: Path, rel: str, text: str) -> None:
    (folder / rel).parent.mkdir(parents=True, exist_ok=True)
    (folder / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "monitoring/content", tmp_path / "content")
    return tmp_path / "content"


def messages(content: Path) -> list[str]:
    return [p.format() for p in check_knowledge_base(content)[1]]


def test_the_monitoring_fixture_is_valid(content: Path) -> None:
    assert messages(content) == []


def test_report_must_name_known_indicators_and_sit_in_its_year(content: Path) -> None:
    write(
        content,
        "reports/2024/ouderavond-2023.yaml",
        "id: ouderavond-2023\nyear: 2023\nintervention: ouderavond\n"
        "results:\n  - {indicator: bestaat-niet, value: 3}\n",
    )
    (content / "reports/2023/ouderavond-2023.yaml").unlink()
    found = "\n".join(messages(content))
    assert (
        "reports/2024/ouderavond-2023.yaml:2:1: year: het jaar 2023 past niet bij de map '2024'"
        in found
    )
    assert "results[0].indicator: 'ouderavond' heeft geen indicator 'bestaat-niet'" in found


def test_report_id_must_be_subject_and_year(content: Path) -> None:
    write(
        content,
        "reports/2024/mentor-2025.yaml",
        "id: mentor-2025\nyear: 2024\nintervention: mentor\n",
    )
    assert any("de id moet 'mentor-2024' zijn" in m for m in messages(content))


def test_experiences_are_checked_for_personal_data(content: Path) -> None:
    write(
        content,
        "reports/2024/ouderavond-2024.yaml",
        "id: ouderavond-2024\nyear: 2024\nintervention: ouderavond\nexperiences:\n"
        "  - {role: ouder, text: 'Mail me op ouder@example.nl'}\n",
    )
    assert any("experiences[0].text" in m and "e-mail" in m for m in messages(content))


def test_area_money_never_adds_up_to_more_than_the_budget() -> None:
    kb = load_knowledge_base(REPO / "content").kb
    programme = kb.programmes["nijmegen-gelijkwaardige-kansen-2023-2026"]
    members = [kb.interventions[i] for i in kb.interventions_of_programme(programme.id)]
    # Leaf areas: no area lies in them; every intervention counts in at most one of them.
    leaves = [a for a in kb.areas if a not in {x.part_of for x in kb.areas.values()}]
    leaves = [a for a in leaves if kb.areas[a].municipality == "gemeente-nijmegen"]
    for year, declared in ((2024, 1_115_000), (2025, 1_115_000), (2026, 865_000)):  # U:744, U:767
        total = sum(budget.area_money({a}, members).assigned.get(year, 0) for a in leaves)
        assert total <= declared, year
    # The old way (every shared intervention in full in each area) added up to more in 2025.
    old = sum(
        budget.intervention_amounts(iv).get(2025, 0)
        for a in leaves
        for iv in members
        if a in iv.context.areas
    )
    assert old > 1_115_000


def test_shared_intervention_counts_for_no_single_area() -> None:
    kb = load_knowledge_base(FIXTURES / "monitoring/content").kb
    ivs = list(kb.interventions.values())
    centrum = budget.area_money({"centrum"}, ivs)
    # mentor works only in centrum (€ 1.000 in 2023); ouderavond works in centrum and west.
    assert centrum.assigned == {2023: 1000, 2024: 1500}
    assert centrum.shared == ["ouderavond"] and centrum.shared_amounts == {2023: 400, 2024: 400}
    whole = budget.area_money({"demo", "centrum", "west"}, ivs)
    assert whole.assigned == {2023: 1400, 2024: 1900} and whole.shared == []
