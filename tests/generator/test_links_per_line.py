"""No generated line holds a list that grows with the knowledge base.

Python-Markdown handles the inline links of one paragraph, list item or table cell in time
quadratic in their number: one line with 350 links took 1.2 s, the same links as 350 list items
0.02 s. So a template that writes, say, every intervention of a mechanism into one sentence makes
the build slow at scale (at 500 interventions one such page took half of MkDocs' time). Lists
that grow with the number of records are Markdown lists, one link per item; what stays inline is
bounded by one record's own fields (the themes of one intervention).
"""

from __future__ import annotations

import re

import pytest

from bench.synthetic import generate
from cimo.config import SiteConfig
from cimo.knowledge_base import load_knowledge_base
from generator.render import render_site

#: At 120 interventions (two municipalities) today's worst line has 8 links; the old templates
#: wrote 300 and more into one line.
MAX_LINKS_PER_LINE = 12
LINK = re.compile(r"\]\(|<a\s")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    content = generate(tmp_path_factory.mktemp("synthetic"), 120)
    loaded = load_knowledge_base(content, strict=True)
    assert loaded.warnings == []
    return render_site(loaded.kb, SiteConfig(site_name="Test", home="gemeente-0")).pages


def crowded_lines(pages: dict[str, str]) -> list[str]:
    return [
        f"{path}:{number}: {len(LINK.findall(line))} links: {line[:80]}"
        for path, text in sorted(pages.items())
        for number, line in enumerate(text.splitlines(), 1)
        if len(LINK.findall(line)) > MAX_LINKS_PER_LINE
    ]


def test_no_line_holds_more_than_a_few_links(pages: dict[str, str]) -> None:
    assert crowded_lines(pages) == []


def test_the_pages_that_list_many_records_are_there(pages: dict[str, str]) -> None:
    # The check above means something only if the long lists are on the pages at all.
    assert (
        "Per interventie: de uitkomsten die geen indicator meet" in pages["bijlagen/indicatoren.md"]
    )
    assert "### Geen duidelijke overeenkomst (" in pages["vergelijken/index.md"]
    assert "leidt tot:\n\n- [" in pages["kennisbank/schema.md"]
    assert "Interventies met geld alleen voor dit gebied (" in pages["gebieden/gemeente-0-stad.md"]


def test_the_count_catches_markdown_and_html_links() -> None:
    line = "[a](x.md), [b](y.md) en <a href='z.html'>c</a>"
    assert crowded_lines({"p.md": line * 5}) == [f"p.md:1: 15 links: {(line * 5)[:80]}"]
