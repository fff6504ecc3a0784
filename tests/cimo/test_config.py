"""A knowledge base is a folder: cimo.yml is found upward like git finds its repository, missing
settings take defaults, and a broken cimo.yml is a located error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cimo.config import CONFIG_FILE, find_root, open_folder, read_config
from cimo.errors import ContentError
from cimo_cli.main import main
from tests.conftest import SAMPLE


@pytest.fixture
def kb_folder(tmp_path: Path) -> Path:
    """A copy of the sample knowledge base, with a folder below its content."""
    root = tmp_path / "kb"
    shutil.copytree(SAMPLE, root)
    (root / "content/interventions/gemeente-demo/notities").mkdir()
    return root


def test_cimo_yml_is_found_from_any_folder_below_it(kb_folder: Path) -> None:
    deep = kb_folder / "content/interventions/gemeente-demo/notities"
    assert find_root(deep) == kb_folder
    assert find_root(kb_folder) == kb_folder
    opened = open_folder(deep)
    assert opened.root == kb_folder
    assert (opened.content, opened.site, opened.cache) == (
        kb_folder / "content",
        kb_folder / "site",
        kb_folder / ".cimo-cache",
    )
    assert opened.config.site_name == "Kennisbank Demo"  # tests/fixtures/sample/cimo.yml


def test_the_nearest_cimo_yml_wins(kb_folder: Path) -> None:
    inner = kb_folder / "content/interventions/gemeente-demo/notities"
    (inner / CONFIG_FILE).write_text("site_name: Binnen\n", encoding="utf-8")
    (inner / "sub").mkdir()
    assert find_root(inner / "sub") == inner
    assert open_folder(inner).config.site_name == "Binnen"


def test_without_any_cimo_yml_the_folder_itself_is_the_root(tmp_path: Path) -> None:
    start = tmp_path / "a" / "b"
    start.mkdir(parents=True)
    assert find_root(start) == start


def test_a_folder_named_cimo_yml_is_not_a_settings_file(tmp_path: Path) -> None:
    (tmp_path / "a" / CONFIG_FILE).mkdir(parents=True)
    assert find_root(tmp_path / "a") == tmp_path / "a"
    assert open_folder(tmp_path / "a").config.site_name == "Kennisbank"


def test_without_search_the_given_folder_is_used_as_it_is(kb_folder: Path) -> None:
    inner = kb_folder / "content"
    assert open_folder(inner, search=False).root == inner
    assert open_folder(inner, search=True).root == kb_folder


def test_missing_settings_take_their_defaults(tmp_path: Path) -> None:
    config = read_config(tmp_path / CONFIG_FILE)  # no file at all
    assert (config.site_name, config.site_description, config.home) == ("Kennisbank", None, None)
    (tmp_path / CONFIG_FILE).write_text("home: gemeente-demo\n", encoding="utf-8")
    config = read_config(tmp_path / CONFIG_FILE)
    assert (config.site_name, config.home) == ("Kennisbank", "gemeente-demo")


@pytest.mark.parametrize(
    ("text", "line", "column", "path"),
    [
        ("site_name: Demo\nsite_nmae: Demo\n", 2, 1, "site_nmae"),  # unknown key
        ("site_name: Demo\nhome: Gemeente Demo\n", 2, 1, "home"),  # not an id
        ("site_name: Demo\nsite_name: Twee\n", 2, 1, ""),  # duplicate key
        ("site_name: [Demo\n", 1, 12, ""),  # broken YAML: where the list opens
        ("site_name: ''\n", 1, 1, "site_name"),  # too short
    ],
)
def test_a_broken_cimo_yml_is_a_located_error(
    tmp_path: Path, text: str, line: int, column: int, path: str
) -> None:
    file = tmp_path / CONFIG_FILE
    file.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        read_config(file)
    [problem] = raised.value.problems
    assert Path(problem.location.file).name == CONFIG_FILE
    assert (problem.location.line, problem.location.column) == (line, column)
    assert problem.path.startswith(path)


def test_a_cimo_yml_that_is_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elders.yml").write_text("site_name: Elders\n", encoding="utf-8")
    (tmp_path / CONFIG_FILE).symlink_to(tmp_path / "elders.yml")
    with pytest.raises(ContentError) as raised:
        read_config(tmp_path / CONFIG_FILE)
    [problem] = raised.value.problems
    assert Path(problem.location.file).name == CONFIG_FILE


def test_the_cli_reports_a_broken_cimo_yml_located_and_without_a_traceback(
    kb_folder: Path,
) -> None:
    (kb_folder / CONFIG_FILE).write_text("site_name: Demo\nthema: blauw\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(kb_folder), "validate"])
    assert result.exit_code == 1
    assert f"{CONFIG_FILE}:2:1: thema" in result.output
    assert "Traceback" not in result.output
