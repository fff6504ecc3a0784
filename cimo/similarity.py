"""How alike two interventions are: a score that is a sum of named, shared features.

Knowledge about the knowledge base, not about pages: the generator words the reasons.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass

from cimo.model import Intervention

WEIGHTS = {"mechanism": 3, "outcome": 2, "theme": 1, "age": 1, "level": 1}


@dataclass(frozen=True)
class Features:
    """What similarity compares, computed once per intervention."""

    mechanisms: frozenset[str]
    outcomes: frozenset[str]
    themes: frozenset[str]
    levels: frozenset[str]
    ages: tuple[int, int] | None

    @classmethod
    def of(cls, iv: Intervention) -> Features:
        ages = iv.context.age_range
        return cls(
            frozenset(m.mechanism for m in iv.mechanisms),
            frozenset(o.outcome for o in iv.outcomes),
            frozenset(iv.themes),
            frozenset(s.value for s in iv.context.school_levels),
            (ages.min, ages.max) if ages else None,
        )


@dataclass(frozen=True)
class Shared:
    """What two interventions have in common, and the score it adds up to."""

    mechanisms: list[str]
    outcomes: list[str]
    themes: list[str]
    levels: list[str]
    ages: tuple[int, int] | None  # the overlapping age range

    @property
    def score(self) -> int:
        return (
            WEIGHTS["mechanism"] * len(self.mechanisms)
            + WEIGHTS["outcome"] * len(self.outcomes)
            + WEIGHTS["theme"] * len(self.themes)
            + WEIGHTS["age"] * (self.ages is not None)
            + WEIGHTS["level"] * bool(self.levels)
        )


def _age_overlap(a: Features, b: Features) -> tuple[int, int] | None:
    if a.ages and b.ages and a.ages[0] <= b.ages[1] and b.ages[0] <= a.ages[1]:
        return max(a.ages[0], b.ages[0]), min(a.ages[1], b.ages[1])
    return None


def score(a: Features, b: Features) -> int:
    """The similarity score alone: cheap, for ranking many candidates."""
    return (
        WEIGHTS["mechanism"] * len(a.mechanisms & b.mechanisms)
        + WEIGHTS["outcome"] * len(a.outcomes & b.outcomes)
        + WEIGHTS["theme"] * len(a.themes & b.themes)
        + WEIGHTS["age"] * (_age_overlap(a, b) is not None)
        + WEIGHTS["level"] * bool(a.levels & b.levels)
    )


def shared(a: Features, b: Features) -> Shared:
    """Everything two interventions share, for the matches that are shown."""
    return Shared(
        sorted(a.mechanisms & b.mechanisms),
        sorted(a.outcomes & b.outcomes),
        sorted(a.themes & b.themes),
        sorted(a.levels & b.levels),
        _age_overlap(a, b),
    )


class Matcher:
    """Finds, for each intervention, the most similar ones of other owners.

    Only interventions sharing a mechanism can reach the threshold, so candidates come from an
    index by mechanism instead of comparing every pair.
    """

    def __init__(
        self,
        interventions: dict[str, Intervention],
        group_of: Callable[[Intervention], str],
        sort_key: Callable[[str], str],
    ):
        self.features = {i: Features.of(iv) for i, iv in interventions.items()}
        self.groups = {i: group_of(iv) for i, iv in interventions.items()}
        self.sort_key = sort_key
        self.by_mechanism: dict[str, list[str]] = {}
        for ident, features in sorted(self.features.items()):
            for mechanism in features.mechanisms:
                self.by_mechanism.setdefault(mechanism, []).append(ident)

    def most_similar(self, ident: str, limit: int) -> list[tuple[str, Shared]]:
        """The `limit` most similar interventions of other groups, best first."""
        mine = self.features[ident]
        candidates = {
            c
            for m in mine.mechanisms
            for c in self.by_mechanism[m]
            if self.groups[c] != self.groups[ident]
        }
        best = heapq.nsmallest(
            limit,
            candidates,
            key=lambda other: (-score(mine, self.features[other]), self.sort_key(other), other),
        )
        return [(other, shared(mine, self.features[other])) for other in best]
