"""Commands on the content: validate, new, schema, init."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from cimo.catalogue_list import catalogue_names
from cimo.knowledge_base import check_knowledge_base
from cimo.load import display_path, load_content
from cimo.schema_files import write_schemas
from cimo.starter import starter_clash, starter_path, starter_text
from cimo.starter_kb import write_starter_knowledge_base
from cimo.validate import validate_documents
from cimo_cli.main import (
    CONTENT_OPTION,
    content_dir,
    fail,
    knowledge_base_folder,
    main,
    plural,
    records_cache,
    report,
    summary_line,
)

_ID = r"[a-z0-9]+(-[a-z0-9]+)*"


@main.command()
@CONTENT_OPTION
@click.option("--strict", is_flag=True, help="Tel waarschuwingen als fouten.")
def validate(content_given: Path | None, strict: bool) -> None:
    """Controleer alle inhoud en meld elk probleem met bestand en regel.

    Schrijft niets (alleen een bestaande .cimo-cache/ onthoudt wat al gecontroleerd is).
    Stopt met code 1 als er fouten zijn.
    """
    folder = content_dir(content_given)
    content, problems = check_knowledge_base(folder, records_cache())
    errors, warnings = report(problems)
    if errors or (strict and warnings):
        click.echo(f"{summary_line(errors, warnings)} Er is niets veranderd.", err=True)
        sys.exit(1)
    click.echo(
        f"De inhoud is in orde: {len(content.programmes)} programma('s), "
        f"{len(content.interventions)} interventie(s), {len(content.mechanisms)} "
        f"mechanisme(n), {len(content.outcomes)} uitkomst(en); "
        f"{plural(warnings, 'waarschuwing', 'waarschuwingen')}."
    )


@main.group()
def new() -> None:
    """Begin een nieuw bestand met inhoud, vanuit een voorbeeld met uitleg."""


@new.command("intervention")
@click.argument("intervention_id")
@CONTENT_OPTION
@click.option(
    "--group",
    help="Id van de organisatie die eigenaar is; ook de map in content/interventions/, "
    "bijvoorbeeld 'gemeente-nijmegen' (standaard: 'home' uit cimo.yml).",
)
def new_intervention(intervention_id: str, content_given: Path | None, group: str | None) -> None:
    """Schrijf content/interventions/GROEP/INTERVENTION_ID.yaml om in te vullen.

    Het bestand is pas in orde als elke "NOG INVULLEN" is vervangen. Een bestaand bestand wordt
    nooit overschreven.
    """
    if not re.fullmatch(_ID, intervention_id):
        raise click.BadParameter(
            "gebruik kleine letters, cijfers en streepjes, bijvoorbeeld 'huiswerkklas'",
            param_hint="INTERVENTION_ID",
        )
    if group is not None and not re.fullmatch(_ID, group):
        raise click.BadParameter(
            "gebruik kleine letters, cijfers en streepjes", param_hint="--group"
        )
    folder = content_dir(content_given)
    owner = group or knowledge_base_folder().config.home
    documents, _ = load_content(folder)
    content, _ = validate_documents(documents)
    organisations = sorted(o.model.id for o in content.organisations)
    if owner is None:
        fail(
            "Zeg van welke organisatie de interventie is: --group ORGANISATIE-ID. "
            "Er is niets geschreven.",
            "Kies uit: " + ", ".join(organisations) if organisations else None,
        )
    path = starter_path(folder, intervention_id, owner)
    clash = starter_clash(folder, intervention_id, path, documents)
    if clash:
        fail(f"{clash}; er is niets geschreven.")
    if organisations and owner not in organisations:
        fail(
            f"organisatie '{owner}' bestaat niet; er is niets geschreven.",
            "Kies uit: " + ", ".join(organisations),
        )
    depth = len(path.relative_to(folder).parts) - 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # never through a link or over a file
            handle.write(starter_text(intervention_id, owner, depth))
    except OSError as exc:
        where = exc.filename or path  # the folder, when that is what could not be made
        fail(
            f"kan {display_path(Path(where))} niet schrijven: {exc.strerror}; "
            "er is niets geschreven."
        )
    click.echo(
        f"Geschreven: {display_path(path)}. Vervang elke NOG INVULLEN en nog-invullen, "
        "en controleer dan met: cimo validate"
    )


@main.command()
def schema() -> None:
    """Maak de JSON Schema's in schema/ opnieuw, met de ids uit de inhoud."""
    folder = knowledge_base_folder()
    documents, problems = load_content(folder.content)
    for path in write_schemas(folder.schema, catalogue_names(documents)):
        click.echo(f"Geschreven: {display_path(path)}")
    if problems:
        report(problems)
        click.echo(
            "Let op: ids uit bestanden met fouten staan niet in de schema's. Los de fouten op "
            "en voer cimo schema opnieuw uit.",
            err=True,
        )


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--name", default="Kennisbank", show_default=True, help="De naam van de site.")
def init(folder: Path, name: str) -> None:
    """Begin een nieuwe kennisbank in MAP (nieuw of leeg): instellingen, een voorbeeld, schema's.

    Er wordt niets overschreven.
    """
    written = write_starter_knowledge_base(folder, name)
    click.echo(
        f"{len(written)} bestanden geschreven in {folder}. Daarna: cd {folder} && cimo build"
    )
