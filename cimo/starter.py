"""The starting file `cimo new intervention ID` writes: complete, commented, and valid."""

from __future__ import annotations

import os
from pathlib import Path

from cimo.content_set import ContentSet
from cimo.load import CONTENT_SUFFIXES, Document, display_path
from cimo.schema_files import schema_comment

_TEMPLATE = """{schema}
# A new intervention in CIMO form. Replace every text; keep the structure.
# Check your work with:  cimo validate
id: {id}
title: "Titel van de interventie"
owner: {owner}            # organisation id of the municipality or network (content/organisations/)
# programme: ...          # programme id, when it is part of a programme (content/programmes/)
# programme_line: ...     # line id within that programme
organisations: []         # organisation ids of who carries it out
status: planned           # planned | running | completed | unknown
goal: "Het doel, zoals de bron het zegt."

# C: the context. 'provenance' says whether the source states it or you inferred it.
context:
  provenance: stated      # stated | inferred
  target_group: "Voor wie is de interventie?"
  age_range: {{min: 10, max: 15}}
  school_levels: [po, vo] # vve, po, so, vo, vso, pro, vmbo, havo, vwo, mbo, hbo, wo
  areas: []               # area ids (content/areas/)
  problem: "Welk probleem lost de interventie op? Korte zinnen, gewone woorden."
  factors: []             # each: {{description: ..., figure: ..., provenance: stated}}

# I: what is done.
intervention:
  provenance: stated
  summary: "Wat gebeurt er, in een paar zinnen?"
  activities:
    - "Een activiteit."

# M: mechanisms from the shared catalogue (content/mechanisms/), and how each works here.
mechanisms:
  - mechanism: {mechanism}
    provenance: inferred
    how: "Hoe werkt dit mechanisme bij deze interventie?"

# O: outcomes from the shared catalogue (content/outcomes/); 'via' names the mechanisms above.
outcomes:
  - outcome: {outcome}
    provenance: inferred
    via: [{mechanism}]

# Indicators: how the result is measured, with targets per year exactly as the source says.
indicators: []
#  - id: bereik
#    name: "Aantal deelnemers"
#    kind: output         # output | outcome
#    provenance: stated
#    targets: {{2025: 100}}

# Budget in whole euros per year.
# budget:
#   amounts: {{2025: 10000}}

sources:
  - source: {source}
    section: "paragraaf"
themes: []
"""


def starter_text(
    intervention_id: str, content: ContentSet, depth: int, owner: str | None = None
) -> str:
    """The starting file, pointing at ids that exist in the current content."""

    def first(kind: str, fallback: str) -> str:
        entries = content.catalogue(kind)
        return entries[0].model.id if entries else fallback  # type: ignore[attr-defined]

    municipalities = [o.model.id for o in content.organisations if o.model.kind == "municipality"]
    return _TEMPLATE.format(
        schema=schema_comment("interventions", depth),
        id=intervention_id,
        owner=owner
        or (municipalities[0] if municipalities else first("organisations", "gemeente")),
        mechanism=first("mechanisms", "mechanisme"),
        outcome=first("outcomes", "uitkomst"),
        source=first("sources", "bron"),
    )


def starter_path(content_dir: Path, intervention_id: str, group: str | None) -> Path:
    folder = content_dir / "interventions"
    return (folder / group if group else folder) / f"{intervention_id}.yaml"


def starter_clash(
    content_dir: Path, intervention_id: str, path: Path, documents: list[Document]
) -> str | None:
    """Why the starting file must not be written at `path`, or None when it may.

    Ids are unique across groups, so an intervention with this id, or a file of this name, in
    any group is a clash; so is a link on the way (it could point outside the content folder).
    """
    if os.path.lexists(path):  # also a dangling link, which path.exists() calls absent
        return f"{display_path(path)} already exists"
    folder = content_dir / "interventions"
    for part in (folder, path.parent):
        if part.is_symlink():
            return f"{display_path(part)} is a link (symlink); content/ holds no links"
    for document in documents:
        data = document.data
        if (
            document.kind == "interventions"
            and isinstance(data, dict)
            and data.get("id") == intervention_id
        ):
            return f"an intervention with id '{intervention_id}' exists in {document.file}"
    names = {intervention_id + suffix for suffix in CONTENT_SUFFIXES}
    for root, folders, files in os.walk(folder):
        found = sorted(names.intersection(folders + files))
        if found:
            return f"{display_path(Path(root, found[0]))} already exists"
    return None
