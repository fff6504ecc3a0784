"""Zensical, Material's successor, builds the same Markdown and theme overrides as MkDocs.

The generated folder (docs/, overrides/, mkdocs.yml with relative paths) is built by both
engines; Zensical must make the same pages, with every internal link resolving, the pages'
main text and the diagram markers our build replaces after the engine. The version is pinned
in pyproject.toml's dev extras (the newest the package registry here serves).
"""

from __future__ import annotations

import html
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from cimo.config import open_folder
from cimo.knowledge_base import load_knowledge_base
from generator.engine import run_mkdocs, write_engine_config
from generator.render import render_site, write_docs
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None,
    reason="Zensical is not installed: scripts/setup installs it with the dev extras "
    "(zensical==0.0.73)",
)

LINK = re.compile(r'(?:href|src)="([^"]+)"')
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
PARAGRAPH = re.compile(r"<(h1|p|li|td)\b[^>]*>(.*?)</\1>", re.S)
MARKER = re.compile(r"<!--cimo-diagram:[a-z0-9:/-]+-->")


def _zensical() -> list[str]:
    script = Path(sys.executable).with_name("zensical")
    return [str(script)] if script.exists() else [shutil.which("zensical") or "zensical"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled content built by MkDocs and by Zensical from one generated folder."""
    folder = tmp_path_factory.mktemp("engines")
    kb_folder = open_folder(REPO, search=False)
    kb = load_knowledge_base(kb_folder.content, strict=True).kb
    write_docs(render_site(kb, kb_folder.config), folder / "docs")
    run_mkdocs(write_engine_config(folder, kb_folder.config, site_dir="site-mkdocs"), strict=True)
    write_engine_config(folder, kb_folder.config, site_dir="site-zensical")
    done = subprocess.run(
        [*_zensical(), "build", "-f", "mkdocs.yml"],
        cwd=folder,  # relative docs_dir and custom_dir
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return folder / "site-mkdocs", folder / "site-zensical"


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _text(fragment: str) -> str:
    words = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return " ".join(words.replace("¶", " ").split())


def test_same_page_set(sites: tuple[Path, Path]) -> None:
    mkdocs, zensical = sites
    assert _pages(zensical) == _pages(mkdocs)
    assert len(_pages(zensical)) > 200  # every intervention, mechanism, outcome, ... page


def test_every_internal_link_resolves(sites: tuple[Path, Path]) -> None:
    _, zensical = sites
    broken = []
    for page in zensical.rglob("*.html"):
        if page.name == "404.html":  # served at any path: root-absolute links
            continue
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(html.unescape(target))
            if parts.scheme or parts.netloc or not parts.path:
                continue
            resolved = (page.parent / unquote(parts.path)).resolve()
            if not resolved.exists():
                broken.append(f"{page.relative_to(zensical)} → {target}")
    assert broken == []


def test_main_text_and_diagram_markers_present(sites: tuple[Path, Path]) -> None:
    mkdocs, zensical = sites
    missing = []
    for rel in sorted(_pages(mkdocs)):
        theirs = (mkdocs / rel).read_text(encoding="utf-8")
        ours = (zensical / rel).read_text(encoding="utf-8")
        article = ARTICLE.search(theirs)
        if article is None:
            continue
        found = ARTICLE.search(ours)
        assert found is not None, f"{rel}: no main text"
        text = _text(found.group(1))
        for _, fragment in PARAGRAPH.findall(article.group(1)):
            wanted = _text(fragment)
            if wanted and wanted not in text:
                missing.append(f"{rel}: {wanted[:80]}")
        assert MARKER.findall(ours) == MARKER.findall(theirs), f"{rel}: diagram markers"
    assert missing == []


def test_some_page_is_checked_for_its_text(sites: tuple[Path, Path]) -> None:
    """The text check above compares something: the intervention pages have main text."""
    _, zensical = sites
    page = (zensical / "interventies/aanpak-discriminatie.html").read_text(encoding="utf-8")
    article = ARTICLE.search(page)
    assert article is not None
    assert "Ieder Talent Telt" in _text(article.group(1))
    assert MARKER.search(article.group(1))
