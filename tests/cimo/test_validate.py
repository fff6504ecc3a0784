"""Each broken fixture yields its own located message, exactly (tests/fixtures/broken/*)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cimo.validate import validate_content
from tests.conftest import FIXTURES, overlay

CASES = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def formatted(problems: list) -> list[str]:
    return "\n".join(p.format() for p in problems).splitlines()


def test_minimal_fixture_is_valid(workdir: Path) -> None:
    content, problems = validate_content(Path("content"))
    assert problems == []
    assert [i.model.id for i in content.interventions] == ["mentor"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_fixture_reports_expected_lines(workdir: Path, case: Path) -> None:
    overlay(workdir, case)
    _, problems = validate_content(Path("content"))
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert formatted(problems) == expected


def test_unknown_id_hint_names_closest_ids_and_where_they_are_defined(workdir: Path) -> None:
    overlay(workdir, FIXTURES / "broken" / "unknown-mechanism")
    _, problems = validate_content(Path("content"))
    unknown = [p for p in problems if "unknown mechanism" in p.message]
    assert len(unknown) == 1
    assert "'rolmodellen' (defined in content/mechanisms/rolmodellen.yaml:3:1)" in unknown[0].hint


def test_all_problems_of_a_run_are_reported_together(workdir: Path) -> None:
    for name in ("unknown-field", "duplicate-id", "not-utf8"):
        overlay(workdir, FIXTURES / "broken" / name)
    _, problems = validate_content(Path("content"))
    files = {p.location.file for p in problems}
    assert files == {"content/interventions/gemeente-demo/mentor.yaml"}
    assert [p.message for p in problems] == ["file is not UTF-8 text (byte 0xe9)"]
    overlay(workdir, FIXTURES / "broken" / "unknown-field")
    overlay(workdir, FIXTURES / "broken" / "bad-website")
    (workdir / "content/interventions/gemeente-demo/second.yaml").write_text("- a list\n")
    _, problems = validate_content(Path("content"))
    assert [(p.location.file, p.path) for p in problems] == [
        ("content/interventions/gemeente-demo/mentor.yaml", "website"),
        ("content/interventions/gemeente-demo/second.yaml", ""),
    ]


def test_budget_only_counts_in_programme_amounts(workdir: Path) -> None:
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "  amounts: {2023: 1000, 2024: 1500}",
            "  amounts: {2023: 1000, 2024: 1500}\n  in_programme_budget: false",
        ),
        encoding="utf-8",
    )
    _, problems = validate_content(Path("content"))
    assert [p.path for p in problems] == ["declared_totals[2023]", "declared_totals[2024]"]


LONG = "Q" * 30 + "abcdefghijklmnopqrstuvwxyz" * 18


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("id",), "Q" * 79),
        (("website",), f"javascript:{LONG[:400]}"),
        (("context",), LONG),
        (("context", "problem"), f"zie {LONG}@example.nl"),
        (("budget", "amounts", 2023), LONG),
        (("indicators", 0, "kind"), LONG),
        (("mechanisms", 0), [LONG]),
    ],
    ids=lambda v: str(v)[:20],
)
def test_messages_quote_at_most_a_short_piece_of_a_value(
    workdir: Path, path: tuple, value: object
) -> None:
    file = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    file.write_text(yaml.safe_dump(data, allow_unicode=True, width=10_000), encoding="utf-8")
    _, problems = validate_content(Path("content"))
    shown = "\n".join(p.format() for p in problems)
    assert problems
    assert not any(LONG[i : i + 41] in shown for i in range(len(LONG) - 40)), shown
    assert "Q" * 41 not in shown


@pytest.mark.parametrize(
    ("file", "old"),
    [
        ("interventions/gemeente-demo/mentor.yaml", "id: mentor"),
        ("programmes/demoplan.yaml", "id: demoplan"),
        ("mechanisms/rolmodellen.yaml", "id: rolmodellen"),
        ("outcomes/zelfvertrouwen.yaml", "id: zelfvertrouwen"),
        ("themes/themes.yaml", "id: rolmodellen"),
        ("areas/areas.yaml", "id: centrum"),
        ("organisations/organisations.yaml", "id: gemeente-demo"),
    ],
)
def test_an_id_that_would_replace_a_list_page_is_refused(
    workdir: Path, file: str, old: str
) -> None:
    path = workdir / "content" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, "id: index", 1), encoding="utf-8")
    _, problems = validate_content(Path("content"))
    [problem] = [p for p in problems if "reserved" in p.message]
    assert problem.location.file == f"content/{file}"
    assert problem.location.line == text[: text.index(old)].count("\n") + 1
    assert problem.path.endswith("id")
    assert problem.format().endswith(
        "id: 'index' is reserved for the site's list pages\n  choose another id"
    )


def test_a_source_may_be_called_index_as_it_has_no_page(workdir: Path) -> None:
    path = workdir / "content/sources/sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: plan", "id: index"))
    mentor = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    mentor.write_text(mentor.read_text(encoding="utf-8").replace("source: plan", "source: index"))
    programme = workdir / "content/programmes/demoplan.yaml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace("source: plan", "source: index")
    )
    _, problems = validate_content(Path("content"))
    assert problems == []
