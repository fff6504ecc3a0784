"""The `cimo` command line: a thin layer over the pipeline stages."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from cimo.errors import CimoError, ContentError, SiteFolderError, os_failure
from cimo.knowledge_base import load_knowledge_base
from cimo.load import load_content
from cimo.problems import Problem, Severity
from cimo.schema_files import write_schemas
from cimo.starter import starter_clash, starter_path, starter_text
from cimo.validate import validate_content, validate_documents

CONTENT_OPTION = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path),
    default=Path("content"),
    show_default=True,
    help="Folder with the YAML content.",
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
            fail(f"{len(error.problems)} problem(s) in the content. Nothing was changed.")
        except CimoError as error:
            fail(error.message, error.hint)
        except OSError as error:
            failure = os_failure(error)
            fail(f"Failed: {failure.message}.", failure.hint)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Describe, check and publish policy interventions with the CIMO logic.

    CIMO: in this Context, this Intervention triggers these Mechanisms, which lead to
    these Outcomes.
    """


def report(problems: list[Problem]) -> tuple[int, int]:
    """Print problems to stderr; return (errors, warnings)."""
    for problem in problems:
        click.echo(problem.format(), err=True)
    errors = sum(p.severity is Severity.error for p in problems)
    return errors, len(problems) - errors


@main.command()
@CONTENT_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(content_dir: Path, strict: bool) -> None:
    """Check all content files and report every problem with its file and line.

    Writes nothing. Exits with 1 when there are errors.
    """
    content, problems = validate_content(content_dir)
    if not problems:
        problems = load_knowledge_base(content_dir).warnings
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
@click.option("--group", help="Sub-folder of content/interventions/, e.g. 'nijmegen'.")
def new_intervention(intervention_id: str, content_dir: Path, group: str | None) -> None:
    """Write content/interventions/[GROUP/]INTERVENTION_ID.yaml to fill in.

    The file validates as it is. An existing file is never overwritten.
    """
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", intervention_id):
        raise click.BadParameter(
            "use lowercase letters, digits and hyphens, e.g. 'huiswerkklas'",
            param_hint="INTERVENTION_ID",
        )
    if group is not None and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", group):
        raise click.BadParameter("use lowercase letters, digits and hyphens", param_hint="--group")
    path = starter_path(content_dir, intervention_id, group)
    documents, _ = load_content(content_dir)
    clash = starter_clash(content_dir, intervention_id, path, documents)
    if clash:
        click.echo(f"{clash}; nothing was written.", err=True)
        sys.exit(1)
    content, _ = validate_documents(documents)
    depth = len(path.relative_to(content_dir).parts) - 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # never through a link or over a file
            handle.write(starter_text(intervention_id, content, depth, group))
    except OSError as exc:
        where = exc.filename or path  # the folder, when that is what could not be made
        click.echo(f"cannot write {where}: {exc.strerror}; nothing was written.", err=True)
        sys.exit(1)
    click.echo(f"Wrote {path}. Fill it in, then run: cimo validate")


SITE_OPTION = click.option(
    "--site",
    "site_dir",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder the website is written to.",
)
CACHE_DIR = Path(".cimo-cache")


@main.command()
@CONTENT_OPTION
@SITE_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings as errors (CI uses this).")
def build(content_dir: Path, site_dir: Path, strict: bool) -> None:
    """Check the content and build the website into site/.

    The new site replaces the old one only when everything succeeded; after any error the
    previous site/ is left as it was.
    """
    from generator.build import build_site

    try:
        result = build_site(content_dir, site_dir, strict=strict, cache_dir=CACHE_DIR / "diagrams")
    except ContentError as error:
        report(error.problems)
        fail(
            f"Build stopped: {len(error.problems)} problem(s) in the content. "
            f"{site_dir}/ was not changed."
        )
    except SiteFolderError:
        raise
    except (CimoError, OSError) as error:
        failure = error if isinstance(error, CimoError) else os_failure(error)
        fail(
            f"Build failed: {failure.message.rstrip('.')}. {site_dir}/ was not changed.",
            failure.hint,
        )
    report(result.warnings)
    click.echo(result.summary())


@main.command()
@CONTENT_OPTION
@click.option("--port", default=8000, show_default=True, help="Port on localhost.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
def serve(content_dir: Path, port: int, host: str) -> None:
    """Preview the site on localhost; it updates when you save a content file.

    Problems in the content are shown here in the terminal, and the last good version stays
    online. The preview lives in .cimo-cache/preview/; publish with `cimo build`.
    """
    from generator.serve import serve_site

    serve_site(content_dir, CACHE_DIR / "preview", host, port, CACHE_DIR / "diagrams")


@main.command()
def schema() -> None:
    """Regenerate the JSON Schema files in schema/ from the content model."""
    for path in write_schemas():
        click.echo(f"Wrote {path}")


if __name__ == "__main__":
    main()
