"""The providers' spreadsheet: a yearly template to fill in, and reading it back as reports.

`make_template` writes one sheet: locked columns say what is asked (intervention, indicator,
target), the provider fills in the unlocked ones. `read_filled_template` checks every cell and
returns the reports it holds, or every problem located by sheet, row and column (in Dutch).
Whatever the sheet's protection says, a locked cell is compared with what the template held:
protection without a password is easy to lift, so tampering is detected, not assumed away.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from cimo.model import Intervention, Programme, Report
from cimo.personal_data import find_personal_data

REACH_GROUPS = ("kinderen", "jongeren", "leerlingen", "ouders", "professionals", "scholen")
ROLES = ("kind", "jongere", "ouder", "school", "professional", "uitvoerder")
HEADERS = (
    "Soort",
    "Interventie-id",
    "Interventie",
    "Indicator-id of groep",
    "Wat wordt gevraagd",
    "Doel",
    "Getal",
    "Tekst, gebied of school",
    "Datum",
    "Gemeld door (organisatie)",
    "Toelichting",
)
LOCKED_COLUMNS = 6  # A-F: what is asked; G-K: the answers
HEADER_ROW = 8
FIRST_ROW = 9
EXTRA_REACH_ROWS = 10
EXPERIENCE_ROWS = 2
INPUT_FILL = PatternFill("solid", fgColor="FFF9D6")
MARKER = "# Gemaakt door cimo monitor import."


def sheet_name(year: int) -> str:
    return f"Rapportage {year}"


@dataclass(frozen=True)
class TemplateRow:
    """The locked part of one row (columns A-F); `open_columns` are input too for this row."""

    kind: str  # indicator | uitgegeven | bereik | ervaring
    intervention: str
    title: str
    key: str  # indicator id, reach group, 'geld', or '' when the provider chooses
    question: str
    target: Any
    open_columns: tuple[int, ...] = ()  # 1-based columns within A-F the provider fills in


def template_rows(
    programme: Programme, members: list[Intervention], year: int
) -> list[TemplateRow]:
    rows: list[TemplateRow] = []
    for iv in members:
        for ind in iv.indicators:
            target = ind.targets.get(year)
            rows.append(
                TemplateRow(
                    "indicator",
                    iv.id,
                    iv.title,
                    ind.id,
                    ind.name,
                    target if target is not None else "geen doel",
                )
            )
        planned = iv.budget.amounts.get(year) if iv.budget else None
        rows.append(
            TemplateRow(
                "uitgegeven",
                iv.id,
                iv.title,
                "geld",
                f"Uitgegeven geld in {year} (hele euro's)",
                planned if planned is not None else "geen bedrag",
            )
        )
        for group in ("kinderen", "ouders", "professionals"):
            rows.append(
                TemplateRow("bereik", iv.id, iv.title, group, f"Bereik: aantal {group}", "")
            )
        for _ in range(EXPERIENCE_ROWS):
            rows.append(
                TemplateRow(
                    "ervaring",
                    iv.id,
                    iv.title,
                    "",
                    "Ervaring in een paar zinnen, zonder namen (kies bij D van wie)",
                    "",
                    (4,),
                )
            )
    for _ in range(EXTRA_REACH_ROWS):
        rows.append(
            TemplateRow(
                "bereik",
                "",
                "",
                "",
                "Extra bereik per gebied of school (kies B en D)",
                "",
                (2, 4),
            )
        )
    return rows


def make_template(programme: Programme, members: list[Intervention], year: int) -> bytes:
    """The workbook a provider fills in for one programme and year."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name(year)
    sheet["A1"] = f"Voortgangsrapportage {year}: {programme.title}"
    sheet["A1"].font = Font(bold=True, size=14)
    for cell, label in (("A2", "Programma-id"), ("A3", "Jaar"), ("A4", "Stand per (datum)")):
        sheet[cell] = label
    sheet["A5"] = "Ingevuld door (organisatie, geen naam)"
    sheet["B2"], sheet["B3"] = programme.id, year
    sheet["A6"] = (
        "Vul alleen de gele cellen in. Getal: alleen cijfers. Datum: de dag die het getal "
        "beschrijft. Nooit namen, e-mailadressen of telefoonnummers."
    )
    for column, header in enumerate(HEADERS, start=1):
        cell = sheet.cell(HEADER_ROW, column, header if column != 6 else f"Doel {year}")
        cell.font = Font(bold=True)
    numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    numbers.error, numbers.errorTitle = "Vul een getal in (0 of meer).", "Alleen een getal"
    numbers.showErrorMessage = True
    dates = DataValidation(type="date", operator="between", formula1=f"DATE({year},1,1)")
    dates.formula2 = f"DATE({year},12,31)"
    dates.error, dates.showErrorMessage = f"Vul een datum in {year} in.", True
    stand = DataValidation(type="date", operator="greaterThanOrEqual", formula1=f"DATE({year},1,1)")
    ids = sorted({m.id for m in members})
    interventions = DataValidation(type="list", formula1=_list_formula(ids))
    groups = DataValidation(type="list", formula1=_list_formula(list(REACH_GROUPS)))
    roles = DataValidation(type="list", formula1=_list_formula(list(ROLES)))
    for validation in (numbers, dates, stand, interventions, groups, roles):
        sheet.add_data_validation(validation)
    for ref in ("B4", "B5"):
        _unlock(sheet[ref])
    stand.add("B4")
    rows = template_rows(programme, members, year)
    for offset, row in enumerate(rows):
        r = FIRST_ROW + offset
        values = (row.kind, row.intervention, row.title, row.key, row.question, row.target)
        for column, value in enumerate(values, start=1):
            sheet.cell(r, column, value if value != "" else None)
        for column in (*row.open_columns, 7, 8, 9, 10, 11):
            _unlock(sheet.cell(r, column))
        numbers.add(f"G{r}")
        dates.add(f"I{r}")
        if 2 in row.open_columns:
            interventions.add(f"B{r}")
        if 4 in row.open_columns:
            (roles if row.kind == "ervaring" else groups).add(f"D{r}")
    widths = (11, 22, 28, 18, 40, 14, 12, 36, 12, 24, 30)
    for letter, width in zip("ABCDEFGHIJK", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    for r in range(FIRST_ROW, FIRST_ROW + len(rows)):
        for column in (3, 5, 8, 11):
            sheet.cell(r, column).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 1)
    sheet.protection.sheet = True
    sheet.protection.formatCells = False  # widths and colours stay the provider's choice
    raw = io.BytesIO()
    book.save(raw)
    return raw.getvalue()


