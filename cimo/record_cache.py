"""The records cache (`.cimo-cache/records/`): what loading and validating one file gave, kept
so that an unchanged file is neither parsed nor validated again.

One entry per content file, named after its path in the content folder. An entry holds the
file's Document (data and positions) and its validated records, and is used only when its key
matches: the SHA-256 of the file's bytes, its path in the content folder and the version of this
tool (the source of every `cimo` module and the versions of Python, pydantic and PyYAML). Only
files without problems of their own are kept; a file with problems is read again every time, so
its messages are always made fresh.

The cache only ever saves time. An entry is written whole under a temporary name and then
renamed, so concurrent builds share the folder; on reading, an entry that is missing, damaged,
truncated, from another version or not of the expected shape counts as absent. Entries are
unpickled with only our own record classes allowed, never any other code.
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
from cimo.load import MAX_FILE_BYTES, Document

#: Part of every key: change it when what an entry holds changes.
CACHE_FORMAT = "1"
_MAGIC = b"cimo-records\n"
_DIGEST = 32  # bytes of a SHA-256
_SUFFIX = ".pickle"
_MAX_ENTRY_BYTES = 64 * MAX_FILE_BYTES  # a Document of the largest file, positions and all
_STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a process that died


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
    """Cached per-file results in one folder; every failure to read or write is a miss."""

    def __init__(self, folder: Path, version: bytes) -> None:
        self.folder = folder
        self.version = version
        self.hits = 0  # entries used in this process (for tests and the benchmark)

    @classmethod
    def at(cls, folder: Path | None) -> RecordCache | None:
        """The cache in `folder`, or None when there is no folder or no version to key on."""
        version = tool_version()
        if folder is None or version is None:
            return None
        return cls(folder, version)

    def key(self, rel: str, raw: bytes) -> bytes:
        digest = hashlib.sha256(self.version)
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(raw)
        return digest.digest()

    def entry_name(self, rel: str) -> str:
        return hashlib.sha256(rel.encode("utf-8", "surrogateescape")).hexdigest()[:40] + _SUFFIX

    def read(self, rel: str, raw: bytes, kind: str) -> tuple[Document, list[Located[Any]]] | None:
        """The Document and records kept for this file with exactly these bytes, if any."""
        payload = self._payload(self.folder / self.entry_name(rel), self.key(rel, raw))
        if payload is None:
            return None
        try:
            value = _RecordUnpickler(io.BytesIO(payload)).load()
        except Exception:  # noqa: BLE001 — any damage means: read the file itself
            return None
        if not _expected_shape(value, kind):
            return None
        self.hits += 1
        return value  # type: ignore[no-any-return]

    def _payload(self, entry: Path, key: bytes) -> bytes | None:
        try:
            with open(entry, "rb") as handle:
                if os.fstat(handle.fileno()).st_size > _MAX_ENTRY_BYTES:
                    return None
                data = handle.read()
        except OSError:
            return None
        head = len(_MAGIC) + 2 * _DIGEST
        if len(data) < head or not data.startswith(_MAGIC):
            return None
        stored_key = data[len(_MAGIC) : len(_MAGIC) + _DIGEST]
        checksum = data[len(_MAGIC) + _DIGEST : head]
        payload = data[head:]
        if stored_key != key or hashlib.sha256(payload).digest() != checksum:
            return None
        return payload

    def write(self, rel: str, raw: bytes, document: Document, records: list[Located[Any]]) -> None:
        """Keep a file's result; when that fails (disk full, no permission) nothing is kept."""
        try:
            payload = pickle.dumps((document, records), protocol=5)
        except Exception:  # noqa: BLE001 — a value that cannot be kept only costs time
            return
        data = _MAGIC + self.key(rel, raw) + hashlib.sha256(payload).digest() + payload
        name = self.entry_name(rel)
        tmp: str | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, self.folder / name)
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    def prune(self, rels: Iterable[str]) -> None:
        """Remove entries of files that are gone, and temporary files left by a dead process."""
        keep = {self.entry_name(rel) for rel in rels}
        try:
            with os.scandir(self.folder) as listing:
                entries = list(listing)
        except OSError:
            return
        now = time.time()
        for entry in entries:
            with contextlib.suppress(OSError):
                gone = entry.name.endswith(_SUFFIX) and entry.name not in keep
                left = entry.name.endswith(".tmp") and (
                    now - entry.stat(follow_symlinks=False).st_mtime > _STALE_TEMP_SECONDS
                )
                if gone or left:
                    os.unlink(entry.path)


def _allowed_classes() -> dict[tuple[str, str], type]:
    """The only classes an entry may name: our records, their parts, Document and Located,
    and the dates some fields hold."""
    allowed: dict[tuple[str, str], type] = {
        ("cimo.load", "Document"): Document,
        ("cimo.content_set", "Located"): Located,
        ("datetime", "date"): datetime.date,
    }
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


def _expected_shape(value: Any, kind: str) -> bool:
    if not (isinstance(value, tuple) and len(value) == 2):
        return False
    document, records = value
    record_model = BY_PLURAL[kind].model
    return (
        isinstance(document, Document)
        and document.kind == kind
        and isinstance(records, list)
        and all(
            isinstance(r, Located) and r.document is document and isinstance(r.model, record_model)
            for r in records
        )
    )
