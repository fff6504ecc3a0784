"""Benchmark: time and peak memory of each build stage at N = 60, 500 and 5 000 interventions.

Usage: .venv/bin/python -m bench.run [--sizes 60 500 5000] [--write bench/RESULTS.md]

Each size runs in its own process (clean peak-memory figures). The floor is a plain
`mkdocs build` of the same generated Markdown: what this toolchain costs without us.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOAL_OURS_VS_FLOOR_60 = 0.30
GOAL_TOTAL_VS_FLOOR_5000 = 2.0
GOAL_MEMORY_MB_5000 = 2048
GOAL_EDIT_SECONDS_60 = 2.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(n: int) -> dict[str, object]:
    """Run every stage once at size n (in this process) and return its figures."""
    from bench.synthetic import generate
    from cimo.config import SiteConfig
    from cimo.knowledge_base import load_knowledge_base
    from generator.diagrams import render_all
    from generator.engine import run_mkdocs, write_engine_config
    from generator.pages import inject_diagrams
    from generator.render import render_site, write_docs

    root = Path(tempfile.mkdtemp(prefix=f"cimo-bench-{n}-"))
    stages: dict[str, dict[str, float]] = {}

    def stage(name: str, started: float) -> None:
        stages[name] = {"seconds": time.perf_counter() - started, "peak_mb": peak_mb()}

    try:
        content_dir = generate(root, n)
        t = time.perf_counter()
        kb = load_knowledge_base(content_dir, strict=True).kb
        stage("load+validate+link", t)
        t = time.perf_counter()
        site = render_site(kb)
        docs = root / "docs"
        write_docs(site, docs)
        stage("render pages", t)
        t = time.perf_counter()
        svgs = render_all(site.diagrams, root / "cache", jobs=os.cpu_count() or 2)
        stage("render diagrams", t)
        t = time.perf_counter()
        engine_config = write_engine_config(root, SiteConfig())
        run_mkdocs(engine_config)
        stage("mkdocs build", t)
        t = time.perf_counter()
        inject_diagrams(root / "site", svgs)
        stage("inject diagrams", t)
        floor = _plain_mkdocs(engine_config, root / "floor-site")  # same Markdown, diagram markers
        edit = _edit_rebuild(content_dir, root) if n <= 500 else None
        ours = sum(s["seconds"] for k, s in stages.items() if k != "mkdocs build")
        total = ours + stages["mkdocs build"]["seconds"]
        return {
            "n": n,
            "pages": len(site.pages),
            "diagrams": len(site.diagrams),
            "stages": stages,
            "floor_seconds": floor,
            "ours_seconds": ours,
            "total_seconds": total,
            "edit_rebuild_seconds": edit,
            "peak_mb": peak_mb(),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _plain_mkdocs(config: Path, out: Path) -> float:
    """The floor: the `mkdocs build` command on the same Markdown, in a fresh process."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
        check=True,
        cwd=out.parent,
    )
    return time.perf_counter() - started


def _edit_rebuild(content_dir: Path, root: Path) -> float:
    """What `cimo serve` does after a policy writer saves one file. Returns seconds from the
    save until the changed page is in the served folder."""
    from generator.preview import Preview

    preview = Preview(content_dir, root / "preview", root / "cache")
    preview.update()
    path = next((content_dir / "interventions").rglob("*.yaml"))
    path.write_text(path.read_text(encoding="utf-8") + "notes:\n- Bewerkt.\n", encoding="utf-8")
    started = time.perf_counter()
    preview.update()
    seconds = time.perf_counter() - started
    page = root / "preview/site/interventies" / f"{path.stem}.html"
    assert "Bewerkt." in page.read_text(encoding="utf-8")
    return seconds


def machine() -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False).stderr
    import material
    import mkdocs

    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), "
        f"Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
        f"Material {material.__version__}, {dot.strip()}"
    )


