"""The page renderer never writes one page path twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from cimo.graph import link
from cimo.validate import validate_content
from generator.pages import PageRenderer


def test_a_page_path_rendered_twice_is_an_error_not_a_silent_replacement(workdir: Path) -> None:
    content, _ = validate_content(Path("content"))
    renderer = PageRenderer(link(content), None)
    renderer._render("kennisbank/labels.md", "tags.md.j2", "Labels")
    with pytest.raises(RuntimeError, match="two pages would be written to kennisbank/labels.md"):
        renderer._render("kennisbank/labels.md", "tags.md.j2", "Labels")
