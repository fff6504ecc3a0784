"""Where ids are used: every field that holds the id of a record of some kind, found in the
data of a content file by walking it along the model (so a theme and a mechanism that share
an id, such as 'rolmodellen', are never confused)."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from cimo.kinds import BY_PLURAL
from cimo.load import Document, Path_

#: Which fields hold an id of which kind: (model name, field name) → kind (plural).
ID_FIELDS: dict[tuple[str, str], str] = {
    ("MechanismUse", "mechanism"): "mechanisms",
    ("OutcomeUse", "via"): "mechanisms",
    ("CimoChain", "mechanisms"): "mechanisms",
    ("OutcomeUse", "outcome"): "outcomes",
    ("Indicator", "measures"): "outcomes",
    ("Evidence", "supports"): "outcomes",
    ("CimoChain", "outcomes"): "outcomes",
    ("Intervention", "themes"): "themes",
    ("Context", "areas"): "areas",
    ("Programme", "focus_areas"): "areas",
    ("Area", "part_of"): "areas",
    ("Intervention", "owner"): "organisations",
    ("Intervention", "organisations"): "organisations",
    ("Programme", "owner"): "organisations",
    ("ExistingActivity", "organisations"): "organisations",
    ("Area", "municipality"): "organisations",
    ("Intervention", "programme"): "programmes",
    ("SourceRef", "source"): "sources",
}


@dataclass(frozen=True)
class IdUse:
    """One place where an id is written: a reference, or the record's own `id:`."""

    kind: str
    value: str
    document: Document
    path: Path_
    defines: bool = False


def id_uses(document: Document) -> Iterator[IdUse]:
    """Every id written in a document: references by kind, and the ids its records define."""
    kind = BY_PLURAL[document.kind]
    yield from _walk(document, document.data, kind.document_model, (), "", "")
    data = document.data if isinstance(document.data, dict) else {}
    if kind.one_per_file:
        if isinstance(data.get("id"), str):
            yield IdUse(kind.plural, data["id"], document, ("id",), defines=True)
        return
    entries = data.get(kind.plural)
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            path = (kind.plural, index, "id")
            yield IdUse(kind.plural, entry["id"], document, path, defines=True)


def _model(annotation: Any) -> type[BaseModel] | None:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model(arg)
            if found is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _items(annotation: Any) -> Any:
    """The annotation of the items of a list or the values of a dict."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _items(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if typing.get_origin(arg) in (list, dict):
                return _items(arg)
        return None
    if origin is list:
        return typing.get_args(annotation)[0]
    if origin is dict:
        return typing.get_args(annotation)[1]
    return None


def _walk(
    document: Document, value: Any, annotation: Any, path: Path_, model: str, field: str
) -> Iterator[IdUse]:
    if annotation is None:
        return
    record = _model(annotation)
    if isinstance(value, dict) and record is not None:
        for key, item in value.items():
            info = record.model_fields.get(key) if isinstance(key, str) else None
            if info is not None:
                yield from _walk(
                    document, item, info.annotation, (*path, key), record.__name__, key
                )
    elif isinstance(value, dict | list):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            yield from _walk(document, item, _items(annotation), (*path, key), model, field)
    elif isinstance(value, str):
        kind = ID_FIELDS.get((model, field))
        if kind is not None:
            yield IdUse(kind, value, document, path)
