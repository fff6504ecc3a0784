"""Rename an id everywhere at once: `cimo rename KIND OLD NEW`.

Only references of the given kind change (a theme and a mechanism may share an id). The YAML
text is edited in place, value by value, so comments, quotes and layout stay as they were. The
plan is complete before anything is written: it is refused when the new id is invalid or taken,
when a file cannot be read, or when the content would not validate afterwards.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cimo.errors import CimoError
from cimo.kinds import RecordKind
from cimo.load import Document, display_path, load_content
from cimo.model import RESERVED_IDS
from cimo.references import id_uses

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_ID_CHAR = "a-z0-9-"


@dataclass
class FileChange:
    """The new text of one file, and the lines that change (line number, before, after)."""

    path: Path
    old_text: str
    new_text: str
    lines: list[tuple[int, str, str]] = field(default_factory=list)
    move_to: Path | None = None


@dataclass
class RenamePlan:
    kind: RecordKind
    old: str
    new: str
    changes: list[FileChange]

    @property
    def references(self) -> int:
        return sum(len(change.lines) for change in self.changes)


def plan_rename(content_dir: Path, kind: RecordKind, old: str, new: str) -> RenamePlan:
    """Every change renaming `old` to `new` takes; CimoError (nothing written) when it may not."""
    if not _ID.fullmatch(new) or len(new) > 80:
        raise CimoError(
            f"'{new}' is geen geldige id.",
            "Gebruik kleine letters, cijfers en streepjes, bijvoorbeeld 'rolmodellen'.",
        )
    if new in RESERVED_IDS and kind.plural != "sources":
        raise CimoError(f"De id '{new}' is al in gebruik voor de lijstpagina's van de site.")
    documents, problems = load_content(content_dir)
    if problems:
        files = sorted({p.location.file for p in problems})
        raise CimoError(
            "Niet hernoemd: deze bestanden zijn niet te lezen: " + ", ".join(files) + ".",
            "Los eerst de fouten op (cimo validate); er is niets veranderd.",
        )
    uses = [u for d in documents for u in id_uses(d) if u.kind == kind.plural]
    defined = [u for u in uses if u.defines]
    if not any(u.value == old for u in defined):
        raise CimoError(
            f"Er is geen {kind.label} met de id '{old}'.",
            f"Kijk welke er zijn met: cimo list {kind.plural}",
        )
    clash = next((u for u in defined if u.value == new), None)
    if clash is not None:
        raise CimoError(
            f"Niet hernoemd: er is al een {kind.label} met de id '{new}' "
            f"({clash.document.locate(clash.path)}).",
            "Kies een andere nieuwe id; er is niets veranderd.",
        )
    changes = []
    for document in documents:
        spots = [u for u in uses if u.document is document and u.value == old]
        if spots:
            changes.append(_change_file(content_dir, document, spots, kind, old, new))
    for change in changes:
        if change.move_to is not None and os.path.lexists(change.move_to):
            raise CimoError(f"Niet hernoemd: {display_path(change.move_to)} bestaat al.")
    return RenamePlan(kind, old, new, changes)


def _change_file(
    content_dir: Path, document: Document, spots: list, kind: RecordKind, old: str, new: str
) -> FileChange:
    path = _path_of(content_dir, document)
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    columns: dict[int, set[int]] = {}
    for use in spots:
        line, column = document.positions[use.path]
        is_key = isinstance(use.path[-1], str)  # the position of a mapping value is its key's
        columns.setdefault(line, set()).add(_value_column(lines[line - 1], column, is_key, old))
    shown = []
    for line, starts in sorted(columns.items()):
        before = lines[line - 1]
        after = before
        for start in sorted(starts, reverse=True):
            after = after[:start] + new + after[start + len(old) :]
        lines[line - 1] = after
        shown.append((line, before.rstrip("\r\n"), after.rstrip("\r\n")))
    move_to = None
    if kind.one_per_file and any(use.defines for use in spots) and path.stem == old:
        move_to = path.with_name(new + path.suffix)
    return FileChange(path, text, "".join(lines), shown, move_to)


def _value_column(line: str, column: int, is_key: bool, old: str) -> int:
    """Where the id `old` starts on a line, at or after a value's (or its key's) position."""
    start = column - 1
    if is_key:
        start = line.index(":", start) + 1
    match = re.compile(rf"(?<![{_ID_CHAR}]){re.escape(old)}(?![{_ID_CHAR}])").search(line, start)
    if match is None:  # the loader placed a value here, so it is on this line
        raise CimoError(f"Niet hernoemd: kan '{old}' niet vinden op de regel: {line.strip()}")
    return match.start()


def _path_of(content_dir: Path, document: Document) -> Path:
    path = Path(document.file)
    return path if path.is_absolute() or path.exists() else content_dir / path


def check_plan(content_dir: Path, plan: RenamePlan) -> list[str]:
    """The problems validation finds in a copy of the content with the plan applied."""
    from cimo.validate import validate_content  # validate imports much; only needed here

    with tempfile.TemporaryDirectory(prefix="cimo-rename-") as scratch:
        copy = Path(scratch) / "content"
        shutil.copytree(content_dir, copy, symlinks=True)
        for change in plan.changes:
            target = copy / change.path.resolve().relative_to(content_dir.resolve())
            target.write_text(change.new_text, encoding="utf-8")
            if change.move_to is not None:
                target.rename(target.with_name(change.move_to.name))
        _, problems = validate_content(copy)
        return [p.format().replace(str(copy), "content") for p in problems]


def apply_plan(plan: RenamePlan) -> None:
    """Write every changed file (each replaced whole, atomically), then move renamed files."""
    for change in plan.changes:
        temporary = change.path.with_name(f".{change.path.name}.cimo-rename")
        temporary.write_text(change.new_text, encoding="utf-8")
        os.replace(temporary, change.path)
    for change in plan.changes:
        if change.move_to is not None:
            os.rename(change.path, change.move_to)
