"""Synthetic knowledge bases shaped like the bundled content, for the benchmark.

Every synthetic intervention copies the *shape* of one real intervention of the bundled content
(drawn at random, seeded): its list lengths (mechanisms, outcomes, `via` lists, indicators and
their targets, factors, activities, evidence, organisations, areas, themes, sources, notes),
which optional fields it fills, and the length in characters of every text. The words come from
the bundled content itself, drawn with their real frequencies. References are made valid and
every build is `--strict`-clean, so the benchmark measures what real content costs.

Scale, per N interventions (real content: 54 interventions):
- organisations: 89/54 per intervention (owners included), as in the bundled content;
- owners (municipalities): one per 60 interventions, each with one programme of 4 years;
- catalogues: 30 + N/20 mechanisms and outcomes (capped at 300); 20 themes; per municipality
  one area for the whole municipality and 3 districts; 2 sources per municipality;
- results: a report per intervention with indicators for each of REPORTED_YEARS, with a value
  for every indicator (about 1.8 report files per intervention).

The layout is today's: one file per mechanism and outcome, interventions in
`content/interventions/<owner>/<id>.yaml`, programmes in `content/programmes/<id>.yaml`.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "content"
YEARS = [2023, 2024, 2025, 2026]
#: Years with results: a monitored knowledge base in its fourth year, where every intervention
#: with indicators reported each year so far (the bundled content holds the few results the
#: sources give; the yearly monitoring of issue 13 fills this in).
REPORTED_YEARS = [2023, 2024, 2025]
ORGANISATIONS_PER_INTERVENTION = 89 / 54
INTERVENTIONS_PER_OWNER = 60
# Words that could make a run of words look like a spelled-out e-mail address.
_NOT_WORDS = {"at", "dot", "punt", "apenstaartje"}


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


@dataclass(frozen=True)
class Shape:
    """What is drawn from the bundled content: real interventions and the real vocabulary."""

    interventions: list[dict[str, Any]]
    words: list[str]  # every word occurrence, so a draw follows the real frequencies


@cache
def bundled_shape(content: Path = BUNDLED) -> Shape:
    documents = [_load(p) for p in sorted(content.rglob("*.yaml"))]
    interventions = [_load(p) for p in sorted((content / "interventions").rglob("*.yaml"))]
    words: list[str] = []

    def collect(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                collect(v, str(k))
        elif isinstance(value, list):
            for v in value:
                collect(v, key)
        elif isinstance(value, str) and key not in {"id", "source", "website", "url"}:
            words.extend(
                w.lower() for w in re.findall(r"[^\W\d_]+", value) if w.lower() not in _NOT_WORDS
            )

    collect(documents)
    return Shape(interventions, words)


def measured(shape: Shape | None = None) -> dict[str, float]:
    """Averages per intervention of the bundled content (for the benchmark report)."""
    shape = shape or bundled_shape()
    ivs = shape.interventions

    def mean(f: Any) -> float:
        return sum(f(d) for d in ivs) / len(ivs)

    return {
        "interventions": len(ivs),
        "characters of YAML text": mean(lambda d: len(yaml.safe_dump(d, allow_unicode=True))),
        "mechanisms": mean(lambda d: len(d.get("mechanisms", []))),
        "outcomes": mean(lambda d: len(d.get("outcomes", []))),
        "indicators": mean(lambda d: len(d.get("indicators", []))),
        "factors": mean(lambda d: len(d["context"].get("factors", []))),
        "activities": mean(lambda d: len(d["intervention"].get("activities", []))),
        "evidence items": mean(lambda d: len(d.get("evidence", []))),
        "organisations": mean(lambda d: len(d.get("organisations", []))),
        "vocabulary (distinct words)": len(set(shape.words)),
    }


class _Writer:
    """Text of a given length in words of the bundled content."""

    def __init__(self, rng: random.Random, words: list[str]):
        self.rng, self.words = rng, words

    def text(self, like: Any) -> str:
        """Text as long as `like` (a string), in sentences of 5-16 words."""
        target = max(3, len(str(like)))
        sentences: list[str] = []
        length = 0
        while length < target:
            count = self.rng.randint(5, 16)
            sentence = " ".join(self.rng.choice(self.words) for _ in range(count))
            sentence = sentence[: max(1, target - length)].rstrip()
            sentences.append(sentence[:1].upper() + sentence[1:] + ".")
            length += len(sentences[-1]) + 1
        return " ".join(sentences)

    def maybe(self, template: dict[str, Any], key: str) -> dict[str, str]:
        return {key: self.text(template[key])} if template.get(key) else {}


def _dump(path: Path, kind: str, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"# synthetic {kind}\n"
        + yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )


def generate(root: Path, n: int, seed: int = 1) -> Path:
    """Write a knowledge base of n interventions under root/content; return that folder."""
    shape = bundled_shape()
    rng = random.Random(seed)
    w = _Writer(rng, shape.words)
    content = root / "content"
    size = min(300, 30 + n // 20)
    mechanisms = [f"mechanisme-{i}" for i in range(size)]
    outcomes = [f"uitkomst-{i}" for i in range(size)]
    themes = [f"thema-{i}" for i in range(20)]
    owners = [f"gemeente-{i}" for i in range(max(1, n // INTERVENTIONS_PER_OWNER))]
    others = [
        f"organisatie-{i}"
        for i in range(max(1, round(n * ORGANISATIONS_PER_INTERVENTION) - len(owners)))
    ]
    districts = {o: [f"{o}-wijk-{j}" for j in range(3)] for o in owners}
    sources = {o: [f"{o}-plan", f"{o}-evaluatie"] for o in owners}
    real_orgs = _load(BUNDLED / "organisations/organisations.yaml")["organisations"]
    real_catalogue = [_load(p) for p in sorted((BUNDLED / "mechanisms").glob("*.yaml"))]
    real_catalogue += [_load(p) for p in sorted((BUNDLED / "outcomes").glob("*.yaml"))]

    _dump(
        content / "sources/sources.yaml",
        "sources",
        {
            "sources": [
                {"id": s, "title": w.text("x" * 50), "publisher": f"Gemeente {o}", "year": 2023}
                for o in owners
                for s in sources[o]
            ]
        },
    )
    organisations = [
        {"id": o, "name": f"Gemeente {o.split('-')[1]}", "kind": "municipality"} for o in owners
    ]
    for ident in others:
        like = rng.choice(real_orgs)
        entry = {"id": ident, "name": w.text(like["name"]).rstrip("."), "kind": like["kind"]}
        entry.update(w.maybe(like, "description"))
        if like.get("website"):
            entry["website"] = f"https://www.example.nl/{ident}"
        organisations.append(entry)
    for k in range(0, len(organisations), 500):  # files stay well under the 1 MB limit
        chunk = {"organisations": organisations[k : k + 500]}
        _dump(content / f"organisations/organisaties-{k // 500}.yaml", "organisations", chunk)

    def entry(ident: str) -> dict[str, str]:
        like = rng.choice(real_catalogue)
        name = w.text(like["name"]).rstrip(".")
        return {"id": ident, "name": name, "description": w.text(like["description"])}

    for kind, ids in (("mechanisms", mechanisms), ("outcomes", outcomes)):
        for ident in ids:  # one file per mechanism and outcome, named after its id
            _dump(content / f"{kind}/{ident}.yaml", kind, entry(ident))
    _dump(content / "themes/themes.yaml", "themes", {"themes": [entry(t) for t in themes]})
    areas = []
    for o in owners:
        city = f"{o}-stad"
        areas.append(
            {
                "id": city,
                "name": w.text("x" * 12).rstrip("."),
                "municipality": o,
                "kind": "gemeente",
                "description": w.text("x" * 40),
            }
        )
        areas += [
            {
                "id": d,
                "name": w.text("x" * 10).rstrip("."),
                "municipality": o,
                "kind": "wijk",
                "part_of": city,
                "description": w.text("x" * 120),
            }
            for d in districts[o]
        ]
    _dump(content / "areas/areas.yaml", "areas", {"areas": areas})

    totals: dict[str, dict[int, int]] = {o: dict.fromkeys(YEARS, 0) for o in owners}
    for k in range(n):
        owner = owners[k % len(owners)]
        like = rng.choice(shape.interventions)
        ident = f"interventie-{k}"
        iv = _intervention(
            w,
            rng,
            like,
            ident,
            owner,
            mechanisms,
            outcomes,
            themes,
            others,
            [f"{owner}-stad", *districts[owner]],
            sources[owner],
        )
        budget = iv.get("budget")
        if budget and budget.get("in_programme_budget", True):
            for year, amount in budget["amounts"].items():
                totals[owner][year] += amount
        _dump(content / f"interventions/{owner}/{ident}.yaml", "interventions", iv)
        for year in REPORTED_YEARS if iv["indicators"] else []:
            _dump(
                content / f"reports/{year}/{ident}-{year}.yaml",
                "reports",
                _report(w, rng, iv, year),
            )
    for owner in owners:
        _dump(
            content / f"programmes/plan-{owner}.yaml",
            "programmes",
            {
                "id": f"plan-{owner}",
                "title": w.text("x" * 45).rstrip("."),
                "owner": owner,
                "period": {"start": YEARS[0], "end": YEARS[-1]},
                "summary": w.text("x" * 400),
                "lines": [
                    {
                        "id": f"lijn-{j}",
                        "title": w.text("x" * 30).rstrip("."),
                        "description": w.text("x" * 350),
                    }
                    for j in range(3)
                ],
                "principles": [w.text("x" * 250) for _ in range(3)],
                "focus_areas": districts[owner][:2],
                "declared_totals": {y: a for y, a in totals[owner].items() if a},
                "finance_notes": [w.text("x" * 300) for _ in range(3)],
                "sources": [{"source": sources[owner][0], "section": "1"}],
            },
        )
    return content


def _report(w: _Writer, rng: random.Random, iv: dict[str, Any], year: int) -> dict[str, Any]:
    """One year's results of an intervention: every indicator, near its target if it has one."""
    results = []
    for ind in iv["indicators"]:
        target = ind.get("targets", {}).get(year)
        value = rng.randrange(max(1, target // 2), target * 2) if target else rng.randrange(5, 900)
        result: dict[str, Any] = {"indicator": ind["id"], "value": value}
        if rng.random() < 0.3:
            result["note"] = w.text("x" * 80)
        results.append(result)
    report: dict[str, Any] = {
        "id": f"{iv['id']}-{year}",
        "year": year,
        "intervention": iv["id"],
        "as_of": dt.date(year, 12, 31),
        "results": results,
    }
    if rng.random() < 0.5:
        report["reach"] = [{"who": "kinderen", "count": rng.randrange(10, 500)}]
    return report


def _refs(rng: random.Random, like: list[Any], pool: list[str]) -> list[dict[str, str]]:
    return [
        {"source": rng.choice(pool), "section": f"{rng.randint(1, 9)}.{j + 1}"}
        for j in range(len(like))
    ]


def _intervention(
    w: _Writer,
    rng: random.Random,
    like: dict[str, Any],
    ident: str,
    owner: str,
    mechanisms: list[str],
    outcomes: list[str],
    themes: list[str],
    organisations: list[str],
    areas: list[str],
    sources: list[str],
) -> dict[str, Any]:
    """One intervention shaped like the real intervention `like`."""

    def claim(template: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"provenance": template.get("provenance", "stated")}
        if template.get("sources"):
            out["sources"] = _refs(rng, template["sources"], sources)
        return out

    mine = rng.sample(mechanisms, min(len(like.get("mechanisms", [])), len(mechanisms)))
    ctx_like, design_like = like["context"], like["intervention"]
    context: dict[str, Any] = {
        **claim(ctx_like),
        "target_group": w.text(ctx_like["target_group"]),
        "problem": w.text(ctx_like["problem"]),
    }
    for key in ("age_range", "school_levels"):
        if key in ctx_like:
            context[key] = ctx_like[key]
    if ctx_like.get("areas"):
        context["areas"] = rng.sample(areas, min(len(ctx_like["areas"]), len(areas)))
    context.update(w.maybe(ctx_like, "region"))
    if ctx_like.get("factors"):
        context["factors"] = [
            {
                **claim(f),
                "description": w.text(f["description"]),
                **({"figure": f"{rng.randint(2, 95)}%"} if f.get("figure") else {}),
            }
            for f in ctx_like["factors"]
        ]
    design: dict[str, Any] = {**claim(design_like), "summary": w.text(design_like["summary"])}
    if design_like.get("activities"):
        design["activities"] = [w.text(a) for a in design_like["activities"]]
    design.update(w.maybe(design_like, "participants"))

    outs = rng.sample(outcomes, min(len(like.get("outcomes", [])), len(outcomes)))
    outcome_uses = []
    for o, o_like in zip(outs, like.get("outcomes", []), strict=False):
        use = {
            **claim(o_like),
            "outcome": o,
            "via": rng.sample(mine, min(len(o_like["via"]), len(mine))),
        }
        use.update(w.maybe(o_like, "description"))
        outcome_uses.append(use)
    if outcome_uses:  # every mechanism leads to an outcome (strict)
        reached = {m for use in outcome_uses for m in use["via"]}
        outcome_uses[0]["via"] += [m for m in mine if m not in reached]
    indicators = []
    for j, i_like in enumerate(like.get("indicators", [])):
        ind: dict[str, Any] = {
            **claim(i_like),
            "id": f"indicator-{j}",
            "name": w.text(i_like["name"]),
            "kind": i_like["kind"],
        }
        if i_like.get("unit"):
            ind["unit"] = w.text(i_like["unit"]).rstrip(".")
        if i_like.get("targets"):
            ind["targets"] = {y: rng.randrange(10, 2000) for y in i_like["targets"]}
        ind.update(w.maybe(i_like, "target_note"))
        ind.update(w.maybe(i_like, "measured_by"))
        if i_like.get("measures") and outs:
            ind["measures"] = rng.sample(outs, min(len(i_like["measures"]), len(outs)))
        indicators.append(ind)
    measured_outcomes = {o for ind in indicators for o in ind.get("measures", [])}
    for use in outcome_uses:  # every outcome is measured or says why not (strict)
        if use["outcome"] not in measured_outcomes:
            use["unmeasured"] = w.text("x" * 60)
    iv: dict[str, Any] = {
        "id": ident,
        "title": w.text(like["title"]).rstrip("."),
        "owner": owner,
        "programme": f"plan-{owner}",
        "programme_line": f"lijn-{rng.randrange(3)}",
    }
    if like.get("organisations"):
        iv["organisations"] = rng.sample(organisations, len(like["organisations"]))
    if like.get("period"):
        iv["period"] = {"start": 2023, "end": 2026}
    iv["status"] = like.get("status", "unknown")
    if like.get("website"):
        iv["website"] = f"https://www.example.nl/{ident}"
    iv.update(w.maybe(like, "goal"))
    iv["context"], iv["intervention"] = context, design
    iv["mechanisms"] = [
        {**claim(m_like), "mechanism": m, "how": w.text(m_like["how"])}
        for m, m_like in zip(mine, like.get("mechanisms", []), strict=False)
    ]
    iv["outcomes"] = outcome_uses
    iv["indicators"] = indicators
    b_like = like.get("budget")
    if b_like and b_like.get("amounts"):
        years = YEARS[-min(len(b_like["amounts"]), len(YEARS)) :]
        budget: dict[str, Any] = {"amounts": {y: rng.randrange(5, 400) * 1000 for y in years}}
        if b_like.get("in_programme_budget") is False:
            budget["in_programme_budget"] = False
        budget.update(w.maybe(b_like, "funding"))
        budget.update(w.maybe(b_like, "note"))
        iv["budget"] = budget
    evidence = []
    for e_like in like.get("evidence", []):
        ev: dict[str, Any] = {
            **claim(e_like),
            "title": w.text(e_like["title"]),
            "kind": e_like["kind"],
            "finding": w.text(e_like["finding"]),
        }
        ev.update(w.maybe(e_like, "by"))
        if e_like.get("year"):
            ev["year"] = e_like["year"]
        if e_like.get("supports") and outs:
            ev["supports"] = rng.sample(outs, min(len(e_like["supports"]), len(outs)))
        evidence.append(ev)
    if evidence:
        iv["evidence"] = evidence
    iv["sources"] = _refs(rng, like["sources"], sources)
    if like.get("themes"):
        iv["themes"] = rng.sample(themes, len(like["themes"]))
    if like.get("notes"):
        iv["notes"] = [w.text(note) for note in like["notes"]]
    return iv
