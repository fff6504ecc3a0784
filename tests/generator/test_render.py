"""The renderer never writes one output path twice."""

from __future__ import annotations

import pytest

from generator.render import DuplicatePageError, RenderedSite


def test_an_output_path_claimed_twice_is_an_error_not_a_silent_replacement() -> None:
    site = RenderedSite()
    site.add("kennisbank/labels.md", "# Labels")
    with pytest.raises(DuplicatePageError, match="two outputs for kennisbank/labels.md"):
        site.add("kennisbank/labels.md", "# Labels again")
    with pytest.raises(DuplicatePageError):
        site.add("kennisbank/labels.md", b"bytes")
    assert site.pages == {"kennisbank/labels.md": "# Labels"}
