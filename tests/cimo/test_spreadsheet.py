"""The providers' spreadsheet round trip with real XLSX files written and edited by openpyxl."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from cimo.knowledge_base import load_knowledge_base
from cimo.monitoring import ResultStatus, indicator_status, results_index
from cimo_cli.main import main
from tests.conftest import FIXTURES

PROGRAMME = "demoplan"


@pytest.fixture
def kb_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "monitoring", tmp_path / "kb")
    monkeypatch.chdir(tmp_path / "kb")
    return tmp_path / "kb"


def template(folder: Path, year: int = 2024) -> Path:
    out = folder.parent / f"rapportage-{year}.xlsx"
    result = CliRunner().invoke(
        main,
        [
            "monitor",
            "template",
            "--programme",
            PROGRAMME,
            "--year",
            str(year),
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def row_of(sheet: Worksheet, kind: str, intervention: str, key: str) -> int:
    for row in sheet.iter_rows(min_row=9):
        a, b, _, d = (c.value for c in row[:4])
        if (a, b, d) == (kind, intervention, key):
            return row[0].row
    raise AssertionError(f"no row {kind} {intervention} {key}")


def edit(path: Path, change) -> None:
    book = load_workbook(path)
    change(book.active)
    book.save(path)


def run_import(path: Path, *flags: str):
    return CliRunner().invoke(main, ["monitor", "import", str(path), *flags])


def fill_ouderavond(sheet: Worksheet) -> None:
    sheet.cell(row_of(sheet, "indicator", "ouderavond", "ouders"), 7, 42)
    sheet.cell(row_of(sheet, "uitgegeven", "ouderavond", "geld"), 7, 380)
    r = row_of(sheet, "bereik", "ouderavond", "ouders")
    sheet.cell(r, 7, 42)
    sheet.cell(r, 8, "West")
    sheet["B4"] = __import__("datetime").date(2024, 12, 31)
    sheet["B5"] = "Stichting Demo"


def test_template_locks_what_is_asked_and_validates_numbers(kb_folder: Path) -> None:
    sheet = load_workbook(template(kb_folder)).active
    assert sheet.title == "Rapportage 2024" and sheet.protection.sheet
    r = row_of(sheet, "indicator", "mentor", "deelnemers")
    assert sheet.cell(r, 6).value == "minimaal 12"  # the target for 2024 as the source gives it
    assert sheet.cell(r, 3).protection.locked and not sheet.cell(r, 7).protection.locked
    numbers = [v for v in sheet.data_validations.dataValidation if v.type == "decimal"]
    assert numbers and f"G{r}" in str(numbers[0].sqref)
    assert sheet.cell(8, 1).value == "Soort" and sheet.cell(8, 7).value == "Getal"


def test_template_never_overwrites_a_file(kb_folder: Path) -> None:
    out = kb_folder.parent / "bestaat.xlsx"
    out.write_bytes(b"van iemand anders")
    result = CliRunner().invoke(
        main,
        ["monitor", "template", "--programme", PROGRAMME, "--year", "2024", "--output", str(out)],
    )
    assert result.exit_code == 1 and out.read_bytes() == b"van iemand anders"


def test_filled_template_dry_run_then_apply_shows_status(kb_folder: Path) -> None:
    path = template(kb_folder)
    edit(path, fill_ouderavond)
    dry = run_import(path)
    assert dry.exit_code == 0, dry.output
    assert (
        "ouderavond-2024.yaml (nieuw)" in dry.output and "indicator ouders: nieuw 42" in dry.output
    )
    written = kb_folder / "content/reports/2024/ouderavond-2024.yaml"
    assert not written.exists()  # a dry run writes nothing
    applied = run_import(path, "--apply")
    assert applied.exit_code == 0, applied.output
    assert written.read_text(encoding="utf-8").startswith("# Gemaakt door cimo monitor import.")
    kb = load_knowledge_base(kb_folder / "content", strict=True).kb
    report = results_index(kb.catalogue("reports").values()).report("ouderavond", 2024)
    assert report is not None and report.spent == 380 and report.reach[0].place == "West"
    # 42 parents against a target of 40 for 2024: met.
    assert indicator_status(40, report.results[0].value) is ResultStatus.met
    again = run_import(path)
    assert "Niets te doen" in again.output


def test_a_changed_value_is_not_overwritten_without_the_flag(kb_folder: Path) -> None:
    path = template(kb_folder)
    edit(path, fill_ouderavond)
    assert run_import(path, "--apply").exit_code == 0
    edit(path, lambda s: s.cell(row_of(s, "indicator", "ouderavond", "ouders"), 7, 45))
    refused = run_import(path, "--apply")
    assert refused.exit_code == 1
    assert "staat nu op 42, het blad zegt 45" in refused.output
    written = kb_folder / "content/reports/2024/ouderavond-2024.yaml"
    assert "value: 42" in written.read_text(encoding="utf-8")
    forced = run_import(path, "--apply", "--overwrite")
    assert forced.exit_code == 0, forced.output
    assert "value: 45" in written.read_text(encoding="utf-8")


def test_a_hand_written_report_is_never_changed(kb_folder: Path) -> None:
    path = template(kb_folder)
    hand = kb_folder / "content/reports/2024/mentor-2024.yaml"
    before = hand.read_bytes()
    edit(path, lambda s: s.cell(row_of(s, "uitgegeven", "mentor", "geld"), 7, 1400))
    result = run_import(path, "--apply", "--overwrite")
    assert result.exit_code == 1 and "met de hand geschreven" in result.output
    assert hand.read_bytes() == before


def assert_refused(kb_folder: Path, path: Path, *expected: str) -> None:
    before = sorted(p.as_posix() for p in (kb_folder / "content").rglob("*"))
    result = run_import(path, "--apply")
    assert result.exit_code == 1, result.output
    for text in expected:
        assert text in result.output, result.output
    assert "Er is niets veranderd" in result.output
    assert sorted(p.as_posix() for p in (kb_folder / "content").rglob("*")) == before


def test_bad_cell_is_located_and_nothing_is_written(kb_folder: Path) -> None:
    path = template(kb_folder)

    def bad(sheet: Worksheet) -> None:
        fill_ouderavond(sheet)
        sheet.cell(row_of(sheet, "indicator", "mentor", "wachttijd"), 7, "veel")

    edit(path, bad)
    r = row_of(load_workbook(path).active, "indicator", "mentor", "wachttijd")
    assert_refused(
        kb_folder, path, f"blad 'Rapportage 2024', rij {r}, kolom G (Getal): 'veel' is geen getal"
    )


def test_formula_cell_is_refused(kb_folder: Path) -> None:
    path = template(kb_folder)
    edit(path, lambda s: s.cell(row_of(s, "uitgegeven", "ouderavond", "geld"), 7, "=SUM(1,2)"))
    r = row_of(load_workbook(path).active, "uitgegeven", "ouderavond", "geld")
    assert_refused(kb_folder, path, f"rij {r}, kolom G (Getal): bevat een formule")


def test_changed_locked_id_is_refused(kb_folder: Path) -> None:
    path = template(kb_folder)

    def tamper(sheet: Worksheet) -> None:
        sheet.protection.sheet = False  # lifting the protection is easy; it is still detected
        r = row_of(sheet, "indicator", "mentor", "wachttijd")
        sheet.cell(r, 4, "deelnemers")
        sheet.cell(r, 7, 1)

    edit(path, tamper)
    assert_refused(
        kb_folder, path, "kolom D (Indicator-id of groep): deze vergrendelde cel is veranderd"
    )


def test_wrong_year_is_refused(kb_folder: Path) -> None:
    path = template(kb_folder)
    edit(path, lambda s: s.__setitem__("B3", 2031))
    assert_refused(kb_folder, path, "rij 3, kolom B", "valt niet in de looptijd van het programma")
    path = template(kb_folder, 2023)
    edit(path, lambda s: s.__setitem__("B3", 2024))  # a 2023 sheet presented as 2024
    assert_refused(kb_folder, path, "het blad heet 'Rapportage 2023', maar het jaar in B3 is 2024")


def test_date_outside_the_year_and_personal_data_are_refused(kb_folder: Path) -> None:
    path = template(kb_folder)

    def bad(sheet: Worksheet) -> None:
        r = row_of(sheet, "indicator", "ouderavond", "ouders")
        sheet.cell(r, 7, 42)
        sheet.cell(r, 9, __import__("datetime").date(2023, 5, 1))
        sheet.cell(r, 11, "Bel 06-12345678 voor vragen")

    edit(path, bad)
    assert_refused(
        kb_folder,
        path,
        "de datum 01-05-2023 valt niet in 2024",
        "kolom K (Toelichting): bevat een e-mailadres of telefoonnummer",
    )


def test_unknown_intervention_in_an_extra_row_is_refused(kb_folder: Path) -> None:
    path = template(kb_folder)

    def extra(sheet: Worksheet) -> None:
        r = row_of(sheet, "bereik", None, None)
        sheet.cell(r, 2, "bestaat-niet")
        sheet.cell(r, 4, "kinderen")
        sheet.cell(r, 7, 5)

    edit(path, extra)
    assert_refused(kb_folder, path, "onbekende interventie-id 'bestaat-niet'")
