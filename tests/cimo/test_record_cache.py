"""The records cache only saves time: with or without it, cold or warm, the same knowledge base
and the same problems; a changed, moved, damaged or foreign entry is never used."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from cimo import per_file, record_cache
from cimo.content_set import ContentSet
from cimo.errors import ContentError
from cimo.knowledge_base import LoadedKnowledgeBase, check_knowledge_base, load_knowledge_base
from cimo.load import Document
from cimo.record_cache import RecordCache
from cimo.validate import validate_content
from tests.conftest import FIXTURES, REPO, copy_sample, edit_yaml, overlay

MENTOR = "interventions/gemeente-demo/mentor.yaml"
BROKEN = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed as YAML (not taken from the cache), by their shown name."""
    seen: list[str] = []
    parse = per_file.parse_document

    def spy(raw: bytes, shown: str, kind: str) -> Any:
        seen.append(Path(shown).as_posix())
        return parse(raw, shown, kind)

    monkeypatch.setattr(per_file, "parse_document", spy)
    return seen


def kept(cache: Path) -> list[str]:
    """The files the cache holds an entry for."""
    return list(record_cache._read_entries(cache / "entries"))


def shown(problems: list[Any]) -> list[tuple[str, str, str]]:
    """Everything a problem says, hint and severity included."""
    return [(p.format(), str(p.hint), p.severity.value) for p in problems]


def same_content(one: ContentSet, other: ContentSet) -> None:
    for kind, entries in one.records.items():
        theirs = other.records[kind]
        assert [e.model for e in entries] == [e.model for e in theirs]
        assert [e.path for e in entries] == [e.path for e in theirs]
        for mine, their in zip(entries, theirs, strict=True):
            a, b = mine.document, their.document
            assert (a.file, a.kind, a.data, a.positions, a.plain) == (
                b.file,
                b.kind,
                b.data,
                b.positions,
                b.plain,
            )


def same_knowledge_base(one: LoadedKnowledgeBase, other: LoadedKnowledgeBase) -> None:
    assert one.kb.records == other.kb.records
    assert dict(one.kb.graph.nodes(data=True)) == dict(other.kb.graph.nodes(data=True))
    assert list(one.kb.graph.edges(data=True)) == list(other.kb.graph.edges(data=True))
    assert shown(one.warnings) == shown(other.warnings)
    same_content(one.content, other.content)


def test_cold_and_warm_give_the_same_knowledge_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[str]
) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    content, cache = Path("content"), tmp_path / "records"
    files = sorted(p.as_posix() for p in content.rglob("*.yaml"))
    plain = load_knowledge_base(content)
    parsed.clear()
    cold = load_knowledge_base(content, cache_dir=cache)
    assert sorted(parsed) == files  # every file read, and kept
    assert sorted(f"content/{rel}" for rel in kept(cache)) == files
    parsed.clear()
    warm = load_knowledge_base(content, cache_dir=cache)
    assert parsed == []  # nothing parsed again
    same_knowledge_base(plain, cold)
    same_knowledge_base(plain, warm)


@pytest.mark.parametrize("case", BROKEN, ids=[p.name for p in BROKEN])
def test_every_problem_is_the_same_cold_and_warm(
    workdir: Path, case: Path, parsed: list[str]
) -> None:
    overlay(workdir, case)
    plain = validate_content(Path("content"))
    cold = validate_content(Path("content"), workdir / "records")
    parsed.clear()
    warm = validate_content(Path("content"), workdir / "records")
    assert shown(plain[1]) == shown(cold[1]) == shown(warm[1]) != []
    same_content(plain[0], warm[0])
    # Only files with problems of their own are read again: their messages are made fresh.
    with_problems = {p.location.file for p in warm[1]}
    assert set(parsed) <= with_problems


