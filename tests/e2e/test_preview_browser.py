"""The live preview in a real browser: a save shows in the open page without a key pressed,
a rejected save shows a banner on the page (and it goes once the content is valid again), also
after Material's instant navigation; the preview's additions pass axe."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.e2e.test_browser import DESKTOP, PHONE, axe_violations

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
SHOTS = Path("/work/shots/preview")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    kb = tmp_path / "kb"
    shutil.copytree(FIXTURES / "sample", kb)
    process = subprocess.Popen(
        [sys.executable, "-m", "cimo_cli", "-C", str(kb), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", process.stdout.readline())
    assert found
    try:
        yield f"http://127.0.0.1:{found.group(1)}", kb
    finally:
        process.terminate()
        process.wait(timeout=20)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_open_page_follows_saves_and_shows_why_a_save_was_rejected(browser, preview) -> None:
    url, kb = preview
    mentor = kb / "content/interventions/gemeente-demo/mentor.yaml"
    page = browser.new_page(viewport=DESKTOP, locale="nl-NL")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{url}/interventies/mentor.html", timeout=120_000, wait_until="load")
    page.wait_for_selector("h1:has-text('Mentorproject')", timeout=120_000)
    banner = page.locator("#cimo-preview-banner")
    assert banner.get_attribute("role") == "alert" and banner.is_hidden()
    assert axe_violations(page) == []

    replace(mentor, "title: Mentorproject", "title: Mentorproject Noord")
    page.wait_for_selector("h1:has-text('Mentorproject Noord')", timeout=60_000)

    replace(mentor, "mechanism: rolmodellen", "mechanism: rolmodel")
    banner.wait_for(state="visible", timeout=60_000)
    text = banner.inner_text()
    assert "mentor.yaml, regel 16" in text and "rolmodel" in text
    assert "Uw laatste wijziging staat nog niet in de preview." in text
    for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(viewport)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"banner-{name}.png"))
    assert axe_violations(page) == []
    page.set_viewport_size(DESKTOP)

    # Instant navigation to another page: the banner is still there, and the page follows.
    page.click("a[href$='themas/index.html'], a[href$='mechanismen/index.html']")
    page.wait_for_load_state()
    assert banner.is_visible()
    replace(mentor, "mechanism: rolmodel\n", "mechanism: rolmodellen\n")
    banner.wait_for(state="hidden", timeout=60_000)
    assert errors == []
