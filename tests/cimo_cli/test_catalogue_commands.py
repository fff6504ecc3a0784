"""`cimo list KIND` and `cimo rename KIND OLD NEW`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cimo.validate import validate_content
from cimo_cli.main import main

MENTOR = Path("content/interventions/gemeente-demo/mentor.yaml")


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_list_shows_id_name_place_and_use(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["list", "mechanisms"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    row = next(line for line in lines if line.startswith("rolmodellen "))
    assert row.split()[:2] == ["rolmodellen", "1"]
    assert row.endswith("Rolmodellen  (content/mechanisms/rolmodellen.yaml:3:1)")
    assert lines[-1].startswith("2 mechanisms.")
    themes = CliRunner().invoke(main, ["list", "theme"])  # the singular works too
    assert "(content/themes/themes.yaml:2:5)" in themes.output


def test_list_refuses_an_unknown_kind(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["list", "mechanismen"])
    assert result.exit_code == 1
    assert "'mechanismen' is geen soort inhoud." in result.output


def test_rename_is_a_dry_run_by_default(workdir: Path) -> None:
    before = snapshot(workdir)
    result = CliRunner().invoke(main, ["rename", "mechanisms", "rolmodellen", "voorbeelden"])
    assert result.exit_code == 0, result.output
    assert "  - via: [rolmodellen, vertrouwensband]" in result.output
    assert "  + via: [voorbeelden, vertrouwensband]" in result.output
    assert "Er is nog niets veranderd." in result.output
    assert snapshot(workdir) == before


def test_rename_changes_only_references_of_its_kind_and_keeps_the_text(workdir: Path) -> None:
    text = MENTOR.read_text(encoding="utf-8")
    text = text.replace("mechanisms:\n", "mechanisms:  # waarom het werkt\n")
    MENTOR.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["rename", "mechanisms", "rolmodellen", "voorbeelden", "--apply"]
    )
    assert result.exit_code == 0, result.output
    after = MENTOR.read_text(encoding="utf-8")
    assert "mechanisms:  # waarom het werkt\n  - mechanism: voorbeelden\n" in after
    assert "via: [voorbeelden, vertrouwensband]" in after
    assert "themes: [rolmodellen]" in after  # the theme of the same name is another record
    assert not Path("content/mechanisms/rolmodellen.yaml").exists()
    moved = Path("content/mechanisms/voorbeelden.yaml").read_text(encoding="utf-8")
    assert "\nid: voorbeelden\n" in moved and moved.startswith("# yaml-language-server")
    changed = [line for line in after.splitlines() if line not in text.splitlines()]
    assert len(changed) == 2  # nothing else in the file moved
    assert validate_content(Path("content"))[1] == []


def test_rename_of_a_theme_leaves_the_mechanism_alone(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["rename", "themes", "rolmodellen", "voorbeelden", "--apply"])
    assert result.exit_code == 0, result.output
    after = MENTOR.read_text(encoding="utf-8")
    assert "themes: [voorbeelden]" in after
    assert "- mechanism: rolmodellen" in after
    assert Path("content/mechanisms/rolmodellen.yaml").exists()
    assert validate_content(Path("content"))[1] == []


def test_rename_refuses_a_clash_an_invalid_id_and_broken_content(workdir: Path) -> None:
    before = snapshot(workdir)
    for args, says in (
        (["vertrouwensband"], "er is al een mechanisme met de id 'vertrouwensband'"),
        (["Rol Modellen"], "'Rol Modellen' is geen geldige id."),
        (["index"], "lijstpagina"),
    ):
        result = CliRunner().invoke(main, ["rename", "mechanisms", "rolmodellen", *args, "--apply"])
        assert result.exit_code == 1
        assert says in result.output
        assert snapshot(workdir) == before
    Path("content/themes/themes.yaml").write_text("themes: [\n", encoding="utf-8")
    before = snapshot(workdir)
    result = CliRunner().invoke(
        main, ["rename", "mechanisms", "rolmodellen", "voorbeelden", "--apply"]
    )
    assert result.exit_code == 1
    assert "content/themes/themes.yaml" in result.output and "niets veranderd" in result.output
    assert snapshot(workdir) == before


def test_rename_refuses_when_the_content_would_not_validate_after(workdir: Path) -> None:
    text = MENTOR.read_text(encoding="utf-8")
    MENTOR.write_text(text.replace("title: Mentorproject", "title: 12"), encoding="utf-8")
    before = snapshot(workdir)
    result = CliRunner().invoke(
        main, ["rename", "mechanisms", "rolmodellen", "voorbeelden", "--apply"]
    )
    assert result.exit_code == 1
    assert "Niet hernoemd" in result.output
    assert snapshot(workdir) == before
