"""Hostile and unusual text in every field: the built site shows it as text, runs no script
that content brought in, renders every diagram, and keeps Dutch text intact and searchable."""

from __future__ import annotations

import csv
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.build import build_site
from tests.conftest import FIXTURES
from tests.e2e.test_real_site import search_fragments

PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "[klik hier](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    '"quoted" {braces} <angle> \\n label="x" ];\n digraph { a -> b }',
    "!!! danger\n    admonition\n\n<div markdown>**raw**</div>",
    '{: onclick="alert(1)" } | table | cell |\n|---|---|',
    "=cmd|' /C calc'!A0",
]
# Valid content URLs (http(s), no spaces, quotes or angle brackets) full of Markdown syntax.
HOSTILE_URLS = [
    "https://example.org/a`b`/*x*/_y_/(z)/[q]/|p|/\\s/{c}/?a=1&b=@c~~d!e#f",
    "https://example.org/x](javascript:alert(1))[y",
    "http://example.org/@handle/``code``/~~~/&amp;/&#60;/%3Cb%3E/Súdwest-Fryslân/€",
]
FORMULA = PAYLOADS[-1]
DUTCH = "Súdwest-Fryslân: ouders zijn geïnformeerd over “de brug” ‘naar’ het vo 🎓"
LONG_TITLE = "Een heel lange titel " * 12


def hostile_strings(data: object, counter: list[int]) -> object:
    """Replace every text value (not ids, enums, urls or numbers) with a payload."""
    if isinstance(data, dict):
        return {
            k: (
                v
                if k
                in {
                    "id",
                    "owner",
                    "programme",
                    "programme_line",
                    "provenance",
                    "kind",
                    "mechanism",
                    "outcome",
                    "source",
                    "website",
                    "municipality",
                    "part_of",
                }
                else hostile_strings(v, counter)
            )
            for k, v in data.items()
        }
    if isinstance(data, list):
        if data and all(isinstance(v, str) and re.fullmatch(r"[a-z0-9-]+", v) for v in data):
            return data  # a list of ids
        return [hostile_strings(v, counter) for v in data]
    if isinstance(data, str):
        counter[0] += 1
        return PAYLOADS[counter[0] % len(PAYLOADS)] + " " + DUTCH
    return data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    shutil.copytree(FIXTURES / "minimal/content", content)
    counter = [0]
    for path in content.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = hostile_strings(data, counter)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    mentor = content / "interventions/gemeente-demo/mentor.yaml"
    data = yaml.safe_load(mentor.read_text(encoding="utf-8"))
    data["title"] = LONG_TITLE + PAYLOADS[4]
    data["website"] = HOSTILE_URLS[0]
    data["indicators"][0]["name"] = FORMULA  # a cell of the indicator download
    mentor.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    sources = content / "sources/sources.yaml"
    data = yaml.safe_load(sources.read_text(encoding="utf-8"))
    data["sources"] += [
        {"id": f"bron-{i}", "title": f"Bron {i}", "url": url} for i, url in enumerate(HOSTILE_URLS)
    ]
    data["sources"][0]["url"] = HOSTILE_URLS[1]
    sources.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    data = yaml.safe_load(mentor.read_text(encoding="utf-8"))
    data.setdefault("sources", []).extend({"source": f"bron-{i}"} for i in (0, 2))
    mentor.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = root / "site"
    build_site(content, site, cache_dir=None)
    return site


def pages(site: Path) -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))]


class _Elements(HTMLParser):
    """Collects every element's attributes, every inline script's text and each link's text."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._in_script = False
        self._in_link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag == "a":
            self.links.append((dict(attrs).get("href") or "", ""))
            self._in_link = True
        # Executable scripts only: the side-by-side data is an application/json block.
        types = [value for name, value in attrs if name == "type"]
        self._in_script = tag == "script" and types in ([], ["text/javascript"])

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        self._in_link = self._in_link and tag != "a"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        if self._in_link:
            self.links[-1] = (self.links[-1][0], self.links[-1][1] + data)


def test_no_script_or_handler_from_content(hostile_site: Path) -> None:
    for path, page in pages(hostile_site):
        parsed = _Elements()
        parsed.feed(page)
        for tag, name, value in parsed.attributes:
            assert not name.startswith("on"), (path, tag, name, value)
            if name in {"href", "src", "xlink:href", "action"}:
                assert not value.strip().lower().startswith("javascript:"), (path, value)
        for script in parsed.scripts:
            assert "alert(" not in script, (path, script[:200])
        data = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
        assert all("<" not in block for block in data), path
        assert [t for t, _, _ in parsed.attributes if t in {"img", "iframe", "object"}] == []


def test_content_urls_are_linked_exactly(hostile_site: Path) -> None:
    parsed = _Elements()
    parsed.feed((hostile_site / "interventies/mentor.html").read_text(encoding="utf-8"))
    links = dict(parsed.links)
    for url in HOSTILE_URLS:
        assert url in links, (url, [href for href in links if "example.org" in href])
        assert links[url] == url


def test_payloads_are_shown_as_text(hostile_site: Path) -> None:
    page = (hostile_site / "interventies/mentor.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in page
    assert "[klik hier](javascript:alert(1))" in page


def test_every_diagram_renders_with_graphviz_significant_characters(hostile_site: Path) -> None:
    for folder in ("interventies", "mechanismen", "uitkomsten"):
        for path in (hostile_site / folder).glob("*.html"):
            if path.name == "index.html":
                continue
            page = path.read_text(encoding="utf-8")
            assert re.search(r'<svg[^>]*class="cimo-svg"', page), path
    page = (hostile_site / "interventies/mentor.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg[^>]*class="cimo-svg".*?</svg>', page, re.S).group(0)
    assert "{braces}" in svg and "&lt;angle&gt;" in svg


def test_dutch_text_survives_and_is_searchable(hostile_site: Path) -> None:
    page = (hostile_site / "interventies/mentor.html").read_text(encoding="utf-8")
    assert "Súdwest-Fryslân" in page and "geïnformeerd" in page and "“de brug”" in page
    assert "🎓" in page
    assert "Een heel lange titel" in page
    fragments = search_fragments(hostile_site)
    assert "Súdwest-Fryslân" in fragments["/interventies/mentor.html"]["content"]


def test_csv_neutralises_formulas(hostile_site: Path) -> None:
    raw = (hostile_site / "downloads/indicatoren.csv").read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(raw), delimiter=";") for cell in row]
    assert "'" + FORMULA in cells  # the payload arrived, behind OWASP's quote prefix
    assert [c for c in cells if c.startswith(("=", "+", "-", "@"))] == []
