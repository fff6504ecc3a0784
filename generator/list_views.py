"""The filterable list of interventions: one row per intervention with its filter values."""

from __future__ import annotations

from dataclasses import dataclass

from cimo.graph import KnowledgeBase
from cimo.model import Intervention
from generator.views import age_text, owner_group, programme_line_title

AGE_BANDS = [
    ("0-4", "0 tot 4 jaar", 0, 3),
    ("4-12", "4 tot 12 jaar (basisschool)", 4, 11),
    ("12-18", "12 tot 18 jaar (middelbare school)", 12, 17),
    ("18-plus", "18 jaar en ouder", 18, 99),
]


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Filter:
    key: str  # the data attribute and the select's name
    label: str
    options: list[Option]


@dataclass(frozen=True)
class ListRow:
    id: str
    title: str
    url: str
    group: str
    target_group: str
    ages: str
    mechanisms: str
    data: dict[str, str]  # filter key → space-separated values


def age_bands(iv: Intervention) -> list[str]:
    ages = iv.context.age_range
    if not ages:
        return []
    return [key for key, _, low, high in AGE_BANDS if ages.min <= high and low <= ages.max]


def _values(kb: KnowledgeBase, iv: Intervention) -> dict[str, list[str]]:
    line = f"{iv.programme}/{iv.programme_line}" if iv.programme_line else ""
    return {
        "group": [iv.owner],
        "line": [line] if line else [],
        "theme": list(iv.themes),
        "area": sorted(
            set(iv.context.areas) | {a for area in iv.context.areas for a in _parents(kb, area)}
        ),
        "age": age_bands(iv),
        "mechanism": [m.mechanism for m in iv.mechanisms],
    }


def _parents(kb: KnowledgeBase, area_id: str) -> list[str]:
    parent = kb.areas[area_id].part_of
    return [parent, *_parents(kb, parent)] if parent else []


def intervention_list(kb: KnowledgeBase) -> tuple[list[ListRow], list[Filter]]:
    rows = []
    used: dict[str, set[str]] = {}
    ordered = sorted(kb.interventions.values(), key=lambda i: (owner_group(kb, i), i.title.lower()))
    for iv in ordered:
        values = _values(kb, iv)
        for key, items in values.items():
            used.setdefault(key, set()).update(items)
        rows.append(
            ListRow(
                id=iv.id,
                title=iv.title,
                url=f"{iv.id}.html",
                group=owner_group(kb, iv),
                target_group=iv.context.target_group,
                ages=age_text(iv),
                mechanisms=", ".join(kb.mechanisms[m.mechanism].name for m in iv.mechanisms),
                data={k: " ".join(v) for k, v in values.items()},
            )
        )
    line_labels = {
        f"{iv.programme}/{iv.programme_line}": programme_line_title(kb, iv) or ""
        for iv in kb.interventions.values()
        if iv.programme_line
    }
    labels = {
        "group": {o: kb.organisations[o].name for o in used.get("group", ())},
        "line": line_labels,
        "theme": {t: kb.themes[t].name for t in used.get("theme", ())},
        "area": {a: kb.areas[a].name for a in used.get("area", ())},
        "age": {key: label for key, label, _, _ in AGE_BANDS},
        "mechanism": {m: kb.mechanisms[m].name for m in used.get("mechanism", ())},
    }
    titles = {
        "group": "Gemeente of netwerk",
        "line": "Programmalijn",
        "theme": "Thema",
        "area": "Gebied",
        "age": "Leeftijd",
        "mechanism": "Mechanisme",
    }
    filters = []
    for key, title in titles.items():
        present = used.get(key, set())
        options = sorted(
            (Option(v, labels[key][v]) for v in present), key=lambda o: o.label.lower()
        )
        if key == "age":
            options = [Option(k, lab) for k, lab, _, _ in AGE_BANDS if k in present]
        filters.append(Filter(key, title, options))
    return rows, filters
