"""The one registry of record kinds: what each kind is called, its model, and how it is filed.

Adding a kind of record is one entry here (plus its model in cimo/model.py): loading, validation,
the linked graph, the JSON download and the record counts all loop over `KINDS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel, create_model

from cimo import model


@dataclass(frozen=True)
class RecordKind:
    """One kind of record in a knowledge base."""

    name: str  # singular, as in graph node keys: "mechanism"
    plural: str  # folder under content/ and attribute of ContentSet/KnowledgeBase: "mechanisms"
    model: type[model.Strict]
    #: True: every file holds one record (mechanisms/rolmodellen.yaml). False: a file holds a
    #: list under the plural key (organisations/nijmegen.yaml → `organisations: [...]`).
    one_per_file: bool
    label: str  # Dutch, for messages to editors: "mechanisme"

    @cached_property
    def document_model(self) -> type[BaseModel]:
        """What one YAML file of this kind validates against."""
        if self.one_per_file:
            return self.model
        wrapper: type[BaseModel] = create_model(  # type: ignore[call-overload]
            f"{self.model.__name__}Catalogue",
            __base__=model.Strict,
            __doc__=f"A file of {self.plural}: a list under the key '{self.plural}'.",
            **{self.plural: (list[self.model], ...)},  # type: ignore[name-defined]
        )
        return wrapper


KINDS: tuple[RecordKind, ...] = (
    RecordKind("programme", "programmes", model.Programme, True, "programma"),
    RecordKind("intervention", "interventions", model.Intervention, True, "interventie"),
    RecordKind("mechanism", "mechanisms", model.Mechanism, True, "mechanisme"),
    RecordKind("outcome", "outcomes", model.Outcome, True, "uitkomst"),
    RecordKind("theme", "themes", model.Theme, False, "thema"),
    RecordKind("area", "areas", model.Area, False, "gebied"),
    RecordKind("organisation", "organisations", model.Organisation, False, "organisatie"),
    RecordKind("source", "sources", model.Source, False, "bron"),
    # Yearly reports (results, money spent, reach, experiences) live apart from the plan's
    # files, so `cimo monitor import` writes only files it made and never a hand-written plan.
    RecordKind("report", "reports", model.Report, True, "verslag"),
)
BY_PLURAL: dict[str, RecordKind] = {kind.plural: kind for kind in KINDS}
BY_NAME: dict[str, RecordKind] = {kind.name: kind for kind in KINDS}
