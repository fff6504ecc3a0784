"""The live preview as a policy writer meets it: `cimo serve` in its own process, a browser's
requests over HTTP, a save of one intervention file.

    python -m bench.preview [N ...]        (default: 60 500 5000)

For each N: start-up (cold: no cache; warm: the same knowledge base a second time), then three
edits of one intervention's title, each timed from the save until the served page (the one the
"browser" has open, so it is asked for first) shows the new title. Writes the figures into the
"Preview" section of bench/RESULTS.md (the rest of that file is left as it is).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.synthetic import generate

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADING = "## Preview"
EDITS = 3


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def wait_until(url: str, check: str, limit: float) -> float:
    """Seconds until the page at url holds `check` (polled every 20 ms, like a reload would)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        status, text = fetch(url)
        if status == 200 and check in text:
            return time.perf_counter() - started
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {check!r} within {limit:.0f} s")


class Serving:
    def __init__(self, root: Path):
        self.log = open(root / "serve.log", "a", encoding="utf-8")  # noqa: SIM115
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cimo_cli", "-C", str(root), "serve", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert self.process.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", self.process.stdout.readline())
        assert found, "cimo serve did not start"
        self.url = f"http://127.0.0.1:{found.group(1)}"

    def ready(self, limit: float) -> float:
        """Seconds from the start until the preview says it is up to date."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("Preview bijgewerkt"):
                return time.perf_counter() - self.started
            if time.perf_counter() - self.started > limit:
                break
        raise TimeoutError("the preview did not finish its first update")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def measure(n: int, base: Path) -> dict[str, object]:
    root = base / f"n{n}"
    content = generate(root, n)
    (root / "cimo.yml").write_text("site_name: Benchmark\n", encoding="utf-8")
    edited = sorted((content / "interventions").rglob("*.yaml"))[n // 2]
    page = f"/interventies/{edited.stem}.html"
    limit = 60 + n * 0.3
    serving = Serving(root)
    cold = serving.ready(limit)
    serving.stop()
    serving = Serving(root)
    warm = serving.ready(limit)
    wait_until(serving.url + page, "<html", 30)  # the page is open in the "browser"
    edits = []
    try:
        for round_ in range(EDITS):
            text = edited.read_text(encoding="utf-8")
            title = re.search(r"^title: ('?)(Bewerkt \d+ )?", text, re.MULTILINE)
            assert title
            new = f"Bewerkt {round_} "
            edited.write_text(
                text.replace(title.group(0), f"title: {title.group(1)}{new}", 1), encoding="utf-8"
            )
            edits.append(wait_until(serving.url + page, f">{new}", limit))
            time.sleep(1.0 + n / 1000)  # let the rest of the update finish
    finally:
        serving.stop()
    return {"n": n, "cold": cold, "warm": warm, "edit": statistics.median(edits), "edits": edits}


def section(rows: list[dict[str, object]]) -> str:
    lines = [
        HEADING,
        "",
        f"Measured with `python -m bench.preview` on {time.strftime('%Y-%m-%d')}: `cimo serve` in "
        "its own process, a save of one intervention's title, and the open page polled over HTTP "
        f"until it shows the new title (median of {EDITS} saves). Start-up: until the preview "
        "says it is up to date (cold: empty cache; warm: the same knowledge base again).",
        "",
        "| N | edit → page in the browser | the saves | start-up, cold | start-up, warm |",
        "|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        saves = ", ".join(f"{s:.2f}" for s in row["edits"])  # type: ignore[attr-defined]
        lines.append(
            f"| {row['n']} | {row['edit']:.2f} s | {saves} | {row['cold']:.1f} s "
            f"| {row['warm']:.1f} s |"
        )
    return "\n".join(lines) + "\n"


def write_section(text: str) -> None:
    """Replace (or add) the Preview section of RESULTS.md, keeping everything else."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = old.find(f"\n{HEADING}\n")
    if start < 0:
        RESULTS.write_text(old.rstrip("\n") + "\n\n" + text, encoding="utf-8")
        return
    end = old.find("\n## ", start + 1)
    rest = old[end:] if end >= 0 else ""
    RESULTS.write_text(old[: start + 1] + text + rest, encoding="utf-8")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [60, 500, 5000]
    rows = []
    with tempfile.TemporaryDirectory(prefix="cimo-preview-bench-") as base:
        for n in sizes:
            row = measure(n, Path(base))
            print(row, flush=True)
            rows.append(row)
    write_section(section(rows))


if __name__ == "__main__":
    main()
