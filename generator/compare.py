"""Comparison: explainable similarity between interventions, and the comparison pages.

Similarity is a sum of named reasons (shared mechanisms, outcomes, themes, age, school level),
so every match on the site says why it is a match.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from cimo import budget
from cimo.graph import KnowledgeBase
from cimo.model import Intervention
from generator import text
from generator.pages import PageRenderer
from generator.views import RelatedView, age_text, link, links, owner_group

WEIGHTS = {"mechanism": 3, "outcome": 2, "theme": 1, "age": 1, "level": 1}
MAX_RELATED = 5


@dataclass(frozen=True)
class Similarity:
    score: int
    reasons: list[str]


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


def _ages_overlap(a: Features, b: Features) -> bool:
    return bool(a.ages and b.ages and a.ages[0] <= b.ages[1] and b.ages[0] <= a.ages[1])


def score(a: Features, b: Features) -> int:
    """The similarity score alone: cheap, for ranking many candidates."""
    return (
        WEIGHTS["mechanism"] * len(a.mechanisms & b.mechanisms)
        + WEIGHTS["outcome"] * len(a.outcomes & b.outcomes)
        + WEIGHTS["theme"] * len(a.themes & b.themes)
        + WEIGHTS["age"] * _ages_overlap(a, b)
        + WEIGHTS["level"] * bool(a.levels & b.levels)
    )


def similarity(kb: KnowledgeBase, a: Features, b: Features) -> Similarity:
    """The score with its reasons in words, for the matches that are shown."""
    reasons = []
    shared_m = sorted(a.mechanisms & b.mechanisms)
    if shared_m:
        reasons.append("zelfde mechanisme: " + ", ".join(kb.mechanisms[m].name for m in shared_m))
    shared_o = sorted(a.outcomes & b.outcomes)
    if shared_o:
        reasons.append("zelfde uitkomst: " + ", ".join(kb.outcomes[o].name for o in shared_o))
    shared_t = sorted(a.themes & b.themes)
    if shared_t:
        reasons.append("zelfde thema: " + ", ".join(kb.themes[t].name for t in shared_t))
    if a.ages and b.ages and _ages_overlap(a, b):
        reasons.append(
            f"zelfde leeftijd ({max(a.ages[0], b.ages[0])} tot {min(a.ages[1], b.ages[1])} jaar)"
        )
    shared_l = sorted(a.levels & b.levels)
    if shared_l:
        reasons.append("zelfde onderwijs: " + ", ".join(shared_l))
    return Similarity(score(a, b), reasons)


class Matcher:
    """Finds, for each intervention, the most similar ones of other municipalities/networks.

    Only interventions sharing a mechanism can reach the threshold, so candidates come from an
    index by mechanism instead of comparing every pair.
    """

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.features = {i: Features.of(iv) for i, iv in kb.interventions.items()}
        self.groups = {i: owner_group(kb, iv) for i, iv in kb.interventions.items()}
        self.by_mechanism: dict[str, list[str]] = {}
        for ident, features in sorted(self.features.items()):
            for mechanism in features.mechanisms:
                self.by_mechanism.setdefault(mechanism, []).append(ident)
        self._cache: dict[str, list[RelatedView]] = {}

    def related(self, ident: str) -> list[RelatedView]:
        if ident not in self._cache:
            self._cache[ident] = self._related(ident)
        return self._cache[ident]

    def _related(self, ident: str) -> list[RelatedView]:
        kb, mine = self.kb, self.features[ident]
        candidates = {
            c
            for m in mine.mechanisms
            for c in self.by_mechanism[m]
            if self.groups[c] != self.groups[ident]
        }
        ranked = sorted(
            candidates,
            key=lambda other: (
                -score(mine, self.features[other]),
                kb.interventions[other].title.lower(),
                other,
            ),
        )
        views = []
        for other in ranked[:MAX_RELATED]:  # reasons in words only for what is shown
            sim = similarity(kb, mine, self.features[other])
            views.append(
                RelatedView(
                    link(kb, "intervention", other), self.groups[other], sim.score, sim.reasons
                )
            )
        return views


def groups_in_order(kb: KnowledgeBase) -> list[str]:
    """Municipalities/networks, the one with the most interventions first."""
    counts: dict[str, int] = {}
    for iv in kb.interventions.values():
        counts[owner_group(kb, iv)] = counts.get(owner_group(kb, iv), 0) + 1
    return sorted(counts, key=lambda g: (-counts[g], g))


@dataclass(frozen=True)
class MatrixRow:
    mechanism: Any
    counts: list[int]
    per_group: list[list[Any]]


def mechanism_matrix(kb: KnowledgeBase, groups: list[str]) -> list[MatrixRow]:
    rows = []
    for ident in sorted(kb.mechanisms, key=lambda i: kb.mechanisms[i].name.lower()):
        users = kb.interventions_using(ident)
        per_group = [
            [
                link(kb, "intervention", u)
                for u in users
                if owner_group(kb, kb.interventions[u]) == g
            ]
            for g in groups
        ]
        if users:
            rows.append(
                MatrixRow(link(kb, "mechanism", ident), [len(p) for p in per_group], per_group)
            )
    return rows


@dataclass(frozen=True)
class AreaNeed:
    area: Any
    focus: bool
    factors: int
    interventions: int
    money: str
    little_money: bool


def gaps(kb: KnowledgeBase, home: str) -> dict[str, Any]:
    """Mechanisms others use that `home` doesn't; home outcomes without evidence; area needs."""
    home_ivs = [iv for iv in kb.interventions.values() if owner_group(kb, iv) == home]
    home_mechanisms = {m.mechanism for iv in home_ivs for m in iv.mechanisms}
    missing = []
    for ident in sorted(kb.mechanisms, key=lambda i: kb.mechanisms[i].name.lower()):
        if ident in home_mechanisms:
            continue
        users = [u for u in kb.interventions_using(ident)]
        if users:
            missing.append((link(kb, "mechanism", ident), links(kb, "intervention", users)))
    supported = {o for iv in kb.interventions.values() for ev in iv.evidence for o in ev.supports}
    home_outcomes = sorted(
        {o.outcome for iv in home_ivs for o in iv.outcomes} - supported,
        key=lambda i: kb.outcomes[i].name.lower(),
    )
    unsupported = [
        (
            link(kb, "outcome", o),
            links(
                kb,
                "intervention",
                sorted(iv.id for iv in home_ivs if any(x.outcome == o for x in iv.outcomes)),
            ),
        )
        for o in home_outcomes
    ]
    return {"missing": missing, "unsupported": unsupported, "areas": area_needs(kb, home_ivs)}


