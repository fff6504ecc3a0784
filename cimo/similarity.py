"""How alike two interventions are: first who they are for, then how much of the work they share.

Two steps, in this order:

1. **Who it is for** decides whether two interventions *can* be alike at all. They must not
   differ in age (ranges that overlap by less than a year), school phase (no phase in common) or
   kind of target (children, parents, professionals: none in common). Unknown facts never exclude.
2. **How much they share**: the share of their mechanisms, outcomes and themes that they have in
   common, as a whole percentage (shared items / all distinct items of the two). It means the
   same on every page. A match below THRESHOLD percent, or without a shared mechanism, is not shown.

Knowledge about the knowledge base, not about pages: the generator words the reasons.
"""

from __future__ import annotations

import bisect
import copy
import heapq
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from cimo.model import Intervention

#: The lowest overlap (percent) that is shown as a match.
THRESHOLD = 30

#: School phases, each with the ages it is for (used when an intervention gives no ages).
PHASES: dict[str, tuple[int, int]] = {
    "zwangerschap en baby's": (0, 2),
    "peuters en kleuters": (2, 6),
    "basisschool": (4, 12),
    "middelbare school": (12, 18),
    "na de middelbare school": (16, 30),
}
LEVEL_PHASE = {
    "vve": "peuters en kleuters",
    "po": "basisschool",
    "so": "basisschool",
    "vo": "middelbare school",
    "vso": "middelbare school",
    "pro": "middelbare school",
    "vmbo": "middelbare school",
    "havo": "middelbare school",
    "vwo": "middelbare school",
    "mbo": "na de middelbare school",
    "hbo": "na de middelbare school",
    "wo": "na de middelbare school",
}

#: Words in a target group that say which kind of people an intervention works with.
_KIND_WORDS = {
    "kinderen": (
        "kind kinderen leerling leerlingen jongere jongeren jongvolwassene jongvolwassenen peuter "
        "peuters kleuter kleuters student studenten scholier scholieren klassen baby baby's tieners"
    ),
    "ouders": "ouder ouders verzorgers gezin gezinnen zwangere zwangeren moeders vaders",
    "volwassenen": "volwassene volwassenen",
    "professionals": (
        "professional professionals onderwijsprofessionals leraar leraren leerkracht leerkrachten "
        "docenten schoolleiding medewerkers scholen kinderopvanglocaties ikc's"
    ),
}
TARGET_WORDS = {word: kind for kind, words in _KIND_WORDS.items() for word in words.split(" ")}
#: Words that put a target group before school age, when it gives no ages or phases.
YOUNG_WORDS = frozenset(
    ("zwanger", "zwangere", "zwangeren", "zwangerschap", "baby", "baby's", "maanden")
)
_WORD = re.compile(r"[\w']+")
_SENTENCE_END = re.compile(r"[.:]\s+(?=[A-Z])")


def target_kinds(target_group: str) -> frozenset[str]:
    """Kinds of people the first sentence of a target group names as the ones it works with.

    The first kind-word is a target; a later one only when 'en', 'én' or 'of' comes just before
    it ('kinderen en hun ouders', 'zwangeren en jonge gezinnen'). So 'ouders van jonge kinderen'
    are parents, and 'extra steun voor jonge kinderen' adds nothing.
    """
    first = _SENTENCE_END.split(target_group.strip(), maxsplit=1)[0].lower()
    words = _WORD.findall(first)
    kinds: list[str] = []
    for at, word in enumerate(words):
        before = words[max(0, at - 2) : at]
        if word in TARGET_WORDS and (
            not kinds or ({"en", "én", "of"} & set(before) and "van" not in before)
        ):
            kinds.append(TARGET_WORDS[word])
    return frozenset(kinds)


@dataclass(frozen=True)
class Audience:
    """Who an intervention is for: ages, school phases, kinds of target (each may be unknown)."""

    ages: tuple[int, int] | None
    phases: frozenset[str]
    kinds: frozenset[str]
    ages_given: bool  # False when the ages come from the school phases

    @classmethod
    def of(cls, iv: Intervention) -> Audience:
        given = iv.context.age_range
        ages = (given.min, given.max) if given else None
        phases = frozenset(LEVEL_PHASE[s.value] for s in iv.context.school_levels)
        if ages and not phases:
            phases = frozenset(p for p, band in PHASES.items() if _overlap(ages, band))
        words = set(_WORD.findall(iv.context.target_group.lower()))
        if not ages and not phases and words & YOUNG_WORDS:
            phases = frozenset({"zwangerschap en baby's"})
        if phases and not ages:
            bands = [PHASES[p] for p in phases]
            ages = (min(b[0] for b in bands), max(b[1] for b in bands))
        return cls(ages, phases, target_kinds(iv.context.target_group), given is not None)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int] | None:
    """The ages two ranges share, when they share at least a year (touching ends do not)."""
    low, high = max(a[0], b[0]), min(a[1], b[1])
    return (low, high) if high - low >= 1 else None


def mismatch(a: Audience, b: Audience) -> str | None:
    """Why two interventions cannot be alike ('leeftijd', 'schoolfase', 'doelgroep'), or None."""
    if a.ages and b.ages and not _overlap(a.ages, b.ages):
        return "leeftijd"
    if a.phases and b.phases and not a.phases & b.phases:
        return "schoolfase"
    if a.kinds and b.kinds and not a.kinds & b.kinds:
        return "doelgroep"
    return None


