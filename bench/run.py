"""Benchmark: `cimo build` against a plain `mkdocs build` of the same Markdown, as a user meets it.

Usage: .venv/bin/python -m bench.run [--sizes 60 500 5000] [--rounds 3] [--rounds-large 2]
                                      [--big 20000]
                                      [--zensical 500 5000] [--search 5000]
                                      [--write bench/RESULTS.md]

For each size N a synthetic knowledge base shaped like the bundled content is generated
(bench/synthetic.py). Then, each in a fresh process:
- one cold `cimo build --strict` (no cache yet); it keeps the Markdown and mkdocs.yml it built
  (the bench-only hook CIMO_BENCH_KEEP in generator/build.py), which is the floor's input;
- `--rounds` rounds of the warm `cimo build --strict` (the knowledge base's .cimo-cache from the
  run before, as a user's next build has) and the floor, `python -m mkdocs build` on exactly that
  Markdown, alternating which goes first. Ratios are medians of the rounds' ratios, so load on a
  shared machine shifts both sides of a round alike and cannot decide them.
Every process is measured whole (imports included): wall time, CPU time (user + system of the
process and its children) and peak memory (the largest resident set of one process, and the
peak of the resident sets of the process tree added up, sampled every 0.2 s).
Zensical builds the same folder at the sizes given; at --big only our own stages are timed.
At the --search sizes the built site is served over HTTP and one query is run in headless
Chromium (bench/search.py): the bytes it fetches from the search bundle, and the bundle's size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CIMO = str(Path(PYTHON).with_name("cimo"))
ZENSICAL = str(Path(PYTHON).with_name("zensical"))
GOAL_OURS = 0.20  # our stages, as a share of the floor, at every N
GOAL_TOTAL_5000 = 1.20
GOAL_MEMORY_MB = 1024
ZENSICAL_MEMORY_LIMIT = 6 * 1024**3  # a shared machine: stop Zensical before it takes it all
ZENSICAL_TIMEOUT = int(os.environ.get("CIMO_BENCH_ZENSICAL_TIMEOUT", "1800"))


@dataclass
class Run:
    """One measured process."""

    wall: float
    cpu: float
    max_rss_mb: float  # the largest process
    tree_mb: float  # peak of the whole process tree's resident memory, added up
    returncode: int
    pagefind_mb: float = 0.0  # peak of the Pagefind process (a separate binary), if it ran
    stages: dict[str, float] = field(default_factory=dict)
    tail: str = ""


def _pss_bytes(pid: int) -> int | None:
    """Proportional set size: resident memory, pages shared between processes (a forked
    worker and its parent) counted once in all, shared out. None where the kernel has none."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def _tree_rss_mb(root: int) -> tuple[float, float]:
    """Memory of root and all its descendants (proportional set sizes added up, so what a
    forked worker shares with its parent counts once), and of its Pagefind processes, in MB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                head, tail = handle.read().rsplit(")", 1)
        except (OSError, ValueError):
            continue
        fields = tail.split()
        pid = int(entry)
        names[pid] = head.partition("(")[2]
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, pagefind, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        used = _pss_bytes(pid)
        used = rss.get(pid, 0) if used is None else used
        total += used
        if "pagefind" in names.get(pid, ""):
            pagefind += used
        todo += children.get(pid, [])
    return total / 1024**2, pagefind / 1024**2


def _environment(extra: dict[str, str] | None) -> dict[str, str]:
    """The environment a user's shell has: Python keeps its compiled modules (.pyc) between
    runs (this machine's sandbox turns that off for every process, which would make each
    run compile our package and MkDocs' plugins again)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def measure(
    command: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
    memory_limit: int | None = None,
) -> Run:
    """Run command in a fresh process; its wall time, CPU time and peak memory."""

    def limit() -> None:
        if memory_limit:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=_environment(env),
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=limit,
        )
        peak = [0.0, 0.0]
        finished = threading.Event()

        def sample() -> None:
            while not finished.wait(0.2):
                tree, pagefind = _tree_rss_mb(process.pid)
                peak[0], peak[1] = max(peak[0], tree), max(peak[1], pagefind)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        deadline = time.monotonic() + timeout if timeout else None
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline and time.monotonic() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                status = -9 << 8
                break
            time.sleep(0.05)
        wall = time.perf_counter() - started
        finished.set()
        sampler.join()
        process.returncode = 0  # reaped by wait4 above
        out.seek(0)
        tail = out.read()[-3000:].decode("utf-8", errors="replace")
    code = os.waitstatus_to_exitcode(status) if status >= 0 else -9
    return Run(
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        max(peak[0], usage.ru_maxrss / 1024),
        code,
        pagefind_mb=peak[1],
        tail=tail,
    )


