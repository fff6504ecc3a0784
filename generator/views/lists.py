"""The list pages: the filterable list of interventions, and the catalogue indexes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cimo import budget
from cimo.graph import KnowledgeBase
from cimo.kinds import BY_NAME
from cimo.model import Intervention
from generator import text
from generator.site import INDEX, Link
from generator.views.common import age_text, link, owner_group, programme_line_title

AGE_BANDS = [
    ("0-4", "0 tot 4 jaar", 0, 3),
    ("4-12", "4 tot 12 jaar (basisschool)", 4, 11),
    ("12-18", "12 tot 18 jaar (middelbare school)", 12, 17),
    ("18-plus", "18 jaar en ouder", 18, 99),
]


#: Bands for the money filter: (key, label, lowest total in euros).
MONEY_BANDS = [
    ("geen", "Geen bedrag bekend", None),
    ("tot-100k", "Tot € 100.000", 0),
    ("100k-1m", "€ 100.000 tot € 1 miljoen", 100_000),
    ("1m-plus", "€ 1 miljoen of meer", 1_000_000),
]
EVIDENCE = [("ja", "Met onderzoek of meting"), ("nee", "Zonder onderzoek of meting")]

#: How the list can be sorted: (value, label); the first is the order without JavaScript.
SORTS = [
    ("naam", "Gemeente en naam"),
    ("geld", "Meeste geld eerst"),
    ("start", "Nieuwste start eerst"),
    ("duur", "Langste looptijd eerst"),
    ("mechanismen", "Meeste mechanismen eerst"),
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
    facts: str  # money and period, e.g. "€ 1.115.000 in totaal · 2023–2026", or ""
    data: dict[str, str]  # filter key → space-separated values
    sort: dict[str, str]  # sort key → a number as text (data-sort-* attributes)


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
        "evidence": ["ja" if iv.evidence else "nee"],
        "money": [money_band(total_money(iv))],
    }


def total_money(iv: Intervention) -> int | None:
    """All years of the intervention's budget together; None without any amount."""
    amounts = budget.intervention_amounts(iv)
    return sum(amounts.values()) if amounts else None


def money_band(total: int | None) -> str:
    if total is None:
        return MONEY_BANDS[0][0]
    return [key for key, _, low in MONEY_BANDS[1:] if low is not None and total >= low][-1]


def period_text(iv: Intervention) -> str:
    if not iv.period:
        return ""
    if iv.period.end is None:
        return f"vanaf {iv.period.start}"
    if iv.period.end == iv.period.start:
        return str(iv.period.start)
    return f"{iv.period.start}–{iv.period.end}"


def list_facts(iv: Intervention) -> str:
    total = total_money(iv)
    money = f"{text.euro(total)} in totaal" if total is not None else ""
    return " · ".join(part for part in (money, period_text(iv)) if part)


def sort_values(iv: Intervention, position: int) -> dict[str, str]:
    """Numbers to sort by, larger first; -1 where the intervention gives none."""
    period = iv.period
    return {
        "naam": str(-position),
        "geld": str(total_money(iv) if total_money(iv) is not None else -1),
        "start": str(period.start if period else -1),
        "duur": str(period.end - period.start + 1 if period and period.end else -1),
        "mechanismen": str(len(iv.mechanisms)),
    }


def _parents(kb: KnowledgeBase, area_id: str) -> list[str]:
    parent = kb.areas[area_id].part_of
    return [parent, *_parents(kb, parent)] if parent else []


def intervention_list(kb: KnowledgeBase) -> tuple[list[ListRow], list[Filter]]:
    rows = []
    used: dict[str, set[str]] = {}
    ordered = sorted(kb.interventions.values(), key=lambda i: (owner_group(kb, i), i.title.lower()))
    for position, iv in enumerate(ordered):
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
                facts=list_facts(iv),
                data={k: " ".join(v) for k, v in values.items()},
                sort=sort_values(iv, position),
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
        "evidence": dict(EVIDENCE),
        "money": {key: label for key, label, _ in MONEY_BANDS},
    }
    titles = {
        "group": "Gemeente of netwerk",
        "line": "Programmalijn",
        "theme": "Thema",
        "area": "Gebied",
        "age": "Leeftijd",
        "mechanism": "Mechanisme",
        "evidence": "Onderbouwing",
        "money": "Geld (alle jaren samen)",
    }
    filters = []
    for key, title in titles.items():
        present = used.get(key, set())
        options = sorted(
            (Option(v, labels[key][v]) for v in present), key=lambda o: o.label.lower()
        )
        if key == "age":
            options = [Option(k, lab) for k, lab, _, _ in AGE_BANDS if k in present]
        if key in ("evidence", "money"):  # in their own order, not by label
            options = [Option(k, lab) for k, lab in labels[key].items() if k in present]
        filters.append(Filter(key, title, options))
    return rows, filters


@dataclass(frozen=True)
class IndexRow:
    link: Link
    description: str
    count: int


@dataclass(frozen=True)
class CatalogueIndex:
    """The index page of one catalogue kind."""

    kind: str
    path: str
    title: str
    name_header: str
    intro: str
    rows: list[IndexRow]


_CATALOGUE_INDEXES = (
    (
        "mechanism",
        "Mechanismen",
        "Mechanisme",
        "Een mechanisme legt uit waarom een interventie werkt. Eén mechanisme kan bij veel "
        "interventies horen.",
    ),
    ("outcome", "Uitkomsten", "Uitkomst", "Een uitkomst is wat een interventie moet opleveren."),
    (
        "area",
        "Gebieden",
        "Gebied",
        "Wijken, stadsdelen en gemeenten, met de interventies die er werken.",
    ),
    ("theme", "Thema's", "Thema", "Thema's die door alle programma's heen lopen."),
)


def catalogue_indexes(kb: KnowledgeBase) -> list[CatalogueIndex]:
    users: dict[str, Callable[[str], list[str]]] = {
        "mechanism": kb.interventions_using,
        "outcome": kb.interventions_reaching,
        "area": kb.interventions_in_area,
        "theme": kb.interventions_with_theme,
    }
    indexes = []
    for kind, title, header, intro in _CATALOGUE_INDEXES:
        table = kb.catalogue(BY_NAME[kind].plural)
        rows = [
            IndexRow(link(kb, kind, i), table[i].description, len(users[kind](i)))
            for i in sorted(table, key=lambda i: table[i].name.lower())
        ]
        indexes.append(CatalogueIndex(kind, INDEX[kind], title, header, intro, rows))
    return indexes