@dataclass(frozen=True)
class Features:
    """What similarity compares, computed once per intervention."""

    mechanisms: frozenset[str]
    outcomes: frozenset[str]
    themes: frozenset[str]
    audience: Audience
    size: int = field(init=False)  # how many items the overlap is counted over

    def __post_init__(self) -> None:  # counted once: the matcher reads it per candidate pair
        object.__setattr__(
            self, "size", len(self.mechanisms) + len(self.outcomes) + len(self.themes)
        )

    @classmethod
    def of(cls, iv: Intervention) -> Features:
        return cls(
            frozenset(m.mechanism for m in iv.mechanisms),
            frozenset(o.outcome for o in iv.outcomes),
            frozenset(iv.themes),
            Audience.of(iv),
        )


@dataclass(frozen=True)
class Shared:
    """What two interventions have in common, and the overlap it adds up to."""

    mechanisms: list[str]
    outcomes: list[str]
    themes: list[str]
    phases: list[str]
    kinds: list[str]
    ages: tuple[int, int] | None  # the ages both give and share; None when either gives none
    only_mine: list[str]  # mechanisms only the first one uses
    only_theirs: list[str]  # mechanisms only the other one uses
    score: int  # percent


def percent(shared_items: int, mine: int, theirs: int) -> int:
    """Shared items as a whole percentage of all distinct items of the two."""
    union = mine + theirs - shared_items
    return (100 * shared_items + union // 2) // union if union else 0


def score(a: Features, b: Features) -> int:
    """The overlap alone (0 to 100), 0 when the audiences exclude a match."""
    if mismatch(a.audience, b.audience):
        return 0
    common = (
        len(a.mechanisms & b.mechanisms) + len(a.outcomes & b.outcomes) + len(a.themes & b.themes)
    )
    return percent(common, a.size, b.size)


def shared(a: Features, b: Features) -> Shared:
    """Everything two interventions share, for the matches that are shown."""
    both_ages = a.audience.ages_given and b.audience.ages_given
    ages = a.audience.ages and b.audience.ages and _overlap(a.audience.ages, b.audience.ages)
    return Shared(
        sorted(a.mechanisms & b.mechanisms),
        sorted(a.outcomes & b.outcomes),
        sorted(a.themes & b.themes),
        sorted(a.audience.phases & b.audience.phases, key=list(PHASES).index),
        sorted(a.audience.kinds & b.audience.kinds),
        ages if both_ages and ages else None,
        sorted(a.mechanisms - b.mechanisms),
        sorted(b.mechanisms - a.mechanisms),
        score(a, b),
    )


class Matcher:
    """Finds, for each intervention, the most similar ones of other owners.

    Only interventions sharing a mechanism can be a match, so candidates come from an index by
    mechanism (which also counts the shared mechanisms) instead of comparing every pair.
    """

    def __init__(
        self,
        interventions: dict[str, Intervention],
        group_of: Callable[[Intervention], str],
        sort_key: Callable[[str], str],
        threshold: int = THRESHOLD,
    ):
        self.features = {i: Features.of(iv) for i, iv in interventions.items()}
        self.groups = {i: group_of(iv) for i, iv in interventions.items()}
        self.sort_key = sort_key
        self.threshold = threshold
        self.by_mechanism: dict[str, list[str]] = {}
        for ident, features in sorted(self.features.items()):
            for mechanism in features.mechanisms:
                self.by_mechanism.setdefault(mechanism, []).append(ident)

    def after_edit(
        self,
        interventions: dict[str, Intervention],
        edited: set[str],
        group_of: Callable[[Intervention], str],
        sort_key: Callable[[str], str],
    ) -> Matcher:
        """The matcher of `interventions`, which differ from this one's only in `edited` (ids
        added, changed or removed; the owners' groups unchanged): only those are looked at
        again. This matcher stays as it was."""
        new = copy.copy(self)
        new.features, new.groups = dict(self.features), dict(self.groups)
        new.by_mechanism, new.sort_key = dict(self.by_mechanism), sort_key
        for ident in edited:
            gone = new.features.pop(ident, None)
            new.groups.pop(ident, None)
            for mechanism in gone.mechanisms if gone else ():
                users = [other for other in new.by_mechanism[mechanism] if other != ident]
                new.by_mechanism[mechanism] = users
                if not users:
                    del new.by_mechanism[mechanism]
        for ident in sorted(edited & interventions.keys()):
            features = new.features[ident] = Features.of(interventions[ident])
            new.groups[ident] = group_of(interventions[ident])
            for mechanism in features.mechanisms:
                users = list(new.by_mechanism.get(mechanism, []))
                bisect.insort(users, ident)
                new.by_mechanism[mechanism] = users
        return new

    def _scores(self, ident: str) -> dict[str, int]:
        mine, group, features = self.features[ident], self.groups[ident], self.features
        counts = Counter(c for m in mine.mechanisms for c in self.by_mechanism[m])
        outcomes, themes, size = len(mine.outcomes), len(mine.themes), mine.size
        scores = {}
        for other, in_common in counts.items():
            if self.groups[other] == group:
                continue
            theirs = features[other]
            # An upper bound first: most candidates stop here without a set intersection.
            most = in_common + min(outcomes, len(theirs.outcomes)) + min(themes, len(theirs.themes))
            if percent(most, size, theirs.size) < self.threshold:
                continue
            if mismatch(mine.audience, theirs.audience):
                continue
            common = (
                in_common + len(mine.outcomes & theirs.outcomes) + len(mine.themes & theirs.themes)
            )
            value = percent(common, mine.size, theirs.size)
            if value >= self.threshold:
                scores[other] = value
        return scores

    def most_similar(self, ident: str, limit: int) -> list[tuple[str, Shared]]:
        """Up to `limit` interventions of other groups at or above the threshold, best first."""
        scores = self._scores(ident)
        best = heapq.nsmallest(
            limit, scores, key=lambda other: (-scores[other], self.sort_key(other), other)
        )
        mine = self.features[ident]
        return [(other, shared(mine, self.features[other])) for other in best]
