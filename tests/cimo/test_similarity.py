"""Similarity: who an intervention is for decides whether it can match; then the overlap counts."""

from __future__ import annotations

import pytest

from cimo.knowledge_base import load_knowledge_base
from cimo.load import parse_yaml_bytes
from cimo.model import Intervention
from cimo.similarity import (
    THRESHOLD,
    Audience,
    Features,
    Matcher,
    mismatch,
    percent,
    score,
    shared,
    target_kinds,
)
from tests.conftest import FIXTURES, REPO

SAMPLE = FIXTURES / "sample" / "content" / "interventions"


def intervention(rel: str, **context: object) -> Intervention:
    data, _ = parse_yaml_bytes((SAMPLE / rel).read_bytes())
    data["context"] = {**data["context"], **context}
    return Intervention.model_validate(data)


def test_overlap_is_the_shared_part_of_all_mechanisms_outcomes_and_themes() -> None:
    mentor = Features.of(intervention("gemeente-demo/mentor.yaml"))
    klas = Features.of(intervention("gemeente-elders/huiswerkklas.yaml"))
    common = shared(mentor, klas)
    # The mentor project names 2 mechanisms, 1 outcome, 1 theme; the homework class 1, 1, 1.
    # They share rolmodellen, zelfvertrouwen and the theme: 3 of 4 distinct items.
    assert (common.mechanisms, common.outcomes, common.themes) == (
        ["rolmodellen"],
        ["zelfvertrouwen"],
        ["rolmodellen"],
    )
    assert common.score == score(mentor, klas) == 75
    assert common.only_mine == ["vertrouwensband"] and common.only_theirs == []


def test_percent_rounds_to_whole_numbers() -> None:
    assert percent(2, 4, 6) == 25  # the example on the page 'Hoe we vergelijken'
    assert percent(1, 2, 2) == 33
    assert percent(0, 0, 0) == 0


def test_shared_ages_are_the_overlap_and_a_single_year_is_not_an_overlap() -> None:
    a = Features.of(intervention("gemeente-demo/mentor.yaml", age_range={"min": 10, "max": 13}))
    b = Features.of(intervention("gemeente-elders/huiswerkklas.yaml"))  # 12 to 16
    assert shared(a, b).ages == (12, 13)
    c = Features.of(intervention("gemeente-demo/mentor.yaml", age_range={"min": 4, "max": 12}))
    assert mismatch(c.audience, b.audience) == "leeftijd"  # '12 tot 12 jaar' is no overlap
    assert score(c, b) == 0


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Kinderen van 10 tot 15 jaar en hun ouders in Hatert.", {"kinderen", "ouders"}),
        ("Ouders van jonge kinderen, vooral ouders die weinig Nederlands spreken.", {"ouders"}),
        ("Zwangeren en jonge gezinnen bij wie de gewone zorg niet genoeg is.", {"ouders"}),
        ("Alle onderwijsprofessionals in Nijmegen. Het gaat om leerlingen.", {"professionals"}),
        ("Leraren en leerlingen van het Mundus College.", {"professionals", "kinderen"}),
        (
            "Anderstalige ouders van kinderen van 0 tot 12 jaar, in de vve (voor- en "
            "vroegschoolse educatie, extra steun voor jonge kinderen).",
            {"ouders"},
        ),
        ("Kinderen in wijken met laaggeletterdheid van ouders.", {"kinderen"}),
        ("Een wijk in Arnhem.", set()),
    ],
)
def test_target_kinds_are_read_from_the_first_sentence(text: str, kinds: set[str]) -> None:
    assert target_kinds(text) == kinds


def test_school_phase_gives_ages_and_ages_give_phases() -> None:
    klas = Audience.of(intervention("gemeente-elders/huiswerkklas.yaml"))
    assert klas.phases == {"middelbare school"} and klas.ages == (12, 16)
    po = Audience.of(intervention("gemeente-demo/mentor.yaml", school_levels=["po"]))
    assert po.ages == (4, 12) and not po.ages_given
    baby = Audience.of(intervention("gemeente-demo/mentor.yaml", target_group="Zwangere vrouwen"))
    assert baby.ages == (0, 2)


def test_different_people_never_match_however_much_they_share() -> None:
    mentor = intervention("gemeente-demo/mentor.yaml", target_group="Ouders van leerlingen")
    klas = intervention("gemeente-elders/huiswerkklas.yaml")
    assert mismatch(Audience.of(mentor), Audience.of(klas)) == "doelgroep"
    ivs = {"mentor": mentor, "huiswerkklas": klas}
    assert Matcher(ivs, lambda iv: iv.owner, str).most_similar("mentor", 5) == []


