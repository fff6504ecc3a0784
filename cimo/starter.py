"""The starting file `cimo new intervention ID` writes: complete and commented, with marked
placeholders that validation refuses until they are filled in."""

from __future__ import annotations

import os
from pathlib import Path

from cimo.load import CONTENT_SUFFIXES, Document, display_path
from cimo.schema_files import schema_comment

_TEMPLATE = """{schema}
# Een nieuwe interventie in CIMO-vorm. Vervang elke "NOG INVULLEN" en elke nog-invullen.
# Zolang er nog iets in staat, meldt `cimo validate` waar. Uitleg: docs/REDACTIEGIDS.md
id: {id}
title: "NOG INVULLEN: de naam van de interventie"
owner: {owner}   # de organisatie die de interventie beschrijft (de map waarin dit bestand staat)
# programme: ...          # id van het programma, als de interventie daarbij hoort
# programme_line: ...     # id van de lijn binnen dat programma
organisations: []         # ids van de organisaties die het uitvoeren (zie: cimo list organisations)
# period: {{start: 2025, end: 2026}}   # eerste en laatste jaar
status: planned           # planned | running | completed | unknown
goal: "NOG INVULLEN: het doel, zoals de bron het zegt"

# C: de context. 'provenance': stated = de bron zegt het; inferred = uw eigen lezing.
context:
  provenance: stated
  target_group: "NOG INVULLEN: voor wie is de interventie?"
  # age_range: {{min: 10, max: 15}}   # leeftijd in jaren
  school_levels: []       # vve, po, so, vo, vso, pro, vmbo, havo, vwo, mbo, hbo, wo
  areas: []               # ids van gebieden (zie: cimo list areas)
  problem: "NOG INVULLEN: welk probleem lost de interventie op? Korte zinnen, gewone woorden."

# I: wat er gebeurt.
intervention:
  provenance: stated
  summary: "NOG INVULLEN: wat gebeurt er, in een paar zinnen?"
  activities: []

# M: mechanismen uit de catalogus (zie: cimo list mechanisms), en hoe elk hier werkt.
mechanisms:
  - mechanism: nog-invullen
    provenance: inferred
    how: "NOG INVULLEN: hoe werkt dit mechanisme bij deze interventie?"

# O: uitkomsten uit de catalogus (zie: cimo list outcomes); 'via' noemt mechanismen van hierboven.
outcomes:
  - outcome: nog-invullen
    provenance: inferred
    via: [nog-invullen]

# Indicatoren: hoe het resultaat gemeten wordt. Getallen zonder punt: 1140, niet 1.140.
indicators: []
#  - id: bereik
#    name: "Aantal deelnemers"
#    kind: output         # output | outcome
#    provenance: stated
#    targets: {{2025: 100}}

# Geld in hele euro's per jaar, zonder punt of €: 250000, niet 250.000.
# budget:
#   amounts: {{2025: 10000}}

sources:                  # zie: cimo list sources
  - source: nog-invullen
    section: "NOG INVULLEN: paragraaf of pagina"
themes: []                # zie: cimo list themes
"""


def starter_text(intervention_id: str, owner: str, depth: int) -> str:
    """The starting file: it does not validate until every placeholder is filled in."""
    return _TEMPLATE.format(
        schema=schema_comment("interventions", depth), id=intervention_id, owner=owner
    )


def starter_path(content_dir: Path, intervention_id: str, group: str) -> Path:
    return content_dir / "interventions" / group / f"{intervention_id}.yaml"


def starter_clash(
    content_dir: Path, intervention_id: str, path: Path, documents: list[Document]
) -> str | None:
    """Why the starting file must not be written at `path`, or None when it may.

    Ids are unique across groups, so an intervention with this id, or a file of this name, in
    any group is a clash; so is a link on the way (it could point outside the content folder).
    """
    if os.path.lexists(path):  # also a dangling link, which path.exists() calls absent
        return f"{display_path(path)} bestaat al"
    folder = content_dir / "interventions"
    for part in (folder, path.parent):
        if part.is_symlink():
            return f"{display_path(part)} is een link (symlink); in content/ staan geen links"
    for document in documents:
        data = document.data
        if (
            document.kind == "interventions"
            and isinstance(data, dict)
            and data.get("id") == intervention_id
        ):
            return f"er is al een interventie met de id '{intervention_id}' in {document.file}"
    names = {intervention_id + suffix for suffix in CONTENT_SUFFIXES}
    for root, folders, files in os.walk(folder):
        found = sorted(names.intersection(folders + files))
        if found:
            return f"{display_path(Path(root, found[0]))} bestaat al"
    return None