NOTES = """
## How to read this

- **Shape** (`bench/synthetic.py`): per intervention 5 mechanisms, 5 outcomes (each through 1-2 of
  its mechanisms), 3 indicators with yearly targets, a 4-year budget, 2 areas, 2 themes; one
  programme per 60 interventions with declared totals; catalogues of 30 + N/20 mechanisms and
  outcomes (capped at 300), 40 areas, 20 themes. Every build is `--strict`-clean.
- **Floor**: the `mkdocs build` command on exactly the Markdown we generate (diagram markers
  included), in a fresh process. Our stages are load+validate, graph, render diagrams (one
  Graphviz process per batch of at most 250 diagrams, 2 in parallel, cold cache), render pages
  (Jinja, comparison, downloads) and inject diagrams (SVG into the built HTML).
- **Edit**: a policy writer saves one intervention file while `cimo serve` runs; the figure is
  the time until the changed page is in the served folder (incremental preview: only changed
  Markdown is rewritten and MkDocs rebuilds only those pages; diagrams come from the cache).
- **Where the time goes at N = 5 000**: MkDocs itself (Markdown → HTML, Material's templates
  and its search indexer) is two thirds of the build; of our stages, rendering pages (5 800
  Jinja templates, the comparison pages and the XLSX downloads) and validating 5 000 files with
  pydantic dominate. Peak memory is MkDocs holding every page in memory for the search index.
"""


def report(results: list[dict], machine_text: str) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Measured in one run of `python -m bench.run` on {time.strftime('%Y-%m-%d')}.",
        f"Machine: {machine_text}.",
        "",
        "| N | pages | diagrams | load+validate | graph | render diagrams | render pages | "
        "mkdocs | inject diagrams | floor (plain mkdocs) | ours / floor | total / floor | "
        "peak memory |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        s = r["stages"]
        lines.append(
            f"| {r['n']} | {r['pages']} | {r['diagrams']} | "
            + " | ".join(
                f"{s[k]['seconds']:.2f} s"
                for k in (
                    "load+validate",
                    "graph",
                    "render diagrams",
                    "render pages",
                    "mkdocs build",
                    "inject diagrams",
                )
            )
            + f" | {r['floor_seconds']:.2f} s | {r['ours_seconds'] / r['floor_seconds']:.2f} | "
            f"{r['total_seconds'] / r['floor_seconds']:.2f} | {r['peak_mb']:.0f} MB |"
        )
    lines += [
        "",
        "Peak memory per stage (process peak after the stage, MB):",
        "",
        "| N | " + " | ".join(results[0]["stages"]) + " |",
        "|--:|" + "--:|" * len(results[0]["stages"]),
    ]
    for r in results:
        lines.append(
            f"| {r['n']} | "
            + " | ".join(f"{v['peak_mb']:.0f}" for v in r["stages"].values())
            + " |"
        )
    by_n = {r["n"]: r for r in results}
    lines += ["", "## Goals", ""]
    if 60 in by_n:
        r = by_n[60]
        ratio = r["ours_seconds"] / r["floor_seconds"]
        lines.append(
            f"- N = 60: our stages are {ratio:.0%} of the floor (goal ≤ "
            f"{GOAL_OURS_VS_FLOOR_60:.0%}): "
            f"{'met' if ratio <= GOAL_OURS_VS_FLOOR_60 else 'NOT met'}."
        )
        edit = r["edit_rebuild_seconds"]
        lines.append(
            f"- N = 60: after editing one file the rebuilt site is in place after "
            f"{edit:.2f} s (goal ≤ {GOAL_EDIT_SECONDS_60:.0f} s): "
            f"{'met' if edit <= GOAL_EDIT_SECONDS_60 else 'NOT met'}."
        )
    if 5000 in by_n:
        r = by_n[5000]
        ratio = r["total_seconds"] / r["floor_seconds"]
        lines.append(
            f"- N = 5 000: the whole build is {ratio:.2f} × the floor (goal ≤ 2 ×): "
            f"{'met' if ratio <= GOAL_TOTAL_VS_FLOOR_5000 else 'NOT met'}; peak "
            f"memory {r['peak_mb']:.0f} MB (goal < {GOAL_MEMORY_MB_5000} MB): "
            f"{'met' if r['peak_mb'] < GOAL_MEMORY_MB_5000 else 'NOT met'}."
        )
    return "\n".join(lines) + "\n" + NOTES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 500, 5000])
    parser.add_argument("--write", type=Path, help="Also write the report to this file.")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    results = []
    for n in args.sizes:
        print(f"N = {n}…", file=sys.stderr, flush=True)
        out = subprocess.run(
            [sys.executable, "-m", "bench.run", "--one", str(n)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            sys.exit(f"N = {n} failed:\n{out.stderr[-3000:]}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    text = report(results, machine())
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
