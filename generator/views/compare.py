"""Views of the comparison pages: matches as compact rows, the mechanism matrix, gaps, side by side.

cimo.similarity decides which matches are plausible and how much they overlap; this module words
them: the shared mechanisms and outcomes as links, the target group both have, one difference.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from cimo import budget
from cimo.graph import KnowledgeBase
from cimo.model import Intervention
from cimo.similarity import PHASES, THRESHOLD, Features, Matcher, Shared
from generator import text
from generator.site import SIDE_BY_SIDE, Link
from generator.views.common import age_text, link, links, owner_group, runs_in

MAX_RELATED = 5

#: How the kinds of target (cimo.similarity.TARGET_WORDS) are named on the site.
KIND_LABELS = {
    "kinderen": "kinderen en jongeren",
    "ouders": "ouders",
    "professionals": "professionals",
    "volwassenen": "volwassenen",
}


@dataclass(frozen=True)
class Match:
    """One plausible match, as one compact row: what both share, and the main difference."""

    intervention: Link
    group: str
    score: int  # percent, the same measure on every page
    mechanisms: list[Link]
    outcomes: list[Link]
    audience: str  # the target group both have, e.g. "kinderen en ouders, basisschool"
    difference: str  # one short sentence
    pair: str  # docs path of the side-by-side view of the two, with the query string


def audience_text(common: Shared) -> str:
    """What both are for, in words: kinds of target, school phase, ages."""
    parts = []
    if common.kinds:
        parts.append(" en ".join(KIND_LABELS[k] for k in common.kinds))
    if common.phases:
        parts.append(" en ".join(common.phases))
    if common.ages:
        parts.append(f"{common.ages[0]} tot {common.ages[1]} jaar")
    return ", ".join(parts)


def difference_text(kb: KnowledgeBase, common: Shared, mine: Features, theirs: Features) -> str:
    """The main difference in one short sentence: other people, else other mechanisms."""
    only_theirs = sorted(theirs.audience.kinds - mine.audience.kinds)
    if only_theirs and mine.audience.kinds:
        return "Werkt ook met " + " en ".join(KIND_LABELS[k] for k in only_theirs) + "."
    names = [kb.mechanisms[m].name for m in common.only_theirs]
    if names:
        more = f" en nog {len(names) - 2}" if len(names) > 2 else ""
        return "Werkt ook via " + _and(names[:2]) + more + "."
    names = [kb.mechanisms[m].name for m in common.only_mine]
    if names:
        return "Werkt niet via " + _and(names[:2]) + "."
    return "Werkt via dezelfde mechanismen."


def _and(names: list[str]) -> str:
    return " en ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " en " + names[-1]


class Related:
    """'Lijkt op' lists, computed once per intervention."""

    def __init__(self, kb: KnowledgeBase, matcher: Matcher | None = None):
        self.kb = kb
        self.matcher = matcher or Matcher(
            kb.interventions, lambda iv: owner_group(kb, iv), _title_key(kb)
        )
        self._cache: dict[str, list[Match]] = {}

    def after_edit(self, kb: KnowledgeBase, edited: set[str]) -> Related:
        """The lists of `kb`, in which only the interventions `edited` differ from this one's
        (added, changed or removed); the similarity index is carried over, not made again."""
        matcher = self.matcher.after_edit(
            kb.interventions, edited, lambda iv: owner_group(kb, iv), _title_key(kb)
        )
        return Related(kb, matcher)

    def related(self, ident: str) -> list[Match]:
        if ident not in self._cache:
            self._cache[ident] = [
                self._match(ident, other, common)
                for other, common in self.matcher.most_similar(ident, MAX_RELATED)
            ]
        return self._cache[ident]

    def _match(self, ident: str, other: str, common: Shared) -> Match:
        kb, features = self.kb, self.matcher.features
        return Match(
            link(kb, "intervention", other),
            self.matcher.groups[other],
            common.score,
            links(kb, "mechanism", common.mechanisms),
            links(kb, "outcome", common.outcomes),
            audience_text(common),
            difference_text(kb, common, features[ident], features[other]),
            f"{SIDE_BY_SIDE}?a={ident}&b={other}",
        )


def _title_key(kb: KnowledgeBase) -> Callable[[str], str]:
    return lambda ident: kb.interventions[ident].title.lower()


def explanation() -> dict[str, Any]:
    """The numbers the page on matching explains, from cimo.similarity itself."""
    return {
        "threshold": THRESHOLD,
        "limit": MAX_RELATED,
        "phases": [(name, f"{low} tot {high} jaar") for name, (low, high) in PHASES.items()],
        "kinds": list(KIND_LABELS.values()),
    }


def groups_in_order(kb: KnowledgeBase) -> list[str]:
    """Municipalities/networks, the one with the most interventions first."""
    counts: dict[str, int] = {}
    for iv in kb.interventions.values():
        counts[owner_group(kb, iv)] = counts.get(owner_group(kb, iv), 0) + 1
    return sorted(counts, key=lambda g: (-counts[g], g))


@dataclass(frozen=True)
class UsedBy:
    """One mechanism or outcome, with how many interventions of each group use it."""

    item: Link
    counts: str  # e.g. "Gemeente Nijmegen 3, Gelijke Kansen Alliantie 7"


@dataclass(frozen=True)
class GroupSet:
    """The mechanisms or outcomes used by exactly this set of groups."""

    title: str  # e.g. "Alleen bij Gemeente Enschede"
    items: list[UsedBy]
    only_one: bool  # what one group does and the others do not: shown open


@dataclass(frozen=True)
class GroupSummary:
    name: str
    interventions: int
    mechanisms: int
    outcomes: int
    own_mechanisms: int  # used by no other group

    @property
    def line(self) -> str:
        """E.g. '14 interventies, 24 mechanismen (3 alleen hier), 20 uitkomsten'."""
        return (
            f"{_count(self.interventions, 'interventie', 'interventies')}, "
            f"{_count(self.mechanisms, 'mechanisme', 'mechanismen')} "
            f"({self.own_mechanisms} alleen hier), "
            f"{_count(self.outcomes, 'uitkomst', 'uitkomsten')}"
        )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _users_by_group(kb: KnowledgeBase, groups: list[str], users: list[str]) -> dict[str, int]:
    counts = dict.fromkeys(groups, 0)
    for u in users:
        counts[owner_group(kb, kb.interventions[u])] += 1
    return {g: n for g, n in counts.items() if n}


def group_sets(kb: KnowledgeBase, groups: list[str], kind: str) -> list[GroupSet]:
    """Mechanisms (kind 'mechanism') or outcomes ('outcome'), sorted by who uses them."""
    table = kb.mechanisms if kind == "mechanism" else kb.outcomes
    users = kb.interventions_using if kind == "mechanism" else kb.interventions_reaching
    by_set: dict[tuple[str, ...], list[UsedBy]] = {}
    for ident in sorted(table, key=lambda i: table[i].name.lower()):
        counts = _users_by_group(kb, groups, users(ident))
        if counts:
            text_counts = ", ".join(f"{g} {n}" for g, n in counts.items())
            by_set.setdefault(tuple(counts), []).append(UsedBy(link(kb, kind, ident), text_counts))
    order = sorted(by_set, key=lambda s: (-len(s), [groups.index(g) for g in s]))
    return [GroupSet(_set_title(groups, s), by_set[s], len(s) == 1) for s in order]


def _set_title(groups: list[str], used: tuple[str, ...]) -> str:
    if len(used) == len(groups):
        return "Bij iedereen" if len(groups) > 2 else "Bij allebei"
    others = [g for g in groups if g not in used]
    if len(used) == 1:
        return f"Alleen bij {used[0]}"
    return f"Bij {text.and_list(list(used))}, niet bij {text.and_list(others)}"


def group_summaries(kb: KnowledgeBase, groups: list[str]) -> list[GroupSummary]:
    mechanisms: dict[str, set[str]] = {g: set() for g in groups}
    outcomes: dict[str, set[str]] = {g: set() for g in groups}
    counts = dict.fromkeys(groups, 0)
    for iv in kb.interventions.values():
        g = owner_group(kb, iv)
        counts[g] += 1
        mechanisms[g] |= {m.mechanism for m in iv.mechanisms}
        outcomes[g] |= {o.outcome for o in iv.outcomes}
    return [
        GroupSummary(
            g,
            counts[g],
            len(mechanisms[g]),
            len(outcomes[g]),
            len(mechanisms[g] - set().union(*(mechanisms[o] for o in groups if o != g))),
        )
        for g in groups
    ]


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
    home_ivs = [iv for iv in kb.interventions.values() if runs_in(kb, iv, home)]
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
) -> tuple[list[tuple[Link, list[Match]]], list[Link]]:
    """The home municipality's interventions with matches, and those without any."""
    ordered = sorted(
        (iv for iv in kb.interventions.values() if owner_group(kb, iv) == home),
        key=lambda i: i.title.lower(),
    )
    with_matches = [
        (link(kb, "intervention", iv.id), related.related(iv.id))
        for iv in ordered
        if related.related(iv.id)
    ]
    without = [link(kb, "intervention", iv.id) for iv in ordered if not related.related(iv.id)]
    return with_matches, without
