"""The JSON Schemas of the content model, published for editors (yaml-language-server)."""

from __future__ import annotations

import json
from pathlib import Path

from cimo.kinds import KINDS


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def render_schemas() -> dict[str, str]:
    """File name → JSON text of every document kind's schema (deterministic)."""
    rendered = {}
    for kind in sorted(KINDS, key=lambda k: k.plural):
        schema = kind.document_model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = schema_file_name(kind.plural)
        rendered[schema_file_name(kind.plural)] = (
            json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        )
    return rendered


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def schema_comment(kind: str, depth: int) -> str:
    """The first line of a content file at `depth` folders below content/."""
    prefix = "../" * (depth + 1)
    return f"# yaml-language-server: $schema={prefix}schema/{schema_file_name(kind)}"
