"""`cimo init`: a new knowledge base that validates, with the example's ids in its schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cimo.errors import CimoError
from cimo.knowledge_base import check_knowledge_base
from cimo.starter_kb import write_starter_knowledge_base


def enums(node: Any) -> set[str]:
    """Every id offered anywhere in a schema."""
    found: set[str] = set()
    if isinstance(node, dict):
        found |= set(node.get("enum", []))
        for value in node.values():
            found |= enums(value)
    elif isinstance(node, list):
        for value in node:
            found |= enums(value)
    return found


def test_a_new_knowledge_base_validates_and_its_schemas_offer_its_ids(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    written = write_starter_knowledge_base(folder, "Kennisbank Voorbeeld")
    assert all(p.is_file() for p in written)
    _, problems = check_knowledge_base(folder / "content")
    assert [p.format() for p in problems] == []
    schema = json.loads((folder / "schema/interventions.schema.json").read_text("utf-8"))
    offered = enums(schema)
    assert {"rolmodellen", "meer-zelfvertrouwen", "gemeente-voorbeeld"} <= offered


def test_init_refuses_a_folder_with_something_in_it_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CimoError, match="niet nieuw of leeg"):
        write_starter_knowledge_base(folder, "X")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