def _unlock(cell: Cell) -> None:
    cell.protection = Protection(locked=False)
    cell.fill = INPUT_FILL


def _list_formula(values: list[str]) -> str:
    return '"' + ",".join(values) + '"'


# -- reading a filled-in template --------------------------------------------------------------


@dataclass(frozen=True)
class SheetProblem:
    """A problem in the spreadsheet, at a sheet, row and column."""

    sheet: str
    row: int
    column: int
    message: str

    def format(self) -> str:
        letter = get_column_letter(self.column)
        header = (
            f" ({HEADERS[self.column - 1]})" if self.row >= FIRST_ROW and self.column <= 11 else ""
        )
        return f"blad '{self.sheet}', rij {self.row}, kolom {letter}{header}: {self.message}"


@dataclass
class FilledTemplate:
    """What a filled-in sheet says: the programme, the year and the values per intervention."""

    programme: str
    year: int
    as_of: dt.date | None
    reported_by: str | None
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → Report fields
    problems: list[SheetProblem] = field(default_factory=list)


def read_header(path: Path) -> tuple[str, Any, list[SheetProblem]]:
    """The programme id and year the sheet says it is for (checked against content later)."""
    sheet = _sheet(_open(path))
    return str(sheet["B2"].value or ""), sheet["B3"].value, []


def _open(path: Path) -> Any:
    return load_workbook(path, data_only=False)


def _sheet(book: Any) -> Worksheet:
    for sheet in book.worksheets:
        if sheet.title.startswith("Rapportage"):
            return sheet  # type: ignore[no-any-return]
    return book.worksheets[0]  # type: ignore[no-any-return]


def read_filled_template(
    path: Path, programme: Programme, members: list[Intervention], year: int
) -> FilledTemplate:
    """Every value of the sheet as report fields, or every problem found."""
    sheet = _sheet(_open(path))
    name = sheet.title
    found = FilledTemplate(programme.id, year, None, None)
    problems = found.problems

    def problem(row: int, column: int, message: str) -> None:
        problems.append(SheetProblem(name, row, column, message))

    for row_cells in sheet.iter_rows():
        for cell in row_cells:
            if cell.data_type == "f" or (
                isinstance(cell.value, str) and cell.value.startswith("=")
            ):
                problem(cell.row, cell.column, "bevat een formule; vul een getal of tekst in")
    if name != sheet_name(year):
        problem(1, 1, f"het blad heet '{name[:40]}', maar het jaar in B3 is {year}")
    found.as_of = _date(sheet["B4"], year, problem, allow_later=True)
    found.reported_by = _text(sheet["B5"], problem)
    expected = template_rows(programme, members, year)
    last = max(sheet.max_row, FIRST_ROW + len(expected) - 1)
    for offset in range(last - FIRST_ROW + 1):
        r = FIRST_ROW + offset
        want = expected[offset] if offset < len(expected) else None
        _check_locked(sheet, r, want, problem)
        if want is not None:
            _read_row(sheet, r, want, year, members, found, problem)
    problems.sort(key=lambda p: (p.row, p.column))
    return found


