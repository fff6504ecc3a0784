"""Stage 1, load: read YAML files into plain data with the source position of every value.

Only the subset of YAML that content needs is accepted: mappings, sequences and plain scalars.
Anchors/aliases, custom tags, duplicate keys, non-UTF-8 bytes and oversized files are rejected
with a located problem instead of a traceback (or an alias bomb's hang).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cimo.kinds import BY_PLURAL
from cimo.problems import Location, Problem

try:  # libyaml is ~10x faster (see MEASURED.md); the pure-Python loader is the fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_SCALARS = yaml.constructor.SafeConstructor()

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """One content file: its kind (folder), data, and the (line, column) of every value."""

    file: str
    kind: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_) -> Location:
        """The position of `path`, or of its closest parent that has one."""
        for end in range(len(path), -1, -1):
            pos = self.positions.get(tuple(path[:end]))
            if pos is not None:
                return Location(self.file, *pos)
        return Location(self.file)


class _LoadFailure(Exception):
    def __init__(self, line: int, column: int, message: str, hint: str | None = None):
        super().__init__(message)
        self.line, self.column, self.message, self.hint = line, column, message, hint


def display_path(path: Path) -> str:
    """A path as the user typed it: relative to the working folder when inside it."""
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def content_files(content_dir: Path) -> list[Path]:
    """All YAML files under content_dir, in a stable order."""
    files = [*content_dir.rglob("*.yaml"), *content_dir.rglob("*.yml")]
    return sorted(f for f in files if f.is_file())


def load_content(content_dir: Path) -> tuple[list[Document], list[Problem]]:
    """Load every YAML file under content_dir; collect problems rather than stop at the first."""
    documents: list[Document] = []
    problems: list[Problem] = []
    if not content_dir.is_dir():
        loc = Location(display_path(content_dir))
        return [], [Problem(loc, "", "content folder not found", "pass --content DIR")]
    for file in content_files(content_dir):
        document, problem = load_document(file, content_dir)
        if problem:
            problems.append(problem)
        elif document:
            documents.append(document)
    return documents, problems


def document_kind(file: Path, content_dir: Path) -> str | None:
    parts = file.relative_to(content_dir).parts
    return parts[0] if len(parts) > 1 and parts[0] in BY_PLURAL else None


def load_document(file: Path, content_dir: Path) -> tuple[Document | None, Problem | None]:
    shown = display_path(file)
    kind = document_kind(file, content_dir)
    if kind is None:
        folders = ", ".join(sorted(BY_PLURAL))
        hint = f"put content files in one of the folders: {folders}"
        return None, Problem(Location(shown), "", "file is not in a known content folder", hint)
    try:
        data, positions = parse_yaml_bytes(file.read_bytes())
    except _LoadFailure as failure:
        return None, Problem(
            Location(shown, failure.line, failure.column), "", failure.message, failure.hint
        )
    except OSError as exc:
        return None, Problem(Location(shown), "", f"cannot read file: {exc.strerror}")
    return Document(shown, kind, data, positions), None


def parse_yaml_bytes(raw: bytes) -> tuple[Any, dict[Path_, tuple[int, int]]]:
    """Parse one YAML document; raise _LoadFailure with a position on anything unacceptable."""
    if len(raw) > MAX_FILE_BYTES:
        raise _LoadFailure(
            1,
            1,
            f"file is too large ({len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,})",
            "split it into several files",
        )
    text = _decode(raw)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise _LoadFailure(1, 1, "file is empty", "start from `cimo new intervention ID`")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_failure(exc, text) from None
    except yaml.YAMLError as exc:
        raise _LoadFailure(1, 1, f"not valid YAML: {exc}") from None
    if node is None:
        raise _LoadFailure(1, 1, "file is empty", "start from `cimo new intervention ID`")
    positions: dict[Path_, tuple[int, int]] = {}
    data = _construct(node, (), positions, set(), 0)
    return data, positions


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _LoadFailure(
            line,
            column,
            f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8 in your editor",
        ) from None


def _yaml_failure(exc: yaml.MarkedYAMLError, text: str) -> _LoadFailure:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or str(exc)
    hint = "check the indentation and quoting around this position"
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in bad_line[:column] or "tab" in problem.lower():
        problem, hint = "a tab character is used for indentation", "indent with spaces, not tabs"
    elif "another document" in problem or "document start" in problem:
        hint = "a content file holds one document: remove the extra '---'"
    return _LoadFailure(line, column, f"not valid YAML: {problem}", hint)


def _construct(
    node: yaml.Node,
    path: Path_,
    positions: dict[Path_, tuple[int, int]],
    seen: set[int],
    depth: int,
) -> Any:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if id(node) in seen:
        raise _LoadFailure(
            line,
            column,
            "anchors and aliases (&name, *name) are not allowed",
            "write the value out in full",
        )
    if depth > MAX_DEPTH:
        raise _LoadFailure(line, column, f"nested deeper than {MAX_DEPTH} levels")
    if node.tag not in _ALLOWED_TAGS:
        raise _LoadFailure(
            line,
            column,
            f"the YAML tag '{node.tag}' is not allowed",
            "remove the tag; content holds only text, numbers, lists and mappings",
        )
    positions[path] = (line, column)
    if isinstance(node, yaml.MappingNode):
        seen.add(id(node))
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, path, {}, seen, depth + 1)
            if not isinstance(key, str | int) or isinstance(key, bool):
                k_line, k_col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                raise _LoadFailure(k_line, k_col, f"a key must be a word or a year, not {key!r}")
            if key in result:
                k_line, k_col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                raise _LoadFailure(
                    k_line,
                    k_col,
                    f"duplicate key '{key}'",
                    f"'{key}' is already given at line {positions[(*path, key)][0]}",
                )
            result[key] = _construct(value_node, (*path, key), positions, seen, depth + 1)
            # Point at the key, where a writer looks for the field.
            positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        seen.add(id(node))
        return [
            _construct(item, (*path, index), positions, seen, depth + 1)
            for index, item in enumerate(node.value)
        ]
    seen.add(id(node))
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # no field is a date; keep what the writer typed
    return _SCALARS.construct_object(node)
