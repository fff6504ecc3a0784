"""The live preview behind `cimo serve`: an edit updates only what changed; bad content
keeps the last good version."""

from __future__ import annotations

from pathlib import Path

import pytest

from cimo.problems import ContentError
from generator.preview import Preview
from tests.conftest import FIXTURES, overlay


def test_an_edit_updates_the_page_and_only_what_changed(workdir: Path) -> None:
    preview = Preview(Path("content"), workdir / "preview", workdir / "cache")
    first = preview.update()
    assert first.changed == first.pages > 10
    page = workdir / "preview/site/interventies/mentor.html"
    assert "Mentorproject" in page.read_text(encoding="utf-8")
    untouched = workdir / "preview/site/themas/rolmodellen.html"
    stamp = untouched.stat().st_mtime_ns

    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "problem: Weinig steun thuis.", "problem: Weinig steun thuis en veel zorgen."
        ),
        encoding="utf-8",
    )
    second = preview.update()
    assert 0 < second.changed < second.pages
    html = page.read_text(encoding="utf-8")
    assert "veel zorgen" in html and 'class="cimo-svg"' in html
    assert untouched.stat().st_mtime_ns == stamp  # a page the edit does not touch
    index = (workdir / "preview/site/search/search_index.json").read_text(encoding="utf-8")
    assert "veel zorgen" in index and "Mentorproject" in index


def test_bad_content_keeps_the_last_good_preview(workdir: Path) -> None:
    preview = Preview(Path("content"), workdir / "preview", workdir / "cache")
    preview.update()
    page = workdir / "preview/site/interventies/mentor.html"
    before = page.read_bytes()
    overlay(workdir, FIXTURES / "broken" / "unknown-mechanism")
    with pytest.raises(ContentError) as raised:
        preview.update()
    assert any("unknown mechanism 'rolmodel'" in p.message for p in raised.value.problems)
    assert page.read_bytes() == before
