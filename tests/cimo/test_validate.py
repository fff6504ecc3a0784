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
    # Two typos (one under mechanisms, one in via), two messages: no follow-ons, and the
    # typo 'rolmodel' is never offered as a choice.
    assert [p.path for p in problems] == ["mechanisms[0].mechanism", "outcomes[0].via[1]"]
    assert "'rolmodellen' (staat in content/mechanisms/rolmodellen.yaml:3:1)" in problems[0].hint
    assert "'vertrouwensband'" in (problems[1].hint or "")
    assert not any("'rolmodel'" in (p.hint or "") for p in problems)


def test_one_mechanism_typo_gives_one_message(workdir: Path) -> None:
    mentor = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    text = mentor.read_text(encoding="utf-8")
    mentor.write_text(text.replace("- mechanism: rolmodellen", "- mechanism: rolmodel"))
    _, problems = validate_content(Path("content"))
    assert [(p.path, p.message) for p in problems] == [
        ("mechanisms[0].mechanism", "mechanisme 'rolmodel' bestaat niet")
    ]
    mentor.write_text(text.replace("via: [rolmodellen,", "via: [rolmodel,"))
    _, problems = validate_content(Path("content"))
    assert [(p.path, p.message) for p in problems] == [
        ("outcomes[0].via[0]", "mechanisme 'rolmodel' bestaat niet")
    ]


def test_all_problems_of_a_run_are_reported_together(workdir: Path) -> None:
    for name in ("unknown-field", "duplicate-id", "not-utf8"):
        overlay(workdir, FIXTURES / "broken" / name)
    _, problems = validate_content(Path("content"))
    assert [(p.location.file, p.message) for p in problems] == [
        (
            "content/interventions/gemeente-demo/mentor.yaml",
            "het bestand is geen UTF-8-tekst (byte 0xe9)",
        ),
        ("content/themes/themes.yaml", "de id 'rolmodellen' bestaat al bij themes"),
    ]
    overlay(workdir, FIXTURES / "broken" / "unknown-field")
    overlay(workdir, FIXTURES / "broken" / "bad-website")
    (workdir / "content/interventions/gemeente-demo/second.yaml").write_text("- a list\n")
    _, problems = validate_content(Path("content"))
    assert [(p.location.file, p.path) for p in problems] == [
        ("content/interventions/gemeente-demo/mentor.yaml", "website"),
        ("content/interventions/gemeente-demo/second.yaml", ""),
        ("content/themes/themes.yaml", "themes[0].id"),  # still there from duplicate-id
    ]


def test_a_syntax_error_does_not_hide_reference_errors_in_other_files(workdir: Path) -> None:
    overlay(workdir, FIXTURES / "broken" / "syntax-and-reference")
    _, problems = validate_content(Path("content"))
    assert [(p.location.file, p.location.line, p.path) for p in problems] == [
        ("content/interventions/gemeente-demo/huiswerk.yaml", 36, "themes[0]"),
        ("content/interventions/gemeente-demo/mentor.yaml", 2, ""),
    ]


def test_references_into_a_file_that_failed_are_not_reported(workdir: Path) -> None:
    # The mechanism file is broken: interventions that use it get no 'does not exist' noise.
    path = workdir / "content/mechanisms/rolmodellen.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name:", "name: : x\nnaam:", 1))
    _, problems = validate_content(Path("content"))
    assert [p.location.file for p in problems] == ["content/mechanisms/rolmodellen.yaml"]
    # A broken list file (themes) hides nothing else either: the theme is not reported.
    (workdir / "content/themes/themes.yaml").write_text("themes: [\n")
    _, problems = validate_content(Path("content"))
    assert sorted({p.location.file for p in problems}) == [
        "content/mechanisms/rolmodellen.yaml",
        "content/themes/themes.yaml",
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
    [problem] = [p for p in problems if "lijstpagina" in p.message]
    assert problem.location.file == f"content/{file}"
    assert problem.location.line == text[: text.index(old)].count("\n") + 1
    assert problem.path.endswith("id")
    assert problem.format().endswith(
        "id: de id 'index' is al in gebruik voor de lijstpagina's van de site\n"
        "  Kies een andere id."
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


def test_an_empty_value_says_so_in_dutch(workdir: Path) -> None:
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Mentorproject", "title:"))
    _, problems = validate_content(Path("content"))
    assert [p.format() for p in problems] == [
        "content/interventions/gemeente-demo/mentor.yaml:2:1: title: na 'title:' is niets "
        "ingevuld\n  Vul een waarde in na 'title:', of haal de regel weg als het veld niet "
        "verplicht is."
    ]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_no_fixture_message_is_in_english(case: Path) -> None:
    text = (case / "expected.txt").read_text(encoding="utf-8")
    for english in ("Input should", "unknown", "expected", "not valid", "missing", "did you"):
        assert english not in text, f"{case.name}: {english}"


@pytest.mark.parametrize(
    ("line", "message", "hint"),
    [
        ("website: www.voorbeeld.nl", "'www.voorbeeld.nl' is geen goed webadres", "https://"),
        ('status_date: "2023-3"', "'2023-3' is geen goede datum", '"2019-03"'),
        ('status_date: "maart 2019"', "'maart 2019' is geen goede datum", '"2019-03"'),
        ("owner: Gemeente Demo", "'Gemeente Demo' is geen geldige id", "kleine letters"),
    ],
)
def test_a_text_in_the_wrong_form_is_named_for_its_field(
    workdir: Path, line: str, message: str, hint: str
) -> None:
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    text = path.read_text(encoding="utf-8")
    field = line.split(":")[0]
    kept = [t for t in text.splitlines() if not t.startswith(f"{field}:")]
    path.write_text("\n".join([kept[0], line, *kept[1:]]) + "\n", encoding="utf-8")
    _, problems = validate_content(Path("content"))
    [problem] = [p for p in problems if p.path == field]
    assert problem.location.line == 2
    assert problem.message == message
    assert problem.hint is not None and hint in problem.hint


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        (
            "status: loopt",
            "Schrijf 'running'. Kies uit: 'planned' (gepland), 'running' (loopt), "
            "'completed' (afgerond) of 'unknown' (onbekend).",
        ),
        (
            "status: bezig",
            "Kies uit: 'planned' (gepland), 'running' (loopt), 'completed' (afgerond) of "
            "'unknown' (onbekend).",
        ),
    ],
)
def test_a_choice_written_in_dutch_gets_the_english_value_to_write(
    workdir: Path, line: str, hint: str
) -> None:
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    lines = [
        t for t in path.read_text(encoding="utf-8").splitlines() if not t.startswith("status:")
    ]
    path.write_text("\n".join([lines[0], line, *lines[1:]]) + "\n", encoding="utf-8")
    _, problems = validate_content(Path("content"))
    [problem] = problems
    assert (problem.location.line, problem.path) == (2, "status")
    assert problem.message == f"'{line.split(': ')[1]}' is hier niet toegestaan"
    assert problem.hint == hint
