"""From a filled-in spreadsheet to report files: what would change, and writing it.

The import only ever writes content/reports/<year>/<intervention>-<year>.yaml files that carry
its marker line. A value that differs from one already stored is a conflict: it is reported
and nothing is written, unless the caller explicitly allows overwriting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cimo.graph import KnowledgeBase
from cimo.model import Report
from cimo.spreadsheet import (
    MARKER,
    SheetProblem,
    _open,
    _sheet,
    build_reports,
    read_filled_template,
)


@dataclass(frozen=True)
class FileChange:
    path: Path
    new: bool
    lines: list[str]  # what changes, in Dutch
    text: str


@dataclass
class ImportPlan:
    changes: list[FileChange] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def report_file(content_dir: Path, report_id: str, year: int) -> Path:
    return content_dir / "reports" / str(year) / f"{report_id}.yaml"


def plan_import(
    kb: KnowledgeBase, content_dir: Path, workbook: Path, overwrite: bool = False
) -> ImportPlan:
    """What importing `workbook` would write, or every problem that stops it."""
    plan = ImportPlan()
    sheet = _sheet(_open(workbook))
    programme_id, year = str(sheet["B2"].value or ""), sheet["B3"].value
    if programme_id not in kb.programmes:
        plan.problems.append(
            SheetProblem(sheet.title, 2, 2, f"onbekend programma '{programme_id[:40]}'").format()
        )
        return plan
    programme = kb.programmes[programme_id]
    end = programme.period.end or 2100
    if not isinstance(year, int) or not programme.period.start <= year <= end:
        plan.problems.append(
            SheetProblem(
                sheet.title,
                3,
                2,
                f"het jaar '{str(year)[:10]}' valt niet in de looptijd van het programma "
                f"({programme.period.start}-{programme.period.end or ''})",
            ).format()
        )
        return plan
    members = [kb.interventions[i] for i in kb.interventions_of_programme(programme_id)]
    found = read_filled_template(workbook, programme, members, year)
    plan.problems += [p.format() for p in found.problems]
    if plan.problems:
        return plan
    reports, problems = build_reports(found, workbook.name)
    plan.problems += problems
    stored: dict[str, Report] = kb.catalogue("reports")
    for report in reports.values():
        path = report_file(content_dir, report.id, year)
        change, problems = _merge(path, stored.get(report.id), report, overwrite)
        plan.problems += problems
        if change:
            plan.changes.append(change)
    return plan


def _merge(
    path: Path, old: Report | None, new: Report, overwrite: bool
) -> tuple[FileChange | None, list[str]]:
    shown = path.as_posix()
    if old is None:
        if path.exists():
            return None, [f"{shown}: bestaat al maar is geen geldig verslag; los dat eerst op"]
        return FileChange(path, True, _describe(new), _yaml(_dump(new))), []
    data, lines, problems = _dump(old), [], []

    def conflict(what: str, was: Any, now: Any) -> bool:
        if overwrite:
            lines.append(f"{what}: {was} wordt overschreven door {now}")
            return True
        problems.append(
            f"{shown}: {what} staat nu op {was}, het blad zegt {now}; "
            "gebruik --overwrite als het blad juist is"
        )
        return False

    results = {r["indicator"]: r for r in data.get("results", []) if r.get("kind") != "nulmeting"}
    for result in new.results:
        mine = result.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        before = results.get(result.indicator)
        if before is None:
            lines.append(f"indicator {result.indicator}: nieuw {result.value}")
        elif before.get("value") != mine["value"]:
            if not conflict(f"indicator {result.indicator}", before.get("value"), result.value):
                continue
        else:
            continue
        data["results"] = [r for r in data.get("results", []) if r is not before] + [mine]
    if new.spent is not None and new.spent != old.spent:
        if old.spent is None:
            lines.append(f"uitgegeven: nieuw € {new.spent}")
            data["spent"] = new.spent
        elif conflict("uitgegeven geld", old.spent, new.spent):
            data["spent"] = new.spent
    for name in ("reach", "experiences"):
        mine_list = _dump(new).get(name, [])
        if mine_list and mine_list != data.get(name, []):
            if not data.get(name):
                lines.append(f"{name}: {len(mine_list)} nieuw")
                data[name] = mine_list
            elif conflict(name, f"{len(data[name])} regels", f"{len(mine_list)} regels"):
                data[name] = mine_list
    if problems or not lines:
        return None, problems
    if not _made_by_import(path):
        return None, [
            f"{shown}: dit verslag is met de hand geschreven; de import verandert het niet. "
            "Zet de nieuwe waarden er zelf in, of haal het bestand weg"
        ]
    for key in ("as_of", "reported_by", "reported_in"):
        value = getattr(new, key)
        if value is not None:
            data[key] = value.isoformat() if hasattr(value, "isoformat") else value
    return FileChange(path, False, lines, _yaml(data)), []


def _made_by_import(path: Path) -> bool:
    try:
        return path.read_text(encoding="utf-8").startswith(MARKER)
    except OSError:
        return False


def _dump(report: Report) -> dict[str, Any]:
    return report.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def _describe(report: Report) -> list[str]:
    lines = [f"indicator {r.indicator}: nieuw {r.value}" for r in report.results]
    if report.spent is not None:
        lines.append(f"uitgegeven: nieuw € {report.spent}")
    if report.reach:
        lines.append(f"bereik: {len(report.reach)} nieuw")
    if report.experiences:
        lines.append(f"ervaringen: {len(report.experiences)} nieuw")
    return lines


_ORDER = ("id", "year", "intervention", "programme", "as_of", "reported_by", "reported_in")


def _yaml(data: dict[str, Any]) -> str:
    ordered = {k: data[k] for k in _ORDER if k in data} | {
        k: v for k, v in data.items() if k not in _ORDER
    }
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)
    return f"{MARKER} Verander liever het Excel-blad en importeer opnieuw.\n{body}"


def apply_import(plan: ImportPlan) -> None:
    """Write every change; only call this when the plan has no problems."""
    if plan.problems:
        raise ValueError("refusing to write an import with problems")
    for change in plan.changes:
        change.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = change.path.with_name(change.path.name + ".tmp")
        temporary.write_text(change.text, encoding="utf-8")
        temporary.replace(change.path)