def _cimo_build(kb: Path, site: Path, keep: Path) -> Run:
    run = measure(
        [CIMO, "build", "--strict", "--site", str(site)], kb, {"CIMO_BENCH_KEEP": str(keep)}
    )
    if run.returncode != 0:
        sys.exit(f"cimo build failed:\n{run.tail}")
    run.stages = json.loads((keep / "stages.json").read_text(encoding="utf-8"))
    return run


def _floor(engine: Path) -> Run:
    run = measure(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "floor-site"], engine
    )
    if run.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{run.tail}")
    return run


def _zensical(engine: Path) -> Run:
    folder = engine.with_name("zensical")
    shutil.copytree(engine, folder, ignore=shutil.ignore_patterns("floor-site", "site"))
    try:
        return measure(
            [ZENSICAL, "build", "-f", "mkdocs.yml"],
            folder,
            timeout=ZENSICAL_TIMEOUT,
            memory_limit=ZENSICAL_MEMORY_LIMIT,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_size(
    n: int,
    rounds: int,
    zensical: bool,
    search_query: str | None = None,
    reuse: Path | None = None,
) -> dict[str, Any]:
    """reuse: the folder of an earlier run's N (its kb/ with a warm .cimo-cache and the engine/
    input its cold build kept): generating and the cold build are not done again."""
    from bench.synthetic import generate

    root = reuse or Path(tempfile.mkdtemp(prefix=f"cimo-bench-{n}-"))
    try:
        engine = root / "engine"
        if reuse:
            stages = json.loads((engine / "stages.json").read_text(encoding="utf-8"))
            cold = Run(sum(stages.values()), 0.0, 0.0, 0.0, 0, stages=stages)
            print(f"  reusing {reuse} (cold build stages {cold.wall:.1f} s)", file=sys.stderr)
        else:
            started = time.perf_counter()
            generate(root / "kb", n)
            (root / "kb/cimo.yml").write_text("site_name: Bench\nhome: gemeente-0\n", "utf-8")
            print(f"  generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            cold = _cimo_build(root / "kb", root / "site", engine)
            print(f"  cold build {cold.wall:.1f} s", file=sys.stderr)
        pages = sum(1 for _ in (engine / "docs").rglob("*.md"))
        warm: list[Run] = []
        floor: list[Run] = []
        for r in range(rounds):
            keep = root / f"keep-{r}"
            pair = [
                lambda keep=keep: warm.append(_cimo_build(root / "kb", root / "site", keep)),
                lambda: floor.append(_floor(engine)),
            ]
            for step in pair if r % 2 == 0 else reversed(pair):
                step()
            shutil.rmtree(keep, ignore_errors=True)
            print(
                f"  round {r + 1}: cimo {warm[-1].wall:.1f} s, mkdocs {floor[-1].wall:.1f} s",
                file=sys.stderr,
            )
        search = None
        if search_query:
            from bench.search import report as search_report

            try:
                search = search_report(root / "site", search_query)
                print(f"  search: {search['query_bytes']} bytes per query", file=sys.stderr)
            except Exception as exc:  # a failed browser run must not lose the build figures
                search = {"error": f"{type(exc).__name__}: {exc}"[:300]}
        profile = _profile(root / "kb")
        zensical_run = _zensical(engine) if zensical else None
        return {
            "n": n,
            "pages": pages,
            "cold": asdict(cold),
            "warm": [asdict(r) for r in warm],
            "floor": [asdict(r) for r in floor],
            "zensical": asdict(zensical_run) if zensical_run else None,
            "profile": profile,
            "search": search,
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _profile(kb: Path) -> dict[str, float] | None:
    """Our stages per page family in one process (bench.profile), or None if it failed."""
    run = measure([PYTHON, "-m", "bench.profile", str(kb), "--json"], REPO)
    if run.returncode != 0:
        print(f"  profile failed:\n{run.tail}", file=sys.stderr)
        return None
    return json.loads(run.tail.strip().splitlines()[-1])  # type: ignore[no-any-return]


def bench_stages_only(n: int) -> dict[str, Any]:
    """Our own stages at a size where full builds take too long: load and render pages."""
    from bench.synthetic import generate

    root = Path(tempfile.mkdtemp(prefix=f"cimo-bench-{n}-"))
    try:
        generate(root / "kb", n)
        (root / "kb/cimo.yml").write_text("site_name: Bench\nhome: gemeente-0\n", "utf-8")
        run = measure([PYTHON, "-m", "bench.profile", str(root / "kb"), "--json"], REPO)
        if run.returncode != 0:
            sys.exit(f"N = {n} failed:\n{run.tail}")
        stages = json.loads(run.tail.strip().splitlines()[-1])
        return {"n": n, "run": asdict(run), "stages": stages}
    finally:
        shutil.rmtree(root, ignore_errors=True)


# -- the report -----------------------------------------------------------------------------


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

    load = os.getloadavg()
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), "
        f"Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
        f"Material {material.__version__}, {dot.strip()}; load average at the end "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"
    )


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _ratios(r: dict[str, Any], key: str) -> list[float]:
    return [w[key] / f[key] for w, f in zip(r["warm"], r["floor"], strict=True)]


def _ratios_without_pagefind(r: dict[str, Any]) -> list[float]:
    return [
        (w["wall"] - w["stages"].get("pagefind", 0)) / f["wall"]
        for w, f in zip(r["warm"], r["floor"], strict=True)
    ]


def _ok(good: bool) -> str:
    return "met" if good else "**NOT met**"


NOTES = Path(__file__).resolve().parent / "NOTES.md"  # written by hand: what the figures mean


def _preview_text(rows: list[dict[str, Any]] | None) -> str:
    if not rows:
        return "Not measured in this run (`--preview 60 5000`); see bench/PREVIEW-RESULTS.md.\n"
    from bench.preview import report as preview_report

    text = preview_report(rows)
    return text[text.index("| N |") :]  # the table and the goals, without the heading


def _families_text(results: list[dict[str, Any]], big: dict[str, Any] | None) -> str:
    """Seconds per page family of our render stage (bench.profile: one process, no MkDocs)."""
    runs = [(r["n"], r["profile"]) for r in results if r.get("profile")]
    if big:
        runs.append((big["n"], big["stages"]))
    if not runs:
        return "Not profiled in this run.\n"
    names = [k for k in runs[0][1]]
    lines = [
        "`python -m bench.profile` on the same knowledge bases, in one process (the build",
        "shares the families between two), seconds:",
        "",
        "| stage or page family | " + " | ".join(f"N = {n}" for n, _ in runs) + " |",
        "|--|" + "--:|" * len(runs),
    ]
    for name in names:
        values = [f"{stages.get(name, float('nan')):.2f}" for _, stages in runs]
        lines.append(f"| {name} | " + " | ".join(values) + " |")
    return "\n".join(lines) + "\n"


def report(
    results: list[dict[str, Any]],
    big: dict[str, Any] | None,
    machine_text: str,
    preview: list[dict[str, Any]] | None = None,
) -> str:
    from bench.synthetic import measured

    shape = measured()
    results = sorted(results, key=lambda r: r["n"])
    lines = [
        "# Benchmark results",
        "",
        f"Measured in one run of `python -m bench.run` on {time.strftime('%Y-%m-%d')}.",
        f"Machine: {machine_text}.",
        "",
        "## Whole processes, side by side",
        "",
        "`cimo build --strict` (warm cache) and the floor (`mkdocs build` of the same Markdown),",
        "each a fresh process, alternated; medians of the rounds. *ours* = (cimo − floor) / floor,",
        "per round. CPU = user + system time of the process and its children.",
        "",
        "| N | pages | rounds | cimo wall | floor wall | **total / floor** (wall) | "
        "**ours / floor** (wall) | total / floor (CPU) | ours / floor (CPU) | cold cimo build | "
        "peak memory cimo (largest process / tree) | peak memory Pagefind | peak memory floor |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        wall, cpu = _ratios(r, "wall"), _ratios(r, "cpu")
        lines.append(
            f"| {r['n']} | {r['pages']} | {len(r['warm'])} | "
            f"{_median([w['wall'] for w in r['warm']]):.1f} s | "
            f"{_median([f['wall'] for f in r['floor']]):.1f} s | "
            f"**{_median(wall):.2f}** | **{_median(wall) - 1:.2f}** | "
            f"{_median(cpu):.2f} | {_median(cpu) - 1:.2f} | {r['cold']['wall']:.1f} s | "
            f"{max(w['max_rss_mb'] for w in r['warm']):.0f} / "
            f"{max(w['tree_mb'] for w in r['warm']):.0f} MB | "
            f"{max(w.get('pagefind_mb', 0) for w in r['warm']):.0f} MB | "
            f"{max(f['max_rss_mb'] for f in r['floor']):.0f} MB |"
        )
    lines += [
        "",
        "Pagefind (the search index, a separate binary run after MkDocs) is part of *cimo*",
        "above; the floor has no search at all since Material's search plugin was dropped.",
        "Without the Pagefind stage (wall time of the stage taken out of each round):",
        "",
        "| N | Pagefind stage (median) | total / floor without Pagefind | ours / floor "
        "without Pagefind |",
        "|--:|--:|--:|--:|",
    ]
    for r in results:
        without = _ratios_without_pagefind(r)
        lines.append(
            f"| {r['n']} | {_median([w['stages'].get('pagefind', 0) for w in r['warm']]):.1f} s"
            f" | {_median(without):.2f} | {_median(without) - 1:.2f} |"
        )
    stage_names = list(results[0]["warm"][0]["stages"]) if results else []
    lines += [
        "",
        "Stages inside the warm `cimo build` (median seconds; *render pages* includes writing",
        "the Markdown; Graphviz runs in its own process during `mkdocs build`, which waits for",
        "it only before writing the pages, with the diagrams inlined):",
        "",
        "| N | " + " | ".join(stage_names) + " | outside the stages (start, imports, publish) |",
        "|--:|" + "--:|" * (len(stage_names) + 1),
    ]
    for r in results:
        medians = [_median([w["stages"][s] for w in r["warm"]]) for s in stage_names]
        start = _median([w["wall"] - sum(w["stages"].values()) for w in r["warm"]])
        lines.append(
            f"| {r['n']} | " + " | ".join(f"{m:.2f}" for m in medians) + f" | {start:.2f} |"
        )
    if big:
        s = big["stages"]
        lines += [
            "",
            f"At N = {big['n']} (our stages only, one process): "
            + ", ".join(f"{k} {v:.1f} s" for k, v in s.items())
            + f"; peak memory {big['run']['tree_mb']:.0f} MB.",
        ]
    lines += ["", "## Goals", ""]
    for r in results:
        ours = _median(_ratios(r, "wall")) - 1
        cpu = _median(_ratios(r, "cpu")) - 1
        plain = _median(_ratios_without_pagefind(r)) - 1
        lines.append(
            f"- N = {r['n']}: our stages are {ours:.0%} of the floor by wall time, {cpu:.0%} "
            f"by CPU time (goal ≤ {GOAL_OURS:.0%}): {_ok(ours <= GOAL_OURS)}; without Pagefind "
            f"{plain:.0%}: {_ok(plain <= GOAL_OURS)}."
        )
    by_n = {r["n"]: r for r in results}
    if 5000 in by_n:
        r = by_n[5000]
        total = _median(_ratios(r, "wall"))
        tree = max(w["tree_mb"] for w in r["warm"])
        largest = max(w["max_rss_mb"] for w in r["warm"])
        pagefind = max(w.get("pagefind_mb", 0) for w in r["warm"])
        lines.append(
            f"- N = 5 000: the whole build is {total:.2f} × the floor (goal ≤ "
            f"{GOAL_TOTAL_5000} ×): {_ok(total <= GOAL_TOTAL_5000)}; peak memory "
            f"{largest:.0f} MB in the largest process, {tree:.0f} MB for all processes "
            f"together (goal < {GOAL_MEMORY_MB} MB): {_ok(tree < GOAL_MEMORY_MB)}; Pagefind's "
            f"own peak {pagefind:.0f} MB."
        )
    for r in results:
        found = r.get("search")
        if not found:
            continue
        if "error" in found:
            lines.append(f"- Search at N = {r['n']}: the browser run failed: `{found['error']}`.")
            continue
        kb = 1024
        lines.append(
            f"- Search at N = {r['n']}: one query ('{found['query']}', first page of results: "
            f"{found['query_status']}) fetches **{found['query_bytes'] / kb:.0f} KB** in "
            f"{found['query_files']} files (pagefind.js, the WebAssembly, the metadata, the "
            f"index chunks and filters it needs, the fragments of the results shown); the whole "
            f"search bundle is {found['bundle_bytes'] / kb / kb:.1f} MB, of which a search can "
            f"fetch {found['searchable_bytes'] / kb / kb:.1f} MB ({found['index_chunks']} index "
            f"chunks, {found['fragments']} fragments). A first page view fetches "
            f"{found['first_view_bundle_bytes']} bytes of it "
            f"({found['first_view_bundle_files']} files)."
        )
    lines += ["", "## Zensical 0.0.73 on the same folder", ""]
    for r in results:
        z = r.get("zensical")
        if not z:
            continue
        floor = _median([f["wall"] for f in r["floor"]])
        if z["returncode"] == 0:
            lines.append(
                f"- N = {r['n']}: built in {z['wall']:.1f} s ({z['wall'] / floor:.2f} × the "
                f"MkDocs floor), CPU {z['cpu']:.1f} s, peak memory {z['max_rss_mb']:.0f} MB."
            )
        else:
            said = z["tail"].strip().splitlines()
            told = [line for line in said if "fail" in line.lower() or "error" in line.lower()]
            last = " ".join(told[-1:] or said[-2:])[-300:]
            lines.append(
                f"- N = {r['n']}: **failed** after {z['wall']:.0f} s (exit {z['returncode']}, "
                f"memory limited to {ZENSICAL_MEMORY_LIMIT // 1024**3} GiB, peak "
                f"{z['max_rss_mb']:.0f} MB): `{last}`"
            )
    lines += [
        "",
        "## Preview (same run)",
        "",
        _preview_text(preview),
        "## Where the time goes: our stages per page family",
        "",
        _families_text(results, big),
        NOTES.read_text(encoding="utf-8") if NOTES.is_file() else "",
        "## Shape of the synthetic knowledge bases",
        "",
        "Drawn per intervention from the bundled content (averages of the bundled content: "
        + ", ".join(
            f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in shape.items()
        )
        + "); see bench/synthetic.py.",
    ]
    return "\n".join(lines) + "\n"


def _bench_preview(sizes: list[int]) -> list[dict[str, Any]]:
    """The live preview as a user meets it (bench.preview), in this run; also writes
    bench/PREVIEW-RESULTS.md."""
    from playwright.sync_api import sync_playwright

    from bench import preview as preview_bench

    rows = []
    with tempfile.TemporaryDirectory(prefix="cimo-preview-bench-") as base, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=preview_bench.CHROMIUM, args=preview_bench.CHROMIUM_ARGS
        )
        for n in sizes:
            print(f"preview N = {n}…", file=sys.stderr, flush=True)
            rows.append(preview_bench.measure(browser, n, Path(base), runs=3))
        browser.close()
    preview_bench.write(preview_bench.report(rows))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 500, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rounds-large", type=int, default=2, help="rounds from N = 5 000 on")
    parser.add_argument("--big", type=int, help="our stages only, at this N (e.g. 20000)")
    parser.add_argument("--zensical", type=int, nargs="*", default=[500, 5000])
    parser.add_argument("--search", type=int, nargs="*", default=[5000])
    parser.add_argument(
        "--reuse", nargs=2, metavar=("N", "FOLDER"), help="an earlier run's folder for N"
    )
    parser.add_argument("--query", default="achterstanden", help="the query for --search")
    parser.add_argument(
        "--preview", type=int, nargs="*", default=[], help="also bench.preview at these sizes"
    )
    parser.add_argument("--json", type=Path, help="Also keep the raw figures in this file.")
    parser.add_argument("--write", type=Path, help="Also write the report to this file.")
    parser.add_argument("--report-from", type=Path, help="Only report the figures of --json.")
    args = parser.parse_args()
    if args.report_from:
        saved = json.loads(args.report_from.read_text(encoding="utf-8"))
        if isinstance(saved, list):  # figures of sizes only
            saved = {"sizes": saved, "machine": machine()}
        text = report(saved["sizes"], saved.get("big"), saved["machine"], saved.get("preview"))
        print(text)
        if args.write:
            args.write.write_text(text, encoding="utf-8")
        return
    results: list[dict[str, Any]] = []
    big = None
    preview: list[dict[str, Any]] = []

    def keep() -> None:
        if args.json:
            figures = {"sizes": results, "big": big, "machine": machine(), "preview": preview}
            args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")

    for n in args.sizes:
        print(f"N = {n}…", file=sys.stderr, flush=True)
        rounds = args.rounds if n < 5000 else args.rounds_large
        query = args.query if n in args.search else None
        reuse = Path(args.reuse[1]) if args.reuse and int(args.reuse[0]) == n else None
        results.append(bench_size(n, rounds, n in args.zensical, query, reuse))
        keep()
    if args.big:
        print(f"N = {args.big} (our stages only)…", file=sys.stderr, flush=True)
        big = bench_stages_only(args.big)
        keep()
    if args.preview:
        preview += _bench_preview(args.preview)
        keep()
    text = report(results, big, machine(), preview)
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
