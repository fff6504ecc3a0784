"""Stage 1, load: read YAML files into plain data with the source position of every value.

Only the subset of YAML that content needs is accepted: mappings, sequences and plain scalars.
Anchors/aliases, custom tags, duplicate keys (also a year written once as 2023 and once as
"2023"), control characters, NaN and infinity, non-UTF-8 bytes and oversized files are rejected
with a located problem instead of a traceback (or an alias bomb's hang).

Links (symlinks) are never followed: a file read from the content folder is a regular file inside
it, so a link to /etc/passwd or a token file can never end up in a message or on the site.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from cimo.excerpt import FORBIDDEN_CHARACTER, character_name, excerpt, printable
from cimo.kinds import BY_PLURAL
from cimo.problems import Location, Problem, format_path

try:  # libyaml is ~10x faster than pure-Python YAML; that loader is only the fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_KEY_LENGTH = 40
CONTENT_SUFFIXES = (".yaml", ".yml")
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
    def __init__(
        self, line: int, column: int, message: str, hint: str | None = None, path: Path_ = ()
    ):
        super().__init__(message)
        self.line, self.column, self.message, self.hint = line, column, message, hint
        self.path = path


_LINK_HINT = "replace the link with a copy of what it points to; content/ holds no links"
_TEXT_HINT = "remove it (it is invisible); retype the text if it was pasted from another program"


def display_path(path: Path) -> str:
    """A path as the user typed it (relative to the working folder when inside it), printable."""
    rel = os.path.relpath(path)
    return printable(path.as_posix() if rel.startswith("..") else Path(rel).as_posix())


def scan_content(content_dir: Path) -> tuple[list[Path], list[Problem]]:
    """All YAML files under content_dir in a stable order, and a problem for each entry that
    cannot be read as content: a link, a folder named like a file, a folder that cannot be read.

    Links are refused wherever they point, so nothing outside the content folder is ever read
    and a link loop is never walked.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    folders = [content_dir]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            problems.append(_entry_problem(folder, f"cannot read folder: {exc.strerror}"))
            continue
        for entry in entries:
            path, named_like_content = Path(entry.path), entry.name.endswith(CONTENT_SUFFIXES)
            if entry.is_symlink():
                if named_like_content or _is_folder(entry):
                    problems.append(_entry_problem(path, "is a link (symlink)", _LINK_HINT))
            elif entry.is_dir(follow_symlinks=False):
                if named_like_content:
                    hint = "rename the folder; content files are files, not folders"
                    problems.append(_entry_problem(path, "is a folder, not a file", hint))
                else:
                    folders.append(path)
            elif named_like_content:
                files.append(path)
    return sorted(files), problems


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows the link; a dangling link or a loop is not a folder
    except OSError:
        return False


def _entry_problem(path: Path, message: str, hint: str | None = None) -> Problem:
    return Problem(Location(display_path(path)), "", message, hint)


def content_files(content_dir: Path) -> list[Path]:
    """All YAML files under content_dir, in a stable order (load_content reports the rest)."""
    return scan_content(content_dir)[0]


def load_content(content_dir: Path) -> tuple[list[Document], list[Problem]]:
    """Load every YAML file under content_dir; collect problems rather than stop at the first."""
    documents: list[Document] = []
    if not content_dir.is_dir():
        loc = Location(display_path(content_dir))
        return [], [Problem(loc, "", "content folder not found", "pass --content DIR")]
    files, problems = scan_content(content_dir)
    for file in files:
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
    return read_document(file, kind)


def read_document(file: Path, kind: str) -> tuple[Document | None, Problem | None]:
    """Read and parse one YAML file (no link, size-limited); a located problem if it fails."""
    shown = display_path(file)
    try:
        data, positions = parse_yaml_bytes(read_content_file(file))
    except _LoadFailure as failure:
        location = Location(shown, failure.line, failure.column)
        return None, Problem(location, format_path(failure.path), failure.message, failure.hint)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # it became a link after the folder was scanned
            return None, Problem(Location(shown), "", "is a link (symlink)", _LINK_HINT)
        return None, Problem(Location(shown), "", f"cannot read file: {exc.strerror}")
    return Document(shown, kind, data, positions), None


