"""The per-file part of stage 2: one content file read, validated on its own and checked for
personal data, taken from the records cache (cimo/record_cache.py) when the file is unchanged.

What is found here depends on the file alone (its bytes and its path in the content folder);
everything that looks at more than one file is in cimo/validate.py and runs on the whole set.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from cimo.content_set import ContentSet, Located
from cimo.excerpt import excerpt
from cimo.kinds import BY_PLURAL
from cimo.load import (
    Document,
    display_path,
    folder_kind,
    load_document,
    parse_document,
    read_source,
    scan_content,
)
from cimo.model import Intervention
from cimo.numbers import check_values
from cimo.personal_data import check_personal_data
from cimo.placeholders import check_placeholders
from cimo.problems import Location, Problem
from cimo.record_cache import RecordCache
from cimo.schema_errors import problems_from_validation


@dataclass
class FileResult:
    """What one content file gave on its own."""

    document: Document | None  # None when it could not be read as YAML
    records: list[Located[Any]] = field(default_factory=list)  # all of the file's kind
    problems: list[Problem] = field(default_factory=list)
    kind: str | None = None  # the folder's kind (plural), also when the file was not read


@dataclass
class CheckedFiles:
    """Every content file on its own: the documents that were read, their records, problems,
    and the files in a known folder that could not be read as YAML (with that folder)."""

    documents: list[Document] = field(default_factory=list)
    content: ContentSet = field(default_factory=ContentSet)
    problems: list[Problem] = field(default_factory=list)
    unread: list[tuple[Path, str]] = field(default_factory=list)


def check_files(content_dir: Path, cache: RecordCache | None = None) -> CheckedFiles:
    """Read and check every file under content_dir on its own, from the cache where it can."""
    checked = CheckedFiles()
    if not content_dir.is_dir():
        loc = Location(display_path(content_dir))
        hint = "Geef de map met --content MAP, of werk in de map van de kennisbank."
        checked.problems.append(Problem(loc, "", "de map met inhoud bestaat niet", hint))
        return checked
    files, checked.problems = scan_content(content_dir)
    with _collector_paused(len(files)):
        for file in files:
            result = check_file(file, content_dir, cache)
            checked.problems += result.problems
            if result.document is not None:
                checked.documents.append(result.document)
                checked.content.catalogue(result.document.kind).extend(result.records)
            elif result.kind is not None:
                checked.unread.append((file, result.kind))
    if cache is not None:
        cache.save(file.relative_to(content_dir).as_posix() for file in files)
    return checked


def check_file(file: Path, content_dir: Path, cache: RecordCache | None = None) -> FileResult:
    """One content file: loaded, validated on its own, checked for personal data."""
    relative = file.relative_to(content_dir)
    kind = folder_kind(relative)
    if kind is None:
        return FileResult(None, [], load_document(file, content_dir)[1])
    rel, shown = relative.as_posix(), display_path(file)
    raw, problems = read_source(file, shown)
    if raw is None:
        return FileResult(None, [], problems, kind)
    kept = cache.read(rel, raw, kind, shown) if cache is not None else None
    if kept is not None:
        return FileResult(*kept, [], kind)
    document, problems = parse_document(raw, shown, kind)
    if document is None:
        return FileResult(None, [], problems, kind)
    content, problems = validate_documents([document])
    problems += check_personal_data([document])
    records = content.catalogue(kind)
    if cache is not None and not problems:
        cache.write(rel, raw, document, records)
    return FileResult(document, records, problems, kind)


#: From this many files on, the cycle collector is paused while they are read (see below).
PAUSE_COLLECTOR_FROM = 200


@contextmanager
def _collector_paused(files: int) -> Iterator[None]:
    """Reading many files makes millions of objects that all stay. Python's cycle collector,
    left on, walks them again and again while they are made (from the cache at N = 5 000:
    1.4 of 4.8 CPU seconds; read at N = 500: 0.35 of 2.15); paused, it walks them once,
    afterwards. For a small knowledge base in a large process (a test run, say) that one full
    walk would cost more than it saves."""
    if files < PAUSE_COLLECTOR_FROM or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


def validate_documents(documents: list[Document]) -> tuple[ContentSet, list[Problem]]:
    content, problems = ContentSet(), []
    for document in documents:
        kind = BY_PLURAL[document.kind]
        value_problems, checked = check_values(document, kind.document_model)
        unfilled, placeholders = check_placeholders(document)
        problems += value_problems + unfilled
        checked |= placeholders
        try:
            parsed = kind.document_model.model_validate(document.data)
        except ValidationError as error:
            problems += problems_from_validation(error, document, kind.document_model, checked)
            continue
        if value_problems:
            continue  # a value is not what the writer meant: do not count with it
        target = content.catalogue(kind.plural)
        if kind.one_per_file:
            problems += _filed_where_expected(document, parsed)
            target.append(Located(parsed, document))
        else:
            entries = getattr(parsed, kind.plural)
            target += [Located(e, document, (kind.plural, i)) for i, e in enumerate(entries)]
    return content, problems


def _filed_where_expected(document: Document, record: BaseModel) -> list[Problem]:
    """A one-record file is named after its id; an intervention sits in its owner's folder."""
    record_id: str = record.id  # type: ignore[attr-defined]
    file = PurePosixPath(document.file)
    problems = []
    if file.stem != record_id:
        problems.append(
            Problem(
                document.locate(("id",)),
                "id",
                f"de id '{excerpt(record_id)}' is anders dan de bestandsnaam "
                f"'{excerpt(file.name)}'",
                f"Noem het bestand {excerpt(record_id)}.yaml, of pas de id aan.",
            )
        )
    owner = getattr(record, "owner", None)
    if isinstance(record, Intervention) and file.parent.name != owner:
        problems.append(
            Problem(
                document.locate(("owner",)),
                "owner",
                f"de eigenaar '{excerpt(owner)}' is anders dan de map "
                f"'{excerpt(file.parent.name)}'",
                "Zet het bestand in de map met de naam van de eigenaar, of pas 'owner' aan.",
            )
        )
    return problems