def area_needs(kb: KnowledgeBase, home_ivs: list[Intervention]) -> list[AreaNeed]:
    focus = {a for p in kb.programmes.values() for a in p.focus_areas}
    rows = []
    home_ids = {iv.id for iv in home_ivs}
    for ident, area in kb.areas.items():
        if area.kind == "gemeente":
            continue
        here = [kb.interventions[i] for i in kb.interventions_in_area(ident) if i in home_ids]
        if not here and ident not in focus:
            continue
        factors = sum(len(iv.context.factors) for iv in here)
        money_by_year = budget.add_up(budget.intervention_amounts(iv) for iv in here)
        average = sum(money_by_year.values()) // len(money_by_year) if money_by_year else 0
        rows.append((ident, ident in focus, factors, len(here), average))
    if not rows:
        return []
    averages = sorted(r[4] for r in rows)
    median = averages[len(averages) // 2]
    needs = []
    for ident, is_focus, factors, count, average in sorted(
        rows, key=lambda r: (-(r[1] * 100 + r[2]), r[4], r[0])
    ):
        needs.append(
            AreaNeed(
                link(kb, "area", ident),
                is_focus,
                factors,
                count,
                text.euro(average),
                average < median or average == 0,
            )
        )
    return needs


def compare_data(kb: KnowledgeBase) -> Markup:
    """The side-by-side view's data as JSON, safe inside <script type="application/json">."""
    data = {}
    for ident, iv in sorted(kb.interventions.items()):
        data[ident] = {
            "title": text.plain(iv.title),
            "group": owner_group(kb, iv),
            "url": f"../interventies/{ident}.html",
            "c": text.plain(iv.context.problem),
            "who": text.plain(iv.context.target_group),
            "age": age_text(iv),
            "i": text.plain(iv.intervention.summary),
            "m": [kb.mechanisms[m.mechanism].name for m in iv.mechanisms],
            "o": [kb.outcomes[o.outcome].name for o in iv.outcomes],
        }
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class ComparingRenderer(PageRenderer):
    """The page renderer plus 'looks like' lists and the comparison pages."""

    def extend_intervention(self, view: Any) -> None:
        view.related = self.matcher.related(view.id)

    def render(self) -> dict[str, str]:
        self.matcher = Matcher(self.kb)
        pages = super().render()
        kb = self.kb
        groups = groups_in_order(kb)
        home = "Gemeente Nijmegen" if "Gemeente Nijmegen" in groups else (groups or [""])[0]
        pairs = []
        for iv in sorted(kb.interventions.values(), key=lambda i: i.title.lower()):
            if owner_group(kb, iv) == home:
                pairs.append((link(kb, "intervention", iv.id), self.matcher.related(iv.id)))
        self._render(
            "vergelijken/index.md",
            "compare_index.md.j2",
            "Vergelijken",
            home=home,
            groups=groups,
            pairs=pairs,
        )
        self._render(
            "vergelijken/matrix.md",
            "compare_matrix.md.j2",
            "Mechanismen per gemeente",
            groups=groups,
            rows=mechanism_matrix(kb, groups),
        )
        self._render(
            "vergelijken/hiaten.md",
            "compare_gaps.md.j2",
            "Wat ontbreekt",
            home=home,
            **gaps(kb, home),
        )
        options = sorted(
            (
                (ident, f"{iv.title} ({owner_group(kb, iv)})")
                for ident, iv in kb.interventions.items()
            ),
            key=lambda o: o[1].lower(),
        )
        self._render(
            "vergelijken/naast-elkaar.md",
            "compare_side_by_side.md.j2",
            "Twee interventies naast elkaar",
            options=options,
            data=compare_data(kb),
        )
        return pages