def read_content_file(file: Path) -> bytes:
    """The bytes of a regular file: never through a link, never more than the size limit."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    with open(os.open(file, flags | getattr(os, "O_BINARY", 0)), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _LoadFailure(1, 1, "is not a regular file", "content files are plain text files")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(f"{info.st_size:,} bytes")
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        raise _too_large(f"more than {MAX_FILE_BYTES:,} bytes")
    return raw


def _too_large(size: str) -> _LoadFailure:
    return _LoadFailure(
        1,
        1,
        f"file is too large ({size}; the limit is {MAX_FILE_BYTES:,})",
        "split it into several files",
    )


def parse_yaml_bytes(raw: bytes) -> tuple[Any, dict[Path_, tuple[int, int]]]:
    """Parse one YAML document; raise _LoadFailure with a position on anything unacceptable."""
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(f"{len(raw):,} bytes")
    text = _decode(raw)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise _LoadFailure(1, 1, "file is empty", "start from `cimo new intervention ID`")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        # YAML itself refuses raw control characters; say so in the same words as for escapes.
        raise _forbidden_character(text, chr(exc.character)) from None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_failure(exc, text) from None
    except yaml.YAMLError as exc:
        raise _LoadFailure(1, 1, f"not valid YAML: {excerpt(str(exc), 80)}") from None
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


def _forbidden_character(text: str, char: str) -> _LoadFailure:
    before = text[: max(text.find(char), 0)]
    line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    return _LoadFailure(
        line, column, f"contains a control character ({character_name(char)})", _TEXT_HINT
    )


def _yaml_failure(exc: yaml.MarkedYAMLError, text: str) -> _LoadFailure:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = excerpt(exc.problem or str(exc), 80)
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
            f"the YAML tag '{excerpt(node.tag, 60)}' is not allowed",
            "remove the tag; content holds only text, numbers, lists and mappings",
        )
    positions[path] = (line, column)
    if isinstance(node, yaml.MappingNode):
        seen.add(id(node))
        return _construct_mapping(node, path, positions, seen, depth)
    if isinstance(node, yaml.SequenceNode):
        seen.add(id(node))
        return [
            _construct(item, (*path, index), positions, seen, depth + 1)
            for index, item in enumerate(node.value)
        ]
    seen.add(id(node))
    return _construct_scalar(node, path, line, column)


def _construct_mapping(
    node: yaml.MappingNode,
    path: Path_,
    positions: dict[Path_, tuple[int, int]],
    seen: set[int],
    depth: int,
) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    given: dict[Any, tuple[Any, int]] = {}  # same-meaning key → (key as written, line)
    for key_node, value_node in node.value:
        key = _construct(key_node, path, {}, seen, depth + 1)
        k_line, k_col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if not isinstance(key, str | int) or isinstance(key, bool):
            raise _LoadFailure(
                k_line, k_col, f"a key must be a word or a year, not {excerpt(key)}", path=path
            )
        if isinstance(key, str) and len(key) > MAX_KEY_LENGTH:
            hint = "a key is a field name, such as 'title', or a year"
            raise _LoadFailure(
                k_line, k_col, f"key is too long ({len(key):,} characters)", hint, path
            )
        same = _same_key(key)
        if same in given:
            first, first_line = given[same]
            raise _LoadFailure(
                k_line,
                k_col,
                f"duplicate key '{excerpt(key)}'",
                f"'{excerpt(first)}' is already given at line {first_line}",
                path,
            )
        given[same] = (key, k_line)
        result[key] = _construct(value_node, (*path, key), positions, seen, depth + 1)
        # Point at the key, where a writer looks for the field.
        positions[(*path, key)] = (k_line, k_col)
    return result


_NUMBER_LIKE = re.compile(r"\s*[+-]?\d")
_YEAR = TypeAdapter(int)


def _same_key(key: str | int) -> str | int:
    """The key as validation will read it: "2023", " 2023" and 2023 all denote the year 2023."""
    if isinstance(key, str) and _NUMBER_LIKE.match(key):
        try:
            return _YEAR.validate_python(key)
        except ValidationError:
            pass
    return key


def _construct_scalar(node: yaml.Node, path: Path_, line: int, column: int) -> Any:
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # no field is a date; keep what the writer typed
    try:
        value = _SCALARS.construct_object(node)
    except ValueError:  # Python refuses to read integers of thousands of digits
        hint = "put it in quotes if it is text"
        raise _LoadFailure(line, column, "number has too many digits", hint, path) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise _LoadFailure(
            line,
            column,
            f"'{excerpt(node.value)}' is not a usable number (infinite or not a number)",
            "write a number, or put the value in quotes to keep it as text",
            path,
        )
    if isinstance(value, str):
        bad = FORBIDDEN_CHARACTER.search(value)
        if bad:
            message = f"contains a control character ({character_name(bad.group(0))})"
            raise _LoadFailure(line, column, message, _TEXT_HINT, path)
    return value
