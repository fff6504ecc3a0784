"""The command line: plain help on every command, validate's exit codes, `cimo new`."""

from __future__ import annotations

import errno
import resource
import socket
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from cimo_cli.main import main
from tests.conftest import FIXTURES, overlay

MENTOR = "content/interventions/gemeente-demo/mentor.yaml"


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize("command", list(all_commands(main)), ids=" ".join)
def test_every_command_has_help(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


def test_validate_passes_on_valid_content(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "De inhoud is in orde: 1 programma('s), 1 interventie(s)" in result.output


def test_validate_fails_with_located_errors_and_writes_nothing(workdir: Path) -> None:
    overlay(workdir, FIXTURES / "broken" / "unknown-mechanism")
    before = sorted(p.relative_to(workdir) for p in workdir.rglob("*"))
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    where = "content/interventions/gemeente-demo/mentor.yaml:16:5: mechanisms[0].mechanism"
    assert where in result.output
    assert "Traceback" not in result.output
    assert sorted(p.relative_to(workdir) for p in workdir.rglob("*")) == before


def test_validate_keeps_records_only_where_a_cache_folder_already_is(workdir: Path) -> None:
    first = CliRunner().invoke(main, ["validate"])
    assert not (workdir / ".cimo-cache").exists()  # validate never makes the folder
    (workdir / ".cimo-cache").mkdir()  # as a build or the preview leaves it
    second = CliRunner().invoke(main, ["validate"])
    assert (workdir / ".cimo-cache/records/entries").is_file()
    third = CliRunner().invoke(main, ["validate"])  # from the records
    assert first.exit_code == second.exit_code == third.exit_code == 0
    assert first.output == second.output == third.output


def test_new_intervention_does_not_validate_until_its_placeholders_are_filled(
    workdir: Path,
) -> None:
    result = CliRunner().invoke(
        main, ["new", "intervention", "huiswerkklas", "--group", "stichting-demo"]
    )
    assert result.exit_code == 0, result.output
    path = workdir / "content/interventions/stichting-demo/huiswerkklas.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../../schema/interventions.schema.json"
    )
    assert "\nowner: stichting-demo " in text  # the owner is the group's organisation
    check = CliRunner().invoke(main, ["validate"])
    assert check.exit_code == 1
    lines = check.output.splitlines()
    unfilled = [line for line in lines if "nog niet ingevuld" in line or "'nog-invullen'" in line]
    placeholders = text.count("NOG INVULLEN") + text.count("nog-invullen") - 2  # 2 in comments
    assert len(unfilled) == placeholders == 11
    assert "huiswerkklas.yaml:5:1: title: deze tekst is nog niet ingevuld" in check.output
    assert "mechanisms[0].mechanism: hier staat nog 'nog-invullen'" in check.output
    assert "  Kies een id die bestaat. Welke er zijn, ziet u met: cimo list mechanisms" in lines
    assert "bestaat niet" not in check.output  # no follow-on 'unknown id' for a placeholder
    # Filled in with ids that exist, it validates.
    filled = text
    for placeholder, value in (
        ("mechanism: nog-invullen", "mechanism: rolmodellen"),
        ("outcome: nog-invullen", "outcome: zelfvertrouwen"),
        ("via: [nog-invullen]", "via: [rolmodellen]"),
        ("source: nog-invullen", "source: plan"),
    ):
        filled = filled.replace(placeholder, value)
    filled = filled.replace('"NOG INVULLEN: ', '"Ingevuld: ')
    path.write_text(filled, encoding="utf-8")
    check = CliRunner().invoke(main, ["validate"])
    assert check.exit_code == 0, check.output
    assert "2 interventie(s)" in check.output


def test_new_takes_the_owner_from_an_organisation_that_exists(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["new", "intervention", "huiswerk", "--group", "demo"])
    assert result.exit_code == 1
    assert result.output == (
        "organisatie 'demo' bestaat niet; er is niets geschreven.\n"
        "  Kies uit: gemeente-demo, stichting-demo\n"
    )
    assert not (workdir / "content/interventions/demo").exists()


def test_new_refuses_to_overwrite(workdir: Path) -> None:
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["new", "intervention", "mentor", "--group", "gemeente-demo"])
    assert result.exit_code == 1
    assert "bestaat al" in result.output
    assert path.read_bytes() == before


def test_new_rejects_an_invalid_id(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["new", "intervention", "Huiswerk Klas"])
    assert result.exit_code == 2
    assert not (workdir / "content/interventions/Huiswerk Klas.yaml").exists()


def new(*args: str) -> Result:
    return CliRunner().invoke(main, ["new", "intervention", *args])


