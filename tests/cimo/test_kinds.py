"""The registry of record kinds: every kind loads and validates from its own folder, one-record
files are filed by id (and interventions by owner), list files are a catalogue document."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from cimo.kinds import BY_NAME, BY_PLURAL, KINDS, RecordKind
from cimo.load import parse_yaml_bytes
from cimo.validate import validate_content
from tests.conftest import SAMPLE, copy_sample, edit_yaml

ONE_PER_FILE = [kind for kind in KINDS if kind.one_per_file]
LISTS = [kind for kind in KINDS if not kind.one_per_file]


def kind_id(kind: RecordKind) -> str:
    return kind.plural


def test_names_folders_and_lookups_are_unique_and_consistent() -> None:
    assert len({k.name for k in KINDS}) == len({k.plural for k in KINDS}) == len(KINDS)
    assert len({k.model for k in KINDS}) == len(KINDS)
    assert {k.plural: k for k in KINDS} == BY_PLURAL
    assert {k.name: k for k in KINDS} == BY_NAME
    assert all(k.label for k in KINDS)


@pytest.mark.parametrize("kind", KINDS, ids=kind_id)
def test_every_kind_loads_and_validates_from_its_folder(kind: RecordKind) -> None:
    folder = SAMPLE / "content" / kind.plural
    files = sorted(folder.rglob("*.yaml"))
    assert files, f"the sample has no {kind.plural}"
    expected = []
    for file in files:
        data, _ = parse_yaml_bytes(file.read_bytes())
        expected += [data["id"]] if kind.one_per_file else [e["id"] for e in data[kind.plural]]
    content, problems = validate_content(SAMPLE / "content")
    assert problems == []
    records = content.catalogue(kind.plural)
    assert sorted(r.model.id for r in records) == sorted(expected)
    assert all(isinstance(r.model, kind.model) for r in records)
    assert all(Path(r.document.file).resolve().is_relative_to(folder) for r in records)


@pytest.mark.parametrize("kind", KINDS, ids=kind_id)
def test_a_kinds_file_in_another_kinds_folder_is_a_located_problem(
    tmp_path: Path, kind: RecordKind
) -> None:
    content = copy_sample(tmp_path)
    source = sorted((content / kind.plural).rglob("*.yaml"))[0]
    other = next(k for k in KINDS if k.one_per_file != kind.one_per_file)
    target = content / other.plural / source.name
    shutil.copy(source, target)
    _, problems = validate_content(content)
    assert problems
    assert {p.location.file for p in problems} == {str(target)}
    assert all(p.location.line >= 1 for p in problems)


@pytest.mark.parametrize("kind", ONE_PER_FILE, ids=kind_id)
def test_a_one_record_file_must_be_named_after_its_id(tmp_path: Path, kind: RecordKind) -> None:
    content = copy_sample(tmp_path)
    source = sorted((content / kind.plural).rglob("*.yaml"))[0]
    renamed = source.with_name("anders.yaml")
    source.rename(renamed)
    _, problems = validate_content(content)
    [problem] = problems
    line = next(
        n
        for n, text in enumerate(renamed.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("id:")
    )
    assert (problem.location.file, problem.location.line, problem.path) == (
        str(renamed),
        line,
        "id",
    )
    assert "anders.yaml" in problem.message and problem.hint


def test_an_intervention_must_sit_in_its_owners_folder(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    moved = content / "interventions/gemeente-elders/mentor.yaml"
    (content / "interventions/gemeente-demo/mentor.yaml").rename(moved)
    _, problems = validate_content(content)
    [problem] = problems
    assert (problem.location.file, problem.path) == (str(moved), "owner")
    assert problem.location.line == 3  # 'owner: gemeente-demo' in the sample file
    assert "gemeente-elders" in problem.message and problem.hint


def test_only_interventions_are_filed_by_owner(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    (content / "programmes/elders").mkdir()
    (content / "programmes/demoplan.yaml").rename(content / "programmes/elders/demoplan.yaml")
    _, problems = validate_content(content)
    assert problems == []


@pytest.mark.parametrize("kind", LISTS, ids=kind_id)
def test_a_list_kind_may_be_spread_over_files_of_any_name(tmp_path: Path, kind: RecordKind) -> None:
    content = copy_sample(tmp_path)
    [source] = (content / kind.plural).glob("*.yaml")
    entries = yaml.safe_load(source.read_text(encoding="utf-8"))[kind.plural]
    extra = {**entries[0], "id": "nog-een"}
    (content / kind.plural / "meer.yaml").write_text(
        yaml.safe_dump({kind.plural: [extra]}, allow_unicode=True), encoding="utf-8"
    )
    loaded, problems = validate_content(content)
    assert problems == []
    ids = [e.model.id for e in loaded.catalogue(kind.plural)]
    assert sorted(ids) == sorted([*(e["id"] for e in entries), "nog-een"])


@pytest.mark.parametrize("kind", LISTS, ids=kind_id)
def test_a_list_kind_file_holds_its_records_under_the_plural_key(
    tmp_path: Path, kind: RecordKind
) -> None:
    content = copy_sample(tmp_path)
    [source] = (content / kind.plural).glob("*.yaml")

    def unwrap(data: dict[str, Any]) -> None:
        record = data.pop(kind.plural)[0]
        data.update(record)

    edit_yaml(source, unwrap)
    _, problems = validate_content(content)
    assert problems and {p.location.file for p in problems} == {str(source)}


@pytest.mark.parametrize("kind", LISTS, ids=kind_id)
def test_the_catalogue_document_model_is_a_list_under_the_plural(kind: RecordKind) -> None:
    document = kind.document_model
    assert list(document.model_fields) == [kind.plural]
    [source] = (SAMPLE / "content" / kind.plural).glob("*.yaml")
    data, _ = parse_yaml_bytes(source.read_bytes())
    parsed = document.model_validate(data)
    records = getattr(parsed, kind.plural)
    assert [r.id for r in records] == [e["id"] for e in data[kind.plural]]
    assert all(isinstance(r, kind.model) for r in records)
    with pytest.raises(ValidationError):  # one record, not wrapped in a list
        document.model_validate({kind.plural: data[kind.plural][0]})
    with pytest.raises(ValidationError):  # unknown keys next to the list are errors
        document.model_validate({**data, "extra": []})
    with pytest.raises(ValidationError):  # the key is required
        document.model_validate({})
    assert kind.document_model is document  # made once


@pytest.mark.parametrize("kind", ONE_PER_FILE, ids=kind_id)
def test_a_one_record_file_validates_against_the_record_model(kind: RecordKind) -> None:
    assert kind.document_model is kind.model
