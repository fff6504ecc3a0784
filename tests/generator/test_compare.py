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
    assert "[Weekendschool Demo](../interventies/weekendschool.md) (Netwerk Demo" in index
    assert "zelfde mechanisme: Rolmodellen" in index
    assert "Netwerk Demo" in after["vergelijken/matrix.md"]
    assert "Weekendschool Demo" in after["interventies/mentor.md"]  # 'Lijkt op'
    assert "Mentorproject" in after["interventies/weekendschool.md"]  # and back
    assert after["vergelijken/naast-elkaar.md"].count("weekendschool") >= 2


def test_a_match_names_every_shared_feature_in_words(workdir: Path) -> None:
    add_initiative(workdir)
    content, _ = validate_content(Path("content"))
    [match] = Related(link(content)).related("mentor")
    assert match.intervention.label == "Weekendschool Demo" and match.score == 6
    assert match.reasons == [
        "zelfde mechanisme: Rolmodellen",
        "zelfde uitkomst: Meer zelfvertrouwen",
        "zelfde thema: Rolmodellen",
    ]


def test_interventions_of_the_same_owner_are_not_offered_as_comparisons(workdir: Path) -> None:
    content, _ = validate_content(Path("content"))
    assert Related(link(content)).related("mentor") == []
