"""Numbers written the Dutch way are errors at their own line, with the fix (cimo/numbers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cimo.numbers import number_fix
from cimo.validate import validate_content

MENTOR = "content/interventions/gemeente-demo/mentor.yaml"


def problems_after(workdir: Path, old: str, new: str) -> list[str]:
    path = workdir / MENTOR
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, problems = validate_content(Path("content"))
    return [p.format() for p in problems]


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("1.140", "1140"),  # JINC's target for 2025 (Uitvoeringsplan Bijlage 2)
        ("1.645.000", "1645000"),
        ("250.000", "250000"),
        ("1,5", "1.5"),
        ("1.234,50", "1234.50"),
        ("€ 250.000", "250000"),
        ("€250000", "250000"),
        ("1 140", "1140"),
        ("1_000", "1000"),
    ],
)
def test_number_fix_says_what_to_write(written: str, fix: str) -> None:
    assert number_fix(written) == fix


@pytest.mark.parametrize("text", ["minimaal 12", "90%", "geen doelstelling", "2023-2026", "12"])
def test_text_that_is_not_a_number_gets_no_fix(text: str) -> None:
    assert number_fix(text) is None


@pytest.mark.parametrize(
    ("old", "new", "where", "fix"),
    [
        ("{2023: 10,", "{2023: 1.140,", "31:15: indicators[0].targets[2023]", "Schrijf 1140"),
        (
            "{2023: 10,",
            "{2023: 1.645.000,",
            "31:15: indicators[0].targets[2023]",
            "Schrijf 1645000",
        ),
        ("{2023: 10,", "{2023: 1 140,", "31:15: indicators[0].targets[2023]", "Schrijf 1140"),
        ("{2023: 1000,", "{2023: 250.000,", "34:13: budget.amounts[2023]", "Schrijf 250000"),
        ("{2023: 1000,", '{2023: "250.000",', "34:13: budget.amounts[2023]", "Schrijf 250000"),
        ("{2023: 1000,", "{2023: € 1000,", "34:13: budget.amounts[2023]", "Schrijf 1000"),
        ("{2023: 1000,", "{2023: 1_000,", "34:13: budget.amounts[2023]", "Schrijf 1000"),
        ("{2023: 1000,", "{2023: 1,5,", "34:19: budget.amounts[2023]", "Schrijf 1.5"),
    ],
)
def test_a_dutch_number_is_one_error_at_its_own_line(
    workdir: Path, old: str, new: str, where: str, fix: str
) -> None:
    [message] = problems_after(workdir, old, new)
    assert message.startswith(f"{MENTOR}:{where}: ")
    assert f"\n  {fix}" in message


def test_a_dutch_number_in_declared_totals_is_caught_in_the_programme(workdir: Path) -> None:
    path = workdir / "content/programmes/demoplan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2024: 2000}", "2024: 2.000}"), encoding="utf-8")
    _, problems = validate_content(Path("content"))
    # One message, in the programme's own file; no 'totals do not add up' follow-on.
    assert [p.format().splitlines()[0] for p in problems] == [
        "content/programmes/demoplan.yaml:8:31: declared_totals[2024]: '2.000' heeft een punt "
        "tussen de duizendtallen; het wordt gelezen als 2"
    ]


@pytest.mark.parametrize("target", ['"minimaal 12"', '"1.140"', "1.5", "12", '"90%"'])
def test_text_targets_and_real_decimals_stay_valid(workdir: Path, target: str) -> None:
    assert problems_after(workdir, '"minimaal 12"', target) == []


def test_yes_in_a_yes_no_field_is_refused_as_the_editor_does(workdir: Path) -> None:
    [message] = problems_after(
        workdir,
        "  amounts: {2023: 1000, 2024: 1500}",
        "  amounts: {2023: 1000, 2024: 1500}\n  in_programme_budget: yes",
    )
    assert message == (
        f"{MENTOR}:35:3: budget.in_programme_budget: 'yes' is geen ja/nee-waarde\n"
        "  Schrijf true (ja) of false (nee), zonder aanhalingstekens."
    )


def test_a_year_as_a_word_gets_the_year_hint_not_the_amount_hint(workdir: Path) -> None:
    [message] = problems_after(
        workdir,
        "organisations: [stichting-demo]",
        "organisations: [stichting-demo]\nperiod: {start: tweeduizend}",
    )
    assert message.endswith(
        "period.start: hier hoort een jaartal, maar er staat 'tweeduizend'\n"
        "  Schrijf het jaar in cijfers: 2024"
    )
    assert "bedrag" not in message and "Input should" not in message