def test_new_refuses_a_dangling_link_in_its_place(workdir: Path) -> None:
    target = workdir / "elsewhere.yaml"
    (workdir / "content/interventions/gemeente-demo/huiswerk.yaml").symlink_to(target)
    result = new("huiswerk", "--group", "gemeente-demo")
    assert result.exit_code == 1
    assert result.output == (
        "content/interventions/gemeente-demo/huiswerk.yaml bestaat al; er is niets geschreven.\n"
    )
    assert not target.exists()


def test_new_never_writes_through_a_linked_group_folder(workdir: Path) -> None:
    outside = workdir / "outside"
    outside.mkdir()
    (workdir / "content/interventions/linked").symlink_to(outside, target_is_directory=True)
    result = new("huiswerk", "--group", "linked")
    assert result.exit_code == 1
    assert "content/interventions/linked is een link (symlink)" in result.output
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("group", ["andere", "stichting-demo"])
def test_new_refuses_an_id_that_exists_in_any_group(workdir: Path, group: str) -> None:
    result = new("mentor", "--group", group)
    assert result.exit_code == 1
    assert result.output == (
        "er is al een interventie met de id 'mentor' in "
        "content/interventions/gemeente-demo/mentor.yaml; "
        "er is niets geschreven.\n"
    )
    assert sorted(p.name for p in (workdir / "content/interventions").rglob("*.y*ml")) == [
        "mentor.yaml"
    ]


def test_new_refuses_a_file_of_that_name_in_another_group(workdir: Path) -> None:
    broken = workdir / "content/interventions/gemeente-demo/huiswerk.yml"
    broken.write_bytes(b"\xff not readable as text")
    result = new("huiswerk", "--group", "andere")
    assert result.exit_code == 1
    assert result.output == (
        "content/interventions/gemeente-demo/huiswerk.yml bestaat al; er is niets geschreven.\n"
    )
    assert not (workdir / "content/interventions/andere").exists()


def test_new_reports_a_folder_it_cannot_make_without_a_traceback(workdir: Path) -> None:
    (workdir / "content/interventions/gemeente-demo").rename(workdir / "demo")
    (workdir / "content/interventions/stichting-demo").write_text("not a folder")
    result = new("huiswerk", "--group", "stichting-demo")
    assert result.exit_code == 1
    assert result.output == (
        "kan content/interventions/stichting-demo niet schrijven: File exists; er is niets "
        "geschreven.\n"
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)


# -- failures outside the content end in one plain message -------------------------------------


def site_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def leftovers(workdir: Path) -> list[str]:
    return [p.name for p in workdir.iterdir() if p.name.startswith((".cimo-build", ".cimo-old"))]


def test_a_full_disk_ends_in_a_message_and_leaves_the_site_as_it_was(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    before = site_files(workdir / "site")

    def disk_full(config_file: Path, *args: object) -> None:
        out = config_file.parent / "site"
        (out / "index.html").parent.mkdir(parents=True)
        (out / "index.html").write_text("half")
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "index.html"))

    monkeypatch.setattr("generator.build.run_mkdocs", disk_full)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "Build mislukt: de schijf is vol (" in result.output
    assert "site/ is niet veranderd.\n  Maak ruimte vrij op de schijf" in result.output
    assert result.exception.__class__ is SystemExit and "Traceback" not in result.output
    assert site_files(workdir / "site") == before
    assert leftovers(workdir) == []


def test_the_file_size_limit_ends_in_a_message_not_a_kill(workdir: Path) -> None:
    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))

    done = subprocess.run(
        [sys.executable, "-m", "cimo_cli", "build"],
        preexec_fn=limit_file_size,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Build mislukt: een bestand werd groter dan is toegestaan (" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (workdir / "site").exists() and leftovers(workdir) == []


def test_an_unexpected_system_error_in_any_command_is_told_plainly(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(content_dir: Path, cache_dir: Path | None = None) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", "content/mechanisms.yaml")

    monkeypatch.setattr("cimo_cli.content_commands.check_knowledge_base", unreadable)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    assert result.output == (
        "Mislukt: geen toestemming (content/mechanisms.yaml).\n"
        "  Controleer de rechten van dat bestand of die map.\n"
    )


def test_serve_on_a_port_in_use_says_so(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No preview build: MkDocs keeps the search plugin of a preview for the whole process.
    monkeypatch.setattr("cimo_cli.site_commands.refresh", lambda *args: True)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"Poort {port} is al in gebruik" in result.output
    assert "Kies een vrije poort, bijvoorbeeld: cimo serve --port " in result.output
