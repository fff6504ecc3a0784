"""Content text is escaped into literal Markdown: no markup, HTML or link survives."""

from __future__ import annotations

import functools
import re
import tempfile
import unicodedata
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from generator.engine import ENGINE_CONFIG
from generator.text import and_list, attribute, euro, md, md_inline, plain, printable, seconds


def rendered(text: str) -> str:
    return site_render(md(text))


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        "![x](https://evil.example/x.png)",
        "<a href='javascript:alert(1)'>x</a>",
        "# kop\n\n- lijst\n\n> quote",
        "| a | b |\n|---|---|",
        "!!! note\n    admonition",
        "??? note\n    collapsible",
        '???+ note "open"\n\n    collapsible',
        "~~~\n\nfenced code\n\n~~~",
        "```\n\nfenced code\n\n```",
        "\x02wzxhzdk:0\x03",  # Python-Markdown's own placeholder for stashed HTML
        "{: onclick=alert(1) }",
        "`code` *em* __strong__",
        "&lt;script&gt; &#60;b&#62;",
        "    indented code",
        "1. genummerd",
    ],
)
def test_hostile_text_renders_as_plain_text(hostile: str) -> None:
    html = rendered(hostile)
    for tag in (
        "<script",
        "<img",
        "<a ",
        "<h1",
        "<ul",
        "<ol",
        "<blockquote",
        "<table",
        "<code",
        "<em",
        "<strong",
        "<div",
        "<pre",
        "<details",
        "<hr",
    ):
        assert tag not in html, (hostile, html)
    parsed = _Parsed(html)
    assert set(parsed.tags) == {"p"} and parsed.attributes == [], html  # no handler, no link
    texts = re.findall(r"<p>(.*?)</p>", html, re.S)
    assert [_Parsed(f"<p>{t}</p>").text["p"] for t in texts] == expected_paragraphs(hostile)


def test_text_survives_escaping_intact() -> None:
    text = "Súdwest-Fryslân: geïnformeerd “zo” 👍 1.115.000 (40%) a_b *c*"
    assert _Parsed(rendered(text)).text == {"p": text}


def test_paragraphs_are_kept_and_lines_joined() -> None:
    assert md("een\ntwee\n\ndrie") == "een twee\n\ndrie"
    assert md_inline("  a \n b ") == "a b"


def test_euro_uses_dutch_notation() -> None:
    assert euro(1115000) == "€ 1.115.000"
    assert euro(75102) == "€ 75.102"
    assert euro(None) == ""


@functools.cache
def site_extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The Markdown extensions the site is built with: mkdocs.yml's plus MkDocs' built-in ones."""
    with tempfile.TemporaryDirectory() as docs:
        config = load_config(str(ENGINE_CONFIG), docs_dir=docs)
        return list(config.markdown_extensions), dict(config.mdx_configs)


def site_render(source: str) -> str:
    extensions, configs = site_extensions()
    return markdown.markdown(source, extensions=extensions, extension_configs=configs)


class _Parsed(HTMLParser):
    """The element names of a fragment, and the text directly inside each kind of element."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.text[self._open[-1]] = self.text.get(self._open[-1], "") + data

    def handle_comment(self, data: str) -> None:
        self.tags.append("<!--")


# Syntax of Python-Markdown, the extensions mkdocs.yml enables and the ones it does not (which
# must stay plain text as well), with characters that change how a line or the HTML is read.
MARKDOWN_TOKENS = [
    "!!!", "!!! note", "??? note", "???+ note", '"Titel"', "```", "~~~", "///", ":::", "[TOC]",
    "{: .x }", "{: onclick=x }", "{#id}", "[^1]", "[^1]: voetnoot", "*[HTML]:", "Term\n: def",
    "<!--", "-->", ":smile:", "==", "^^", "~~", "++ctrl++", "&copy;", "&#60;", "&amp;", "\\",
    "\\*", "    ", "\t", "\n", "\n\n", "\r\n", "1. ", "1) ", "- ", "+ ", "* ", "# ", "## ", "> ",
    "|", "---", "===", "___", "<div markdown>", "</div>", "<b>", "[a](b)", "![a](b)", "<https://x.nl>",
    "x@y.nl", "`", "*", "_", "**", "__", "  \n", "\x00", "\x02", "\x03", "\x1b", "\x7f", "\x85",
    "\x9f", "\u2028", "\ud800", "ü", "€ 1.115.000", "2023-2026",
]  # fmt: skip
hostile_text = st.lists(
    st.sampled_from(MARKDOWN_TOKENS) | st.text(max_size=3), min_size=1, max_size=12
).map("".join)


def expected_paragraphs(text: str) -> list[str]:
    value = printable(text).replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", value) if p.strip()]


@settings(max_examples=400, deadline=None)
@given(hostile_text)
def test_any_text_renders_as_exactly_that_text_in_paragraphs(text: str) -> None:
    paragraphs = expected_paragraphs(text)
    html = site_render(md(text))
    parsed = _Parsed(html)
    assert parsed.tags == ["p"] * len(paragraphs), (md(text), html)
    texts = re.findall(r"<p>(.*?)</p>", html, re.S)
    assert [_Parsed(f"<p>{t}</p>").text.get("p", "") for t in texts] == paragraphs, html


INLINE_CONTEXTS = [
    ("{}", ["p"], "p"),
    ("# {}", ["h1"], "h1"),
    ("Inleiding\n{}", ["p"], "p"),
    ("- {}", ["ul", "li"], "li"),
    ("1. {}", ["ol", "li"], "li"),
    ("| Kop |\n|---|\n| {} |", ["table", "thead", "tr", "th", "tbody", "tr", "td"], "td"),
    ('??? note "Tekst"\n\n    - {}', ["details", "summary", "ul", "li"], "li"),
    ("- **Label:** {}", ["ul", "li", "strong"], "li"),
]


@settings(max_examples=150, deadline=None)
@given(text=hostile_text, context=st.sampled_from(INLINE_CONTEXTS))
def test_any_text_in_a_line_of_a_page_stays_that_text(
    text: str, context: tuple[str, list[str], str]
) -> None:
    template, tags, element = context
    value = plain(text)
    assume(value)
    html = site_render(template.format(md_inline(text)))
    parsed = _Parsed(html)
    assert parsed.tags == tags, (md_inline(text), html)
    prefix = {"Inleiding\n{}": "Inleiding\n", "- **Label:** {}": " "}.get(template, "")
    assert parsed.text[element] == prefix + value, html


@pytest.mark.parametrize("control", [*map(chr, range(0x20)), "\x7f", *map(chr, range(0x80, 0xA0))])
def test_no_control_character_reaches_the_page(control: str) -> None:
    text = f"a{control}b\n\nc{control}"
    for output in (md(text), md_inline(text), plain(text), attribute(text)):
        assert not any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in output), output
    assert "\n" not in md_inline(text) + plain(text) + attribute(text)


def test_a_lone_surrogate_becomes_a_replacement_character() -> None:
    assert md_inline("a\ud800b") == "a\ufffdb"
    assert md("a\udfffb").encode("utf-8")


def test_and_list_is_a_dutch_enumeration() -> None:
    assert and_list([]) == ""
    assert and_list(["Nijmegen"]) == "Nijmegen"
    assert and_list(["Nijmegen", "Enschede"]) == "Nijmegen en Enschede"
    assert and_list(["A", "B", "C"]) == "A, B en C"


def test_durations_are_written_the_dutch_way() -> None:
    assert seconds(8.14) == "8,1 seconden"
    assert seconds(0.04) == "0,0 seconden"
