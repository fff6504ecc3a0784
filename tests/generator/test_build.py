"""`cimo build`: atomic, reproducible, and it never writes into content/."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cimo.errors import BuildError
from cimo_cli.main import main
from generator import build as build_module
from generator.build import build_site
from generator.site_folder import SITE_MARKER, STAGING_MARKER, remove_stale_folders
from tests.conftest import FIXTURES, overlay


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_build_writes_the_site_and_prints_a_summary(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("Klaar: ") and "pagina's gemaakt uit" in first, first
    assert (workdir / "site/interventies/mentor.html").exists()
    assert (workdir / "site/mechanismen/rolmodellen.html").exists()


def stable_digest(root: Path) -> dict[str, str]:
    """tree_digest without Pagefind's filter and metadata index, whose chunk names and bytes
    change from run to run for the same pages (Pagefind issue 638: only its fragments and word
    index are stable). Those stable parts stay in."""
    return {
        path: digest
        for path, digest in tree_digest(root).items()
        if not path.startswith(("pagefind/filter/", "pagefind/pagefind-entry.json"))
        and not path.endswith(".pf_meta")
    }


def test_same_content_builds_a_byte_identical_site(workdir: Path) -> None:
    build_site(Path("content"), workdir / "a", cache_dir=None)
    build_site(Path("content"), workdir / "b", cache_dir=workdir / "cache")
    build_site(Path("content"), workdir / "c", cache_dir=workdir / "cache")  # from the cache
    assert any((workdir / "records").iterdir())  # the records cache, beside the diagrams
    first = stable_digest(workdir / "a")
    assert first == stable_digest(workdir / "b") == stable_digest(workdir / "c")
    assert len(first) > 20 and any(p.startswith("pagefind/fragment/") for p in first)


def test_the_site_does_not_depend_on_what_the_diagram_cache_held(workdir: Path) -> None:
    cache = workdir / "cache"
    build_site(Path("content"), workdir / "a", cache_dir=None, jobs=1)  # one Graphviz run
    build_site(Path("content"), workdir / "b", cache_dir=cache, jobs=3)  # cold, other batches
    build_site(Path("content"), workdir / "c", cache_dir=cache, jobs=2)  # all from the cache
    for entry in sorted(cache.iterdir())[::2]:  # a cache half filled by another build
        entry.unlink()
    build_site(Path("content"), workdir / "c", cache_dir=cache, jobs=2)
    assert (
        stable_digest(workdir / "a") == stable_digest(workdir / "b") == stable_digest(workdir / "c")
    )


def test_bad_content_leaves_the_previous_site_untouched(workdir: Path) -> None:
    build_site(Path("content"), workdir / "site")
    before = tree_digest(workdir / "site")
    overlay(workdir, FIXTURES / "broken" / "unknown-mechanism")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "mechanisme 'rolmodel' bestaat niet" in result.output
    assert "site/ is niet veranderd" in result.output
    assert tree_digest(workdir / "site") == before
    # No staging left; only the records of the files that were fine are kept, so the build
    # after the fix reads just the fixed file again.
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".cimo-")] == [".cimo-cache"]
    assert [p.name for p in (workdir / ".cimo-cache").iterdir()] == ["records"]


def test_a_failing_render_leaves_the_previous_site_untouched(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(Path("content"), workdir / "site")
    before = tree_digest(workdir / "site")

    def broken_mkdocs(*args: object, **kwargs: object) -> None:
        raise BuildError("simulated failure")

    monkeypatch.setattr(build_module, "run_mkdocs", broken_mkdocs)
    with pytest.raises(BuildError):
        build_site(Path("content"), workdir / "site")
    assert tree_digest(workdir / "site") == before
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".cimo-")] == []


def test_build_and_validate_never_write_into_content(workdir: Path) -> None:
    before = tree_digest(workdir / "content")
    CliRunner().invoke(main, ["validate"])
    CliRunner().invoke(main, ["build"])
    assert tree_digest(workdir / "content") == before


def test_stale_folders_of_killed_builds_are_cleaned_and_a_moved_site_restored(
    workdir: Path,
) -> None:
    (workdir / ".cimo-build-999999-x" / "docs").mkdir(parents=True)
    (workdir / ".cimo-build-999999-x" / STAGING_MARKER).write_text("")
    (workdir / ".cimo-build-999998-y").mkdir()  # killed before it was marked
    moved = workdir / ".cimo-old-999999-1"
    (moved / "index.html").parent.mkdir(parents=True)
    (moved / "index.html").write_text("previous site")
    (moved / SITE_MARKER).write_text("")
    remove_stale_folders(workdir / "site")
    assert (workdir / "site/index.html").read_text() == "previous site"
    assert not (workdir / ".cimo-build-999999-x").exists()
    assert not (workdir / ".cimo-build-999998-y").exists()


def test_stale_folder_cleanup_never_touches_a_folder_it_did_not_make(workdir: Path) -> None:
    for name in (".cimo-build-notes", ".cimo-build-999999-x", ".cimo-old-999999-1"):
        (workdir / name).mkdir()
        (workdir / name / "mine.txt").write_text("my own notes")
    before = tree_digest(workdir)
    remove_stale_folders(workdir / "site")
    assert tree_digest(workdir) == before
    assert not (workdir / "site").exists()


def test_strict_build_fails_on_graph_warnings(workdir: Path) -> None:
    # Without --strict a warning does not stop anything (load_knowledge_base's unit tests);
    # here only the command's flag is checked, which fails before anything is rendered.
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    path.write_text(path.read_text().replace("    measures: [zelfvertrouwen]\n", ""))
    assert CliRunner().invoke(main, ["validate"]).exit_code == 0
    result = CliRunner().invoke(main, ["build", "--strict"])
    assert result.exit_code == 1
    assert "content/outcomes/zelfvertrouwen.yaml:3:1: id: " in result.output
    assert not (workdir / "site").exists()
    assert "geen indicator meet deze uitkomst" in result.output