def _check_locked(sheet: Worksheet, r: int, want: TemplateRow | None, problem: Any) -> None:
    values = (
        (want.kind, want.intervention, want.title, want.key, want.question, want.target)
        if want
        else ("",) * LOCKED_COLUMNS
    )
    for column, value in enumerate(values, start=1):
        if want and column in want.open_columns:
            continue
        have = sheet.cell(r, column).value
        if _same(have, value):
            continue
        if want is None:
            problem(r, column, "onder de laatste rij van het sjabloon mag niets staan")
        else:
            problem(
                r,
                column,
                f"deze vergrendelde cel is veranderd: er hoort '{str(value)[:40]}' te staan, "
                f"niet '{str(have)[:40]}'; maak een nieuw sjabloon met cimo monitor template",
            )


def _same(have: Any, want: Any) -> bool:
    if have is None or have == "":
        return want is None or want == ""
    if isinstance(want, int | float) and isinstance(have, int | float):
        return bool(have == want)
    return str(have) == str(want)


def _read_row(
    sheet: Worksheet,
    r: int,
    want: TemplateRow,
    year: int,
    members: list[Intervention],
    found: FilledTemplate,
    problem: Any,
) -> None:
    number = _number(sheet.cell(r, 7), problem)
    words = _text(sheet.cell(r, 8), problem)
    when = _date(sheet.cell(r, 9), year, problem)
    by = _text(sheet.cell(r, 10), problem)
    note = _text(sheet.cell(r, 11), problem)
    iv_id = want.intervention or _text(sheet.cell(r, 2), problem) or ""
    key = want.key or _text(sheet.cell(r, 4), problem) or ""
    if number is None and words is None:
        if iv_id and not want.intervention and key:
            problem(r, 7, "vul het aantal in, of maak B en D leeg")
        return
    if iv_id not in {m.id for m in members}:
        problem(r, 2, f"onbekende interventie-id '{iv_id[:40]}'")
        return
    fields = found.reports.setdefault(iv_id, {})
    if want.kind == "indicator":
        result: dict[str, Any] = {
            "indicator": key,
            "value": number if number is not None else words,
        }
        result |= {k: v for k, v in (("date", when), ("reported_by", by), ("note", note)) if v}
        fields.setdefault("results", []).append(result)
    elif want.kind == "uitgegeven":
        if number is None or number != int(number):
            problem(r, 7, "vul het uitgegeven geld in als heel getal in euro's")
            return
        fields["spent"] = int(number)
        if note:
            fields["spent_note"] = note
    elif want.kind == "bereik":
        if key not in REACH_GROUPS:
            problem(r, 4, f"kies een groep uit de lijst: {', '.join(REACH_GROUPS)}")
            return
        if number is None or number != int(number):
            problem(r, 7, "vul het aantal in als heel getal")
            return
        reach: dict[str, Any] = {"who": key, "count": int(number)}
        reach |= {k: v for k, v in (("place", words), ("note", note)) if v}
        fields.setdefault("reach", []).append(reach)
    else:
        if key not in ROLES:
            problem(r, 4, f"kies van wie de ervaring is: {', '.join(ROLES)}")
            return
        if words is None:
            problem(r, 8, "schrijf de ervaring in deze kolom")
            return
        fields.setdefault("experiences", []).append({"text": words, "role": key})


def _number(cell: Cell, problem: Any) -> float | int | None:
    value = cell.value
    if value is None or value == "" or cell.data_type == "f":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        problem(
            cell.row, cell.column, f"'{str(value)[:40]}' is geen getal; schrijf tekst in kolom H"
        )
        return None
    if value < 0:
        problem(cell.row, cell.column, "een getal kan hier niet negatief zijn")
        return None
    return int(value) if float(value).is_integer() else float(value)


def _text(cell: Cell, problem: Any) -> str | None:
    value = cell.value
    if value is None or cell.data_type == "f":
        return None
    if isinstance(value, dt.datetime | dt.date):
        problem(cell.row, cell.column, "hier hoort tekst, geen datum")
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    personal = find_personal_data(text)
    if personal:
        problem(
            cell.row,
            cell.column,
            "bevat een e-mailadres of telefoonnummer; die worden nooit gepubliceerd, haal het weg",
        )
        return None
    return text


def _date(cell: Cell, year: int, problem: Any, allow_later: bool = False) -> dt.date | None:
    value = cell.value
    if value is None or value == "" or cell.data_type == "f":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        problem(cell.row, cell.column, f"'{str(value)[:40]}' is geen datum")
        return None
    if value.year != year and not (allow_later and value.year > year):
        problem(cell.row, cell.column, f"de datum {value:%d-%m-%Y} valt niet in {year}")
        return None
    return value


def build_reports(found: FilledTemplate, source_file: str) -> tuple[dict[str, Report], list[str]]:
    """The reports of a sheet as models; problems when a report is not valid content."""
    reports, problems = {}, []
    for iv_id, fields in sorted(found.reports.items()):
        data = {
            "id": f"{iv_id}-{found.year}",
            "year": found.year,
            "intervention": iv_id,
            **({"as_of": found.as_of} if found.as_of else {}),
            **({"reported_by": found.reported_by} if found.reported_by else {}),
            "reported_in": source_file,
            **fields,
        }
        try:
            reports[iv_id] = Report.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            problems.append(f"interventie '{iv_id}': {where}: {first['msg']}")
    return reports, problems
