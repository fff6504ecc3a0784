"""The typed content model of a CIMO knowledge base (pydantic v2).

Every YAML file under ``content/`` validates against one of the document models at the end of
this module. Field descriptions double as the help text of the published JSON Schemas, so a
policy writer's editor shows them while typing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic_core import PydanticCustomError

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=80),
    Field(description="Identifier: lowercase letters, digits and hyphens, e.g. 'rolmodellen'."),
]
#: Ids the site uses for its own pages in the folder of every kind that gets a page per id
#: (interventies/index.md is the list of interventions): an entry with such an id would replace
#: that page. The generator checks too: it refuses to write one page path twice.
RESERVED_IDS = frozenset({"index"})


def _not_reserved(value: str) -> str:
    if value in RESERVED_IDS:
        raise PydanticCustomError("reserved_id", "the id '{id}' is reserved", {"id": value})
    return value


PageId = Annotated[Slug, AfterValidator(_not_reserved)]
"""The id of something that gets its own page on the site."""
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Euro = Annotated[int, Field(ge=0, description="Amount in whole euros.")]
Url = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[^\s<>\"']+$", max_length=500),
    Field(description="A public web address starting with http:// or https://."),
]


class Provenance(StrEnum):
    """Whether the source document says this, or the editor concluded it."""

    stated = "stated"
    inferred = "inferred"


class SchoolLevel(StrEnum):
    vve = "vve"
    po = "po"
    so = "so"
    vo = "vo"
    vso = "vso"
    pro = "pro"
    vmbo = "vmbo"
    havo = "havo"
    vwo = "vwo"
    mbo = "mbo"
    hbo = "hbo"
    wo = "wo"


class Status(StrEnum):
    planned = "planned"
    running = "running"
    completed = "completed"
    unknown = "unknown"


class Strict(BaseModel):
    """Base for all content models: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class SourceRef(Strict):
    source: Slug = Field(description="Id of an entry in the sources catalogue.")
    section: str | None = Field(
        default=None, description="Section, table or page of the document, e.g. '3.1.1'."
    )


class Period(Strict):
    start: Year
    end: Year | None = Field(default=None, description="Last year; empty when open-ended.")


class AgeRange(Strict):
    min: int = Field(ge=0, le=30)
    max: int = Field(ge=0, le=30)


class Claim(Strict):
    """A CIMO element: records whether the source states it and where it comes from."""

    provenance: Provenance = Field(
        description="'stated' when the source document says this; 'inferred' when it is the "
        "editor's reading of the source."
    )
    sources: list[SourceRef] = Field(
        default_factory=list,
        description="Where this is stated; empty means the intervention's own sources.",
    )


class ContextFactor(Claim):
    description: Text
    figure: str | None = Field(
        default=None, description="The figure exactly as the source gives it, e.g. '41%'."
    )


class Context(Claim):
    target_group: Text = Field(description="Who the intervention is for.")
    age_range: AgeRange | None = None
    school_levels: list[SchoolLevel] = Field(default_factory=list)
    areas: list[Slug] = Field(default_factory=list, description="Ids from the areas catalogue.")
    region: str | None = Field(default=None, description="Region or city, in words.")
    problem: Text = Field(description="The problem or reason, in plain words.")
    factors: list[ContextFactor] = Field(default_factory=list)


class InterventionDesign(Claim):
    summary: Text
    activities: list[Text] = Field(default_factory=list)
    participants: str | None = Field(default=None, description="Who takes part or carries it out.")


class MechanismUse(Claim):
    mechanism: Slug = Field(description="Id from the mechanisms catalogue.")
    how: Text = Field(description="How this mechanism works in this intervention.")


class OutcomeUse(Claim):
    outcome: Slug = Field(description="Id from the outcomes catalogue.")
    via: list[Slug] = Field(
        min_length=1,
        description="The mechanisms (listed under 'mechanisms' above) this outcome comes through.",
    )
    description: str | None = Field(default=None, description="What the outcome means here.")
    unmeasured: str | None = Field(
        default=None,
        description="Why no indicator measures this outcome (shown on the site), e.g. 'De bron "
        "noemt geen indicator voor deze uitkomst.' Acknowledges the graph warning.",
    )


