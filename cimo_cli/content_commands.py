"""Commands on the content: validate, new, schema, init."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from cimo.knowledge_base import check_knowledge_base
from cimo.load import display_path, load_content
from cimo.schema_files import write_schemas
from cimo.starter import starter_clash, starter_path, starter_text
from cimo.starter_kb import write_starter_knowledge_base
from cimo.validate import validate_documents
from cimo_cli.main import CONTENT_OPTION, content_dir, fail, knowledge_base_folder, main, report

_ID = r"[a-z0-9]+(-[a-z0-9]+)*"


@main.command()
@CONTENT_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(content_given: Path | None, strict: bool) -> None:
    """Check all content files and report every problem with its file and line.

    Writes nothing. Exits with 1 when there are errors.
    """
    folder = content_dir(content_given)
    content, problems = check_knowledge_base(folder)
    errors, warnings = report(problems)
    if errors or (strict and warnings):
        click.echo(f"{errors} error(s), {warnings} warning(s). Nothing was changed.", err=True)
        sys.exit(1)
    click.echo(
        f"Content is valid: {len(content.programmes)} programme(s), "
        f"{len(content.interventions)} intervention(s), {len(content.mechanisms)} mechanism(s), "
        f"{len(content.outcomes)} outcome(s); {warnings} warning(s)."
    )


@main.group()
def new() -> None:
    """Start a new content file from a commented example."""


@new.command("intervention")
@click.argument("intervention_id")
@CONTENT_OPTION
@click.option("--group", help="Owner's folder in content/interventions/, e.g. 'gemeente-nijmegen'.")
def new_intervention(intervention_id: str, content_given: Path | None, group: str | None) -> None:
    """Write content/interventions/[GROUP/]INTERVENTION_ID.yaml to fill in.

    The file validates as it is. An existing file is never overwritten.
    """
    if not re.fullmatch(_ID, intervention_id):
        raise click.BadParameter(
            "use lowercase letters, digits and hyphens, e.g. 'huiswerkklas'",
            param_hint="INTERVENTION_ID",
        )
    if group is not None and not re.fullmatch(_ID, group):
        raise click.BadParameter("use lowercase letters, digits and hyphens", param_hint="--group")
    folder = content_dir(content_given)
    path = starter_path(folder, intervention_id, group)
    documents, _ = load_content(folder)
    clash = starter_clash(folder, intervention_id, path, documents)
    if clash:
        fail(f"{clash}; nothing was written.")
    content, _ = validate_documents(documents)
    depth = len(path.relative_to(folder).parts) - 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # never through a link or over a file
            handle.write(starter_text(intervention_id, content, depth, group))
    except OSError as exc:
        where = exc.filename or path  # the folder, when that is what could not be made
        fail(f"cannot write {display_path(Path(where))}: {exc.strerror}; nothing was written.")
    click.echo(f"Wrote {display_path(path)}. Fill it in, then run: cimo validate")


@main.command()
def schema() -> None:
    """Regenerate the JSON Schema files in schema/ from the content model."""
    for path in write_schemas(knowledge_base_folder().schema):
        click.echo(f"Wrote {path}")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--name", default="Kennisbank", show_default=True, help="The site's name.")
def init(folder: Path, name: str) -> None:
    """Start a new knowledge base in FOLDER (new or empty): settings, a valid example, schemas.

    Nothing that exists is overwritten.
    """
    written = write_starter_knowledge_base(folder, name)
    click.echo(f"Wrote {len(written)} files into {folder}. Next: cd {folder} && cimo build")
