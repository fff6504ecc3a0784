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
    Field(description="Id: kleine letters, cijfers en streepjes, bijvoorbeeld 'rolmodellen'."),
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
Year = Annotated[int, Field(ge=1900, le=2100, description="Jaartal in cijfers, bijvoorbeeld 2025.")]
Euro = Annotated[
    int,
    Field(ge=0, description="Bedrag in hele euro's: alleen cijfers, zonder punt of €: 250000."),
]
Url = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[^\s<>\"']+$", max_length=500),
    Field(description="Een openbaar webadres dat begint met https:// (of http://)."),
]


class Provenance(StrEnum):
    """'stated': de bron zegt dit. 'inferred': dit is uw eigen lezing van de bron."""

    stated = "stated"
    inferred = "inferred"


class SchoolLevel(StrEnum):
    """Schoolsoort: vve, po, so, vo, vso, pro, vmbo, havo, vwo, mbo, hbo of wo."""

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
    """Stand van zaken: planned (gepland), running (loopt), completed (klaar), unknown."""

    planned = "planned"
    running = "running"
    completed = "completed"
    unknown = "unknown"


class Strict(BaseModel):
    """Base for all content models: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class SourceRef(Strict):
    source: Slug = Field(description="Id van een bron uit content/sources/ (cimo list sources).")
    section: str | None = Field(
        default=None,
        description="Paragraaf, tabel of pagina in de bron, tussen aanhalingstekens: '3.1.1'.",
    )


class Period(Strict):
    """Looptijd: eerste en laatste jaar."""

    start: Year = Field(description="Eerste jaar, bijvoorbeeld 2023.")
    end: Year | None = Field(
        default=None, description="Laatste jaar; laat weg als er geen einde is."
    )


class AgeRange(Strict):
    """Leeftijd van de doelgroep in hele jaren: {min: 10, max: 15}."""

    min: int = Field(ge=0, le=30, description="Jongste leeftijd in jaren.")
    max: int = Field(ge=0, le=30, description="Oudste leeftijd in jaren.")


class Claim(Strict):
    """Een deel van de CIMO-redenering, met of de bron het zegt en waar het staat."""

    provenance: Provenance = Field(
        description="'stated' als de bron dit zegt; 'inferred' als het uw eigen lezing van de "
        "bron is."
    )
    sources: list[SourceRef] = Field(
        default_factory=list,
        description="Waar dit staat; leeg betekent: de bronnen van de interventie zelf.",
    )


class ContextFactor(Claim):
    """Een feit over de context, bijvoorbeeld een cijfer over de wijk."""

    description: Text = Field(description="Het feit, in een gewone zin.")
    figure: str | None = Field(
        default=None,
        description="Het cijfer precies zoals de bron het geeft, tussen aanhalingstekens: '41%'.",
    )


class Context(Claim):
    """C: de context. Voor wie is de interventie, waar, en welk probleem speelt er?"""

    target_group: Text = Field(description="Voor wie de interventie is.")
    age_range: AgeRange | None = Field(
        default=None, description="Leeftijd van de doelgroep: {min: 10, max: 15}."
    )
    school_levels: list[SchoolLevel] = Field(
        default_factory=list, description="Schoolsoorten, bijvoorbeeld [po, vo]."
    )
    areas: list[Slug] = Field(
        default_factory=list, description="Ids van gebieden uit content/areas/ (cimo list areas)."
    )
    region: str | None = Field(default=None, description="Regio of stad, in woorden.")
    problem: Text = Field(description="Het probleem of de reden, in gewone woorden.")
    factors: list[ContextFactor] = Field(
        default_factory=list, description="Feiten over de context, elk met hun bron."
    )


class InterventionDesign(Claim):
    """I: wat er gebeurt."""

    summary: Text = Field(description="Wat er gebeurt, in een paar zinnen.")
    activities: list[Text] = Field(
        default_factory=list, description="De activiteiten, elk op een eigen regel met '- '."
    )
    participants: str | None = Field(default=None, description="Wie meedoet of het uitvoert.")


class MechanismUse(Claim):
    """M: een mechanisme uit de catalogus en hoe het hier werkt."""

    mechanism: Slug = Field(
        description="Id van een mechanisme uit content/mechanisms/ (cimo list mechanisms)."
    )
    how: Text = Field(description="Hoe dit mechanisme bij deze interventie werkt.")


class OutcomeUse(Claim):
    """O: een uitkomst uit de catalogus, en via welke mechanismen die bereikt wordt."""

    outcome: Slug = Field(
        description="Id van een uitkomst uit content/outcomes/ (cimo list outcomes)."
    )
    via: list[Slug] = Field(
        min_length=1,
        description="De mechanismen (die onder 'mechanisms' staan) waardoor deze uitkomst "
        "bereikt wordt.",
    )
    description: str | None = Field(default=None, description="Wat de uitkomst hier betekent.")
    unmeasured: str | None = Field(
        default=None,
        description="Waarom geen indicator deze uitkomst meet (staat op de site), bijvoorbeeld "
        "'De bron noemt geen indicator voor deze uitkomst.' Dan volgt er geen waarschuwing.",
    )


TargetValue = int | float | str
Direction = Literal["hoger", "lager"]


class Indicator(Claim):
    """Een indicator: hoe het resultaat gemeten wordt, met doelen per jaar."""

    id: Slug = Field(description="Id van de indicator, uniek in dit bestand: 'bereik'.")
    name: Text = Field(description="De indicator zoals de bron hem noemt.")
    kind: Literal["output", "outcome"] = Field(
        description="'output': wat er gedaan wordt (aantallen); 'outcome': wat het oplevert."
    )
    unit: str | None = Field(default=None, description="Eenheid, bijvoorbeeld 'leerlingen'.")
    targets: dict[Year, TargetValue] = Field(
        default_factory=dict,
        description="Doel per jaar zoals de bron het geeft: {2025: 1140}. Een getal zonder "
        'punt (1140, niet 1.140); tekst tussen aanhalingstekens: "minimaal 12".',
    )
    target_note: str | None = Field(
        default=None, description="Een doel dat niet per jaar is, bijvoorbeeld 'geen doelstelling'."
    )
    measured_by: str | None = Field(default=None, description="Wie het meet of registreert.")
    measures: list[Slug] = Field(
        default_factory=list,
        description="Ids van uitkomsten (die onder 'outcomes' staan) die deze indicator meet.",
    )
    direction: Direction = Field(
        default="hoger",
        description="Wat beter is: 'hoger' (meer is beter, zo staat het als u niets invult) of "
        "'lager' (minder is beter, bijvoorbeeld schooluitval of wachttijd).",
    )


class Budget(Strict):
    """Het geld voor de interventie."""

    amounts: dict[Year, Euro] = Field(
        default_factory=dict,
        description="Hele euro's per jaar, zonder punt of €: {2025: 250000}.",
    )
    in_programme_budget: bool = Field(
        default=True,
        description="false als het geld niet uit de begroting van het programma komt; dan telt "
        "het niet mee in de totalen van het programma. Schrijf true of false.",
    )
    funding: str | None = Field(default=None, description="Waar het geld vandaan komt.")
    note: str | None = Field(default=None, description="Toelichting bij de bedragen.")
    sources: list[SourceRef] = Field(default_factory=list, description="Waar de bedragen staan.")


class Evidence(Claim):
    """Onderzoek of een meting die laat zien of de interventie werkt."""

    title: Text = Field(description="Titel van het onderzoek of de meting.")
    kind: Literal["study", "impact-measurement", "evaluation", "monitor", "other"] = Field(
        description="Soort: study, impact-measurement, evaluation, monitor of other."
    )
    by: str | None = Field(default=None, description="Wie het onderzoek of de meting deed.")
    year: Year | None = Field(default=None, description="Jaar van het onderzoek: 2022.")
    finding: Text = Field(description="Wat eruit kwam, in gewone woorden.")
    supports: list[Slug] = Field(
        default_factory=list, description="Ids van uitkomsten die dit onderzoek ondersteunt."
    )


class Intervention(Strict):
    """Een interventie in CIMO-vorm: één bestand in content/interventions/EIGENAAR/."""

    id: PageId = Field(description="Id van de interventie; gelijk aan de bestandsnaam.")
    title: Text = Field(description="Naam van de interventie.")
    owner: Slug = Field(
        description="Id van de organisatie (gemeente of netwerk) die de interventie beschrijft, "
        "bijvoorbeeld 'gemeente-nijmegen'; gelijk aan de map."
    )
    programme: Slug | None = Field(
        default=None, description="Id van het programma, als de interventie daarbij hoort."
    )
    programme_line: Slug | None = Field(
        default=None, description="Id van de lijn binnen dat programma."
    )
    organisations: list[Slug] = Field(
        default_factory=list,
        description="Ids van de organisaties die het uitvoeren (cimo list organisations).",
    )
    period: Period | None = Field(default=None, description="Looptijd: {start: 2023, end: 2026}.")
    status: Status = Field(
        default=Status.unknown,
        description="planned (gepland), running (loopt), completed (klaar) of unknown.",
    )
    website: Url | None = Field(default=None, description="Website van de interventie.")
    goal: str | None = Field(default=None, description="Het doel, zoals de bron het zegt.")
    context: Context = Field(description="C: voor wie, waar, en welk probleem.")
    intervention: InterventionDesign = Field(
        description="I: wat er gebeurt, en met welke activiteiten."
    )
    mechanisms: list[MechanismUse] = Field(
        default_factory=list, description="M: waarom het werkt, met mechanismen uit de catalogus."
    )
    outcomes: list[OutcomeUse] = Field(
        default_factory=list, description="O: wat het oplevert; uitkomsten uit de catalogus."
    )
    indicators: list[Indicator] = Field(
        default_factory=list, description="Hoe het resultaat gemeten wordt."
    )
    budget: Budget | None = Field(default=None, description="Het geld, per jaar.")
    evidence: list[Evidence] = Field(
        default_factory=list, description="Onderzoek dat laat zien of het werkt."
    )
    sources: list[SourceRef] = Field(
        min_length=1, description="De bronnen van deze beschrijving; minstens één."
    )
    themes: list[Slug] = Field(
        default_factory=list, description="Ids van thema's (cimo list themes)."
    )
    notes: list[Text] = Field(
        default_factory=list, description="Notities van de redactie, bijvoorbeeld twijfels."
    )


class ProgrammeLine(Strict):
    """Een lijn (onderdeel) van een programma."""

    id: Slug = Field(description="Id van de lijn.")
    title: Text = Field(description="Naam van de lijn.")
    description: str | None = Field(default=None, description="Korte uitleg.")


class BudgetRow(Strict):
    """Een begrotingsregel die geen interventie is (uitvoeringskosten, reserve)."""

    id: Slug = Field(description="Id van de regel.")
    title: Text = Field(description="Naam van de regel.")
    amounts: dict[Year, Euro] = Field(
        description="Hele euro's per jaar, zonder punt of €: {2025: 250000}."
    )
    note: str | None = Field(default=None, description="Toelichting.")


class ExistingActivity(Strict):
    """Een activiteit die al loopt, buiten het programma."""

    title: Text = Field(description="Naam van de activiteit.")
    description: str | None = Field(default=None, description="Korte uitleg.")
    amount: str | None = Field(
        default=None, description="Bedrag precies zoals de bron het geeft, als tekst."
    )
    organisations: list[Slug] = Field(
        default_factory=list, description="Ids van organisaties die het uitvoeren."
    )
    sources: list[SourceRef] = Field(default_factory=list, description="Waar het staat.")


class ChainStep(Claim):
    """Een stap in de CIMO-redenering van het programma."""

    name: Text = Field(description="Korte naam van de stap.")
    description: str | None = Field(default=None, description="Uitleg.")


class CimoChain(Strict):
    """De CIMO-redenering van het programma als geheel."""

    context: list[ChainStep] = Field(default_factory=list, description="C: de context.")
    interventions: list[ChainStep] = Field(
        default_factory=list, description="I: de interventies, in grote lijnen."
    )
    mechanisms: list[Slug] = Field(
        default_factory=list, description="M: ids van mechanismen (cimo list mechanisms)."
    )
    outcomes: list[Slug] = Field(
        default_factory=list, description="O: ids van uitkomsten (cimo list outcomes)."
    )
    sources: list[SourceRef] = Field(default_factory=list, description="Waar het staat.")


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
    """Een programma van een gemeente, bijvoorbeeld het plan van Nijmegen 2023-2026."""

    id: PageId = Field(description="Id van het programma; gelijk aan de bestandsnaam.")
    title: Text = Field(description="Naam van het programma.")
    owner: Slug = Field(description="Id van de organisatie (gemeente).")
    period: Period = Field(description="Looptijd: {start: 2023, end: 2026}.")
    summary: str | None = Field(default=None, description="Samenvatting in gewone woorden.")
    lines: list[ProgrammeLine] = Field(
        default_factory=list, description="De lijnen (onderdelen) van het programma."
    )
    principles: list[Text] = Field(default_factory=list, description="Uitgangspunten.")
    focus_areas: list[Slug] = Field(
        default_factory=list, description="Ids van gebieden waar het programma op let."
    )
    declared_totals: dict[Year, Euro] = Field(
        default_factory=dict,
        description="Totaal per jaar precies zoals het document het noemt, in hele euro's "
        "zonder punt. De begrotingen van de interventies en de andere regels moeten samen dit "
        "totaal zijn.",
    )
    other_budget_rows: list[BudgetRow] = Field(
        default_factory=list, description="Begrotingsregels die geen interventie zijn."
    )
    finance_notes: list[Text] = Field(
        default_factory=list, description="Toelichting bij de financiën."
    )
    existing_activities: list[ExistingActivity] = Field(
        default_factory=list, description="Activiteiten die al lopen, buiten het programma."
    )
    chain: CimoChain | None = Field(
        default=None, description="De CIMO-redenering van het programma als geheel."
    )
    monitoring: MonitoringPlan | None = Field(
        default=None,
        description="Hoe het programma meet en verantwoordt: indicatoren van het hele "
        "programma, databronnen en kanttekeningen.",
    )
    sources: list[SourceRef] = Field(
        min_length=1, description="De bronnen van deze beschrijving; minstens één."
    )


class CatalogueEntry(Strict):
    id: PageId = Field(description="Id; voor mechanismen en uitkomsten gelijk aan de bestandsnaam.")
    name: Text = Field(description="Nederlandse naam, te begrijpen zonder de bron erbij.")
    description: Text = Field(description="Uitleg in gewone woorden.")


class Mechanism(CatalogueEntry):
    """Een mechanisme: waarom een interventie werkt. Eén bestand per mechanisme."""


class Outcome(CatalogueEntry):
    """Een uitkomst: wat een interventie oplevert. Eén bestand per uitkomst."""


class Theme(CatalogueEntry):
    """Een thema waarmee interventies gegroepeerd worden."""


class Area(CatalogueEntry):
    """Een gebied: wijk, stadsdeel, gemeente of regio."""

    municipality: Slug = Field(description="Id van de organisatie (gemeente).")
    kind: Literal["wijk", "stadsdeel", "gemeente", "regio"] = Field(
        description="wijk, stadsdeel, gemeente of regio."
    )
    part_of: Slug | None = Field(
        default=None, description="Id van het gebied waarin dit gebied ligt."
    )


class Organisation(Strict):
    """Een organisatie: gemeente, netwerk, stichting, school, bedrijf of overheid."""

    id: PageId = Field(description="Id van de organisatie, bijvoorbeeld 'gemeente-nijmegen'.")
    name: Text = Field(description="Naam van de organisatie.")
    kind: Literal[
        "municipality", "network", "foundation", "school", "company", "government", "other"
    ] = Field(
        description="municipality (gemeente), network, foundation (stichting), school, "
        "company (bedrijf), government (overheid) of other."
    )
    description: str | None = Field(default=None, description="Korte uitleg.")
    website: Url | None = Field(default=None, description="Website van de organisatie.")


class Source(Strict):
    """Een brondocument."""

    id: Slug = Field(description="Id van de bron.")
    title: Text = Field(description="Titel van het document.")
    publisher: str | None = Field(default=None, description="Wie het uitgaf.")
    year: Year | None = Field(default=None, description="Jaar van uitgave.")
    document: str | None = Field(
        default=None, description="Bestandsnaam van de brontekst, zonder mappen."
    )
    url: Url | None = Field(default=None, description="Webadres van het document.")

    @field_validator("document")
    @classmethod
    def _plain_file_name(cls, value: str | None) -> str | None:
        if value is not None and ("/" in value or "\\" in value):
            raise ValueError("geef een bestandsnaam zonder mappen")
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
