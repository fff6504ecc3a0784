"""`cimo monitor`: the providers' yearly spreadsheet, out (template) and back in (import)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import click

from cimo.knowledge_base import load_knowledge_base
from cimo.load import display_path
from cimo.spreadsheet import make_template
from cimo.spreadsheet_import import apply_import, plan_import
from cimo_cli.main import CONTENT_OPTION, content_dir, fail, main


@main.group()
def monitor() -> None:
    """Yearly results: a spreadsheet for providers, and reading it back into content."""


@monitor.command("template")
@CONTENT_OPTION
@click.option("--programme", "programme_id", required=True, help="Programme id.")
@click.option("--year", required=True, type=int, help="The year to report on.")
@click.option("--output", required=True, type=click.Path(path_type=Path, dir_okay=False))
def template(content_given: Path | None, programme_id: str, year: int, output: Path) -> None:
    """Write an Excel file (FILE.xlsx) a provider fills in for one programme and year.

    An existing file is never overwritten.
    """
    kb = load_knowledge_base(content_dir(content_given)).kb
    if programme_id not in kb.programmes:
        fail(
            f"Onbekend programma '{programme_id[:40]}'.",
            "Kies uit: " + ", ".join(sorted(kb.programmes)),
        )
    programme = kb.programmes[programme_id]
    end = programme.period.end or 2100
    if not programme.period.start <= year <= end:
        fail(
            f"{year} valt niet in de looptijd van het programma "
            f"({programme.period.start}-{programme.period.end or ''})."
        )
    if output.exists():
        fail(f"{display_path(output)} bestaat al; er is niets veranderd.", "Kies een andere naam.")
    members = [kb.interventions[i] for i in kb.interventions_of_programme(programme_id)]
    data = make_template(programme, members, year)
    with output.open("xb") as handle:  # never replaces a file that appeared meanwhile
        handle.write(data)
    click.echo(f"Sjabloon geschreven: {display_path(output)} ({len(members)} interventies).")


@monitor.command("import")
@CONTENT_OPTION
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--apply", "do_apply", is_flag=True, help="Write the changes (default: dry run).")
@click.option(
    "--overwrite", is_flag=True, help="Replace values that differ from the ones already stored."
)
def import_(content_given: Path | None, workbook: Path, do_apply: bool, overwrite: bool) -> None:
    """Read a filled-in template (FILE.xlsx) into content/reports/.

    First a dry run that shows what would change; --apply writes it. Nothing is written when
    any cell is wrong.
    """
    folder = content_dir(content_given)
    kb = load_knowledge_base(folder).kb
    try:
        plan = plan_import(kb, folder, workbook, overwrite)
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        fail(f"{display_path(workbook)} is geen Excel-bestand dat cimo kan lezen ({error}).")
    if plan.problems:
        for problem in plan.problems:
            click.echo(f"{display_path(workbook)}: {problem}", err=True)
        click.echo(f"{len(plan.problems)} probleem/problemen. Er is niets veranderd.", err=True)
        sys.exit(1)
    if not plan.changes:
        click.echo("Niets te doen: alles staat al in de kennisbank.")
        return
    for change in plan.changes:
        click.echo(f"{display_path(change.path)} ({'nieuw' if change.new else 'aangevuld'}):")
        for line in change.lines:
            click.echo(f"  {line}")
    if not do_apply:
        click.echo("Proef: er is niets geschreven. Schrijf het met --apply.")
        return
    apply_import(plan)
    click.echo(f"{len(plan.changes)} verslag(en) geschreven. Controleer met: cimo validate")