def test_problems_between_files_and_in_a_file_are_reported_on_a_warm_run(
    tmp_path: Path, parsed: list[str]
) -> None:
    content = copy_sample(tmp_path)
    edit_yaml(content / MENTOR, lambda d: d.update(themes=["onbekend"]))  # between files
    (content / "mechanisms/kapot.yaml").write_text("id: kapot\nname: [\n", encoding="utf-8")
    cold = check_knowledge_base(content, tmp_path / "records")[1]
    parsed.clear()
    warm = check_knowledge_base(content, tmp_path / "records")[1]
    assert [Path(p).name for p in parsed] == ["kapot.yaml"]  # mentor came from the cache
    assert shown(warm) == shown(cold) == shown(check_knowledge_base(content)[1])
    assert {Path(p.location.file).name for p in warm} == {"mentor.yaml", "kapot.yaml"}
    with pytest.raises(ContentError):
        load_knowledge_base(content, cache_dir=tmp_path / "records")


def test_a_changed_file_is_read_again(tmp_path: Path, parsed: list[str]) -> None:
    content = copy_sample(tmp_path)
    load_knowledge_base(content, cache_dir=tmp_path / "records")
    edit_yaml(content / MENTOR, lambda d: d.update(title="Mentorproject, vernieuwd"))
    parsed.clear()
    warm = load_knowledge_base(content, cache_dir=tmp_path / "records")
    assert [Path(p).name for p in parsed] == ["mentor.yaml"]
    assert warm.kb.interventions["mentor"].title == "Mentorproject, vernieuwd"
    same_knowledge_base(load_knowledge_base(content), warm)


def test_a_moved_or_renamed_file_is_read_again(tmp_path: Path, parsed: list[str]) -> None:
    """The same bytes at another place can be wrong there: the path is part of the key."""
    content = copy_sample(tmp_path)
    cache = tmp_path / "records"
    load_knowledge_base(content, cache_dir=cache)
    (content / "interventions/gemeente-elders").mkdir(exist_ok=True)
    os.rename(content / MENTOR, content / "interventions/gemeente-elders/mentor.yaml")
    os.rename(content / "mechanisms/rolmodellen.yaml", content / "mechanisms/rolmodel.yaml")
    parsed.clear()
    with pytest.raises(ContentError) as warm:
        load_knowledge_base(content, cache_dir=cache)
    assert sorted(Path(p).name for p in parsed) == ["mentor.yaml", "rolmodel.yaml"]
    with pytest.raises(ContentError) as plain:
        load_knowledge_base(content)
    assert shown(warm.value.problems) == shown(plain.value.problems)
    messages = " ".join(p.message for p in warm.value.problems)
    assert "anders dan de map 'gemeente-elders'" in messages
    assert "anders dan de bestandsnaam 'rolmodel.yaml'" in messages


