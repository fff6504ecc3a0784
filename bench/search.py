"""Benchmark: how big the search index of a built site is, and what one query costs a visitor.

Usage: .venv/bin/python -m bench.search SITE [--query achterstanden] [--json]

SITE is a folder made by `cimo build` (it holds pagefind/). The index size is every file
Pagefind wrote, and the part a search can fetch (index, fragments, filters, metadata, the
Dutch WebAssembly and pagefind.js); Pagefind's own UI bundles are written too but never used.
The bytes per query are measured in headless Chromium: the page 'Zoeken' is opened with the
query, and every response from the search bundle is added up (as stored, so as transferred by a
server without extra compression; Pagefind gzips its index chunks itself). The first page view
is checked to fetch nothing from the bundle.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import threading
from pathlib import Path
from typing import Any

BUNDLE = "pagefind"
UNUSED_UI = (
    "pagefind-ui.",
    "pagefind-component-ui.",
    "pagefind-modular-ui.",
    "pagefind-highlight.",
)
CHROMIUM = "/usr/bin/chromium"


def index_size(site: Path) -> dict[str, int]:
    """Bytes of the whole bundle, of what a search can fetch, and the number of index chunks."""
    folder = site / BUNDLE
    files = [f for f in folder.rglob("*") if f.is_file()]
    usable = [f for f in files if not f.name.startswith(UNUSED_UI)]
    return {
        "bundle_bytes": sum(f.stat().st_size for f in files),
        "searchable_bytes": sum(f.stat().st_size for f in usable),
        "index_chunks": len(list((folder / "index").glob("*"))),
        "fragments": len(list((folder / "fragment").glob("*"))),
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def query_cost(site: Path, query: str) -> dict[str, Any]:
    """Bytes fetched from the bundle by a first page view, and by one query with its results."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            first = _fetched(browser, f"{base}/index.html", None)
            searched = _fetched(browser, f"{base}/zoeken.html?q={query}", "#cimo-search-results li")
            browser.close()
    finally:
        server.shutdown()
    return {
        "query": query,
        "first_view_bundle_files": first["files"],
        "first_view_bundle_bytes": first["bytes"],
        "query_files": searched["files"],
        "query_bytes": searched["bytes"],
        "query_results_shown": searched["shown"],
        "query_status": searched["status"],
    }


def _fetched(browser: Any, url: str, wait_for: str | None) -> dict[str, Any]:
    page = browser.new_page()
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:
        if f"/{BUNDLE}/" in response.url and response.ok:
            sizes[response.url] = len(response.body())

    page.on("response", record)
    page.goto(url)
    shown, status = 0, ""
    if wait_for:
        page.locator(wait_for).first.wait_for(timeout=30_000)
        page.wait_for_load_state("networkidle")
        shown = page.locator(wait_for).count()
        status = page.inner_text("#cimo-search-status")
    else:
        page.wait_for_load_state("networkidle")
    page.close()
    return {"files": len(sizes), "bytes": sum(sizes.values()), "shown": shown, "status": status}


def report(site: Path, query: str) -> dict[str, Any]:
    return {"site": str(site), **index_size(site), **query_cost(site, query)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="achterstanden")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    if not (args.site / BUNDLE / "pagefind.js").is_file():
        raise SystemExit(f"{args.site} has no search bundle ({BUNDLE}/pagefind.js): run cimo build")
    figures = report(args.site, args.query)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    kb = 1024
    print(
        f"Search bundle: {figures['bundle_bytes'] / kb:.0f} KB in total; a search can fetch "
        f"{figures['searchable_bytes'] / kb:.0f} KB of it ({figures['index_chunks']} index "
        f"chunks, {figures['fragments']} page fragments)."
    )
    print(f"First page view: {figures['first_view_bundle_files']} files from the bundle.")
    print(
        f"Query '{figures['query']}': {figures['query_bytes'] / kb:.0f} KB in "
        f"{figures['query_files']} files ({figures['query_status']})"
    )


if __name__ == "__main__":
    main()
