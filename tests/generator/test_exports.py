"""Downloads: no text cell can become a spreadsheet formula, amounts stay numbers, and the JSON
is always valid JSON."""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from cimo.graph import KnowledgeBase
from cimo.knowledge_base import load_knowledge_base
from generator.exports import exports, knowledge_base_json, to_csv, to_xlsx
from tests.conftest import FIXTURES

# What Excel or LibreOffice may read as the start of a formula, also after invisible characters.
FORMULA_STARTS = ["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "﹢", "\u200b=", "\u2060@"]
PAYLOADS = ['HYPERLINK("https://evil.example","klik")', "cmd|' /C calc'!A0", "1+1", "SUM(A1:A9)"]


def kb_with_texts(tmp_path: Path, start: str) -> tuple[KnowledgeBase, list[str]]:
    """The minimal knowledge base with every text that reaches a download starting with start."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal/content", content)
    texts = [f"{start}{payload} {i}" for i, payload in enumerate(PAYLOADS * 2)]

    def edit(path: str, change: Callable[[dict], None]) -> None:
        data = yaml.safe_load((content / path).read_text(encoding="utf-8"))
        change(data)
        (content / path).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    def programme(data: dict) -> None:
        data["title"], data["lines"][0]["title"] = texts[0], texts[1]
        data["other_budget_rows"][0]["title"] = texts[2]

    def intervention(data: dict) -> None:
        data["title"], data["goal"] = texts[3], texts[4]
        indicator = data["indicators"][0]
        indicator["name"], indicator["measured_by"] = texts[5], texts[6]
        indicator["targets"], indicator["target_note"] = {}, texts[7]

    edit("programmes/demoplan.yaml", programme)
    edit("interventions/gemeente-demo/mentor.yaml", intervention)
    kb = load_knowledge_base(content).kb
    return kb, texts


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n", "\u200b")
DANGEROUS_FIRST += ("＝", "＋", "－", "＠", "﹦", "﹢")


def dangerous(cell: str) -> bool:
    return cell[:1] in DANGEROUS_FIRST


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_no_downloaded_text_cell_is_a_formula(tmp_path: Path, start: str) -> None:
    kb, texts = kb_with_texts(tmp_path, start)
    files = exports(kb)
    for name in ("downloads/indicatoren", "downloads/begroting"):
        cells = [c for row in csv_cells(files[f"{name}.csv"]) for c in row]
        assert not [c for c in cells if dangerous(c) or dangerous(c.lstrip("\u2060"))], name
        workbook = load_workbook(io.BytesIO(files[f"{name}.xlsx"]))
        xlsx_cells = [cell for row in workbook.active.iter_rows() for cell in row]
        assert [c.coordinate for c in xlsx_cells if c.data_type == "f"] == []
        for cell in xlsx_cells:
            if isinstance(cell.value, str) and cell.value.startswith(start):
                assert cell.quotePrefix, cell.coordinate  # stays text when edited in Excel
        with zipfile.ZipFile(io.BytesIO(files[f"{name}.xlsx"])) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml")
        assert b"<f>" not in sheet and b"<f " not in sheet
    # Text round-trips: exactly in XLSX, behind OWASP's quote prefix in CSV.
    indicator_csv = [c for row in csv_cells(files["downloads/indicatoren.csv"]) for c in row]
    budget_csv = [c for row in csv_cells(files["downloads/begroting.csv"]) for c in row]
    xlsx_values = {
        cell.value
        for name in ("indicatoren", "begroting")
        for row in load_workbook(io.BytesIO(files[f"downloads/{name}.xlsx"])).active.iter_rows()
        for cell in row
    }
    for text in texts[:7]:
        assert "'" + text in indicator_csv + budget_csv, text
        assert text in xlsx_values, text


#: The budget of tests/fixtures/minimal: mentor's amounts, then the programme's execution costs.
MINIMAL_BUDGET = [(2023, 1000), (2024, 1500), (2023, 500), (2024, 500)]


def test_amounts_and_years_stay_numbers(tmp_path: Path) -> None:
    kb, _ = kb_with_texts(tmp_path, "-")
    files = exports(kb)
    sheet = load_workbook(io.BytesIO(files["downloads/begroting.xlsx"])).active
    cells = list(sheet.iter_rows(min_row=2, min_col=4, max_col=5))
    assert [(year.value, amount.value) for year, amount in cells] == MINIMAL_BUDGET
    assert {c.data_type for row in cells for c in row} == {"n"}
    rows = csv_cells(files["downloads/begroting.csv"])[1:]
    assert [(int(row[3]), int(row[4])) for row in rows] == MINIMAL_BUDGET
    assert all(row[3].isdigit() and row[4].isdigit() for row in rows)  # no € or dots


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("\t", "1+1"),  # control characters and leading spaces are dropped: plain text
        ("\r", "1+1"),
        ("\n", "1+1"),
        ("\x00", "1+1"),
        ("\x1b", "1+1"),
        (" \u00a0=", "'=1+1"),  # what is left starts a formula: quote prefix
        ("=", "'=1+1"),
        ("-", "'-1+1"),
        ("@", "'@1+1"),
    ],
)
def test_any_text_cell_is_neutralised_and_numbers_are_not(start: str, expected: str) -> None:
    rows: list[list[str | int]] = [[f"{start}1+1", -5, 2024, "gewoon"]]
    cells = csv_cells(to_csv(["a", "b", "c", "d"], rows))[1]
    assert cells == [expected, "-5", "2024", "gewoon"]
    sheet = load_workbook(io.BytesIO(to_xlsx("Blad", ["a", "b", "c", "d"], rows))).active
    text, negative, year, plain = sheet[2]
    assert text.data_type == "s" and not any(ord(ch) < 32 for ch in text.value)
    assert text.value == expected.removeprefix("'") and text.quotePrefix == expected.startswith("'")
    assert negative.value == -5 and negative.data_type == "n" and year.value == 2024
    assert plain.value == "gewoon" and not plain.quotePrefix


def test_json_download_is_valid_even_with_a_number_that_is_not_finite(tmp_path: Path) -> None:
    kb, _ = kb_with_texts(tmp_path, "")
    iv = kb.interventions["mentor"]
    indicator = iv.indicators[0].model_copy(
        update={"targets": {2023: math.nan, 2024: math.inf, 2025: 1.5}}
    )
    kb.interventions["mentor"] = iv.model_copy(update={"indicators": [indicator]})

    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    data = json.loads(knowledge_base_json(kb), parse_constant=refuse)
    targets = data["interventions"]["mentor"]["indicators"][0]["targets"]
    assert targets == {"2023": None, "2024": None, "2025": 1.5}
