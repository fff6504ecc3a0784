"""Build step: the search index, made by Pagefind from the finished HTML site.

Runs after MkDocs and diagram injection, on the staging site, before it is swapped in. Pagefind
reads `<html lang="nl">` and stems Dutch words, so 'achterstanden' finds what 'achterstand'
finds. The index is split into small chunks that a browser fetches only when someone searches
(generator/theme/assets/search.js on the page 'Zoeken'); a visitor who does not search fetches
none of it. Pages describe themselves with data-pagefind-* elements (generator/views/search.py).
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from cimo.errors import BuildError

#: The folder of the search bundle inside the site (a relative path, so sub-folders work).
BUNDLE = "pagefind"

#: Parts of every page that are no content (Material's "back to top" and skip links).
_NOT_CONTENT = ".md-top, .md-skip, .cimo-search-meta"


@dataclass(frozen=True)
class SearchIndex:
    """What one indexing run made."""

    folder: Path
    files: int
    bytes: int
    seconds: float


def pagefind_command(site_dir: Path) -> list[str]:
    """The Pagefind command line for a built site (the binary comes with `pagefind[bin]`; it is
    started directly: `python -m pagefind` would first import the package's service, a quarter
    of a second on every build)."""
    return [
        *_pagefind(),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        "--keep-index-url",  # use_directory_urls is off: links must end in index.html
        "--exclude-selectors",
        _NOT_CONTENT,
        "--silent",
    ]


def index_site(site_dir: Path) -> SearchIndex:
    """Index the built HTML site in site_dir into site_dir/pagefind; BuildError on failure.

    The live preview may call this on its own output folder after each full rebuild; without it
    the page 'Zoeken' says that search is not available.
    """
    started = time.perf_counter()
    try:
        done = subprocess.run(
            pagefind_command(site_dir), capture_output=True, text=True, timeout=600, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"Pagefind could not run: {exc}", _HINT) from None
    folder = site_dir / BUNDLE
    if done.returncode != 0 or not (folder / "pagefind.js").is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise BuildError(f"Pagefind failed to index {site_dir}: {' '.join(detail)}", _HINT)
    files = [f for f in folder.rglob("*") if f.is_file()]
    return SearchIndex(
        folder, len(files), sum(f.stat().st_size for f in files), time.perf_counter() - started
    )


def _pagefind() -> list[str]:
    try:
        from pagefind_bin import get_executable

        executable = get_executable()
    except ImportError:
        executable = None
    return [str(executable)] if executable else [sys.executable, "-m", "pagefind"]


_HINT = "Is the package 'pagefind[bin]' installed? (scripts/setup installs it.)"
