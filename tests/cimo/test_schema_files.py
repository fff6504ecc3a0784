"""The committed JSON Schemas equal what the model and the content generate; content files
point at them; an editor with the schema marks an id that does not exist."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cimo.catalogue_list import catalogue_names
from cimo.load import content_files, load_content, parse_yaml_bytes
from cimo.schema_files import render_schemas
from tests.conftest import REPO


def committed(name: str) -> dict:
    return json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))


def test_committed_schemas_are_in_sync_with_the_model_and_the_content() -> None:
    documents, problems = load_content(REPO / "content")
    assert problems == []
    for name, text in render_schemas(catalogue_names(documents)).items():
        written = ((REPO / "schema") / name).read_text(encoding="utf-8")
        assert written == text, f"schema/{name} is stale: run `cimo schema`"


@pytest.mark.parametrize("path", content_files(REPO / "content"), ids=lambda p: p.name)
def test_every_content_file_declares_and_satisfies_its_schema(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first_line.split("=", 1)[1]).resolve()
    assert target.parent == (REPO / "schema") and target.exists(), target
    data, _ = parse_yaml_bytes(path.read_bytes())
    schema = json.loads(target.read_text(encoding="utf-8"))
    # JSON has only string keys: years are written as keys such as "2023".
    jsonschema.validate(json.loads(json.dumps(data)), schema)


def jinc() -> dict:
    path = REPO / "content/interventions/gemeente-nijmegen/jinc.yaml"
    data, _ = parse_yaml_bytes(path.read_bytes())
    return json.loads(json.dumps(data))


def test_a_wrong_mechanism_id_is_flagged_by_a_json_schema_validator() -> None:
    schema = committed("interventions.schema.json")
    data = jinc()
    assert data["mechanisms"][0]["mechanism"] == "praktijkervaring"
    data["mechanisms"][0]["mechanism"] = "rolmodel"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert [list(e.absolute_path) for e in errors] == [["mechanisms", 0, "mechanism"]]


@pytest.mark.parametrize(
    ("path", "wrong"),
    [
        (("outcomes", 0, "via", 0), "rolmodel"),
        (("outcomes", 0, "outcome"), "beeld-van-beroep"),
        (("themes", 0), "loopbaan"),
        (("context", "areas", 0), "hatert-west"),
        (("owner",), "nijmegen"),
        (("sources", 0, "source"), "uitvoeringsplan"),
    ],
)
def test_every_kind_of_id_is_checked_by_the_schema(path: tuple, wrong: str) -> None:
    schema = committed("interventions.schema.json")
    data = jinc()
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = wrong
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert [tuple(e.absolute_path) for e in errors] == [path]


def test_the_schema_offers_ids_with_their_names() -> None:
    mechanism = committed("interventions.schema.json")["$defs"]["MechanismUse"]["properties"][
        "mechanism"
    ]
    assert "rolmodellen" in mechanism["enum"]
    names = dict(zip(mechanism["enum"], mechanism["enumDescriptions"], strict=True))
    assert names["rolmodellen"] == "Rolmodellen en inspiratie"
    assert mechanism["description"].startswith("Id van een mechanisme")


def test_every_field_has_a_dutch_description() -> None:
    english = ("the ", "The ", " which ", "Identifier", "Amount", " when ", "Whether")
    for name in render_schemas():
        schema = committed(name)
        for model in [schema, *schema.get("$defs", {}).values()]:
            for field, prop in model.get("properties", {}).items():
                assert prop.get("description"), f"{name}: {field} has no description"
                assert not any(w in prop["description"] for w in english), (name, field)
