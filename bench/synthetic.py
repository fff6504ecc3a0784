"""Synthetic knowledge bases of realistic shape, for the benchmark.

Per intervention: 5 mechanisms, 5 outcomes (each through 1-2 of its mechanisms), 3 indicators
with yearly targets, a budget over the programme's 4 years, 2 areas and 2 themes. Catalogues grow
slowly with N (30 + N/20 mechanisms and outcomes, capped at 300), like real ones do.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

YEARS = [2023, 2024, 2025, 2026]
WORDS = [
    "kinderen",
    "jongeren",
    "ouders",
    "school",
    "wijk",
    "taal",
    "talent",
    "netwerk",
    "mentor",
    "sport",
    "cultuur",
    "werk",
    "stage",
    "bibliotheek",
    "huiswerk",
    "coach",
    "zomer",
    "weekend",
    "buurt",
    "gezin",
    "geld",
    "armoede",
]


def _sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _dump(path: Path, kind: str, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"# synthetic {kind}\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )


def generate(root: Path, n: int, seed: int = 1) -> Path:
    """Write a knowledge base of n interventions under root/content; return that folder."""
    rng = random.Random(seed)
    content = root / "content"
    size = min(300, 30 + n // 20)
    mechanisms = [f"mechanisme-{i}" for i in range(size)]
    outcomes = [f"uitkomst-{i}" for i in range(size)]
    areas = [f"wijk-{i}" for i in range(40)]
    themes = [f"thema-{i}" for i in range(20)]
    municipalities = [f"gemeente-{i}" for i in range(max(1, n // 60))]
    _dump(content / "sources/s.yaml", "sources", {"sources": [{"id": "bron", "title": "Bron"}]})
    _dump(
        content / "organisations/o.yaml",
        "organisations",
        {
            "organisations": [
                {"id": m, "name": m.replace("-", " ").title(), "kind": "municipality"}
                for m in municipalities
            ]
        },
    )

    def entry(ident: str) -> dict[str, str]:
        name = f"{ident.replace('-', ' ').capitalize()} {rng.choice(WORDS)}"
        return {"id": ident, "name": name, "description": _sentence(rng)}

    for kind, ids in (("mechanisms", mechanisms), ("outcomes", outcomes)):
        for ident in ids:  # one file per mechanism and outcome, named after its id
            _dump(content / f"{kind}/{ident}.yaml", kind, entry(ident))
    _dump(content / "themes/themes.yaml", "themes", {"themes": [entry(t) for t in themes]})
    _dump(
        content / "areas/a.yaml",
        "areas",
        {
            "areas": [
                {
                    "id": a,
                    "name": a.title(),
                    "municipality": municipalities[k % len(municipalities)],
                    "kind": "wijk",
                    "description": _sentence(rng),
                }
                for k, a in enumerate(areas)
            ]
        },
    )
    totals: dict[str, dict[int, int]] = {m: dict.fromkeys(YEARS, 0) for m in municipalities}
    for k in range(n):
        owner = municipalities[k % len(municipalities)]
        mine = rng.sample(mechanisms, 5)
        amounts = {y: rng.randrange(5, 200) * 1000 for y in YEARS}
        for year, amount in amounts.items():
            totals[owner][year] += amount
        _dump(
            content / f"interventions/{owner}/interventie-{k}.yaml",
            "interventions",
            {
                "id": f"interventie-{k}",
                "title": f"Interventie {k}: {_sentence(rng, 4)}",
                "owner": owner,
                "programme": f"plan-{owner}",
                "programme_line": "lijn",
                "goal": _sentence(rng),
                "context": {
                    "provenance": "stated",
                    "target_group": _sentence(rng, 5),
                    "age_range": {"min": 10, "max": 15},
                    "school_levels": ["po", "vo"],
                    "areas": rng.sample(areas, 2),
                    "problem": _sentence(rng, 30),
                    "factors": [
                        {"description": _sentence(rng), "figure": "40%", "provenance": "stated"}
                    ],
                },
                "intervention": {
                    "provenance": "stated",
                    "summary": _sentence(rng, 25),
                    "activities": [_sentence(rng) for _ in range(3)],
                },
                "mechanisms": [
                    {"mechanism": m, "provenance": "inferred", "how": _sentence(rng)} for m in mine
                ],
                "outcomes": [
                    {
                        "outcome": o,
                        "provenance": "inferred",
                        "via": rng.sample(mine, rng.randint(1, 2)),
                    }
                    for o in rng.sample(outcomes, 5)
                ],
                "indicators": [
                    {
                        "id": f"ind-{j}",
                        "name": _sentence(rng, 6),
                        "kind": "output",
                        "provenance": "stated",
                        "targets": {y: rng.randrange(10, 2000) for y in YEARS},
                    }
                    for j in range(3)
                ],
                "budget": {"amounts": amounts},
                "sources": [{"source": "bron", "section": "1"}],
                "themes": rng.sample(themes, 2),
            },
        )
    for owner in municipalities:
        _dump(
            content / f"programmes/plan-{owner}.yaml",
            "programmes",
            {
                "id": f"plan-{owner}",
                "title": f"Plan {owner}",
                "owner": owner,
                "period": {"start": YEARS[0], "end": YEARS[-1]},
                "lines": [{"id": "lijn", "title": "Iedereen kan groeien"}],
                "declared_totals": totals[owner],
                "sources": [{"source": "bron"}],
            },
        )
    return content
