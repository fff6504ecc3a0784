"""Property-based: whatever bytes or values a file holds, loading and validation never raise;
they return problems that each name the file and a line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cimo.load import load_content
from cimo.validate import validate_content
from cimo_cli.main import main
from tests.conftest import FIXTURES

MENTOR = FIXTURES / "minimal/content/interventions/gemeente-demo/mentor.yaml"
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def fresh(tmp: Path) -> Path:
    target = tmp / "content"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(FIXTURES / "minimal/content", target)
    return target


def assert_located(problems: list) -> None:
    for problem in problems:
        assert problem.location.file.endswith(".yaml")
        assert problem.location.line >= 1 and problem.location.column >= 1
        assert problem.message


@SETTINGS
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(tmp_path: Path, raw: bytes) -> None:
    content = fresh(tmp_path)
    (content / "interventions/gemeente-demo/mentor.yaml").write_bytes(raw)
    _, problems = validate_content(content)
    assert_located(problems)


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!|>'\"#%@`,?")), max_size=120))
def test_arbitrary_yaml_syntax_never_raises(tmp_path: Path, text: str) -> None:
    content = fresh(tmp_path)
    (content / "interventions/gemeente-demo/mentor.yaml").write_text(text, encoding="utf-8")
    documents, problems = load_content(content)
    assert_located(problems)
    _, problems = validate_content(content)
    assert_located(problems)


def field_paths(value: object, path: tuple = ()) -> list[tuple]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += field_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += field_paths(item, (*path, index))
    return found


BASE = yaml.safe_load(MENTOR.read_text(encoding="utf-8"))
PATHS = field_paths(BASE)


def replaced(data: object, path: tuple, value: object) -> object:
    if not path:
        return value
    head, *rest = path
    copy = dict(data) if isinstance(data, dict) else list(data)  # type: ignore[call-overload]
    copy[head] = replaced(copy[head], tuple(rest), value)
    return copy


@SETTINGS
@given(path=st.sampled_from(PATHS), value=json_values)
def test_any_value_in_any_field_gives_located_problems(
    tmp_path: Path, path: tuple, value: object
) -> None:
    content = fresh(tmp_path)
    data = replaced(BASE, path, value)
    (content / "interventions/gemeente-demo/mentor.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    _, problems = validate_content(content)
    assert_located(problems)


@SETTINGS
@given(path=st.sampled_from(PATHS), secret=st.text(min_size=41, max_size=300))
def test_a_message_never_quotes_more_than_a_short_piece_of_a_value(
    tmp_path: Path, path: tuple, secret: str
) -> None:
    content = fresh(tmp_path)
    (content / "interventions/gemeente-demo/mentor.yaml").write_text(
        yaml.safe_dump(replaced(BASE, path, secret), allow_unicode=True), encoding="utf-8"
    )
    _, problems = validate_content(content)
    shown = "\n".join(p.format() for p in problems)
    assert not any(secret[i : i + 41] in shown for i in range(len(secret) - 40))


SECRET = "ghp_SECRETTOKEN0123456789abcdefSECRET"


def plant_links(workdir: Path) -> None:
    """Links a contributor might add: to a token file, to a folder of them, to a system file."""
    outside = workdir / "outside"
    outside.mkdir()
    (outside / ".env").write_text(f"GITHUB_TOKEN={SECRET}\n", encoding="utf-8")
    (outside / "more.yaml").write_text(f"sources: [{{id: a, title: '{SECRET}'}}]\n")
    (workdir / "content/sources/x.yaml").symlink_to(outside / ".env")
    (workdir / "content/sources/shared").symlink_to(outside, target_is_directory=True)
    (workdir / "content/interventions/passwd.yaml").symlink_to("/etc/passwd")


@pytest.mark.parametrize("command", [["validate"], ["build", "--site", "out"]])
def test_a_link_out_of_the_content_folder_never_reaches_the_output(
    workdir: Path, command: list[str]
) -> None:
    plant_links(workdir)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    assert SECRET not in result.output and "root:" not in result.output
    assert "Traceback" not in result.output
    for link in ("sources/x.yaml", "sources/shared", "interventions/passwd.yaml"):
        assert f"content/{link}:1:1: is een link (symlink)" in result.output
    assert not (workdir / "out").exists()