def test_entries_of_files_that_are_gone_are_removed(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    cache = tmp_path / "records"
    (content / "reports/2023/mentor-2023.yaml").unlink()
    load_knowledge_base(content, cache_dir=cache)
    before = set(kept(cache))
    os.rename(content / "outcomes/welzijn.yaml", content / "outcomes/geluk.yaml")
    (cache / ".entries.left-by-a-killed-build.tmp").write_bytes(b"half")
    os.utime(cache / ".entries.left-by-a-killed-build.tmp", (0, 0))
    with pytest.raises(ContentError):  # the id no longer matches the file name
        load_knowledge_base(content, cache_dir=cache)
    # geluk.yaml has a problem of its own: not kept
    assert set(kept(cache)) == before - {"outcomes/welzijn.yaml"}
    assert [p.name for p in cache.iterdir()] == ["entries"]


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


def _in_entry(data: bytes, rel: str, offset: int) -> int:
    """Where in the file `offset` bytes into the entry of `rel` is (key: 0-31, checksum:
    32-63, records after)."""
    return data.index(rel.encode()) + len(rel) + offset


DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "cut-in-an-entry": lambda data: data[: _in_entry(data, MENTOR, 100)],
    "a-bit-of-the-records": lambda data: _flip(data, _in_entry(data, MENTOR, 200)),
    "a-bit-of-the-key": lambda data: _flip(data, _in_entry(data, MENTOR, 5)),
    "a-bit-of-a-length": lambda data: _flip(data, data.index(MENTOR.encode()) - 3),
    "empty": lambda data: b"",
    "garbage": lambda data: b"not a cache at all",
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_cache_is_ignored_and_written_again(
    tmp_path: Path, damage: Any, parsed: list[str], request: pytest.FixtureRequest
) -> None:
    content = copy_sample(tmp_path)
    cache = tmp_path / "records"
    expected = load_knowledge_base(content, cache_dir=cache)
    entries = cache / "entries"
    entries.write_bytes(damage(entries.read_bytes()))
    parsed.clear()
    same_knowledge_base(expected, load_knowledge_base(content, cache_dir=cache))
    assert parsed != []  # what was damaged is read again …
    if "a-bit-of-the" in request.node.callspec.id:  # … and only that
        assert [Path(p).name for p in parsed] == ["mentor.yaml"]
    parsed.clear()
    same_knowledge_base(expected, load_knowledge_base(content, cache_dir=cache))
    assert parsed == []  # written again whole


def test_a_cache_file_that_is_a_link_is_not_followed(tmp_path: Path, parsed: list[str]) -> None:
    content = copy_sample(tmp_path)
    load_knowledge_base(content, cache_dir=tmp_path / "elsewhere")
    (tmp_path / "records").mkdir()
    (tmp_path / "records/entries").symlink_to(tmp_path / "elsewhere/entries")
    parsed.clear()
    load_knowledge_base(content, cache_dir=tmp_path / "records")
    assert len(parsed) == len(list(content.rglob("*.yaml")))
    assert not (tmp_path / "records/entries").is_symlink()  # replaced by a file of its own


def test_a_cache_of_another_version_of_the_tool_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[str]
) -> None:
    content = copy_sample(tmp_path)
    cache = tmp_path / "records"
    load_knowledge_base(content, cache_dir=cache)
    monkeypatch.setattr(record_cache, "tool_version", lambda: b"another version")
    parsed.clear()
    load_knowledge_base(content, cache_dir=cache)
    assert len(parsed) == len(list(content.rglob("*.yaml")))


def test_the_version_covers_the_source_of_every_cimo_module() -> None:
    version = record_cache.tool_version()
    assert version is not None and len(version) == 32
    package = Path(record_cache.__file__).parent
    assert {"load.py", "model.py", "validate.py", "personal_data.py"} <= {
        p.name for p in package.glob("*.py")
    }


def pwned() -> None:  # pragma: no cover - must never run
    raise AssertionError("an entry ran code")


class _Evil:
    def __reduce__(self) -> tuple[Any, tuple[()]]:
        return (pwned, ())


def test_an_entry_that_names_other_code_is_not_run(tmp_path: Path, parsed: list[str]) -> None:
    """Even a well-formed entry (right key, right checksum) may only hold our record classes."""
    content = copy_sample(tmp_path)
    cache_dir = tmp_path / "records"
    load_knowledge_base(content, cache_dir=cache_dir)
    cache = RecordCache.at(cache_dir)
    assert cache is not None
    raw = (content / MENTOR).read_bytes()
    packed = load_knowledge_base(content).content.interventions[0].document.pack()
    payload = len(packed).to_bytes(8, "big") + packed + pickle.dumps([(_Evil(), ())])
    entries = record_cache._read_entries(cache_dir / "entries")
    entries[MENTOR] = cache.key(MENTOR, raw) + hashlib.sha256(payload).digest() + payload
    cache._write_file(sorted(entries.items()))
    parsed.clear()
    load_knowledge_base(content, cache_dir=cache_dir)
    assert [Path(p).name for p in parsed] == ["mentor.yaml"]


def test_a_packed_document_holds_plain_values_only() -> None:
    document = Document.packed("x.yaml", "mechanisms", pickle.dumps((_Evil(), {}, {})))
    with pytest.raises(pickle.UnpicklingError):
        document.locate(("id",))


