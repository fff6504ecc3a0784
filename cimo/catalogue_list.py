"""Which ids exist per kind, with their names, where each is defined and how often it is used
(`cimo list KIND`, and the ids `cimo schema` writes into the JSON Schemas)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from cimo.kinds import BY_NAME, BY_PLURAL, KINDS, RecordKind
from cimo.load import Document
from cimo.problems import Location
from cimo.references import IdUse, id_uses


@dataclass(frozen=True)
class CatalogueRow:
    id: str
    name: str
    defined_at: Location
    used_by: int  # how many files refer to it


def record_kind(name: str) -> RecordKind | None:
    """A kind by its folder name (mechanisms) or singular (mechanism)."""
    return BY_PLURAL.get(name) or BY_NAME.get(name)


def kind_names() -> str:
    return ", ".join(kind.plural for kind in KINDS)


def _name(document: Document, use: IdUse) -> str:
    record: Any = document.data
    for part in use.path[:-1]:
        record = record[part]
    value = record.get("name") or record.get("title") or ""
    return value if isinstance(value, str) else ""


def catalogue_rows(documents: list[Document], kind: str) -> list[CatalogueRow]:
    """The ids of one kind, in id order."""
    uses = [use for document in documents for use in id_uses(document) if use.kind == kind]
    used_by = Counter(
        value for value, _ in {(u.value, u.document.file) for u in uses if not u.defines}
    )
    rows = {}
    for use in uses:
        if use.defines and use.value not in rows:
            rows[use.value] = CatalogueRow(
                use.value,
                _name(use.document, use),
                use.document.locate(use.path),
                used_by[use.value],
            )
    return [rows[key] for key in sorted(rows)]


def catalogue_names(documents: list[Document]) -> dict[str, dict[str, str]]:
    """Every kind's ids with their names (for the JSON Schemas)."""
    return {
        kind.plural: {row.id: row.name for row in catalogue_rows(documents, kind.plural)}
        for kind in KINDS
    }
