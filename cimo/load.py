"""Stage 1, load: read YAML files into plain data with the source position of every value.

Plain scalars are read the YAML 1.2 way (the way the editor's YAML language server reads them):
`no`, `on` and `yes` are text, `010` is ten, `1_000` and `1:20` are text. The source text of every
plain scalar that looks like a number is kept, so validation can catch a number written the Dutch
way (`1.140`, `250.000`, `1,5`) instead of storing a silently wrong value.

Only the subset of YAML that content needs is accepted: mappings, sequences and plain scalars.
Anchors/aliases, custom tags, duplicate keys (also a year written once as 2023 and once as
"2023"), control characters, NaN and infinity, non-UTF-8 bytes and oversized files are rejected
with a located problem instead of a traceback (or an alias bomb's hang).

Links (symlinks) are never followed: a file read from the content folder is a regular file inside
it, so a link to /etc/passwd or a token file can never end up in a message or on the site.
"""

from __future__ import annotations

import errno
import io
import math
import os
import pickle
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import TypeAdapter, ValidationError

from cimo.excerpt import FORBIDDEN_CHARACTER, character_name, excerpt, printable
from cimo.kinds import BY_PLURAL
from cimo.problems import Location, Problem, format_path
from cimo.yaml_errors import explain_yaml_error

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