TargetValue = int | float | str


class Indicator(Claim):
    id: Slug
    name: Text = Field(description="The indicator as the source words it.")
    kind: Literal["output", "outcome"]
    unit: str | None = None
    targets: dict[Year, TargetValue] = Field(
        default_factory=dict, description="Target per year, exactly as the source gives it."
    )
    target_note: str | None = Field(
        default=None, description="A target that is not per year, e.g. 'geen doelstelling'."
    )
    measured_by: str | None = Field(default=None, description="Who measures or registers it.")
    measures: list[Slug] = Field(
        default_factory=list, description="Outcome ids this indicator gives evidence for."
    )


class Budget(Strict):
    amounts: dict[Year, Euro] = Field(default_factory=dict, description="Euros per year.")
    in_programme_budget: bool = Field(
        default=True,
        description="False when the money comes from outside the programme's budget; such "
        "amounts do not count towards the programme's declared totals.",
    )
    funding: str | None = Field(default=None, description="Where the money comes from.")
    note: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)


StatusDate = Annotated[
    str,
    StringConstraints(pattern=r"^(19|20)[0-9]{2}(-(0[1-9]|1[0-2]))?$"),
    Field(description="Year, or year and month, e.g. '2019-03'."),
]


class SourceStatement(Strict):
    """What one place in the sources says about something."""

    where: Text = Field(description="The place in the source, e.g. 'Tekst van 3.1.1'.")
    says: Text = Field(description="What it says there, with the figure as the source gives it.")


class Disagreement(Strict):
    """Two places in the sources that say different things, and what the knowledge base uses.

    The site shows it next to the figure it concerns and gathers all of a programme's
    disagreements on one page."""

    about: Text = Field(description="What it is about, in a few words, e.g. 'Bedrag 2024'.")
    statements: list[SourceStatement] = Field(
        min_length=1,
        description="What each place says. Usually two: the text and the table.",
    )
    we_use: Text = Field(description="What the knowledge base uses.")
    why: Text = Field(description="Why we use that.")
    years: list[Year] = Field(
        default_factory=list,
        description="The budget years whose amount this is about; empty when it is about the "
        "whole budget or not about money. The site puts a caveat next to those amounts.",
    )
    whole_budget: bool = Field(
        default=False,
        description="True when it is about all the budget amounts, not one year.",
    )
    budget_row: Slug | None = Field(
        default=None,
        description="On a programme: the id of the other budget row this is about, e.g. "
        "'overig-onvoorzien'.",
    )
    sources: list[SourceRef] = Field(default_factory=list)


class Evidence(Claim):
    title: Text
    kind: Literal["study", "impact-measurement", "evaluation", "monitor", "other"]
    by: str | None = Field(default=None, description="Who did the study or measurement.")
    year: Year | None = None
    finding: Text
    supports: list[Slug] = Field(
        default_factory=list, description="Outcome ids this evidence supports."
    )


class Intervention(Strict):
    """One intervention in CIMO form: one file under content/interventions/."""

    id: PageId
    title: Text
    owner: Slug = Field(
        description="Organisation id of the municipality or network it belongs to, e.g. "
        "'gemeente-nijmegen' or 'gelijke-kansen-alliantie'."
    )
    municipality: Slug | None = Field(
        default=None,
        description="Organisation id of the municipality where it runs and that pays for it, when "
        "the owner is a network, e.g. 'gemeente-nijmegen' for an Alliance initiative in Nijmegen.",
    )
    programme: Slug | None = Field(default=None, description="Programme id, if part of one.")
    programme_line: Slug | None = Field(default=None, description="Line id within the programme.")
    related_programme: Slug | None = Field(
        default=None,
        description="A programme this intervention is related to without being part of it (not "
        "one of its activities, money from another budget). Leave 'programme' empty then.",
    )
    organisations: list[Slug] = Field(default_factory=list, description="Who carries it out.")
    period: Period | None = None
    status: Status = Status.unknown
    status_date: StatusDate | None = Field(
        default=None,
        description="The date the status describes (usually the date of the source), e.g. "
        "'2019-03' for the Alliance booklet of March 2019.",
    )
    website: Url | None = None
    goal: str | None = Field(default=None, description="The goal as the source states it.")
    context: Context
    intervention: InterventionDesign
    mechanisms: list[MechanismUse] = Field(default_factory=list)
    outcomes: list[OutcomeUse] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    budget: Budget | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    sources: list[SourceRef] = Field(min_length=1)
    themes: list[Slug] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(
        default_factory=list,
        description="Where the sources say different things about this intervention.",
    )
    notes: list[Text] = Field(default_factory=list, description="Editor's notes, e.g. doubts.")