def test_a_kept_document_unpacks_to_what_was_read(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    fresh = load_knowledge_base(content).content.interventions[0]
    load_knowledge_base(content, cache_dir=tmp_path / "records")
    kept = load_knowledge_base(content, cache_dir=tmp_path / "records").content.interventions[0]
    assert "_packed" in vars(kept.document) and "data" not in vars(kept.document)
    assert kept.locate("owner") == fresh.locate("owner")  # unpacked on first use
    assert "_packed" not in vars(kept.document)
    assert kept == fresh
    with pytest.raises(AttributeError):
        kept.document.no_such_field  # noqa: B018


def test_an_entry_for_another_kind_of_record_is_not_used(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    cache = RecordCache.at(tmp_path / "records")
    assert cache is not None
    [mentor] = [
        r for r in load_knowledge_base(content).content.interventions if r.model.id == "mentor"
    ]
    raw = (content / MENTOR).read_bytes()
    cache.write(MENTOR, raw, mentor.document, [mentor])
    assert cache.read(MENTOR, raw, "interventions", "shown.yaml") is not None
    assert cache.read(MENTOR, raw, "mechanisms", "shown.yaml") is None
    assert cache.read(MENTOR, raw, "interventions", "shown.yaml") is None  # dropped


def test_names_in_messages_follow_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[str]
) -> None:
    content = copy_sample(tmp_path)
    edit_yaml(content / MENTOR, lambda d: d.update(themes=["onbekend"]))
    cache = tmp_path / "records"
    monkeypatch.chdir(tmp_path)
    validate_content(Path("content"), cache)
    monkeypatch.chdir(content)
    parsed.clear()
    warm = validate_content(Path("."), cache)
    assert parsed == []
    [problem] = warm[1]
    assert problem.location.file == MENTOR  # not content/interventions/…
    assert shown(warm[1]) == shown(validate_content(Path("."))[1])


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    (tmp_path / "records").write_text("a file where the cache folder should be")
    same_knowledge_base(
        load_knowledge_base(content), load_knowledge_base(content, cache_dir=tmp_path / "records")
    )


def _load_together(content: Path, cache: Path, count: int) -> list[LoadedKnowledgeBase]:
    results: list[LoadedKnowledgeBase] = []
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def load() -> None:
        start.wait()
        try:
            results.append(load_knowledge_base(content, cache_dir=cache))
        except BaseException as error:  # noqa: BLE001 — reported below
            errors.append(error)

    threads = [threading.Thread(target=load) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_concurrent_loads_share_one_cache(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    cache = tmp_path / "records"
    expected = load_knowledge_base(content)
    for _ in range(3):
        shutil.rmtree(cache, ignore_errors=True)
        for result in _load_together(content, cache, 4):
            same_knowledge_base(expected, result)
        assert [p.name for p in cache.iterdir()] == ["entries"]  # no temporary files left
        assert len(kept(cache)) == len(list(content.rglob("*.yaml")))
    same_knowledge_base(expected, load_knowledge_base(content, cache_dir=cache))


_SUMMARY = """
import sys
from pathlib import Path
from cimo.knowledge_base import load_knowledge_base
kb = load_knowledge_base(Path(sys.argv[1]), cache_dir=Path(sys.argv[2])).kb
print(sorted((k, i, m.model_dump_json()) for k, c in kb.records.items() for i, m in c.items()))
"""


def test_two_processes_building_at_once_share_one_cache(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    cache = tmp_path / "records"
    command = [sys.executable, "-c", _SUMMARY, str(content), str(cache)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _ in range(2):  # cold, then warm
        runs = [subprocess.Popen(command, stdout=subprocess.PIPE, env=env) for _ in range(2)]
        outputs = [run.communicate(timeout=120)[0] for run in runs]
        assert [run.returncode for run in runs] == [0, 0]
        assert outputs[0] == outputs[1] != b""
    kb = load_knowledge_base(content).kb
    expected = sorted(
        (k, i, m.model_dump_json()) for k, c in kb.records.items() for i, m in c.items()
    )
    assert outputs[0].decode().strip() == str(expected)
