"""The `cimo` command group: options every command shares, error handling, problem reports.

Every command works on one knowledge-base folder: `-C FOLDER`, or the nearest folder at or
above the working folder that holds a cimo.yml (the working folder itself when none does).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from cimo.config import KnowledgeBaseFolder, cache_folder, folder_root, open_folder
from cimo.errors import CimoError, ContentError, os_failure
from cimo.problems import Problem, Severity

CONTENT_OPTION = click.option(
    "--content",
    "content_given",
    type=click.Path(path_type=Path),
    help="Map met de YAML-inhoud (standaard: content/ van de kennisbank).",
)


def fail(message: str, hint: str | None = None) -> NoReturn:
    """Print one plain message (and a hint) to stderr and exit with 1."""
    click.echo(message, err=True)
    if hint:
        click.echo(f"  {hint}", err=True)
    sys.exit(1)


class _Commands(click.Group):
    """Every command ends in a plain message, never in a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ContentError as error:
            report(error.problems)
            fail(
                f"{plural(len(error.problems), 'probleem', 'problemen')} in de inhoud. "
                "Er is niets veranderd."
            )
        except CimoError as error:
            fail(error.message, error.hint)
        except OSError as error:
            failure = os_failure(error)
            fail(f"Mislukt: {failure.message}.", failure.hint)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "--folder",
    type=click.Path(path_type=Path, file_okay=False),
    help="De map van de kennisbank (standaard: gezocht vanaf de map waarin u werkt).",
)
@click.pass_context
def main(ctx: click.Context, folder: Path | None) -> None:
    """Beschrijf, controleer en publiceer beleidsinterventies volgens de CIMO-logica.

    CIMO: in deze Context zet deze Interventie deze Mechanismen in gang, die leiden tot
    deze Uitkomsten (Outcomes).
    """
    ctx.obj = folder


def knowledge_base_folder() -> KnowledgeBaseFolder:
    """The folder the current command works on, with its settings."""
    ctx = click.get_current_context()
    folder = ctx.find_root().obj
    return open_folder(folder, search=folder is None)


def records_cache() -> Path | None:
    """The knowledge base's records cache when it has a .cimo-cache/ (a build or preview made
    one): `cimo validate` never makes a folder. Found without reading cimo.yml, so that a
    broken one does not stop `cimo validate --content MAP`."""
    folder = click.get_current_context().find_root().obj
    cache = cache_folder(folder_root(folder, search=folder is None))
    return cache / "records" if cache.is_dir() else None


def content_dir(given: Path | None) -> Path:
    """--content if given, else the knowledge base's content folder."""
    return given if given is not None else knowledge_base_folder().content


def plural(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def summary_line(errors: int, warnings: int) -> str:
    """'2 fouten, 1 waarschuwing.'"""
    return (
        f"{plural(errors, 'fout', 'fouten')}, {plural(warnings, 'waarschuwing', 'waarschuwingen')}."
    )


def report(problems: list[Problem]) -> tuple[int, int]:
    """Print problems to stderr; return (errors, warnings)."""
    for problem in problems:
        click.echo(problem.format(), err=True)
    errors = sum(p.severity is Severity.error for p in problems)
    return errors, len(problems) - errors


from cimo_cli import (  # noqa: E402  (they register on main)
    catalogue_commands,
    content_commands,
    monitor_commands,
    site_commands,
)

__all__ = ["catalogue_commands", "content_commands", "main", "monitor_commands", "site_commands"]