class ProgrammeLine(Strict):
    id: Slug
    title: Text
    description: str | None = None


class BudgetRow(Strict):
    """A budget row of the programme that is not an intervention (execution costs, reserve)."""

    id: Slug
    title: Text
    amounts: dict[Year, Euro]
    note: str | None = None


class FundingBalance(Strict):
    """The programme's balance per year: available money minus planned spending.

    Negative amounts are a shortfall (tekort)."""

    amounts: dict[Year, int] = Field(description="Euros per year; negative is a shortfall.")
    note: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class ExistingActivity(Strict):
    """An activity that already runs, outside the programme (context for the plan)."""

    title: Text
    description: str | None = None
    amount: str | None = Field(default=None, description="Amount exactly as the source gives it.")
    organisations: list[Slug] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class ChainStep(Claim):
    name: Text
    description: str | None = None


class CimoChain(Strict):
    """The CIMO reasoning for the programme as a whole."""

    context: list[ChainStep] = Field(default_factory=list)
    interventions: list[ChainStep] = Field(default_factory=list)
    mechanisms: list[Slug] = Field(default_factory=list)
    outcomes: list[Slug] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class Programme(Strict):
    """A municipality's programme, e.g. Nijmegen's plan 2023-2026."""

    id: PageId
    title: Text
    owner: Slug = Field(description="Organisation id of the municipality.")
    period: Period
    summary: str | None = None
    lines: list[ProgrammeLine] = Field(default_factory=list)
    principles: list[Text] = Field(default_factory=list)
    focus_areas: list[Slug] = Field(default_factory=list)
    declared_totals: dict[Year, Euro] = Field(
        default_factory=dict,
        description="Yearly totals exactly as the document declares them. When given, the sum "
        "of the interventions' budgets and the other rows must equal them.",
    )
    other_budget_rows: list[BudgetRow] = Field(default_factory=list)
    finance_notes: list[Text] = Field(default_factory=list)
    balance: FundingBalance | None = Field(
        default=None,
        description="Money available minus money planned, per year, as the document gives it.",
    )
    disagreements: list[Disagreement] = Field(
        default_factory=list,
        description="Where the sources say different things about the programme as a whole.",
    )
    existing_activities: list[ExistingActivity] = Field(default_factory=list)
    chain: CimoChain | None = None
    sources: list[SourceRef] = Field(min_length=1)


class CatalogueEntry(Strict):
    id: PageId
    name: Text = Field(description="Dutch name, understandable without the source at hand.")
    description: Text


class Mechanism(CatalogueEntry):
    pass


class Outcome(CatalogueEntry):
    pass


class Theme(CatalogueEntry):
    pass


class Area(CatalogueEntry):
    municipality: Slug = Field(description="Organisation id of the municipality.")
    kind: Literal["wijk", "stadsdeel", "gemeente", "regio"]
    part_of: Slug | None = Field(default=None, description="Area id this area lies in.")


class Organisation(Strict):
    id: PageId
    name: Text
    kind: Literal[
        "municipality", "network", "foundation", "school", "company", "government", "other"
    ]
    description: str | None = None
    website: Url | None = None


class Source(Strict):
    id: Slug
    title: Text
    publisher: str | None = None
    year: Year | None = None
    document: str | None = Field(default=None, description="File name of the source text.")
    url: Url | None = None

    @field_validator("document")
    @classmethod
    def _plain_file_name(cls, value: str | None) -> str | None:
        if value is not None and ("/" in value or "\\" in value):
            raise ValueError("give a file name without folders")
        return value