class _Yaml12Loader(_Loader):  # type: ignore[misc, valid-type]
    """The fast loader, with the YAML 1.2 core schema's rules for untagged plain scalars."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
):
    _Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

#: Plain scalars whose source text validation looks at (numbers written the Dutch way).
_NUMBER_TEXT = re.compile(r"[-+]?\s*(?:€\s*)?[.,]?\d")

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """One content file: its kind (folder), data, and the (line, column) of every value."""

    file: str
    kind: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: The source text of plain (unquoted) values that look like a number, as written.
    plain: dict[Path_, str] = field(default_factory=dict)

    def texts(self) -> Iterator[tuple[Path_, str]]:
        """Every text value in the file, with its path."""
        return _texts(self.data, ())

    def locate(self, path: Path_) -> Location:
        """The position of `path`, or of its closest parent that has one."""
        for end in range(len(path), -1, -1):
            pos = self.positions.get(tuple(path[:end]))
            if pos is not None:
                return Location(self.file, *pos)
        return Location(self.file)

    # A Document kept in the records cache (cimo/record_cache.py) holds its data, positions and
    # plain texts packed until one of them is first asked for: once a file is validated, only
    # the location of a problem between files needs them, so most are never unpacked.
    def pack(self) -> bytes:
        """Data, positions and plain texts as bytes, for `packed`."""
        return pickle.dumps((self.data, self.positions, self.plain), protocol=5)

    @classmethod
    def packed(cls, file: str, kind: str, packed: bytes) -> Document:
        """A Document whose data, positions and plain texts are unpacked on first use."""
        document = cls.__new__(cls)
        document.__dict__.update(file=file, kind=kind, _packed=packed)
        return document

    if not TYPE_CHECKING:  # (to mypy every other attribute stays an error)

        def __getattr__(self, name: str) -> Any:
            packed = self.__dict__.get("_packed")
            if packed is None or name not in _PACKED_FIELDS:
                raise AttributeError(f"'Document' object has no attribute '{name}'")
            self.__dict__.update(zip(_PACKED_FIELDS, _unpack(packed), strict=True))
            self.__dict__.pop("_packed", None)
            return self.__dict__[name]


_PACKED_FIELDS = ("data", "positions", "plain")


class _PlainValues(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"a packed Document holds no {module}.{name}")


def _unpack(packed: bytes) -> tuple[Any, dict[Path_, tuple[int, int]], dict[Path_, str]]:
    value = _PlainValues(io.BytesIO(packed)).load()
    if not (
        isinstance(value, tuple)
        and len(value) == 3
        and isinstance(value[1], dict)
        and isinstance(value[2], dict)
    ):
        raise ValueError("a packed Document is damaged")
    return value


class _LoadFailure(Exception):
    def __init__(
        self, line: int, column: int, message: str, hint: str | None = None, path: Path_ = ()
    ):
        super().__init__(message)
        self.line, self.column, self.message, self.hint = line, column, message, hint
        self.path = path
        self.also: list[_LoadFailure] = []  # more mistakes of the same file, found in one pass


_LINK_HINT = "Vervang de link door een kopie van het bestand zelf; in content/ staan geen links."
_TEXT_HINT = (
    "Haal het teken weg (het is onzichtbaar). Typ de tekst opnieuw als u die uit een ander "
    "programma hebt geplakt."
)
_EMPTY_HINT = "Begin met `cimo new intervention ID`, of kopieer een bestaand bestand."


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
            problems.append(_entry_problem(folder, f"map is niet te lezen: {exc.strerror}"))
            continue
        for entry in entries:
            path, named_like_content = Path(entry.path), entry.name.endswith(CONTENT_SUFFIXES)
            if entry.is_symlink():
                if named_like_content or _is_folder(entry):
                    problems.append(_entry_problem(path, "is een link (symlink)", _LINK_HINT))
            elif entry.is_dir(follow_symlinks=False):
                if named_like_content:
                    hint = "Geef de map een andere naam; inhoud staat in bestanden, niet in mappen."
                    problems.append(_entry_problem(path, "is een map, geen bestand", hint))
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
        hint = "Geef de map met --content MAP, of werk in de map van de kennisbank."
        return [], [Problem(loc, "", "de map met inhoud bestaat niet", hint)]
    files, problems = scan_content(content_dir)
    for file in files:
        document, found = load_document(file, content_dir)
        problems += found
        if document and not found:
            documents.append(document)
    return documents, problems


def document_kind(file: Path, content_dir: Path) -> str | None:
    return folder_kind(file.relative_to(content_dir))


def folder_kind(relative: Path) -> str | None:
    """The kind (plural) of a file at `relative` in the content folder, from its first folder."""
    parts = relative.parts
    return parts[0] if len(parts) > 1 and parts[0] in BY_PLURAL else None


def load_document(file: Path, content_dir: Path) -> tuple[Document | None, list[Problem]]:
    shown = display_path(file)
    kind = document_kind(file, content_dir)
    if kind is None:
        folders = ", ".join(sorted(BY_PLURAL))
        hint = f"Zet inhoud in een van deze mappen: {folders}"
        where = Location(shown)
        return None, [Problem(where, "", "dit bestand staat niet in een bekende map", hint)]
    return read_document(file, kind)


def read_document(file: Path, kind: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file (no link, size-limited); located problems if it fails."""
    shown = display_path(file)
    raw, problems = read_source(file, shown)
    if raw is None:
        return None, problems
    return parse_document(raw, shown, kind)


