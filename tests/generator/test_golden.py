"""Golden output: every Markdown page and DOT source of the sample knowledge base (one page or
more of every page family), compared with the committed files in tests/fixtures/golden/ (DOT,
not SVG: Graphviz versions differ).

After a deliberate change to templates or diagrams, regenerate them with:

    CIMO_UPDATE_GOLDEN=1 .venv/bin/pytest tests/generator/test_golden.py

and review the change with `git diff tests/fixtures/golden`.
"""

from __future__ import annotations

import os

import pytest

from cimo.config import open_folder
from cimo.graph import link
from cimo.validate import validate_content
from generator.render import render_site
from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "golden"
SAMPLE = FIXTURES / "sample" / "content"


def rendered() -> dict[str, str]:
    content, problems = validate_content(SAMPLE)
    assert problems == []
    site = render_site(link(content), open_folder(SAMPLE.parent).config)
    files = {f"pages/{p}": text for p, text in site.pages.items()}
    files.update({f"dot/{d.key.replace(':', '-')}.dot": d.dot for d in site.diagrams})
    # Downloads too, except the XLSX files (zip containers; their cells are tested elsewhere).
    files.update(
        {
            f"pages/{p}": data.decode("utf-8")
            for p, data in site.files.items()
            if p.startswith("downloads/") and not p.endswith(".xlsx")
        }
    )
    return files


def test_output_matches_the_golden_files() -> None:
    files = rendered()
    if os.environ.get("CIMO_UPDATE_GOLDEN"):
        for rel, text in files.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
        pytest.skip("golden files rewritten; review them with git diff")
    committed = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert committed == sorted(files)
    for rel, text in files.items():
        assert (GOLDEN / rel).read_text(encoding="utf-8") == text, rel
