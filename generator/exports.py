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

from cimo.graph import KnowledgeBase
from cimo.kinds import KINDS
from generator.text import plain
from generator.views.common import programme_line_title
from generator.views.programme import indicator_target_text

FIXED_TIME = dt.datetime(2000, 1, 1)

INDICATOR_HEADER = [
    "programma",
    "programmalijn",
    "interventie",
    "doel",
    "indicator",
    "soort",
    "streefwaarden",
    "gemeten_door",
    "herkomst",
]
BUDGET_HEADER = [
    "programma",
    "programmalijn",
    "onderdeel",
    "jaar",
    "bedrag_eur",
    "binnen_programmabegroting",
]


def indicator_rows(kb: KnowledgeBase) -> list[list[str]]:
    rows = []
    for _, iv in sorted(kb.interventions.items()):
        programme = kb.programmes[iv.programme].title if iv.programme else ""
        for indicator in iv.indicators:
            rows.append(
                [
                    programme,
                    programme_line_title(kb, iv) or "",
                    iv.title,
                    plain(iv.goal or ""),
                    plain(indicator.name),
                    indicator.kind,
                    indicator_target_text(indicator),
                    plain(indicator.measured_by or ""),
                    indicator.provenance.value,
                ]
            )
    return rows


def budget_rows(kb: KnowledgeBase) -> list[list[str | int]]:
    rows: list[list[str | int]] = []
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


def to_csv(header: list[str], rows: list[list[str]] | list[list[str | int]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_csv_safe(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")  # BOM: Excel opens UTF-8 correctly


def _text_cell(value: str | int) -> str | int:
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


def _csv_safe(value: str | int) -> str | int:
    """Neutralise spreadsheet formulas in content text (CSV injection): OWASP's quote prefix."""
    value = _text_cell(value)
    if isinstance(value, str) and _starts_formula(value):
        return "'" + value
    return value


def to_xlsx(
    sheet_title: str, header: list[str], rows: list[list[str]] | list[list[str | int]]
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(header)
    for row in rows:
        sheet.append([_text_cell(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                # A string cell is never a formula (openpyxl makes one of any text starting with
                # =); Excel's quote prefix keeps it text when someone edits the cell.
                cell.data_type = "s"
                if _starts_formula(cell.value):
                    cell.quotePrefix = True
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
    return {
        "downloads/indicatoren.csv": to_csv(INDICATOR_HEADER, indicators),
        "downloads/indicatoren.xlsx": to_xlsx("Indicatoren", INDICATOR_HEADER, indicators),
        "downloads/begroting.csv": to_csv(BUDGET_HEADER, budget),
        "downloads/begroting.xlsx": to_xlsx("Begroting", BUDGET_HEADER, budget),
        "downloads/kennisbank.json": knowledge_base_json(kb),
    }
