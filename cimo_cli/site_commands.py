"""Commands that make the website: build and serve."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from cimo.errors import CimoError, ContentError, SiteFolderError, os_failure
from cimo_cli.main import CONTENT_OPTION, fail, knowledge_base_folder, main, plural, report

if TYPE_CHECKING:
    from generator.live.status import PreviewStatus
    from generator.preview import Preview
    from generator.serve import PreviewServer

SITE_OPTION = click.option(
    "--site",
    "site_given",
    type=click.Path(path_type=Path),
    help="Map waarin de website komt (standaard: site/ van de kennisbank).",
)


@main.command()
@CONTENT_OPTION
@SITE_OPTION
@click.option("--strict", is_flag=True, help="Tel waarschuwingen als fouten (CI doet dit).")
def build(content_given: Path | None, site_given: Path | None, strict: bool) -> None:
    """Controleer de inhoud en bouw de website in site/.

    De nieuwe site vervangt de oude alleen als alles gelukt is; na een fout blijft de vorige
    site/ zoals hij was.
    """
    from generator.build import build_site

    kb = knowledge_base_folder()
    site_dir = site_given if site_given is not None else kb.site
    shown = site_given if site_given is not None else "site"
    try:
        result = build_site(
            content_given if content_given is not None else kb.content,
            site_dir,
            strict=strict,
            cache_dir=kb.cache / "diagrams",
            config=kb.config,
        )
    except ContentError as error:
        report(error.problems)
        fail(
            f"Build gestopt: {plural(len(error.problems), 'probleem', 'problemen')} in de "
            f"inhoud. {shown}/ is niet veranderd."
        )
    except SiteFolderError:
        raise
    except (CimoError, OSError) as error:
        failure = error if isinstance(error, CimoError) else os_failure(error)
        fail(
            f"Build mislukt: {failure.message.rstrip('.')}. {shown}/ is niet veranderd.",
            failure.hint,
        )
    report(result.warnings)
    click.echo(result.summary())


@main.command()
@CONTENT_OPTION
@click.option("--port", default=8000, show_default=True, help="Poort op deze computer.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
def serve(content_given: Path | None, port: int, host: str) -> None:
    """Bekijk de website op deze computer; hij volgt uw wijzigingen.

    Sla een bestand in content/ op en de open pagina laat de wijziging vanzelf zien. Klopt er
    iets niet in de inhoud, dan staat dat bovenaan elke pagina en hier in het venster; de
    laatste goede versie blijft te zien. De preview staat in .cimo-cache/preview/; publiceer
    met `cimo build`.
    """
    from generator.live.status import PreviewStatus
    from generator.live.watch import ContentWatch
    from generator.preview import Preview

    kb = knowledge_base_folder()
    content = (content_given if content_given is not None else kb.content).absolute()
    # File names in messages and the banner read from the knowledge base's folder
    # (content/interventions/…), wherever the preview was started.
    os.chdir(kb.root)
    if not content.is_dir():
        fail(f"De map met inhoud is er niet: {content}.", "Geef de kennisbank aan met -C MAP.")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    preview = Preview(content, kb.cache / "preview", kb.cache / "diagrams", kb.config)
    status = PreviewStatus()
    chosen = click.get_current_context().get_parameter_source("port")
    server = _bind(preview.site, host, port, status, chosen is ParameterSource.DEFAULT)
    shown_port = server.server_address[1]
    click.echo(f"De preview staat op http://{host}:{shown_port}/ (stoppen: Ctrl+C).")
    preview.open_pages = server.open_pages
    try:
        with ContentWatch(content) as watch:
            preview.interrupted = watch.pending
            refresh(preview, status, reloaded=server.let_pages_reload)
            while True:
                changed = watch.wait(timeout=QUIET_SECONDS if preview.behind else 3600)
                if changed is None and preview.behind:
                    _catch_up(preview)
                elif changed:
                    click.echo("Inhoud gewijzigd, de preview wordt bijgewerkt…")
                    refresh(preview, status, changed, server.let_pages_reload)
    except KeyboardInterrupt:
        click.echo("Gestopt.")
    finally:
        server.shutdown()
        server.server_close()


QUIET_SECONDS = 2.0  # after a save, this long without another one counts as a quiet moment


def _catch_up(preview: Preview) -> None:
    """The downloads, in a quiet moment; a failure here is told, and kept for the next save."""
    try:
        preview.catch_up()
    except (CimoError, OSError) as error:
        failure = error if isinstance(error, CimoError) else os_failure(error)
        preview.behind = False
        click.echo(f"De downloads zijn niet bijgewerkt: {failure.message}.", err=True)


def _bind(site: Path, host: str, port: int, status: PreviewStatus, may_move: bool) -> PreviewServer:
    """Start the web server before any work, so a busy port is found out at once."""
    from generator.serve import PortInUse, start_server

    try:
        return start_server(site, host, port, status)
    except PortInUse as busy:
        if busy.free is None:
            fail(
                f"Poort {port} is al in gebruik, en de poorten erna ook.",
                "Stop het andere programma, of kies een poort met: cimo serve --port 8080",
            )
        if may_move:
            click.echo(
                f"Poort {port} is al in gebruik (misschien draait er al een preview). "
                f"Deze preview gebruikt poort {busy.free}."
            )
            return start_server(site, host, busy.free, status)
        fail(
            f"Poort {port} is al in gebruik (misschien draait er al een preview).",
            f"Kies een vrije poort, bijvoorbeeld: cimo serve --port {busy.free}",
        )
    except OSError as error:
        failure = os_failure(error)
        fail(
            f"De preview kan niet starten op {host}:{port}: {failure.message}.",
            "Kies een andere poort met --port, bijvoorbeeld: cimo serve --port 8080",
        )


def refresh(
    preview: object,
    status: object | None = None,
    changed: object = None,
    reloaded: Callable[[], None] | None = None,
) -> bool:
    """Update the preview; on any failure say why (here and in the pages) and keep the last
    good site. `reloaded` is called once the open pages were told to reload, and returns when
    they did (so the rest of the update does not slow their reload down)."""
    from generator.live.status import PreviewStatus

    shown = status if isinstance(status, PreviewStatus) else PreviewStatus()

    def ready() -> None:
        shown.site_changed()
        if reloaded is not None:
            reloaded()

    try:
        result = preview.update(changed, on_ready=ready)  # type: ignore[attr-defined]
    except ContentError as error:
        report(error.problems)
        shown.rejected(error.problems)
        click.echo(
            f"Niet bijgewerkt: {_problems(len(error.problems))} in de inhoud (zie hierboven). "
            "De preview laat de laatste goede versie zien.",
            err=True,
        )
        return False
    except (CimoError, OSError) as error:
        failure = error if isinstance(error, CimoError) else os_failure(error)
        shown.failed(failure.message + (f" ({failure.hint})" if failure.hint else ""))
        click.echo(
            f"Niet bijgewerkt: {failure.message}. De preview laat de laatste goede versie zien.",
            err=True,
        )
        if failure.hint:
            click.echo(f"  {failure.hint}", err=True)
        return False
    except Exception as error:  # noqa: BLE001 — a preview that dies on a bug helps no one
        shown.failed(f"Onverwachte fout in cimo: {type(error).__name__}: {error}")
        click.echo(
            f"Niet bijgewerkt: onverwachte fout {type(error).__name__}: {error}. De preview "
            "laat de laatste goede versie zien.",
            err=True,
        )
        return False
    if result.warnings != getattr(preview, "told_warnings", None):  # not the same ones again
        report(result.warnings)
        preview.told_warnings = result.warnings  # type: ignore[attr-defined]
    shown.accepted()
    click.echo(result.summary())
    return True


def _problems(count: int) -> str:
    return "1 probleem" if count == 1 else f"{count} problemen"
