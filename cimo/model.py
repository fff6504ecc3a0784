"""The typed content model of a CIMO knowledge base (pydantic v2).

Every YAML file under ``content/`` validates against one of the document models at the end of
this module. Field descriptions double as the help text of the published JSON Schemas, so a
policy writer's editor shows them while typing.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
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
Direction = Literal["hoger", "lager"]


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
    direction: Direction = Field(
        default="hoger",
        description="Wat beter is: 'hoger' (meer is beter, zo staat het als u niets invult) of "
        "'lager' (minder is beter, bijvoorbeeld schooluitval of wachttijd).",
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
    programme: Slug | None = Field(default=None, description="Programme id, if part of one.")
    programme_line: Slug | None = Field(default=None, description="Line id within the programme.")
    organisations: list[Slug] = Field(default_factory=list, description="Who carries it out.")
    period: Period | None = None
    status: Status = Status.unknown
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


# -- Monitoring: what the programme measures, and yearly reports of what happened ------------


class ProgrammeIndicator(Strict):
    """Een indicator van het hele programma, niet van één interventie."""

    id: Slug
    name: Text = Field(description="De indicator zoals de bron hem noemt, woord voor woord.")
    description: str | None = Field(
        default=None, description="Wat de indicator meet, in gewone woorden."
    )
    measured_by: str | None = Field(default=None, description="Wie het meet of bijhoudt.")
    frequency: str | None = Field(default=None, description="Hoe vaak, bijvoorbeeld 'jaarlijks'.")
    reported_in: str | None = Field(
        default=None,
        description="Waar het wordt gemeld, bijvoorbeeld 'jaarlijkse voortgangsrapportage'.",
    )
    targets: dict[Year, TargetValue] = Field(
        default_factory=dict, description="Streefwaarde per jaar, precies zoals de bron die geeft."
    )
    target_note: str | None = Field(
        default=None,
        description="Uitleg als er geen streefwaarde per jaar is, bijvoorbeeld "
        "'geen doel in getallen'.",
    )
    direction: Direction = Field(
        default="hoger", description="Wat beter is: 'hoger' of 'lager' (minder is beter)."
    )
    sources: list[SourceRef] = Field(default_factory=list, description="Waar de bron dit zegt.")


class MonitoringPlan(Strict):
    """Hoe een programma de voortgang meet en aan de raad laat zien."""

    description: Text = Field(
        description="Hoe de gemeente meet en verantwoordt, in gewone woorden."
    )
    reported_to: str | None = Field(
        default=None, description="Aan wie, bijvoorbeeld 'de gemeenteraad'."
    )
    frequency: str | None = Field(default=None, description="Hoe vaak, bijvoorbeeld 'jaarlijks'.")
    indicators: list[ProgrammeIndicator] = Field(
        default_factory=list, description="Indicatoren van het hele programma."
    )
    quantitative: list[Text] = Field(
        default_factory=list,
        description="Welke getallen worden verzameld (bereik, geld per school of gebied).",
    )
    qualitative: list[Text] = Field(
        default_factory=list,
        description="Welke verhalen en ervaringen worden opgehaald, en door wie.",
    )
    data_sources: list[Text] = Field(
        default_factory=list,
        description="Databronnen die de bron noemt, bijvoorbeeld 'stadsmonitor'.",
    )
    caveats: list[Text] = Field(
        default_factory=list,
        description="Kanttekeningen, bijvoorbeeld dat effecten in de stad niet aan het plan "
        "zijn toe te schrijven.",
    )
    sources: list[SourceRef] = Field(default_factory=list, description="Waar de bron dit zegt.")


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
    existing_activities: list[ExistingActivity] = Field(default_factory=list)
    chain: CimoChain | None = None
    monitoring: MonitoringPlan | None = Field(
        default=None,
        description="Hoe het programma meet en verantwoordt: indicatoren van het hele "
        "programma, databronnen en kanttekeningen.",
    )
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


ReachGroup = Literal[
    "kinderen",
    "jongeren",
    "leerlingen",
    "ouders",
    "professionals",
    "scholen",
    "locaties",
    "groepen",
]
ExperienceRole = Literal["kind", "jongere", "ouder", "school", "professional", "uitvoerder"]
ReportedValue = int | float | str


class IndicatorResult(Strict):
    """Wat er echt gemeten is voor één indicator in het jaar van het verslag."""

    indicator: Slug = Field(
        description="Id van de indicator (van de interventie of van het programma)."
    )
    value: ReportedValue = Field(
        description="De waarde zoals gemeld: een getal (512 of 83.7) of tekst als er geen getal is."
    )
    kind: Literal["uitkomst", "nulmeting"] = Field(
        default="uitkomst",
        description="'uitkomst': wat er gebeurde. 'nulmeting': de stand van vóór de interventie.",
    )
    date: dt.date | None = Field(
        default=None, description="De datum die de waarde beschrijft, bijvoorbeeld 2024-12-31."
    )
    date_note: str | None = Field(
        default=None, description="Uitleg bij de datum als die niet precies bekend is."
    )
    reported_by: str | None = Field(
        default=None, description="Wie de waarde meldt (een organisatie, geen naam)."
    )
    note: str | None = Field(default=None, description="Toelichting van de melder of de redactie.")
    sources: list[SourceRef] = Field(default_factory=list, description="Waar de waarde staat.")


class Reach(Strict):
    """Hoeveel kinderen, ouders, professionals of scholen zijn bereikt."""

    who: ReachGroup = Field(
        description="Wie: kinderen, jongeren, leerlingen, ouders, professionals, scholen, "
        "locaties of groepen."
    )
    count: int | str = Field(
        description="Het aantal: een getal, of tekst zoals de bron het zegt ('zo’n honderden')."
    )
    area: Slug | None = Field(
        default=None, description="Id uit de lijst met gebieden, als het bereik in één gebied is."
    )
    place: str | None = Field(
        default=None, description="Gebied of school in woorden, als die niet in de lijst staat."
    )
    planned: bool = Field(
        default=False,
        description="true als de bron zegt wat er gaat gebeuren, niet wat er gebeurde.",
    )
    note: str | None = Field(default=None, description="Toelichting.")
    sources: list[SourceRef] = Field(default_factory=list, description="Waar het aantal staat.")


class SpentPart(Strict):
    """Een deel van het uitgegeven geld, voor één gebied, school of doelgroep."""

    amount: Euro
    area: Slug | None = Field(default=None, description="Id uit de lijst met gebieden.")
    place: str | None = Field(default=None, description="Gebied, school of doelgroep in woorden.")


class Experience(Strict):
    """Een korte, anonieme ervaring. Nooit een naam, e-mailadres of telefoonnummer."""

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)] = (
        Field(description="De ervaring in een paar zinnen, zonder namen.")
    )
    role: ExperienceRole = Field(
        description="Van wie: kind, jongere, ouder, school, professional of uitvoerder."
    )
    note: str | None = Field(
        default=None, description="Toelichting, bijvoorbeeld wie het vertelde (zonder naam)."
    )
    sources: list[SourceRef] = Field(default_factory=list, description="Waar de ervaring staat.")


class Report(Strict):
    """Het verslag van één jaar voor één interventie of één programma.

    Eén bestand per jaar: content/reports/<jaar>/<interventie>-<jaar>.yaml. `cimo monitor import`
    schrijft deze bestanden; u kunt ze ook met de hand maken.
    """

    id: Slug = Field(
        description="De id van de interventie of het programma, een streepje en het jaar: "
        "'jinc-2024'."
    )
    year: Year = Field(description="Het jaar waar het verslag over gaat.")
    intervention: Slug | None = Field(default=None, description="Id van de interventie.")
    programme: Slug | None = Field(
        default=None, description="Id van het programma (voor indicatoren van het hele programma)."
    )
    as_of: dt.date | None = Field(
        default=None, description="Stand per: de datum tot waar het verslag gaat."
    )
    reported_by: str | None = Field(
        default=None, description="Wie het verslag maakte (een organisatie, geen naam)."
    )
    reported_in: str | None = Field(
        default=None,
        description="Waar het vandaan komt, bijvoorbeeld de naam van het ingevulde Excel-bestand.",
    )
    results: list[IndicatorResult] = Field(
        default_factory=list, description="Gemeten waarden per indicator."
    )
    spent: Euro | None = Field(
        default=None, description="Geld dat echt is uitgegeven in dit jaar, in hele euro's."
    )
    spent_note: str | None = Field(default=None, description="Toelichting bij het uitgegeven geld.")
    spent_parts: list[SpentPart] = Field(
        default_factory=list,
        description="Het uitgegeven geld per gebied, school of doelgroep, als dat bekend is.",
    )
    reach: list[Reach] = Field(
        default_factory=list,
        description="Wie er bereikt zijn, per gebied of school als dat bekend is.",
    )
    experiences: list[Experience] = Field(
        default_factory=list,
        description="Korte, anonieme ervaringen van kinderen, ouders, scholen.",
    )
    notes: list[Text] = Field(
        default_factory=list, description="Opmerkingen, bijvoorbeeld wat nog ontbreekt."
    )
    sources: list[SourceRef] = Field(default_factory=list, description="Bronnen van dit verslag.")

    @model_validator(mode="after")
    def _one_subject(self) -> Report:
        subjects = [s for s in (self.intervention, self.programme) if s]
        if len(subjects) != 1:
            raise PydanticCustomError(
                "report_subject", "vul precies één van 'intervention' en 'programme' in", {}
            )
        if self.id != f"{subjects[0]}-{self.year}":
            raise PydanticCustomError(
                "report_id",
                "de id moet '{want}' zijn (id en jaar)",
                {"want": f"{subjects[0]}-{self.year}"},
            )
        return self

    @property
    def subject(self) -> str:
        return self.intervention or self.programme or ""
