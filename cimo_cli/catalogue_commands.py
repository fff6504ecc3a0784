"""Commands on ids: list what exists, rename one everywhere."""

from __future__ import annotations

from pathlib import Path

import click

from cimo.catalogue_list import catalogue_rows, kind_names, record_kind
from cimo.kinds import RecordKind
from cimo.load import load_content
from cimo.rename import apply_plan, check_plan, plan_rename
from cimo_cli.main import CONTENT_OPTION, content_dir, fail, main, report


def _kind(name: str) -> RecordKind:
    kind = record_kind(name)
    if kind is None:
        fail(f"'{name}' is geen soort inhoud.", f"Kies uit: {kind_names()}")
    return kind


@main.command("list")
@click.argument("kind_name", metavar="SOORT")
@CONTENT_OPTION
def list_ids(kind_name: str, content_given: Path | None) -> None:
    """Toon de ids van één SOORT (bijvoorbeeld mechanisms): naam, waar, hoe vaak gebruikt."""
    kind = _kind(kind_name)
    documents, problems = load_content(content_dir(content_given))
    rows = catalogue_rows(documents, kind.plural)
    width = max((len(row.id) for row in rows), default=2)
    click.echo(f"{'id':<{width}}  gebruikt  naam  (waar)")
    for row in rows:
        click.echo(f"{row.id:<{width}}  {row.used_by:>8}  {row.name}  ({row.defined_at})")
    click.echo(f"{len(rows)} {kind.plural}. 'gebruikt': in hoeveel bestanden de id voorkomt.")
    if problems:
        report(problems)
        click.echo("Bestanden met fouten zijn overgeslagen (zie hierboven).", err=True)


@main.command()
@click.argument("kind_name", metavar="SOORT")
@click.argument("old", metavar="OUD")
@click.argument("new", metavar="NIEUW")
@CONTENT_OPTION
@click.option("--apply", "apply", is_flag=True, help="Voer de wijzigingen echt uit.")
def rename(kind_name: str, old: str, new: str, content_given: Path | None, apply: bool) -> None:
    """Geef een id een nieuwe naam, in alle bestanden tegelijk.

    Zonder --apply ziet u alleen wat er zou veranderen. Alleen verwijzingen naar deze SOORT
    veranderen: een thema en een mechanisme met dezelfde id blijven apart.
    """
    kind = _kind(kind_name)
    folder = content_dir(content_given)
    plan = plan_rename(folder, kind, old, new)
    for change in plan.changes:
        for line, before, after in change.lines:
            click.echo(f"{change.path}:{line}:")
            click.echo(f"  - {before.strip()}")
            click.echo(f"  + {after.strip()}")
        if change.move_to is not None:
            click.echo(f"{change.path} → {change.move_to.name}")
    problems = check_plan(folder, plan)
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        fail(
            "Niet hernoemd: na deze wijziging zou de inhoud niet in orde zijn (zie hierboven). "
            "Er is niets veranderd."
        )
    files = len(plan.changes)
    summary = f"{plan.references} plaats(en) in {files} bestand(en)"
    if not apply:
        click.echo(f"Dit zou {summary} veranderen. Er is nog niets veranderd.")
        click.echo(f"Voer het uit met: cimo rename {kind.plural} {old} {new} --apply")
        return
    apply_plan(plan)
    click.echo(f"Hernoemd: '{old}' heet nu '{new}' ({summary}).")
    click.echo("Maak daarna de schema's opnieuw met: cimo schema")
