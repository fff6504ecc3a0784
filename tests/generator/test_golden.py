"""Golden output: the minimal fixture's Markdown pages and DOT sources, compared with the
committed files in tests/fixtures/golden/ (DOT, not SVG: Graphviz versions differ).

After a deliberate change to templates or diagrams, regenerate them with:

    CIMO_UPDATE_GOLDEN=1 .venv/bin/pytest tests/generator/test_golden.py

and review the change with `git diff tests/fixtures/golden`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cimo.graph import link
from cimo.validate import validate_content
from generator.compare import ComparingRenderer
from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "golden"
PAGES = [
    "index.md",
    "interventies/mentor.md",
    "mechanismen/rolmodellen.md",
    "bijlagen/begroting.md",
    "bijlagen/indicatoren.md",
    "vergelijken/index.md",
]


def rendered(workdir: Path) -> dict[str, str]:
    content, problems = validate_content(Path("content"))
    assert problems == []
    kb = link(content)
    renderer = ComparingRenderer(kb, None)
    pages = renderer.render()
    files = {f"pages/{p}": pages[p] for p in PAGES}
    diagrams, _ = renderer.diagrams()
    files.update({f"dot/{d.key.replace(':', '-')}.dot": d.dot for d in diagrams})
    return files


def test_output_matches_the_golden_files(workdir: Path) -> None:
    files = rendered(workdir)
    if os.environ.get("CIMO_UPDATE_GOLDEN"):
        for rel, text in files.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
        pytest.skip("golden files rewritten; review them with git diff")
    committed = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert committed == sorted(files)
    for rel, text in files.items():
        assert (GOLDEN / rel).read_text(encoding="utf-8") == text, rel
