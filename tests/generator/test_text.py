"""Content text is escaped into literal Markdown: no markup, HTML or link survives."""

from __future__ import annotations

import markdown
import pytest

from generator.text import euro, md, md_inline

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details"]


def rendered(text: str) -> str:
    return markdown.markdown(md(text), extensions=EXTENSIONS)


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
    ):
        assert tag not in html, (hostile, html)
    assert "onerror=" not in html.replace("onerror=&quot;", "") or "&lt;img" in html


def test_text_survives_escaping_intact() -> None:
    text = "Súdwest-Fryslân: geïnformeerd “zo” 👍 1.115.000 (40%) a_b *c*"
    html = rendered(text)
    assert ">" + text.replace("“", "“") + "<" in html.replace("<p>", ">").replace("</p>", "<")


def test_paragraphs_are_kept_and_lines_joined() -> None:
    assert md("een\ntwee\n\ndrie") == "een twee\n\ndrie"
    assert md_inline("  a \n b ") == "a b"


def test_euro_uses_dutch_notation() -> None:
    assert euro(1115000) == "€ 1.115.000"
    assert euro(75102) == "€ 75.102"
    assert euro(None) == ""
