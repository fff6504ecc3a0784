"""Diagrams: a shared cache that concurrent builds cannot break, output that does not depend on
what was cached, and a plain message when Graphviz is missing or fails."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from cimo_cli.main import main
from generator.diagrams import Diagram, render_all

DIAGRAMS = [
    Diagram(
        f"mechanism:m{i}", f'digraph G {{ a{i} [URL="../x{i}.html"]; a{i} -> b; b -> c{i}; }}\n'
    )
    for i in range(12)
]


def test_concurrent_renders_into_one_cache_never_fail(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = render_all(DIAGRAMS, None)
    errors: list[BaseException] = []
    results: list[dict[str, str]] = []

    def render(start: threading.Barrier) -> None:
        start.wait()
        try:
            results.append(render_all(DIAGRAMS, cache, jobs=2))
        except BaseException as error:  # noqa: BLE001 — collected and reported below
            errors.append(error)

    for _ in range(6):
        for entry in cache.glob("*"):
            entry.unlink()
        start = threading.Barrier(8)
        threads = [threading.Thread(target=render, args=(start,)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert all(result == expected for result in results) and len(results) == 48
    assert sorted(p.suffix for p in cache.iterdir()) == [".svg"] * len(DIAGRAMS)


@pytest.mark.parametrize("damage", ["truncate", "empty", "garbage"])
def test_a_damaged_cache_entry_is_rendered_again(tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    expected = render_all(DIAGRAMS, cache)
    entry = cache / f"{DIAGRAMS[3].digest}.svg"
    text = entry.read_bytes()
    entry.write_bytes(
        {"truncate": text[: len(text) // 2], "empty": b"", "garbage": b"\xff\xfe<"}[damage]
    )
    assert render_all(DIAGRAMS, cache) == expected
    assert entry.read_bytes() == text  # repaired


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    assert render_all(DIAGRAMS, tmp_path / "cache") == render_all(DIAGRAMS, None)


def test_a_diagram_is_the_same_alone_or_in_any_batch(tmp_path: Path) -> None:
    together = render_all(DIAGRAMS, None, jobs=1)  # one Graphviz run: ids by place in batch
    for diagram in DIAGRAMS[::5]:
        assert render_all([diagram], None) == {diagram.key: together[diagram.key]}
    cache = tmp_path / "cache"
    render_all(DIAGRAMS[5:], cache, jobs=3)  # a cache filled in another order
    assert render_all(DIAGRAMS, cache, jobs=2) == together


def test_ids_are_unique_across_the_diagrams_of_a_page() -> None:
    svgs = render_all(DIAGRAMS[:2], None)
    first, second = (svgs[d.key] for d in DIAGRAMS[:2])
    assert 'id="d-mechanism-m0-0"' in first and 'id="d-mechanism-m1-0"' in second
    assert 'data-key="mechanism:m0"' in first


def write_program(folder: Path, name: str, script: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"#!/bin/sh\n{script}\n")
    (folder / name).chmod(0o755)


def test_a_build_without_graphviz_says_how_to_install_it(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(workdir / "empty-bin"))
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    missing = "Graphviz is niet geïnstalleerd (het programma 'dot' ontbreekt)."
    assert f"Build mislukt: {missing}" in result.output
    assert "apt-get install graphviz" in result.output and "Traceback" not in result.output
    assert not (workdir / "site").exists()
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".cimo-build")] == []


def test_graphviz_failing_ends_in_its_message_and_keeps_the_previous_site(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    before = (workdir / "site/interventies/mentor.html").read_bytes()
    write_program(workdir / "bin", "dot", "echo 'Error: syntax error in line 1' >&2; exit 1")
    write_program(workdir / "bin", "sfdp", "exit 1")
    monkeypatch.setenv("PATH", f"{workdir / 'bin'}:/usr/bin:/bin")
    for entry in (workdir / ".cimo-cache/diagrams").iterdir():
        entry.unlink()
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "Build mislukt: Graphviz (dot) liep vast op " in result.output
    assert "Error: syntax error in line 1" in result.output and "Traceback" not in result.output
    assert (workdir / "site/interventies/mentor.html").read_bytes() == before


def test_many_diagrams_go_to_graphviz_in_batches_each_with_its_own_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A cold build of thousands of diagrams must not give one Graphviz run all of them (it
    then hit one 120 s timeout at N = 5 000 while MkDocs had both cores)."""
    from generator import diagrams

    sizes: list[int] = []
    real = diagrams._render_batch

    def counting(batch):  # type: ignore[no-untyped-def]
        sizes.append(len(batch))
        return real(batch)

    monkeypatch.setattr(diagrams, "BATCH_SIZE", 4)
    monkeypatch.setattr(diagrams, "_render_batch", counting)
    together = render_all(DIAGRAMS, None, jobs=1)
    assert max(sizes) == 4 and sum(sizes) == len(DIAGRAMS) and len(sizes) > 2
    assert len(together) == len(DIAGRAMS)
