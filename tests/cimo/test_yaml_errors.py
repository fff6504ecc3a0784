"""YAML mistakes are told in words a policy writer knows, at the line of the mistake."""

from __future__ import annotations

import pytest

from cimo.load import parse_yaml_bytes


def mistake(text: str) -> tuple[int, str, str]:
    with pytest.raises(Exception) as raised:
        parse_yaml_bytes(text.encode())
    failure = raised.value
    return failure.line, failure.message, failure.hint  # type: ignore[attr-defined]


JARGON = ("mapping values", "expected", "indicator", "scalar", "token", "block", "stream")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("id: a\ntitle: Kennismaken: de arbeidsmarkt\nowner: b\n", 2, "dubbele punt"),
        ("context:\n  provenance: stated\n   target_group: x\n", 3, "springt verder in"),
        ("context:\n  provenance: stated\n target_group: x\n  problem: y\n", 3, "even ver in"),
        ("context:\n  provenance: stated\n  - target_group: x\n", 3, "lijst-item"),
        ("via:\n  - a\n  owner: x\n", 3, "waar een nieuw lijst-item"),
        # PyYAML points at the line after these two; the writer's mistake is on line 2.
        ('id: a\ntitle: "abc\nowner: x\nfoo: "bar"\n', 2, "niet gesloten"),
        ("id: a\ntitle\nowner: b\n", 2, "geen dubbele punt"),
        ("via: [a, b\nowner: x\n", 1, "niet goed geschreven"),
        ("title: @abc\n", 1, "niet beginnen met het teken @"),
        ('title: "abc" def\nowner: b\n', 1, "na de waarde staat nog tekst"),
        ("a:\n\t- b\n", 2, "tab"),
        ('id: a\ntitle:"Kennismaken"\nowner: b\n', 2, "hoort een spatie"),
        ("age_range: {min: 10, max: 15\nowner: b\n", 1, "het blok tussen { en }"),
    ],
)
def test_a_yaml_mistake_is_told_in_plain_dutch_at_its_line(
    text: str, line: int, words: str
) -> None:
    at, message, hint = mistake(text)
    assert at == line
    assert words in message
    assert hint
    assert not any(word in message for word in JARGON)


def test_a_colon_in_text_gets_the_quoted_line_as_the_fix() -> None:
    _, _, hint = mistake("title: Kennismaken: de arbeidsmarkt\n")
    assert hint == 'Zet de tekst tussen aanhalingstekens: title: "Kennismaken: de arbeidsmarkt"'
