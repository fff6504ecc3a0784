"""Comparison pages come from content: adding an initiative changes them, with reasons."""

from __future__ import annotations

from pathlib import Path

from cimo.graph import link
from cimo.validate import validate_content
from generator.render import render_site
from generator.views.compare import Related

INITIATIVE = """\
id: weekendschool
title: Weekendschool Demo
owner: netwerk-demo
context:
  provenance: inferred
  target_group: Kinderen van 10 tot 14 jaar
  age_range: {min: 10, max: 14}
  problem: Weinig voorbeelden in de buurt.
intervention:
  provenance: stated
  summary: Les op zondag van mensen uit allerlei beroepen.
mechanisms:
  - mechanism: rolmodellen
    provenance: inferred
    how: Gastdocenten laten zien wat mogelijk is.
outcomes:
  - outcome: zelfvertrouwen
    provenance: inferred
    via: [rolmodellen]
sources: [{source: plan}]
themes: [rolmodellen]
"""
NETWORK = """
  - id: netwerk-demo
    name: Netwerk Demo
    kind: network
"""


def render(workdir: Path) -> dict[str, str]:
    content, problems = validate_content(Path("content"))
    assert problems == []
    return render_site(link(content)).pages


def add_initiative(workdir: Path) -> None:
    orgs = workdir / "content/organisations/organisations.yaml"
    orgs.write_text(orgs.read_text(encoding="utf-8") + NETWORK, encoding="utf-8")
    target = workdir / "content/interventions/netwerk-demo/weekendschool.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(INITIATIVE, encoding="utf-8")


def test_adding_an_initiative_changes_the_comparison_pages(workdir: Path) -> None:
    before = render(workdir)
    assert "Weekendschool Demo" not in before["vergelijken/index.md"]
    add_initiative(workdir)
    after = render(workdir)
    index = after["vergelijken/index.md"]
    assert "**[Weekendschool Demo](../interventies/weekendschool.md)** (Netwerk Demo" in index
    assert "Zelfde mechanismen: [Rolmodellen" in index
    assert "Netwerk Demo" in after["vergelijken/matrix.md"]
    assert "Weekendschool Demo" in after["interventies/mentor.md"]  # 'Lijkt op'
    assert "Mentorproject" in after["interventies/weekendschool.md"]  # and back
    assert after["vergelijken/naast-elkaar.md"].count("weekendschool") >= 2


def test_a_match_is_one_row_of_shared_links_and_one_difference(workdir: Path) -> None:
    add_initiative(workdir)
    content, _ = validate_content(Path("content"))
    [match] = Related(link(content)).related("mentor")
    # 3 shared (rolmodellen, zelfvertrouwen, theme rolmodellen) of 4 distinct items: 75 %.
    assert match.intervention.label == "Weekendschool Demo" and match.score == 75
    assert [m.path for m in match.mechanisms] == ["mechanismen/rolmodellen.md"]
    assert [o.label for o in match.outcomes] == ["Meer zelfvertrouwen"]
    assert match.audience == "kinderen en jongeren"  # no ages: the mentor project gives none
    assert match.difference == "Werkt niet via Vertrouwensband."
    assert match.pair == "vergelijken/naast-elkaar.md?a=mentor&b=weekendschool"
    index = render(workdir)["vergelijken/index.md"]
    assert "**75 %** overeenkomst" in index
    assert "Werkt niet via Vertrouwensband." in index


def test_the_same_match_reads_the_same_on_both_pages(workdir: Path) -> None:
    add_initiative(workdir)
    pages = render(workdir)
    row = "(Netwerk Demo): **75 %** overeenkomst"
    assert row in pages["vergelijken/index.md"] and row in pages["interventies/mentor.md"]
    how = pages["vergelijken/hoe-vergelijken.md"]
    assert "vanaf **30 %** overeenkomst" in how and "8 verschillende" in how


def test_a_match_for_other_people_is_not_shown(workdir: Path) -> None:
    add_initiative(workdir)
    target = workdir / "content/interventions/netwerk-demo/weekendschool.yaml"
    text = target.read_text(encoding="utf-8").replace(
        "target_group: Kinderen van 10 tot 14 jaar", "target_group: Ouders van jonge kinderen"
    )
    target.write_text(text.replace("{min: 10, max: 14}", "{min: 0, max: 4}"), encoding="utf-8")
    content, _ = validate_content(Path("content"))
    assert Related(link(content)).related("mentor") == []


def test_interventions_of_the_same_owner_are_not_offered_as_comparisons(workdir: Path) -> None:
    content, _ = validate_content(Path("content"))
    assert Related(link(content)).related("mentor") == []


def test_the_list_can_be_sorted_and_filtered_by_money_period_and_evidence() -> None:
    from generator.views.lists import intervention_list
    from tests.conftest import FIXTURES

    content, _ = validate_content(FIXTURES / "sample" / "content")
    rows, filters = intervention_list(link(content))
    by_id = {r.id: r for r in rows}
    # mentor: € 1.000 in 2023 and € 1.500 in 2024; the homework class: € 20.000 in 2024,
    # running from 2022 to 2025. Neither names a study or measurement.
    assert by_id["mentor"].facts == "€ 2.500 in totaal"
    assert by_id["huiswerkklas"].facts == "€ 20.000 in totaal · 2022–2025"
    assert by_id["mentor"].sort["geld"] == "2500" and by_id["huiswerkklas"].sort["duur"] == "4"
    assert by_id["mentor"].sort["start"] == "-1"  # no period: last when sorted by start
    assert by_id["mentor"].data["money"] == by_id["huiswerkklas"].data["money"] == "tot-100k"
    assert by_id["mentor"].data["evidence"] == "nee"
    keys = [f.key for f in filters]
    assert "evidence" in keys and "money" in keys
    page = render_site(link(content)).pages["interventies/index.md"]
    assert 'data-sort-geld="20000"' in page and '<select id="cimo-sort" name="sort">' in page