def read_source(file: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of one content file (no link, size-limited), or problems located at `shown`."""
    try:
        return read_content_file(file), []
    except _LoadFailure as failure:
        return None, _failure_problems(failure, shown)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # it became a link after the folder was scanned
            return None, [Problem(Location(shown), "", "is een link (symlink)", _LINK_HINT)]
        return None, [Problem(Location(shown), "", f"bestand is niet te lezen: {exc.strerror}")]


def parse_document(raw: bytes, shown: str, kind: str) -> tuple[Document | None, list[Problem]]:
    """A Document from a file's bytes (`shown` is its name in messages), or located problems."""
    try:
        data, positions, plain = parse_yaml_source(raw)
    except _LoadFailure as failure:
        return None, _failure_problems(failure, shown)
    return Document(shown, kind, data, positions, plain), []


def _failure_problems(failure: _LoadFailure, shown: str) -> list[Problem]:
    return [
        Problem(Location(shown, f.line, f.column), format_path(f.path), f.message, f.hint)
        for f in (failure, *failure.also)
    ]


def read_content_file(file: Path) -> bytes:
    """The bytes of a regular file: never through a link, never more than the size limit."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    with open(os.open(file, flags | getattr(os, "O_BINARY", 0)), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _LoadFailure(
                1, 1, "is geen gewoon bestand", "Inhoud staat in gewone tekstbestanden."
            )
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(f"{info.st_size:,} bytes")
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        raise _too_large(f"meer dan {MAX_FILE_BYTES:,} bytes")
    return raw


def _too_large(size: str) -> _LoadFailure:
    return _LoadFailure(
        1,
        1,
        f"bestand is te groot ({size}; de grens is {MAX_FILE_BYTES:,})".replace(",", "."),
        "Verdeel de inhoud over meer bestanden.",
    )


def parse_yaml_bytes(raw: bytes) -> tuple[Any, dict[Path_, tuple[int, int]]]:
    """Parse one YAML document; raise _LoadFailure with a position on anything unacceptable."""
    data, positions, _ = parse_yaml_source(raw)
    return data, positions


def parse_yaml_source(
    raw: bytes,
) -> tuple[Any, dict[Path_, tuple[int, int]], dict[Path_, str]]:
    """Data, the position of every value, and the source text of number-like plain values."""
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(f"{len(raw):,} bytes")
    text = _decode(raw)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise _LoadFailure(1, 1, "het bestand is leeg", _EMPTY_HINT)
    try:
        node = yaml.compose(text, Loader=_Yaml12Loader)
    except yaml.reader.ReaderError as exc:
        # YAML itself refuses raw control characters; say so in the same words as for escapes.
        raise _forbidden_character(text, chr(exc.character)) from None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_failure(exc, text) from None
    except yaml.YAMLError as exc:
        raise _LoadFailure(1, 1, f"de YAML is niet te lezen: {excerpt(str(exc), 80)}") from None
    if node is None:
        raise _LoadFailure(1, 1, "het bestand is leeg", _EMPTY_HINT)
    positions: dict[Path_, tuple[int, int]] = {}
    plain: dict[Path_, str] = {}
    builder = _Builder(text, positions, plain)
    data = builder.construct(node, (), set(), 0)
    if builder.twice:  # every key written twice in the file, in one message each
        first, *more = builder.twice
        first.also = more
        raise first
    return data, positions, plain


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
            f"het bestand is geen UTF-8-tekst (byte 0x{raw[exc.start]:02x})",
            "Sla het bestand in uw editor op als UTF-8.",
        ) from None


def _forbidden_character(text: str, char: str) -> _LoadFailure:
    before = text[: max(text.find(char), 0)]
    line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    return _LoadFailure(line, column, f"bevat een stuurteken ({character_name(char)})", _TEXT_HINT)


def _yaml_failure(exc: yaml.MarkedYAMLError, text: str) -> _LoadFailure:
    mistake = explain_yaml_error(exc, text)
    return _LoadFailure(mistake.line, mistake.column, mistake.message, mistake.hint)


class _Builder:
    """Turns a node tree into data, recording positions and number-like source text."""

    def __init__(
        self, text: str, positions: dict[Path_, tuple[int, int]], plain: dict[Path_, str]
    ) -> None:
        self.text, self.positions, self.plain = text, positions, plain
        self.twice: list[_LoadFailure] = []  # keys written twice; reading goes on after one

    def construct(self, node: yaml.Node, path: Path_, seen: set[int], depth: int) -> Any:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if id(node) in seen:
            raise _LoadFailure(
                line,
                column,
                "ankers en verwijzingen (&naam, *naam) zijn niet toegestaan",
                "Schrijf de waarde helemaal uit.",
            )
        if depth > MAX_DEPTH:
            raise _LoadFailure(line, column, f"dieper genest dan {MAX_DEPTH} niveaus")
        if node.tag not in _ALLOWED_TAGS:
            raise _LoadFailure(
                line,
                column,
                f"het YAML-label '{excerpt(node.tag, 60)}' is niet toegestaan",
                "Haal het label weg; inhoud bestaat alleen uit tekst, getallen en lijsten.",
            )
        self.positions[path] = (line, column)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, seen, depth)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.construct(item, (*path, index), seen, depth + 1)
                for index, item in enumerate(node.value)
            ]
        if isinstance(node, yaml.ScalarNode) and not node.style and _NUMBER_TEXT.match(node.value):
            self.plain[path] = node.value
        return _construct_scalar(node, path, line, column)

    def _mapping(
        self, node: yaml.MappingNode, path: Path_, seen: set[int], depth: int
    ) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        given: dict[Any, tuple[Any, int]] = {}  # same-meaning key → (key as written, line)
        previous: tuple[Any, yaml.Node] | None = None
        for key_node, value_node in node.value:
            key = _Builder(self.text, {}, {}).construct(key_node, path, seen, depth + 1)
            k_line, k_col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if previous and self._comma_in_number(previous[1], key_node, value_node):
                value_text = self.text[previous[1].start_mark.index : key_node.end_mark.index]
                at = previous[1].start_mark
                raise _LoadFailure(
                    at.line + 1,
                    at.column + 1,
                    f"'{excerpt(value_text)}' is geen getal: er staat een komma in",
                    f"Schrijf {value_text.replace(',', '.')} (met een punt) voor een "
                    "kommagetal, of alleen cijfers voor een heel getal.",
                    (*path, previous[0]),
                )
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise _LoadFailure(
                    k_line,
                    k_col,
                    f"vóór ':' hoort een naam of jaar, niet {excerpt(key)}",
                    path=path,
                )
            if isinstance(key, str) and len(key) > MAX_KEY_LENGTH:
                hint = (
                    "Vóór de dubbele punt staat de naam van een veld, zoals 'title', of een jaar."
                )
                raise _LoadFailure(
                    k_line,
                    k_col,
                    f"de naam is te lang ({len(key):,} tekens)".replace(",", "."),
                    hint,
                    path,
                )
            same = _same_key(key)
            if same in given:
                first, first_line = given[same]
                self.twice.append(
                    _LoadFailure(
                        k_line,
                        k_col,
                        f"'{excerpt(key)}' staat twee keer in hetzelfde blok",
                        f"'{excerpt(first)}' staat al op regel {first_line}. Haal er één weg.",
                        path,
                    )
                )
                continue
            given[same] = (key, k_line)
            result[key] = self.construct(value_node, (*path, key), seen, depth + 1)
            # Point at the key, where a writer looks for the field.
            self.positions[(*path, key)] = (k_line, k_col)
            previous = (key, value_node)
        return result

    def _comma_in_number(self, before: yaml.Node, key: yaml.Node, value: yaml.Node) -> bool:
        """`{2023: 1,5}`: the flow mapping reads `5` as a key without a value."""
        return (
            isinstance(before, yaml.ScalarNode)
            and isinstance(key, yaml.ScalarNode)
            and not before.style
            and not key.style
            and before.value.isdigit()
            and key.value.isdigit()
            and isinstance(value, yaml.ScalarNode)
            and value.value == ""
            and self.text[before.end_mark.index : key.start_mark.index] == ","
        )


def _texts(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


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
        if node.tag == "tag:yaml.org,2002:int":
            value: Any = _yaml12_int(node.value)
        else:
            value = _SCALARS.construct_object(node)
    except ValueError:  # Python refuses to read integers of thousands of digits
        hint = "Zet de waarde tussen aanhalingstekens als het tekst is."
        raise _LoadFailure(line, column, "het getal heeft te veel cijfers", hint, path) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise _LoadFailure(
            line,
            column,
            f"'{excerpt(node.value)}' is geen bruikbaar getal (oneindig of 'geen getal')",
            "Schrijf een getal, of zet de waarde tussen aanhalingstekens als het tekst is.",
            path,
        )
    if isinstance(value, str):
        bad = FORBIDDEN_CHARACTER.search(value)
        if bad:
            message = f"bevat een stuurteken ({character_name(bad.group(0))})"
            raise _LoadFailure(line, column, message, _TEXT_HINT, path)
    return value


def _yaml12_int(text: str) -> int:
    """An integer as YAML 1.2 reads it: 010 is ten, 0o10 is eight, 0x10 is sixteen."""
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)
