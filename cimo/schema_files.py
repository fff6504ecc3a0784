"""The JSON Schemas of the content model, published for editors (yaml-language-server).

Written by `cimo schema` with the ids of the knowledge base's catalogues as enums, so the
editor offers mechanism, outcome, theme, area, organisation, programme and source ids while
typing (with their names as descriptions) and marks an id that does not exist.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cimo.kinds import KINDS
from cimo.references import ID_FIELDS

#: Catalogue ids: kind (plural) → {id: name}.
Catalogue = Mapping[str, Mapping[str, str]]

_LIST_DESCRIPTION = "Een bestand met {what}: een lijst onder '{plural}:'."
_DUTCH_PLURAL = {
    "themes": "thema's",
    "areas": "gebieden",
    "organisations": "organisaties",
    "sources": "bronnen",
}


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def render_schemas(catalogue: Catalogue | None = None) -> dict[str, str]:
    """File name → JSON text of every document kind's schema (deterministic).

    With a catalogue, every id field lists the ids that exist (and their names)."""
    rendered = {}
    for kind in sorted(KINDS, key=lambda k: k.plural):
        schema = kind.document_model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = schema_file_name(kind.plural)
        if not kind.one_per_file:
            schema["description"] = _LIST_DESCRIPTION.format(
                what=_DUTCH_PLURAL.get(kind.plural, kind.plural), plural=kind.plural
            )
            schema["properties"][kind.plural]["description"] = (
                f"De {_DUTCH_PLURAL.get(kind.plural, kind.plural)}, elk beginnend met '- id:'."
            )
        if catalogue:
            _add_ids(schema, catalogue)
        rendered[schema_file_name(kind.plural)] = (
            json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        )
    return rendered


def _add_ids(schema: dict[str, Any], catalogue: Catalogue) -> None:
    models = dict(schema.get("$defs", {}))
    models[str(schema.get("title", ""))] = schema
    for (model, field), kind in ID_FIELDS.items():
        ids = catalogue.get(kind) or {}
        prop = models.get(model, {}).get("properties", {}).get(field)
        if prop is not None and ids:
            _restrict(prop, ids)


def _restrict(prop: dict[str, Any], ids: Mapping[str, str]) -> None:
    """Put the ids on the string schema of an id (inside a list or an optional value too)."""
    if prop.get("type") == "array":
        _restrict(prop["items"], ids)
        return
    if "anyOf" in prop:
        for option in prop["anyOf"]:
            if option.get("type") == "string":
                _restrict(option, ids)
        return
    if prop.get("type") == "string":
        ordered = sorted(ids)
        prop["enum"] = ordered
        prop["enumDescriptions"] = [ids[i] for i in ordered]
        prop["markdownEnumDescriptions"] = [ids[i] for i in ordered]


def write_schemas(directory: Path, catalogue: Catalogue | None = None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas(catalogue).items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def schema_comment(kind: str, depth: int) -> str:
    """The first line of a content file at `depth` folders below content/."""
    prefix = "../" * (depth + 1)
    return f"# yaml-language-server: $schema={prefix}schema/{schema_file_name(kind)}"
