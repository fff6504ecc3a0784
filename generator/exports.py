"""Downloads: the indicator appendix and the budget as CSV and XLSX, the whole KB as JSON.

All outputs are byte-reproducible: sorted keys, fixed ZIP timestamps, no creation dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import unicodedata
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cimo import monitoring
from cimo.graph import KnowledgeBase
from cimo.kinds import KINDS
from generator.text import plain
from generator.views.common import programme_line_title
from generator.views.monitoring import date_text, results_index
from generator.views.programme import indicator_target_text

FIXED_TIME = dt.datetime(2000, 1, 1)
EURO_FORMAT = '"€" #,##0'

BUDGET_HEADER = [
    "Programma",
    "Programmalijn",
    "Onderdeel",
    "Jaar",
    "Bedrag (euro)",
    "Binnen programmabegroting",
]
INDICATOR_COLUMNS = [
    "Programma",
    "Programmalijn",
    "Interventie",
    "Doel",
    "Indicator",
    "Soort",
    "Lager is beter",
    "Gemeten door",
    "Herkomst",
    "Streefwaarden",
]
YEAR_COLUMNS = ("doel", "uitkomst", "datum uitkomst", "stand")
#: Columns that hold euros (XLSX: euro format): by header.
EURO_COLUMNS = {"Bedrag (euro)"}


def indicator_years(kb: KnowledgeBase) -> list[int]:
    """The years of every programme and every target: one set of year columns for all rows."""
    years: set[int] = set()
    for programme in kb.programmes.values():
        years |= set(monitoring.programme_years(programme))
    for iv in kb.interventions.values():
        years |= {y for ind in iv.indicators for y in ind.targets}
    return sorted(years)


def indicator_header(kb: KnowledgeBase) -> list[str]:
    years = indicator_years(kb)
    return INDICATOR_COLUMNS + [f"{y} {part}" for y in years for part in YEAR_COLUMNS]


def indicator_rows(kb: KnowledgeBase) -> list[list[str | int | float]]:
    """One row per indicator: what it is, then per year the target, result, date and status."""
    years = indicator_years(kb)
    index = results_index(kb)
    rows: list[list[str | int | float]] = []
    for _, iv in sorted(kb.interventions.items()):
        programme = kb.programmes[iv.programme].title if iv.programme else ""
        for indicator in iv.indicators:
            found = index.results(iv.id, indicator.id)
            row: list[str | int | float] = [
                programme,
                programme_line_title(kb, iv) or "",
                iv.title,
                plain(iv.goal or ""),
                plain(indicator.name),
                indicator.kind,
                "ja" if indicator.direction == "lager" else "nee",
                plain(indicator.measured_by or ""),
                indicator.provenance.value,
                indicator_target_text(indicator),
            ]
            for year in years:
                target, result = indicator.targets.get(year), found.get(year)
                value = result.value if result else None
                status = monitoring.indicator_status(target, value, indicator.direction)
                row += [
                    "" if target is None else target,
                    "" if value is None else value,
                    date_text(result),
                    status.value,
                ]
            rows.append(row)
    return rows


def budget_rows(kb: KnowledgeBase) -> list[list[str | int | float]]:
    rows: list[list[str | int | float]] = []
    for _, iv in sorted(kb.interventions.items()):
        if not iv.budget:
            continue
        title = kb.programmes[iv.programme].title if iv.programme else ""
        for year, amount in sorted(iv.budget.amounts.items()):
            rows.append(
                [
                    title,
                    programme_line_title(kb, iv) or "",
                    iv.title,
                    year,
                    amount,
                    "ja" if iv.budget.in_programme_budget else "nee",
                ]
            )
    for _, programme in sorted(kb.programmes.items()):
        for row in programme.other_budget_rows:
            for year, amount in sorted(row.amounts.items()):
                rows.append([programme.title, "Overig", row.title, year, amount, "ja"])
    return rows


Rows = list[list[str | int | float]] | list[list[str | int]] | list[list[str]]


def to_csv(header: list[str], rows: Rows) -> bytes:
    """CSV that Dutch Excel opens in columns: ';' between cells (Excel in Dutch splits on ';'),
    UTF-8 with a byte order mark, numbers as numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_csv_safe(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")  # BOM: Excel opens UTF-8 correctly


def _text_cell(value: str | int | float) -> str | int | float:
    """Text on one line without control characters (openpyxl refuses those); numbers as they are."""
    return plain(value) if isinstance(value, str) else value


def _starts_formula(text: str) -> bool:
    """Whether Excel or LibreOffice may read text as a formula: it starts (after invisible
    characters) with = + - @, also fullwidth or small (＝ ﹢), or with a tab or line break."""
    if text[:1] in ("\t", "\r", "\n"):
        return True
    for ch in text:
        if not (ch.isspace() or unicodedata.category(ch) == "Cf"):
            return unicodedata.normalize("NFKC", ch)[:1] in ("=", "+", "-", "@")
    return False


def _csv_safe(value: str | int | float) -> str | int | float:
    """Neutralise spreadsheet formulas in content text (CSV injection): OWASP's quote prefix."""
    value = _text_cell(value)
    if isinstance(value, str) and _starts_formula(value):
        return "'" + value
    if isinstance(value, float):
        return str(value).replace(".", ",")  # Dutch decimal comma
    return value


def to_xlsx(sheet_title: str, header: list[str], rows: Rows) -> bytes:
    """A sheet with a bold, frozen header row, readable column widths and euros as numbers in
    euro format."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    euro_columns = [i + 1 for i, name in enumerate(header) if name in EURO_COLUMNS]
    number = 1  # the header row
    for row in rows:
        number += 1
        sheet.append([_text_cell(v) for v in row])
        # sheet.cell(), not sheet[n] or max_row: those scan every cell (quadratic at N = 5 000)
        for cell in (sheet.cell(number, column) for column in range(1, len(row) + 1)):
            if isinstance(cell.value, str):
                # A string cell is never a formula (openpyxl makes one of any text starting with
                # =); Excel's quote prefix keeps it text when someone edits the cell.
                cell.data_type = "s"
                if _starts_formula(cell.value):
                    cell.quotePrefix = True
            elif cell.column in euro_columns:
                cell.number_format = EURO_FORMAT
    for i, name in enumerate(header, start=1):
        longest = max([len(name)] + [len(str(r[i - 1])) for r in rows if i <= len(r)])
        sheet.column_dimensions[get_column_letter(i)].width = min(max(longest, 8) + 2, 50)
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    workbook.save(raw)
    return _fixed_zip_times(raw.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>" + FIXED_TIME.isoformat().encode() + b"Z",
                    data,
                )
            target.writestr(fixed, data)
    return out.getvalue()


def knowledge_base_json(kb: KnowledgeBase) -> bytes:
    """Every record as JSON; a number that is not finite (which validation rejects) is null,
    so the file is always valid JSON."""
    data = {
        kind.plural: {
            ident: model.model_dump(mode="json", exclude_none=True)
            for ident, model in sorted(kb.catalogue(kind.plural).items())
        }
        for kind in KINDS
    }
    text = json.dumps(_finite(data), ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
    return text.encode("utf-8", "replace")  # a lone surrogate (never valid content) becomes ?


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


def exports(kb: KnowledgeBase) -> dict[str, bytes]:
    """Docs path → file content of every download."""
    indicators, budget = indicator_rows(kb), budget_rows(kb)
    header = indicator_header(kb)
    return {
        "downloads/indicatoren.csv": to_csv(header, indicators),
        "downloads/indicatoren.xlsx": to_xlsx("Indicatoren", header, indicators),
        "downloads/begroting.csv": to_csv(BUDGET_HEADER, budget),
        "downloads/begroting.xlsx": to_xlsx("Begroting", BUDGET_HEADER, budget),
        "downloads/kennisbank.json": knowledge_base_json(kb),
    }
