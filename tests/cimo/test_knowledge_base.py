"""load_knowledge_base(): the one way in. Errors stop it with every located problem; warnings
come back, or stop it when strict; check_knowledge_base() reports without raising."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cimo.errors import ContentError
from cimo.kinds import KINDS
from cimo.knowledge_base import LoadedKnowledgeBase, check_knowledge_base, load_knowledge_base
from cimo.problems import Severity
from tests.conftest import SAMPLE, copy_sample, edit_yaml

MENTOR = "interventions/gemeente-demo/mentor.yaml"


def without_indicator_link(content: Path) -> None:
    """The sample with one graph warning: no indicator measures 'zelfvertrouwen' for mentor."""

    def change(data: dict[str, Any]) -> None:
        data["indicators"][0]["measures"] = []

    edit_yaml(content / MENTOR, change)


def test_the_sample_loads_with_every_record_by_kind(sample_kb: LoadedKnowledgeBase) -> None:
    kb = sample_kb.kb
    for kind in KINDS:
        files = sorted((SAMPLE / "content" / kind.plural).rglob("*.yaml"))
        assert files
        assert set(kb.catalogue(kind.plural)) == {
            r.model.id for r in sample_kb.content.catalogue(kind.plural)
        }
    assert sorted(kb.interventions) == ["huiswerkklas", "mentor"]
    assert sorted(kb.mechanisms) == ["rolmodellen", "vertrouwensband"]
    assert sample_kb.content.count() == sum(len(kb.catalogue(k.plural)) for k in KINDS) == 15
    assert sample_kb.warnings == []


def test_errors_raise_with_every_located_problem(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    (content / "mechanisms/kapot.yaml").write_text("id: kapot\nname: [\n", encoding="utf-8")
    welzijn = content / "outcomes/welzijn.yaml"
    welzijn.write_text(welzijn.read_text(encoding="utf-8") + "naam: Welzijn\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_knowledge_base(content)
    problems = raised.value.problems
    assert {Path(p.location.file).name for p in problems} == {"kapot.yaml", "welzijn.yaml"}
    [unknown] = [p for p in problems if p.location.file.endswith("welzijn.yaml")]
    assert (unknown.location.line, unknown.path) == (6, "naam")  # after 5 lines of the sample
    assert problems == sorted(problems)
    assert all(p.severity is Severity.error for p in problems)


def test_warnings_are_returned_or_raised_when_strict(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    without_indicator_link(content)
    loaded = load_knowledge_base(content)
    [warning] = loaded.warnings
    assert warning.severity is Severity.warning
    assert Path(warning.location.file).name == "zelfvertrouwen.yaml"
    with pytest.raises(ContentError) as raised:
        load_knowledge_base(content, strict=True)
    assert raised.value.problems == [warning]


def test_check_reports_errors_and_only_then_warnings(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    without_indicator_link(content)
    checked, problems = check_knowledge_base(content)
    assert [p.severity for p in problems] == [Severity.warning]
    assert sorted(i.model.id for i in checked.interventions) == ["huiswerkklas", "mentor"]

    def unknown_theme(data: dict[str, Any]) -> None:
        data["themes"] = ["onbekend"]

    edit_yaml(content / MENTOR, unknown_theme)
    _, problems = check_knowledge_base(content)
    [error] = problems  # the warning is not reported next to an error
    assert error.severity is Severity.error
    assert (Path(error.location.file).name, error.path) == ("mentor.yaml", "themes[0]")
