"""The loader turns any bytes into data with positions, or one located problem."""

from __future__ import annotations

import os
import threading
import tracemalloc
from pathlib import Path

import pytest

from cimo.load import MAX_FILE_BYTES, load_content, parse_yaml_bytes
from cimo.validate import validate_content

MENTOR = "content/interventions/gemeente-demo/mentor.yaml"


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
    assert message.startswith(f"{file}:1:1: bestand is te groot")


def test_deep_nesting_is_refused(workdir: Path) -> None:
    raw = b"a: " + b"[" * 100 + b"]" * 100 + b"\n"
    [message] = load_one(workdir, raw)
    assert "dieper genest dan" in message


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


# Links: nothing outside the content folder is ever read, and a link never loops.

SECRET = "ghp_SECRETTOKEN0123456789abcdefSECRET"


def secret_file(workdir: Path) -> Path:
    outside = workdir / "outside"
    outside.mkdir(exist_ok=True)
    path = outside / "tokens.env"
    path.write_text(f"GITHUB_TOKEN={SECRET}\n", encoding="utf-8")
    return path


def problems_of(workdir: Path) -> list[str]:
    _, problems = load_content(Path("content"))
    return [p.format() for p in problems]


def test_a_link_to_a_file_outside_is_refused_naming_only_the_link(workdir: Path) -> None:
    (workdir / "content/sources/x.yaml").symlink_to(secret_file(workdir))
    assert problems_of(workdir) == [
        "content/sources/x.yaml:1:1: is een link (symlink)\n"
        "  Vervang de link door een kopie van het bestand zelf; in content/ staan geen links."
    ]


def test_a_link_to_a_folder_outside_is_refused_and_not_walked(workdir: Path) -> None:
    folder = secret_file(workdir).parent
    (folder / "more.yaml").write_text(f"sources: [{{id: a, title: {SECRET}}}]\n")
    (workdir / "content/sources/shared").symlink_to(folder, target_is_directory=True)
    [message] = problems_of(workdir)
    assert message.startswith("content/sources/shared:1:1: is een link (symlink)")
    assert SECRET not in message


def test_a_link_inside_the_content_folder_is_refused_too(workdir: Path) -> None:
    (workdir / "content/sources/copy.yaml").symlink_to("sources.yaml")
    [message] = problems_of(workdir)
    assert message.startswith("content/sources/copy.yaml:1:1: is een link (symlink)")


@pytest.mark.parametrize("name", ["loop.yaml", "loop"])
def test_link_loops_are_reported_not_followed(workdir: Path, name: str) -> None:
    (workdir / "content/interventions" / name).symlink_to(name)
    (workdir / "content/interventions/up").symlink_to("..", target_is_directory=True)
    messages = problems_of(workdir)
    assert [m.split(":")[0] for m in messages] == [
        *(["content/interventions/loop.yaml"] if name == "loop.yaml" else []),
        "content/interventions/up",
    ]


def test_a_dangling_link_is_a_located_problem(workdir: Path) -> None:
    (workdir / "content/interventions/gone.yaml").symlink_to(workdir / "nowhere.yaml")
    assert [m.split("\n")[0] for m in problems_of(workdir)] == [
        "content/interventions/gone.yaml:1:1: is een link (symlink)"
    ]


def test_a_folder_named_like_a_content_file_is_a_located_problem(workdir: Path) -> None:
    (workdir / "content/interventions/x.yaml").mkdir()
    assert problems_of(workdir) == [
        "content/interventions/x.yaml:1:1: is een map, geen bestand\n"
        "  Geef de map een andere naam; inhoud staat in bestanden, niet in mappen."
    ]


def test_a_named_pipe_is_refused_without_waiting_for_it(workdir: Path) -> None:
    os.mkfifo(workdir / "content/interventions/pipe.yaml")
    result: list[list[str]] = []
    reader = threading.Thread(target=lambda: result.append(problems_of(workdir)), daemon=True)
    reader.start()
    reader.join(10)
    assert result == [
        [
            "content/interventions/pipe.yaml:1:1: is geen gewoon bestand\n"
            "  Inhoud staat in gewone tekstbestanden."
        ]
    ]


