"""The live preview as a policy writer meets it: `cimo serve` in its own process, a page open in
headless Chromium, a save of one intervention file.

    python -m bench.preview [--runs R] [N ...]        (default: 60 500 5000)

For each N (a knowledge base from bench/synthetic.py):
- start-up, cold (no .cimo-cache) and warm (the cache of the previous start): from starting
  `cimo serve` until the browser shows the intervention's page, and until the preview says the
  whole site is up to date;
- save → page: the page is open in the browser; one intervention's title is saved; the time
  until the browser's DOM shows the new title (the preview reloads the page by itself).

Medians of R starts and 2R+1 saves (the first start and save at N ≥ 5 000 only, to keep the
run short). The machine is shared: the load average is written next to the figures. Each N's
figures are kept in bench/out/preview-N.json, so sizes can be measured in separate runs;
bench/PREVIEW-RESULTS.md is written from all of them (a "## Notes" section there is kept).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.synthetic import generate

RESULTS = Path(__file__).resolve().parent / "PREVIEW-RESULTS.md"
KEPT = Path(__file__).resolve().parent / "out"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu"]
GOALS = {"edit": {60: 1.0, 5000: 3.0}, "warm": {5000: 10.0}}


class Serving:
    """`cimo serve` in its own process; its output lines are kept with their times."""

    def __init__(self, root: Path):
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cimo_cli", "-C", str(root), "serve", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: list[tuple[float, str]] = []
        self._changed = threading.Condition()
        assert self.process.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", self.process.stdout.readline())
        assert found, "cimo serve did not start"
        self.url = f"http://127.0.0.1:{found.group(1)}"
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append((time.perf_counter(), line.rstrip("\n")))
                self._changed.notify_all()

    def wait_for_line(self, prefix: str, after: int, limit: float) -> float:
        """The time of the first output line from index `after` on that starts with prefix."""
        deadline = time.perf_counter() + limit
        with self._changed:
            while True:
                for when, line in self.lines[after:]:
                    if line.startswith(prefix):
                        return when
                if not self._changed.wait(max(0.0, deadline - time.perf_counter())):
                    tail = "\n".join(line for _, line in self.lines[-5:])
                    raise TimeoutError(f"no line {prefix!r} within {limit:.0f} s:\n{tail}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def open_page(browser: object, serving: Serving, path: str, limit: float) -> tuple[object, float]:
    """Open path in a new browser page, once, as a user would, and wait until it shows the
    page itself (the preview's "wordt gemaakt" page reloads by itself when the site is ready);
    (page, seconds since the start)."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
    page.goto(serving.url + path, wait_until="domcontentloaded")
    page.wait_for_selector("h1:not(:has-text('De preview wordt gemaakt'))", timeout=limit * 1000)
    return page, time.perf_counter() - serving.started


def set_title(path: Path, words: str) -> None:
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^title: ('?)(Bewerkt \d+ )?", text, re.MULTILINE)
    assert title, path
    path.write_text(text.replace(title.group(0), f"title: {title.group(1)}{words}", 1), "utf-8")


def measure(browser: object, n: int, base: Path, runs: int) -> dict[str, object]:
    root = base / f"n{n}"
    content = generate(root, n)
    if not (root / "cimo.yml").exists():
        (root / "cimo.yml").write_text("site_name: Benchmark\n", encoding="utf-8")
    edited = sorted((content / "interventions").rglob("*.yaml"))[n // 2]
    path = f"/interventies/{edited.stem}.html"
    limit = 120 + n * 0.5
    loads = [os.getloadavg()[0]]
    starts: dict[str, list[tuple[float, float]]] = {"cold": [], "warm": []}
    saves: list[float] = []
    big = n >= 5000
    for run in range(1 if big else runs):
        for kind in ("cold", "warm"):
            if kind == "cold":
                shutil.rmtree(root / ".cimo-cache", ignore_errors=True)
            serving = Serving(root)
            try:
                page, shown = open_page(browser, serving, path, limit)
                done = serving.wait_for_line("Preview bijgewerkt", 0, limit) - serving.started
                starts[kind].append((shown, done))
                print(f"N={n} start {kind}: page {shown:.1f} s, all {done:.1f} s", flush=True)
                if kind == "warm" and run == 0:
                    for edit in range(3 if big else 2 * runs + 1):
                        time.sleep(1.0)
                        words = f"Bewerkt {edit} "
                        after = len(serving.lines)
                        saved = time.perf_counter()
                        set_title(edited, words)
                        page.wait_for_selector(  # type: ignore[attr-defined]
                            f"h1:has-text('{words.strip()}')", timeout=limit * 1000
                        )
                        saves.append(time.perf_counter() - saved)
                        print(f"N={n} save {edit}: {saves[-1]:.2f} s", flush=True)
                        serving.wait_for_line("Preview bijgewerkt", after, limit)
                page.close()  # type: ignore[attr-defined]
            finally:
                serving.stop()
            loads.append(os.getloadavg()[0])
    return {"n": n, "starts": starts, "saves": saves, "load": loads}


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _goal(kind: str, n: int, value: float) -> str:
    goal = GOALS[kind].get(n)
    if goal is None:
        return ""
    return f" (goal ≤ {goal:g} s: {'met' if value <= goal else 'missed'})"


def report(rows: list[dict[str, object]]) -> str:
    lines = [
        "# Preview benchmark",
        "",
        f"Measured with `python -m bench.preview` on {time.strftime('%Y-%m-%d %H:%M')} on a "
        f"{os.cpu_count()}-core machine shared with other benchmarks (load average in the table).",
        "`cimo serve` runs in its own process; headless Chromium has one intervention page open.",
        "",
        "- **save → page**: from writing the intervention's YAML (a new title) until the open "
        "page's DOM shows the new title; the preview reloads the page by itself.",
        "- **start → page**: from starting `cimo serve` until that page is shown in the browser; "
        "**start → all**: until the preview says the whole site is up to date. Cold: no "
        ".cimo-cache; warm: the cache left by the previous start, same content.",
        "",
        "| N | save → page (median) | the saves (s) | start → page, cold | start → all, cold "
        "| start → page, warm | start → all, warm | load (1 min) |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        n = int(row["n"])  # type: ignore[call-overload]
        starts: dict[str, list[tuple[float, float]]] = row["starts"]  # type: ignore[assignment]
        saves: list[float] = row["saves"]  # type: ignore[assignment]
        load: list[float] = row["load"]  # type: ignore[assignment]
        cold = [_median([s[i] for s in starts["cold"]]) for i in (0, 1)]
        warm = [_median([s[i] for s in starts["warm"]]) for i in (0, 1)]
        lines.append(
            f"| {n} | {_median(saves):.2f} s | {', '.join(f'{s:.2f}' for s in saves)} "
            f"| {cold[0]:.1f} s | {cold[1]:.1f} s | {warm[0]:.1f} s | {warm[1]:.1f} s "
            f"| {min(load):.1f}-{max(load):.1f} |"
        )
    lines += ["", "Against the goals (issue 16):", ""]
    for row in rows:
        n = int(row["n"])  # type: ignore[call-overload]
        saves = row["saves"]  # type: ignore[assignment]
        starts = row["starts"]  # type: ignore[assignment]
        warm_page = _median([s[0] for s in starts["warm"]])
        lines.append(
            f"- N = {n}: save → page {_median(saves):.2f} s{_goal('edit', n, _median(saves))}; "
            f"warm start → page {warm_page:.1f} s{_goal('warm', n, warm_page)}."
        )
    return "\n".join(lines) + "\n"


def write(text: str) -> None:
    """Write the figures; a '## Notes' section already in the file is kept."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    notes = old[old.find("\n## Notes") :] if "\n## Notes" in old else ""
    RESULTS.write_text(text + notes, encoding="utf-8")


def main() -> None:
    from playwright.sync_api import sync_playwright

    args = sys.argv[1:]
    runs = 3
    if args[:1] == ["--runs"]:
        runs, args = int(args[1]), args[2:]
    sizes = [int(a) for a in args] or [60, 500, 5000]
    with (
        tempfile.TemporaryDirectory(prefix="cimo-preview-bench-") as base,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in sizes:
            row = measure(browser, n, Path(base), runs)
            KEPT.mkdir(exist_ok=True)
            (KEPT / f"preview-{n}.json").write_text(json.dumps(row), encoding="utf-8")
            rows = [json.loads(f.read_text(encoding="utf-8")) for f in KEPT.glob("preview-*.json")]
            rows.sort(key=lambda row: row["n"])
            write(report(rows))
        browser.close()
    print(RESULTS.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
