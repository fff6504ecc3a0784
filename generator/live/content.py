"""Load and validate only the content files that changed since the last update.

Each file's Document, its validated records and its own problems are kept, keyed by the file's
path, size, modification time and inode; only files whose key changed are read again. The first
update takes unchanged files from the records cache (cimo/record_cache.py) when one is given.
When only interventions changed since the last good update (a writer's usual save), only their
references are checked again (nothing refers to an intervention) and only their part of the
graph is linked again; otherwise the checks that span files and linking run on everything.
The result is the same as cimo.knowledge_base.load_knowledge_base (a test compares them).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cimo.content_set import ContentSet, Located
from cimo.graph import KnowledgeBase, graph_warnings, link, relink
from cimo.knowledge_base import LoadedKnowledgeBase
from cimo.load import display_path, scan_content
from cimo.monitoring import check_reports
from cimo.per_file import check_file
from cimo.problems import ContentError, Location, Problem
from cimo.record_cache import RecordCache
from cimo.sense import check_record_sense
from cimo.validate import check_budgets, check_references

Stamp = tuple[int, int, int]
Record = tuple[str, str]  # (kind name, id), as in cimo.graph.node_key


@dataclass
class _FileState:
    stamp: Stamp
    records: dict[str, list[Located[Any]]] = field(default_factory=dict)  # by plural kind
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class ContentUpdate:
    loaded: LoadedKnowledgeBase
    changed: set[Record]  # records added, removed or changed since the last update
    files: int  # content files read again


class IncrementalContent:
    """The content folder, re-read file by file."""

    def __init__(self, content_dir: Path, cache_dir: Path | None = None):
        self.content_dir = content_dir
        self.cache = RecordCache.at(cache_dir)
        self._files: dict[Path, _FileState] = {}
        self._accepted: dict[Path, dict[str, list[Located[Any]]]] = {}  # the last good update
        self._kb: KnowledgeBase | None = None  # linked from _accepted

    def update(self, before_link: Callable[[set[Record]], None] | None = None) -> ContentUpdate:
        """Everything load_knowledge_base returns, plus which records changed.

        `before_link` is called with the changed records once the content is accepted, while
        the knowledge base of the last update is still whole (linking takes its graph over).
        Raises ContentError with every problem found (the kept state then already holds the
        newly read files, so the next update reads only what changes after)."""
        if not self.content_dir.is_dir():
            where = Location(display_path(self.content_dir))
            hint = "Geef de kennisbank aan met -C MAP, of werk in de map van de kennisbank."
            raise ContentError([Problem(where, "", "de map met inhoud bestaat niet", hint)])
        paths, problems = scan_content(self.content_dir)
        # Only the start reads the records cache (and brings it up to date): after that only
        # files just saved are read, and the whole cache would be rewritten for each save.
        cache, self.cache = self.cache, None
        current: dict[Path, _FileState] = {}
        read = 0
        for path in paths:
            stamp = _stamp(path)
            state = self._files.get(path)
            if state is None or state.stamp != stamp or stamp == (0, 0, 0):
                state, read = _read(path, self.content_dir, stamp, cache), read + 1
            current[path] = state
        self._files = current
        if cache is not None:
            cache.save(path.relative_to(self.content_dir).as_posix() for path in paths)
        content = ContentSet()
        for state in current.values():
            problems += state.problems
            for kind, entries in state.records.items():
                content.catalogue(kind).extend(entries)
        after = {path: state.records for path, state in current.items()}
        changed = _changed_records(self._accepted, after)
        edited = self._edited_interventions(changed)
        if not problems:
            problems += check_references(content, interventions=edited)
        if not problems:
            problems += check_reports(content)
        if not problems:
            problems += check_budgets(content)
        if problems:
            raise ContentError(sorted(problems))
        if before_link is not None:
            before_link(changed)
        last, self._kb = self._kb, None  # no half-linked graph is ever used again
        kb = link(content) if last is None or edited is None else relink(last, content, edited)
        self._accepted, self._kb = after, kb
        loaded = LoadedKnowledgeBase(kb, content, graph_warnings(kb, content))
        return ContentUpdate(loaded, changed, read)

    def _edited_interventions(self, changed: set[Record]) -> set[str] | None:
        """The ids, when only interventions changed since the last good update; else None."""
        if self._kb is None or any(kind != "intervention" for kind, _ in changed):
            return None
        return {ident for _, ident in changed}


def _stamp(path: Path) -> Stamp:
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return (0, 0, 0)  # read again, and let load_document report what is wrong
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def _read(path: Path, content_dir: Path, stamp: Stamp, cache: RecordCache | None) -> _FileState:
    result = check_file(path, content_dir, cache)
    problems = list(result.problems)
    if not problems and result.document is not None and result.records:
        own = ContentSet()
        own.catalogue(result.document.kind).extend(result.records)
        problems += check_record_sense(own)  # within one record: kept with its file
    if problems or result.document is None or not result.records:
        return _FileState(stamp, problems=problems)
    return _FileState(stamp, {result.document.kind: result.records})


def _changed_records(
    before: dict[Path, dict[str, list[Located[Any]]]],
    after: dict[Path, dict[str, list[Located[Any]]]],
) -> set[Record]:
    """Records whose model differs between two states (compared only in files that changed)."""
    changed: set[Record] = set()
    for path in before.keys() | after.keys():
        old, new = before.get(path, {}), after.get(path, {})
        if old is new:
            continue
        old_models, new_models = _models(old), _models(new)
        for record in old_models.keys() | new_models.keys():
            if old_models.get(record) != new_models.get(record):
                changed.add(record)
    return changed


def _models(records: dict[str, list[Located[Any]]]) -> dict[Record, Any]:
    from cimo.kinds import BY_PLURAL

    return {
        (BY_PLURAL[kind].name, entry.model.id): entry.model
        for kind, entries in records.items()
        for entry in entries
    }
