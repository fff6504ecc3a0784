"""What one save costs the live preview before MkDocs, step by step (no browser, no MkDocs).

Usage: python -m bench.preview_save KB_FOLDER [--intervention ID] [--cprofile OUT.prof]

Reads the knowledge base as `cimo serve` does on its first update (IncrementalContent) and
renders every intervention's 'Lijkt op' list once (as the first full render does), then changes
one intervention's title (--saves times) and times what the preview's next update does until
the open page's Markdown is ready: reading the content again, checking and linking it, the site
context, which pages change, and rendering that page. The file is put back afterwards.
MkDocs' build of the one page is not included (bench/preview.py: save → page in a browser).
"""

from __future__ import annotations

import argparse
import cProfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--intervention", help="the intervention edited (default: the first)")
    parser.add_argument("--cprofile", type=Path, help="profile the saves into this file")
    parser.add_argument("--saves", type=int, default=3, help="saves one after the other")
    args = parser.parse_args()
    from cimo.config import read_config
    from generator.emitters import SiteContext
    from generator.preview import Preview

    config = read_config(args.folder / "cimo.yml")
    preview = Preview(args.folder / "content", Path("unused"), None, config)
    t = time.perf_counter()
    update = preview._content.update()
    site = SiteContext(update.loaded.kb, config)
    for ident in site.kb.interventions:
        site.related.related(ident)
    print(f"first read and 'Lijkt op' of every intervention: {time.perf_counter() - t:.1f} s")
    ident = args.intervention or sorted(site.kb.interventions)[0]
    _render(site, ident)  # the templates compiled, as after the preview's first update
    path = next(p for p in (args.folder / "content/interventions").rglob(f"{ident}.yaml"))
    original = path.read_bytes()
    title = site.kb.interventions[ident].title
    profile = cProfile.Profile() if args.cprofile else None
    runs: list[dict[str, float]] = []
    try:
        for run in range(args.saves):
            new_title = f"title: Nieuwe titel {run}".encode()
            path.write_bytes(original.replace(f"title: {title}".encode(), new_title, 1))
            steps, site = save(preview, site, ident, profile)
            runs.append(steps)
        if profile and args.cprofile:
            profile.dump_stats(args.cprofile)
    finally:
        path.write_bytes(original)
    print(f"{'step':<28} " + " ".join(f"{'save ' + str(n):>8}" for n in range(len(runs))))
    for name in runs[0]:
        print(f"{name:<28} " + " ".join(f"{r[name]:8.3f}" for r in runs))


def _render(site: object, ident: str) -> bytes:
    from generator.live.affected import SINGLE_PAGES
    from generator.render import render_page
    from generator.templating import environment
    from generator.views.search import search_facets

    page = SINGLE_PAGES["intervention"][1](site, ident)  # type: ignore[arg-type]
    facets = search_facets(site.kb, page.path)  # type: ignore[attr-defined]
    return render_page(environment(), page, facets).encode("utf-8")


def save(
    preview: object, old: object, ident: str, profile: cProfile.Profile | None
) -> tuple[dict[str, float], object]:
    """The steps Preview.update() takes after a save, up to the open page's Markdown; the
    seconds per step and the new site context."""
    from generator.emitters import SiteContext
    from generator.live.affected import Record, linked_records
    from generator.preview import Preview

    assert isinstance(preview, Preview) and isinstance(old, SiteContext)
    steps: dict[str, float] = {}
    if profile:
        profile.enable()
    t = start = time.perf_counter()

    def step(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        steps[name], t = now - t, now

    before: set[Record] = set()

    def before_link(changed: set[Record]) -> None:
        before.update(linked_records(changed, old.kb, preview._related(old)))

    update = preview._content.update(before_link)
    step("content update")
    site = preview._site_context(old, update.loaded.kb, update.changed)
    step("site context")
    records = before | linked_records(update.changed, site.kb, preview._related(site))
    step("affected records")
    assert ("intervention", ident) in records
    _render(site, ident)
    step("open page rendered")
    if profile:
        profile.disable()
    steps["total"] = time.perf_counter() - start
    return steps, site


if __name__ == "__main__":
    main()
