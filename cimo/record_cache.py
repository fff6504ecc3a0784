"""The records cache (`.cimo-cache/records/`): what loading and validating one file gave, kept
so that an unchanged file is neither parsed nor validated again.

One entry per content file, all in one file (`entries`): written whole in one go and read in
one go, which at N = 5 000 costs 0.1 s where thousands of small files cost seconds to create.
An entry holds the file's Document and its validated records, and is used only when its key
matches: the SHA-256 of the file's bytes, its path in the content folder and the version of this
tool (the source of every `cimo` module and the versions of Python, pydantic and PyYAML). Only
files without problems of their own are kept; a file with problems is read again every time, so
its messages are always made fresh.

The cache only ever saves time. The file is written under a temporary name and then renamed,
so concurrent builds each see a whole file (the last one written wins). On reading, an entry
that is missing, damaged, truncated, from another version or not of the expected shape counts
as absent; every entry carries a checksum. Records are unpickled with only our own record
classes allowed, never any other code. The Document is kept packed (see Document.packed): most
are never unpacked on a warm run.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import functools
import hashlib
import io
import os
import pickle
import platform
import stat
import struct
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pydantic
import pydantic_core
import yaml
from pydantic import BaseModel

import cimo
from cimo import model
from cimo.content_set import Located
from cimo.kinds import BY_PLURAL
from cimo.load import Document

#: Part of every key: change it when what an entry holds changes.
CACHE_FORMAT = "2"
ENTRIES = "entries"  # the file in the cache folder
_MAGIC = b"cimo-records 2\n"
_FRAME = struct.Struct(">IQ")  # before each entry: length of its path, length of the entry
_DIGEST = 32  # bytes of a SHA-256
_SIZE = struct.Struct(">Q")  # before the packed Document, in an entry
MAX_CACHE_BYTES = 1 << 30  # never read more (about 60 000 interventions)
_STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a process that died

Kept = tuple[Document, list[Located[Any]]]


@functools.cache
def tool_version() -> bytes | None:
    """What an entry depends on besides the file: all of cimo's source and its libraries.

    None (no caching) when the source cannot be read, as in a zipped install."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for part in (
        sys.version,
        platform.python_implementation(),
        pydantic.VERSION,
        pydantic_core.__version__,
        yaml.__version__,
        str(yaml.__with_libyaml__),
    ):
        digest.update(part.encode() + b"\0")
    package = Path(cimo.__file__).parent
    try:
        for source in sorted(package.rglob("*.py")):
            digest.update(source.relative_to(package).as_posix().encode() + b"\0")
            digest.update(source.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.digest()


class RecordCache:
    """Cached per-file results in one folder; every failure to read or write is a miss.

    Entries are read from disk at the first lookup and written back by `save()`."""

    def __init__(self, folder: Path, version: bytes) -> None:
        self.folder = folder
        self.version = version
        self.hits = 0  # entries used (for tests and the benchmark)
        self._entries: dict[str, bytes | memoryview] | None = None
        self._changed = False

    @classmethod
    def at(cls, folder: Path | None) -> RecordCache | None:
        """The cache in `folder`, or None when there is no folder or no version to key on."""
        version = tool_version() if folder is not None else None
        return cls(folder, version) if folder is not None and version is not None else None

    def key(self, rel: str, raw: bytes) -> bytes:
        digest = hashlib.sha256(self.version)
        digest.update(_encoded(rel) + b"\0")
        digest.update(raw)
        return digest.digest()

    def read(self, rel: str, raw: bytes, kind: str, shown: str) -> Kept | None:
        """The Document and records kept for the file at `rel` with exactly these bytes, if
        any; `shown` is the file's name in messages in this run."""
        entries = self._loaded()
        entry = entries.get(rel)
        if entry is None:
            return None
        kept = _unpacked(entry, self.key(rel, raw), kind, shown)
        if kept is None:  # changed since, or damaged: no use keeping it
            del entries[rel]
            self._changed = True
            return None
        self.hits += 1
        return kept

    def write(self, rel: str, raw: bytes, document: Document, records: list[Located[Any]]) -> None:
        """Keep a file's result (on disk at the next `save()`)."""
        try:
            packed = document.pack()
            models = pickle.dumps([(r.model, r.path) for r in records], protocol=5)
        except Exception:  # noqa: BLE001 — a value that cannot be kept only costs time
            return
        payload = _SIZE.pack(len(packed)) + packed + models
        self._loaded()[rel] = self.key(rel, raw) + hashlib.sha256(payload).digest() + payload
        self._changed = True

    def save(self, rels: Iterable[str]) -> None:
        """Write the entries of the files at `rels` (all content files now) when anything
        changed, and let go of them in memory. When that fails (disk full, no permission)
        nothing is kept."""
        entries = self._loaded()
        keep = sorted(set(rels) & entries.keys())
        if self._changed or len(keep) != len(entries):
            self._write_file([(rel, entries[rel]) for rel in keep])
        self._entries, self._changed = None, False

    def _loaded(self) -> dict[str, bytes | memoryview]:
        if self._entries is None:
            self._entries = _read_entries(self.folder / ENTRIES)
        return self._entries

    def _write_file(self, entries: list[tuple[str, bytes | memoryview]]) -> None:
        tmp: str | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _remove_stale_temporary_files(self.folder)
            fd, tmp = tempfile.mkstemp(prefix=f".{ENTRIES}.", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(_MAGIC)
                for rel, entry in entries:
                    name = _encoded(rel)
                    handle.write(_FRAME.pack(len(name), len(entry)) + name)
                    handle.write(entry)
            os.replace(tmp, self.folder / ENTRIES)
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def _encoded(rel: str) -> bytes:
    return rel.encode("utf-8", "surrogateescape")


def _read_entries(path: Path) -> dict[str, bytes | memoryview]:
    """Every entry in the file by path; what cannot be read (a damaged or cut-off end) is left
    out. Entries are only checked when used."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        with open(os.open(path, flags), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
                return {}
            data = handle.read(MAX_CACHE_BYTES + 1)
    except OSError:
        return {}
    if not data.startswith(_MAGIC):
        return {}
    view, at = memoryview(data), len(_MAGIC)
    entries: dict[str, bytes | memoryview] = {}
    try:
        while at + _FRAME.size <= len(data):
            name_length, entry_length = _FRAME.unpack_from(data, at)
            at += _FRAME.size
            rel = bytes(view[at : at + name_length]).decode("utf-8", "surrogateescape")
            at += name_length
            entries[rel] = view[at : at + entry_length]
            at += entry_length
    except (ValueError, struct.error):
        pass
    return entries


def _unpacked(entry: bytes | memoryview, key: bytes, kind: str, shown: str) -> Kept | None:
    head = 2 * _DIGEST + _SIZE.size
    if len(entry) < head or entry[:_DIGEST] != key:
        return None
    payload = entry[2 * _DIGEST :]
    if hashlib.sha256(payload).digest() != entry[_DIGEST : 2 * _DIGEST]:
        return None
    (size,) = _SIZE.unpack_from(payload)
    packed = bytes(payload[_SIZE.size : _SIZE.size + size])
    try:
        records = _RecordUnpickler(io.BytesIO(payload[_SIZE.size + size :])).load()
    except Exception:  # noqa: BLE001 — any damage means: read the file itself
        return None
    if len(packed) != size or not _expected_shape(records, kind):
        return None
    document = Document.packed(shown, kind, packed)
    return document, [Located(record, document, path) for record, path in records]


def _remove_stale_temporary_files(folder: Path) -> None:
    """Temporary files left by a process that was killed while writing."""
    now = time.time()
    with os.scandir(folder) as listing:
        for entry in listing:
            with contextlib.suppress(OSError):
                stale = now - entry.stat(follow_symlinks=False).st_mtime > _STALE_TEMP_SECONDS
                if entry.name.endswith(".tmp") and stale:
                    os.unlink(entry.path)


def _allowed_classes() -> dict[tuple[str, str], type]:
    """The only classes an entry may name: our records, their parts, and dates."""
    allowed: dict[tuple[str, str], type] = {("datetime", "date"): datetime.date}
    for name, value in vars(model).items():
        if (
            isinstance(value, type)
            and issubclass(value, BaseModel | enum.Enum)
            and value.__module__ == model.__name__
        ):
            allowed[(model.__name__, name)] = value
    return allowed


_ALLOWED = _allowed_classes()


class _RecordUnpickler(pickle.Unpickler):
    def find_class(self, module_name: str, name: str) -> Any:
        found = _ALLOWED.get((module_name, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module_name}.{name} is not a record class")
        return found


def _expected_shape(records: Any, kind: str) -> bool:
    """A list of (record of the file's kind, path of the record in the file)."""
    record_model = BY_PLURAL[kind].model
    return isinstance(records, list) and all(
        isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], record_model)
        and isinstance(entry[1], tuple)
        for entry in records
    )
