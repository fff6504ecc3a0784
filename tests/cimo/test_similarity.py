"""Similarity: shared mechanisms weigh most; only other owners' interventions are matched."""

from __future__ import annotations

from cimo.load import parse_yaml_bytes
from cimo.model import Intervention
from cimo.similarity import WEIGHTS, Features, Matcher, score, shared
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "sample" / "content" / "interventions"


def intervention(rel: str, **changes: object) -> Intervention:
    data, _ = parse_yaml_bytes((SAMPLE / rel).read_bytes())
    data.update(changes)
    return Intervention.model_validate(data)


def test_score_is_the_weighted_sum_of_what_is_shared() -> None:
    mentor = Features.of(intervention("gemeente-demo/mentor.yaml"))
    klas = Features.of(intervention("gemeente-elders/huiswerkklas.yaml"))
    common = shared(mentor, klas)
    # Both rely on 'rolmodellen', aim at 'zelfvertrouwen' and carry the theme 'rolmodellen';
    # the mentor project gives no age range and no school level.
    assert (common.mechanisms, common.outcomes, common.themes) == (
        ["rolmodellen"],
        ["zelfvertrouwen"],
        ["rolmodellen"],
    )
    assert common.ages is None and common.levels == []
    assert common.score == score(mentor, klas) == score(klas, mentor)
    assert common.score == WEIGHTS["mechanism"] + WEIGHTS["outcome"] + WEIGHTS["theme"]


def test_a_shared_mechanism_weighs_most() -> None:
    base = intervention("gemeente-elders/huiswerkklas.yaml")
    context = base.context.model_copy(update={"age_range": None, "school_levels": []})
    plain = base.model_copy(
        update={"themes": [], "outcomes": [], "mechanisms": [], "context": context}
    )

    def sharing(**fields: object) -> int:
        return score(Features.of(base), Features.of(plain.model_copy(update=fields)))

    assert sharing() == 0
    mechanism = sharing(mechanisms=base.mechanisms)
    outcome = sharing(outcomes=base.outcomes)
    theme = sharing(themes=base.themes)
    assert mechanism > outcome > 0 and mechanism > theme > 0


def test_overlapping_ages_are_the_overlap_not_either_range() -> None:
    a = Features.of(
        intervention(
            "gemeente-demo/mentor.yaml",
            context={
                **intervention("gemeente-demo/mentor.yaml").context.model_dump(exclude_none=True),
                "age_range": {"min": 10, "max": 13},
            },
        )
    )
    b = Features.of(intervention("gemeente-elders/huiswerkklas.yaml"))  # 12 to 16
    assert shared(a, b).ages == (12, 13)


def test_matcher_offers_only_other_owners_best_first() -> None:
    ivs = {
        "mentor": intervention("gemeente-demo/mentor.yaml"),
        "mentor-twee": intervention("gemeente-demo/mentor.yaml", id="mentor-twee"),
        "huiswerkklas": intervention("gemeente-elders/huiswerkklas.yaml"),
    }
    matcher = Matcher(ivs, lambda iv: iv.owner, lambda ident: ident)
    assert [other for other, _ in matcher.most_similar("mentor", 5)] == ["huiswerkklas"]
    assert [o for o, _ in matcher.most_similar("huiswerkklas", 5)] == ["mentor", "mentor-twee"]
    assert [o for o, _ in matcher.most_similar("huiswerkklas", 1)] == ["mentor"]
