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
    assert len(list(cache.iterdir())) == len(files)
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
    before = set(cache.iterdir())
    os.rename(content / "outcomes/welzijn.yaml", content / "outcomes/geluk.yaml")
    (cache / ".left-by-a-killed-build.tmp").write_bytes(b"half")
    os.utime(cache / ".left-by-a-killed-build.tmp", (0, 0))
    with pytest.raises(ContentError):  # the id no longer matches the file name
        load_knowledge_base(content, cache_dir=cache)
    entry = RecordCache(cache, b"").entry_name
    after = set(cache.iterdir())
    assert cache / entry("outcomes/welzijn.yaml") in before - after
    assert cache / entry("outcomes/geluk.yaml") not in after  # it has a problem: not kept
    assert not (cache / ".left-by-a-killed-build.tmp").exists()
    assert len(after) == len(before) - 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit of the records
        lambda data: b"",
        lambda data: b"not an entry at all",
        lambda data: data[:20] + bytes([data[20] ^ 1]) + data[21:],  # the key
    ],
    ids=["truncated", "bit-flip", "empty", "garbage", "key"],
)
def test_a_damaged_entry_is_ignored_and_written_again(
    tmp_path: Path, damage: Any, parsed: list[str]
) -> None:
    content = copy_sample(tmp_path)
    cache = tmp_path / "records"
    expected = load_knowledge_base(content, cache_dir=cache)
    entry = cache / RecordCache(cache, b"").entry_name(MENTOR)
    entry.write_bytes(damage(entry.read_bytes()))
    parsed.clear()
    same_knowledge_base(expected, load_knowledge_base(content, cache_dir=cache))
    assert [Path(p).name for p in parsed] == ["mentor.yaml"]
    parsed.clear()
    load_knowledge_base(content, cache_dir=cache)
    assert parsed == []  # written again whole


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
    payload = pickle.dumps((_Evil(), []), protocol=5)
    entry = cache_dir / cache.entry_name(MENTOR)
    entry.write_bytes(
        b"cimo-records\n" + cache.key(MENTOR, raw) + hashlib.sha256(payload).digest() + payload
    )
    parsed.clear()
    load_knowledge_base(content, cache_dir=cache_dir)
    assert [Path(p).name for p in parsed] == ["mentor.yaml"]


def test_an_entry_for_another_kind_of_record_is_not_used(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    cache = RecordCache.at(tmp_path / "records")
    assert cache is not None
    document = Document("x.yaml", "mechanisms", {}, {}, {})
    raw = (content / MENTOR).read_bytes()
    cache.write(MENTOR, raw, document, [])
    assert cache.read(MENTOR, raw, "mechanisms") is not None
    assert cache.read(MENTOR, raw, "interventions") is None


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
        assert not [p for p in cache.iterdir() if p.suffix == ".tmp"]
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
