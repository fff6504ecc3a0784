"""Validated content: every model together with where it was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from cimo.kinds import KINDS
from cimo.load import Document, Path_
from cimo.model import (
    Area,
    Intervention,
    Mechanism,
    Organisation,
    Outcome,
    Programme,
    Source,
    Theme,
)
from cimo.problems import Location

M = TypeVar("M", bound=BaseModel, covariant=True)


@dataclass(frozen=True)
class Located(Generic[M]):
    """A model and the place in a document it was read from."""

    model: M
    document: Document
    path: Path_ = ()

    def locate(self, *sub: str | int) -> Location:
        return self.document.locate((*self.path, *sub))

    def field_path(self, *sub: str | int) -> Path_:
        return (*self.path, *sub)


@dataclass
class ContentSet:
    """All valid models of a run, by kind (the plural of cimo.kinds), in file order."""

    records: dict[str, list[Located[Any]]] = field(
        default_factory=lambda: {kind.plural: [] for kind in KINDS}
    )

    def catalogue(self, kind: str) -> list[Located[Any]]:
        return self.records[kind]

    def count(self) -> int:
        return sum(len(entries) for entries in self.records.values())

    # Typed access for the kinds code refers to by name.
    @property
    def programmes(self) -> list[Located[Programme]]:
        return self.records["programmes"]

    @property
    def interventions(self) -> list[Located[Intervention]]:
        return self.records["interventions"]

    @property
    def mechanisms(self) -> list[Located[Mechanism]]:
        return self.records["mechanisms"]

    @property
    def outcomes(self) -> list[Located[Outcome]]:
        return self.records["outcomes"]

    @property
    def themes(self) -> list[Located[Theme]]:
        return self.records["themes"]

    @property
    def areas(self) -> list[Located[Area]]:
        return self.records["areas"]

    @property
    def organisations(self) -> list[Located[Organisation]]:
        return self.records["organisations"]

    @property
    def sources(self) -> list[Located[Source]]:
        return self.records["sources"]