def test_matcher_offers_only_other_owners_above_the_threshold_best_first() -> None:
    ivs = {
        "mentor": intervention("gemeente-demo/mentor.yaml"),
        "mentor-twee": intervention("gemeente-demo/mentor.yaml"),
        "huiswerkklas": intervention("gemeente-elders/huiswerkklas.yaml"),
    }
    matcher = Matcher(ivs, lambda iv: iv.owner, lambda ident: ident)
    assert [other for other, _ in matcher.most_similar("mentor", 5)] == ["huiswerkklas"]
    assert [o for o, _ in matcher.most_similar("huiswerkklas", 5)] == ["mentor", "mentor-twee"]
    assert [o for o, _ in matcher.most_similar("huiswerkklas", 1)] == ["mentor"]
    strict = Matcher(ivs, lambda iv: iv.owner, lambda ident: ident, threshold=76)
    assert strict.most_similar("mentor", 5) == []  # 75 % is below 76 %


@pytest.fixture(scope="module")
def bundled() -> Matcher:
    kb = load_knowledge_base(REPO / "content", False).kb
    return Matcher(kb.interventions, lambda iv: iv.owner, lambda ident: ident)


def shown(matcher: Matcher, ident: str) -> list[str]:
    return [other for other, _ in matcher.most_similar(ident, 5)]


def test_youth_work_in_secondary_school_is_not_like_care_around_pregnancy(bundled) -> None:
    # The trial that filed issue 15 found this pair with 12 points, also for the vo-team.
    for ident in ("jongerenwerk-vo", "vo-team-gezinswerker"):
        assert "enschede-intensieve-zorg-rond-zwangerschap" not in shown(bundled, ident)
    assert "jongerenwerk-vo" not in shown(bundled, "enschede-intensieve-zorg-rond-zwangerschap")


def test_maths_tutoring_is_not_a_match_for_jinc(bundled) -> None:
    assert "high-dosage-tutoring-haarlem" not in shown(bundled, "jinc")
    assert "jinc" not in shown(bundled, "high-dosage-tutoring-haarlem")
    # JINC's closest match is Petje af: both bring children of 10 to 14 into working life.
    assert shown(bundled, "jinc")[0] == "sittard-geleen-petje-af"


def test_no_shown_match_pairs_people_of_different_ages_phases_or_kinds(bundled) -> None:
    pairs = 0
    for ident in bundled.features:
        for other, common in bundled.most_similar(ident, 5):
            mine, theirs = bundled.features[ident].audience, bundled.features[other].audience
            assert mismatch(mine, theirs) is None, (ident, other)
            if mine.ages and theirs.ages:
                low, high = max(mine.ages[0], theirs.ages[0]), min(mine.ages[1], theirs.ages[1])
                assert high - low >= 1, (ident, other)
            assert not (mine.phases and theirs.phases) or mine.phases & theirs.phases
            assert not (mine.kinds and theirs.kinds) or mine.kinds & theirs.kinds
            assert common.score >= THRESHOLD and common.mechanisms
            pairs += 1
    assert pairs > 20  # the check ran over real matches


def test_score_is_symmetric_over_the_bundled_content(bundled) -> None:
    ids = sorted(bundled.features)
    for a in ids[:20]:
        for b in ids[:20]:
            assert score(bundled.features[a], bundled.features[b]) == score(
                bundled.features[b], bundled.features[a]
            )


def test_a_matcher_after_an_edit_is_the_matcher_of_the_edited_interventions() -> None:
    before = load_knowledge_base(REPO / "content", False).kb.interventions
    first, second, third, *_ = sorted(before)
    mechanisms = before[third].mechanisms
    after = dict(before)
    after[first] = before[first].model_copy(update={"mechanisms": mechanisms})  # changed
    del after[second]  # removed
    after["nieuw"] = before[third].model_copy(update={"id": "nieuw", "owner": "ander"})  # added
    old = Matcher(before, lambda iv: iv.owner, lambda ident: ident)
    kept = {ident: old.most_similar(ident, 5) for ident in before}
    new = old.after_edit(after, {first, second, "nieuw"}, lambda iv: iv.owner, lambda i: i)
    full = Matcher(after, lambda iv: iv.owner, lambda ident: ident)
    assert (new.features, new.groups, new.by_mechanism) == (
        full.features,
        full.groups,
        full.by_mechanism,
    )
    assert {i: new.most_similar(i, 5) for i in after} == {i: full.most_similar(i, 5) for i in after}
    assert {i: old.most_similar(i, 5) for i in before} == kept  # the old one is untouched
    assert any(shown(new, "nieuw")) and any(shown(old, third))
