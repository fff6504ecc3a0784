"""Validated content: every model together with where it was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pydantic import BaseModel

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
    """All valid models of a run, grouped by kind, in file order."""

    programmes: list[Located[Programme]] = field(default_factory=list)
    interventions: list[Located[Intervention]] = field(default_factory=list)
    mechanisms: list[Located[Mechanism]] = field(default_factory=list)
    outcomes: list[Located[Outcome]] = field(default_factory=list)
    themes: list[Located[Theme]] = field(default_factory=list)
    areas: list[Located[Area]] = field(default_factory=list)
    organisations: list[Located[Organisation]] = field(default_factory=list)
    sources: list[Located[Source]] = field(default_factory=list)

    def catalogue(self, kind: str) -> list[Located[BaseModel]]:
        return getattr(self, kind)  # type: ignore[no-any-return]


CATALOGUE_KINDS = ("mechanisms", "outcomes", "themes", "areas", "organisations", "sources")
#: Every kind of record, as attribute names of ContentSet and KnowledgeBase.
RECORD_KINDS = ("programmes", "interventions", *CATALOGUE_KINDS)
