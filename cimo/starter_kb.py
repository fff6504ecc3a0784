"""`cimo init`: a new knowledge base that is valid from the start, to make one's own."""

from __future__ import annotations

from pathlib import Path

from cimo.errors import CimoError
from cimo.schema_files import render_schemas

_FILES = {
    "cimo.yml": """\
# Instellingen van deze kennisbank.
site_name: "{name}"
site_description: "Interventies en waarom ze werken, met de CIMO-logica."
home: gemeente-voorbeeld   # de gemeente voor wie de vergelijkingspagina's zijn geschreven
""",
    ".gitignore": "site/\n.cimo-cache/\n.cimo-build-*/\n",
    "content/organisations/organisations.yaml": """\
# yaml-language-server: $schema=../../schema/organisations.schema.json
organisations:
  - id: gemeente-voorbeeld
    name: Gemeente Voorbeeld
    kind: municipality
""",
    "content/sources/sources.yaml": """\
# yaml-language-server: $schema=../../schema/sources.schema.json
sources:
  - id: beleidsplan
    title: Beleidsplan (vervang door uw eigen bron)
""",
    "content/themes/themes.yaml": """\
# yaml-language-server: $schema=../../schema/themes.schema.json
themes:
  - id: rolmodellen
    name: Rolmodellen
    description: Kinderen leren van voorbeelden.
""",
    "content/areas/areas.yaml": """\
# yaml-language-server: $schema=../../schema/areas.schema.json
areas:
  - id: voorbeeld
    name: Voorbeeld (hele gemeente)
    municipality: gemeente-voorbeeld
    kind: gemeente
    description: De hele gemeente.
""",
    "content/mechanisms/rolmodellen.yaml": """\
# yaml-language-server: $schema=../../schema/mechanisms.schema.json
id: rolmodellen
name: Rolmodellen en inspiratie
description: Kinderen zien mensen die op hen lijken en succes hebben. Dat maakt hen ambitieuzer.
""",
    "content/outcomes/meer-zelfvertrouwen.yaml": """\
# yaml-language-server: $schema=../../schema/outcomes.schema.json
id: meer-zelfvertrouwen
name: Meer zelfvertrouwen
description: Kinderen geloven meer in wat ze kunnen.
""",
    "content/interventions/gemeente-voorbeeld/mentoren.yaml": """\
# yaml-language-server: $schema=../../../schema/interventions.schema.json
# Een voorbeeld. Maak er uw eigen interventie van, of kopieer dit bestand.
id: mentoren
title: Mentoren voor leerlingen
owner: gemeente-voorbeeld
status: planned
context:
  provenance: stated
  target_group: Leerlingen van 10 tot 14 jaar
  age_range: {{min: 10, max: 14}}
  school_levels: [po, vo]
  areas: [voorbeeld]
  problem: Niet elk kind kent iemand die laat zien wat mogelijk is.
intervention:
  provenance: stated
  summary: Een student is een jaar lang mentor van een leerling.
mechanisms:
  - mechanism: rolmodellen
    provenance: inferred
    how: De mentor laat zien wat je kunt bereiken.
outcomes:
  - outcome: meer-zelfvertrouwen
    provenance: inferred
    via: [rolmodellen]
indicators:
  - id: deelnemers
    name: Aantal leerlingen met een mentor
    kind: output
    provenance: stated
    targets: {{2026: 20}}
    measures: [meer-zelfvertrouwen]
sources:
  - source: beleidsplan
themes: [rolmodellen]
""",
}


def starter_files(name: str) -> dict[str, str]:
    """Relative path → text of every file of a new knowledge base."""
    files = {path: text.format(name=name.replace('"', "'")) for path, text in _FILES.items()}
    files.update({f"schema/{file}": text for file, text in render_schemas().items()})
    return files


def write_starter_knowledge_base(folder: Path, name: str) -> list[Path]:
    """Write a new knowledge base into folder, which must be new or empty."""
    if folder.is_symlink() or folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise CimoError(
            f"Geen nieuwe kennisbank in {folder}: die map is niet nieuw of leeg. "
            "Er is niets geschreven.",
            "Kies een nieuwe mapnaam, bijvoorbeeld: cimo init mijn-kennisbank",
        )
    written = []
    for rel, text in starter_files(name).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
        written.append(path)
    return written
