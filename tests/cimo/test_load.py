"""The loader turns any bytes into data with positions, or one located problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from cimo.load import MAX_FILE_BYTES, load_content, parse_yaml_bytes


def load_one(workdir: Path, raw: bytes) -> list[str]:
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    path.write_bytes(raw)
    _, problems = load_content(Path("content"))
    return [p.format() for p in problems]


def test_positions_point_at_keys_and_list_items() -> None:
    data, positions = parse_yaml_bytes(b"a: 1\nb:\n  - x\n  - {c: 2}\n2023: 5\n")
    assert data == {"a": 1, "b": ["x", {"c": 2}], 2023: 5}
    assert positions[("b",)] == (2, 1)
    assert positions[("b", 1, "c")] == (4, 6)
    assert positions[(2023,)] == (5, 1)


def test_a_file_of_many_megabytes_is_refused_before_parsing(workdir: Path) -> None:
    raw = b"notes:\n" + b"  - 'x'\n" * (MAX_FILE_BYTES // 8 + 10)
    [message] = load_one(workdir, raw)
    file = "content/interventions/gemeente-demo/mentor.yaml"
    assert message.startswith(f"{file}:1:1: file is too large")


def test_deep_nesting_is_refused(workdir: Path) -> None:
    raw = b"a: " + b"[" * 100 + b"]" * 100 + b"\n"
    [message] = load_one(workdir, raw)
    assert "nested deeper than" in message


@pytest.mark.parametrize("raw", [b"a: b: c\n", b"a: [1, 2\n", b"'unclosed\n", b"? [a]\n: 1\n"])
def test_broken_yaml_gets_a_located_message(workdir: Path, raw: bytes) -> None:
    [message] = load_one(workdir, raw)
    assert message.startswith("content/interventions/gemeente-demo/mentor.yaml:")


def test_dates_stay_as_written() -> None:
    data, _ = parse_yaml_bytes(b"section: 2023-09-27\n")
    assert data == {"section": "2023-09-27"}


def test_byte_order_mark_is_accepted() -> None:
    data, _ = parse_yaml_bytes("\ufeffa: é\n".encode())
    assert data == {"a": "é"}
