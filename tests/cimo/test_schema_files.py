"""The committed JSON Schemas equal what the models generate; content files point at them."""

from __future__ import annotations

import json

import jsonschema
import pytest

from cimo.load import content_files, parse_yaml_bytes
from cimo.schema_files import render_schemas
from tests.conftest import REPO


def test_committed_schemas_are_in_sync_with_the_model() -> None:
    for name, text in render_schemas().items():
        committed = ((REPO / "schema") / name).read_text(encoding="utf-8")
        assert committed == text, f"schema/{name} is stale: run `cimo schema`"


@pytest.mark.parametrize("path", content_files(REPO / "content"), ids=lambda p: p.name)
def test_every_content_file_declares_and_satisfies_its_schema(path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first_line.split("=", 1)[1]).resolve()
    assert target.parent == (REPO / "schema") and target.exists(), target
    data, _ = parse_yaml_bytes(path.read_bytes())
    schema = json.loads(target.read_text(encoding="utf-8"))
    # JSON has only string keys: years are written as keys such as "2023".
    jsonschema.validate(json.loads(json.dumps(data)), schema)
