"""Views of the comparison pages: matches in words, the mechanism matrix, gaps, side by side.

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
from cimo.similarity import Matcher, Shared
from generator import text
from generator.site import Link
from generator.views.common import age_text, link, links, owner_group
from generator.views.intervention import RelatedView

MAX_RELATED = 5


def reasons(kb: KnowledgeBase, common: Shared) -> list[str]:
    """What two interventions share, in words."""
    found = []
    if common.mechanisms:
        found.append(
            "zelfde mechanisme: " + ", ".join(kb.mechanisms[m].name for m in common.mechanisms)
        )
    if common.outcomes:
        found.append("zelfde uitkomst: " + ", ".join(kb.outcomes[o].name for o in common.outcomes))
    if common.themes:
        found.append("zelfde thema: " + ", ".join(kb.themes[t].name for t in common.themes))
    if common.ages:
        found.append(f"zelfde leeftijd ({common.ages[0]} tot {common.ages[1]} jaar)")
    if common.levels:
        found.append("zelfde onderwijs: " + ", ".join(common.levels))
    return found


class Related:
    """'Lijkt op' lists, computed once per intervention."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.matcher = Matcher(
            kb.interventions,
            lambda iv: owner_group(kb, iv),
            lambda ident: kb.interventions[ident].title.lower(),
        )
        self._cache: dict[str, list[RelatedView]] = {}

    def related(self, ident: str) -> list[RelatedView]:
        if ident not in self._cache:
            kb = self.kb
            self._cache[ident] = [
                RelatedView(
                    link(kb, "intervention", other),
                    self.matcher.groups[other],
                    common.score,
                    reasons(kb, common),
                )
                for other, common in self.matcher.most_similar(ident, MAX_RELATED)
            ]
        return self._cache[ident]


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


def side_by_side_options(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(id, label) of every intervention for the side-by-side pickers, by label."""
    return sorted(
        ((ident, f"{iv.title} ({owner_group(kb, iv)})") for ident, iv in kb.interventions.items()),
        key=lambda o: o[1].lower(),
    )


def home_pairs(
    kb: KnowledgeBase, home: str, related: Related
) -> list[tuple[Link, list[RelatedView]]]:
    """The home municipality's interventions, each with its matches."""
    return [
        (link(kb, "intervention", iv.id), related.related(iv.id))
        for iv in sorted(kb.interventions.values(), key=lambda i: i.title.lower())
        if owner_group(kb, iv) == home
    ]