def test_unreadable_files_and_folders_are_located_problems(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked_file = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    locked_folder = workdir / "content/themes"
    real_open, real_scandir = os.open, os.scandir

    def denied(path: object) -> bool:
        return Path(os.fspath(path)).resolve() in {locked_file, locked_folder}  # type: ignore[arg-type]

    def fake_open(path: object, *args: object, **kwargs: object) -> int:
        if denied(path):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    def fake_scandir(path: object = ".") -> object:
        if denied(path):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    assert sorted(problems_of(workdir)) == [
        "content/interventions/gemeente-demo/mentor.yaml:1:1: bestand is niet te lezen: "
        "Permission denied",
        "content/themes:1:1: map is niet te lezen: Permission denied",
    ]


def test_a_huge_file_is_refused_without_reading_it(workdir: Path) -> None:
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    with path.open("r+b") as handle:
        handle.truncate(MAX_FILE_BYTES * 30)  # sparse: takes no disk space
    tracemalloc.start()
    try:
        messages = problems_of(workdir)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert messages == [
        "content/interventions/gemeente-demo/mentor.yaml:1:1: bestand is te groot "
        "(30.000.000 bytes; de grens is 1.000.000)\n  Verdeel de inhoud over meer bestanden."
    ]
    assert peak < 3 * MAX_FILE_BYTES  # reading it would take 30


def test_file_names_reach_the_terminal_without_escape_codes(workdir: Path) -> None:
    (workdir / "content/interventions/gemeente-demo/\x1b[2Jred\nline.yaml").write_bytes(b"- a\n")
    (workdir / "content/misc\u202e").mkdir()
    (workdir / "content/misc\u202e/x.yaml").write_bytes(b"a: 1\n")
    _, problems = load_content(Path("content"))
    files = sorted(p.location.file for p in problems)
    assert files == [
        "content/misc\\u202e/x.yaml",
    ]
    _, problems = validate_content(Path("content"))
    shown = "\n".join(p.format() for p in problems)
    assert "content/interventions/gemeente-demo/\\x1b[2Jred\\nline.yaml:1:1:" in shown
    assert "\x1b" not in shown and "\u202e" not in shown


# Values YAML reads but no content may hold.


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ('"Mentor\\0project"', "U+0000"),
        ('"\\e[31mrood"', "U+001B"),
        ('"a\\x7fb"', "U+007F"),
        ('"a\\x85b"', "U+0085"),
        ('"a\\Nb"', "U+0085"),
        ('"a\\x9bb"', "U+009B"),
        ('"\\u202Egnp.exe"', "U+202E"),
        ('"a\\u2066b"', "U+2066"),
        ('"a\\uffffb"', "U+FFFF"),
        ("Mentor\x00project", "U+0000"),
        ("Mentor\x1bproject", "U+001B"),
        ("Mentor\x7fproject", "U+007F"),
        ("Mentor\u202eproject", "U+202E"),  # YAML itself accepts this one raw
    ],
)
def test_control_characters_are_refused_with_their_place(
    workdir: Path, value: str, code: str
) -> None:
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    text = path.read_text(encoding="utf-8").replace("title: Mentorproject", f"title: {value}")
    [message] = load_one(workdir, text.encode())
    # YAML refuses most of these raw: then the place is the character itself, not the value.
    where = "2:8: title" if value.startswith('"') or code == "U+202E" else "2:14"
    assert message == (
        f"{MENTOR}:{where}: bevat een stuurteken ({code})\n"
        "  Haal het teken weg (het is onzichtbaar). Typ de tekst opnieuw als u die uit een "
        "ander programma hebt geplakt."
    )


def test_control_characters_in_keys_and_nested_values_are_refused(workdir: Path) -> None:
    [message] = load_one(workdir, b'context:\n  "pro\\0blem": x\n')
    assert message.startswith("content/interventions/gemeente-demo/mentor.yaml:2:3: context: bevat")
    [message] = load_one(workdir, b'notes:\n  - ok\n  - "\\e]8;;http://x\\e\\\\"\n')
    assert message.startswith(
        "content/interventions/gemeente-demo/mentor.yaml:3:5: notes[1]: bevat"
    )


def test_tabs_and_line_breaks_in_text_are_fine() -> None:
    data, _ = parse_yaml_bytes(b'a: "one\\ttwo\\r\\nthree"\nb: |\n  line\n  line\n')
    assert data == {"a": "one\ttwo\r\nthree", "b": "line\nline\n"}


