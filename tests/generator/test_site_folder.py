"""`cimo build --site X` replaces X only when a build made it (or it is empty): never a file,
someone else's folder, the content, the working folder or a repository."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cimo_cli.main import main
from generator.site_folder import SITE_MARKER
from tests.conftest import FIXTURES, REPO, overlay


def everything(root: Path) -> dict[str, str]:
    """Every path under root with its content hash (folders and links too), .git included."""
    result = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            result[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            result[rel] = "folder"
    return result


def around(project: Path) -> tuple[list[str], list[str]]:
    """What lies next to the project, and what cimo would leave next to its parent (where a
    site '..' would be staged). Names only: the parent holds every other test's temporary
    folder of the session, the grandparent other sessions' (which may come and go)."""
    parent, grandparent = project.parent, project.parent.parent
    return (
        sorted(p.name for p in parent.iterdir()),
        sorted(p.name for p in grandparent.iterdir() if p.name.startswith(".cimo")),
    )


@pytest.fixture
def project(workdir: Path) -> Path:
    """The working folder as a project: a repository with a README and a marked site."""
    (workdir / ".git").mkdir()
    (workdir / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (workdir / "README.md").write_text("# Mijn kennisbank\n")
    (workdir / "notes").mkdir()
    (workdir / "notes" / "plan.txt").write_text("mine")
    (workdir / "published").mkdir()
    (workdir / "published" / SITE_MARKER).write_text("")
    (workdir / "published" / "index.html").write_text("previous site")
    (workdir / "link").symlink_to(workdir / "published")
    return workdir


REFUSED = {
    "content": "het is de map met inhoud",
    "./content/": "het is de map met inhoud",
    "content/../content": "het is de map met inhoud",
    "content/interventions": "die ligt in de map met inhoud",
    "content/site": "die ligt in de map met inhoud",
    ".": "die bevat de map met inhoud",
    "..": "die bevat de map met inhoud",
    "README.md": "het is een bestand, geen map",
    "notes": "er staan bestanden in die cimo build niet heeft gemaakt",
    "link": "het is een link (symlink)",
    ".git": "er staan bestanden in die cimo build niet heeft gemaakt",
}


@pytest.mark.parametrize("site", sorted(REFUSED))
def test_build_refuses_a_site_folder_it_may_not_replace_and_touches_nothing(
    project: Path, site: str
) -> None:
    before = everything(project), around(project)
    result = CliRunner().invoke(main, ["build", "--site", site])
    assert result.exit_code == 1
    assert f"Geen build in {Path(site)}: {REFUSED[site]}." in result.output
    assert "Er is niets veranderd." in result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
    assert (everything(project), around(project)) == before  # not even a cache or staging


def test_an_absolute_path_to_the_content_is_refused_too(project: Path) -> None:
    before = everything(project)
    result = CliRunner().invoke(main, ["build", "--site", str(project / "content")])
    assert result.exit_code == 1 and "het is de map met inhoud" in result.output
    assert everything(project) == before


def test_the_working_folder_is_refused_with_the_content_elsewhere(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    before = everything(project)
    result = CliRunner().invoke(main, ["build", "--content", "../content", "--site", "."])
    assert result.exit_code == 1 and "het is de map waarin u werkt" in result.output
    assert everything(project) == before


def test_the_repository_of_cimo_itself_is_refused(project: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--site", str(REPO)])
    assert result.exit_code == 1 and f"Geen build in {REPO}: het is de " in result.output


def test_the_home_folder_is_refused(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    (home / ".bashrc").write_text("export A=1\n")
    monkeypatch.setenv("HOME", str(home))
    result = CliRunner().invoke(main, ["build", "--site", "~"])
    assert result.exit_code == 1 and "niet heeft gemaakt" in result.output
    assert (home / ".bashrc").read_text() == "export A=1\n"
    assert not (project / "~").exists()


def test_a_built_site_that_became_a_repository_is_refused(project: Path) -> None:
    (project / "published" / ".git").mkdir()
    before = everything(project)
    result = CliRunner().invoke(main, ["build", "--site", "published"])
    assert result.exit_code == 1 and "het is een git-repository" in result.output
    assert everything(project) == before


def test_the_site_folder_is_checked_before_the_content(project: Path) -> None:
    overlay(project, FIXTURES / "broken" / "unknown-mechanism")
    result = CliRunner().invoke(main, ["build", "--site", "content"])
    assert result.exit_code == 1
    assert "Geen build in content" in result.output
    assert "bestaat niet" not in result.output


@pytest.mark.parametrize("site", ["published", "empty", "new/nested/site"])
def test_a_marked_an_empty_or_a_new_folder_is_built_and_marked(project: Path, site: str) -> None:
    (project / "empty").mkdir()
    result = CliRunner().invoke(main, ["build", "--site", site])
    assert result.exit_code == 0, result.output
    assert (project / site / "interventies/mentor.html").is_file()
    assert (project / site / SITE_MARKER).is_file()
    assert [p.name for p in project.glob(".cimo-*") if p.name != ".cimo-cache"] == []
    # Marked: a later build replaces it, as it replaced 'published' (marked by the fixture).
    assert "previous site" not in (project / site / "index.html").read_text(encoding="utf-8")


def read_only_folders_are_read_only() -> bool:
    """False for root (with the capability to override permissions), which writes anywhere."""
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o555)
        try:
            return not os.access(folder, os.W_OK)
        finally:
            os.chmod(folder, 0o755)


@pytest.mark.skipif(not read_only_folders_are_read_only(), reason="root writes anywhere")
@pytest.mark.parametrize("read_only", ["published", "."])
def test_a_read_only_site_or_parent_is_refused_with_a_message(
    project: Path, read_only: str
) -> None:
    before = everything(project / "published")
    (project / read_only).chmod(0o555)
    try:
        result = CliRunner().invoke(main, ["build", "--site", "published"])
    finally:
        (project / read_only).chmod(0o755)
    assert result.exit_code == 1 and "is read-only" in result.output
    assert "Traceback" not in result.output
    assert everything(project / "published") == before