@pytest.mark.parametrize("number", [".nan", ".NaN", ".inf", "-.Inf", "+.INF", "1.0e+400"])
def test_nan_and_infinity_are_refused_anywhere(workdir: Path, number: str) -> None:
    [message] = load_one(workdir, f"indicators:\n  - targets: {{2023: {number}}}\n".encode())
    assert message == (
        "content/interventions/gemeente-demo/mentor.yaml:2:21: indicators[0].targets[2023]: "
        f"'{number}' is geen bruikbaar getal (oneindig of 'geen getal')\n"
        "  Schrijf een getal, of zet de waarde tussen aanhalingstekens als het tekst is."
    )
    data, _ = parse_yaml_bytes(f"a: '{number}'\n".encode())
    assert data == {"a": number}


def test_a_number_of_thousands_of_digits_is_a_located_problem(workdir: Path) -> None:
    [message] = load_one(workdir, b"budget:\n  amounts: {2023: " + b"9" * 5000 + b"}\n")
    assert message.startswith(
        "content/interventions/gemeente-demo/mentor.yaml:2:19: budget.amounts[2023]: "
        "het getal heeft te veel cijfers"
    )


@pytest.mark.parametrize("second", ['"2023"', "' 2023'", '"+2023"', '"2_023"', "0x7E7", "2023"])
def test_a_year_written_twice_in_any_spelling_is_a_duplicate_key(
    workdir: Path, second: str
) -> None:
    [message] = load_one(workdir, f"budget:\n  amounts:\n    2023: 1\n    {second}: 2\n".encode())
    assert message.startswith(
        "content/interventions/gemeente-demo/mentor.yaml:4:5: budget.amounts: '"
    )
    assert message.endswith("\n  '2023' staat al op regel 3. Haal er één weg.")


def test_words_that_look_alike_are_not_duplicates() -> None:
    data, _ = parse_yaml_bytes(b"a: 1\nA: 2\n'2023a': 3\n2023: 4\n")
    assert data == {"a": 1, "A": 2, "2023a": 3, 2023: 4}


def test_a_key_is_never_longer_than_a_field_name(workdir: Path) -> None:
    [message] = load_one(workdir, b"title: x\n? " + b"k" * 5000 + b"\n: 1\n")
    assert message.startswith(
        "content/interventions/gemeente-demo/mentor.yaml:2:3: de naam is te lang"
    )
    assert "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk" not in message


def test_a_bad_key_is_shown_cut_short(workdir: Path) -> None:
    [message] = load_one(workdir, b"? [" + b"x, " * 1000 + b"]\n: 1\n")
    assert message.startswith("content/interventions/gemeente-demo/mentor.yaml:1:3: vóór ':' hoort")
    assert len(message.splitlines()[0]) < 150


def test_the_content_folder_itself_may_be_a_link(workdir: Path) -> None:
    (workdir / "content").rename(workdir / "real-content")
    (workdir / "content").symlink_to("real-content", target_is_directory=True)
    documents, problems = load_content(Path("content"))
    assert problems == [] and len(documents) == len(list(Path("real-content").rglob("*.yaml")))


# YAML is read the 1.2 way, as the editor's YAML language server reads it.


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("010", 10),
        ("0o10", 8),
        ("0x10", 16),
        ("1_000", "1_000"),
        ("1:20", "1:20"),
        ("1e3", 1000.0),
        ("true", True),
        ("False", False),
        ("~", None),
        ("2023-09-27", "2023-09-27"),
    ],
)
def test_plain_values_are_read_as_yaml_1_2(written: str, read: object) -> None:
    data, _ = parse_yaml_bytes(f"a: {written}\n".encode())
    assert data == {"a": read}
    assert type(data["a"]) is type(read)


def test_unit_no_is_text_as_in_the_editor(workdir: Path) -> None:
    path = workdir / MENTOR
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    kind: output", "    kind: output\n    unit: no"))
    content, problems = validate_content(Path("content"))
    assert problems == []
    assert content.interventions[0].model.indicators[0].unit == "no"


def test_every_key_written_twice_in_a_file_is_reported_in_one_run(workdir: Path) -> None:
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    owner = next(t for t in lines if t.startswith("owner:"))
    lines += [owner, "title: Nog een titel"]  # two keys of the top block, written again
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = load_content(Path("content"))
    assert [(p.location.line, p.message) for p in problems] == [
        (len(lines) - 1, "'owner' staat twee keer in hetzelfde blok"),
        (len(lines), "'title' staat twee keer in hetzelfde blok"),
    ]
