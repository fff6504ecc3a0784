"""What the records cache (.cimo-cache/records/) saves: `load_knowledge_base` in a fresh process
(imports included), without the cache, cold (an empty cache, filled on the way) and warm (the
same content again).

    python -m bench.records_cache [--rounds R] [--kb FOLDER] [N ...]    (default: 500 5000)

For each N a knowledge base from bench/synthetic.py (or --kb, a knowledge base folder with a
content/ folder: its .cimo-cache/records/ is emptied for each cold run); R rounds of the three
runs, in turn. Medians of wall and CPU seconds (the machine is shared: CPU seconds are the
steadier figure), peak memory, and warm as a share of the run without cache.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.synthetic import generate

_CHILD = """
import json, resource, sys, time
wall, cpu = time.perf_counter(), time.process_time()
from pathlib import Path
from cimo.knowledge_base import load_knowledge_base
cache = Path(sys.argv[2]) if sys.argv[2] else None
loaded = load_knowledge_base(Path(sys.argv[1]), strict=True, cache_dir=cache)
print(json.dumps({
    "wall": time.perf_counter() - wall,
    "cpu": time.process_time() - cpu,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "records": loaded.content.count(),
}))
"""
RUNS = ("no cache", "cold", "warm")


def run(content: Path, cache: Path | None) -> dict[str, float]:
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo)}
    command = [sys.executable, "-c", _CHILD, str(content), str(cache or "")]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def measure(root: Path, rounds: int) -> dict[str, dict[str, float]]:
    content, cache = root / "content", root / ".cimo-cache" / "records"
    figures: dict[str, list[dict[str, float]]] = {name: [] for name in RUNS}
    for r in range(rounds):
        figures["no cache"].append(run(content, None))
        shutil.rmtree(cache, ignore_errors=True)
        figures["cold"].append(run(content, cache))
        figures["warm"].append(run(content, cache))
        walls = ", ".join(f"{name} {runs[-1]['wall']:.2f} s" for name, runs in figures.items())
        print(f"  round {r + 1}: {walls}")
    return {
        name: {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        for name, runs in figures.items()
    }


def report(result: dict[str, dict[str, float]]) -> None:
    for name, median in result.items():
        print(
            f"  {name:8}  wall {median['wall']:6.2f} s  cpu {median['cpu']:6.2f} s  "
            f"peak {median['peak_mb']:5.0f} MB  ({median['records']:.0f} records)"
        )
    plain, warm = result["no cache"], result["warm"]
    print(
        f"  warm / no cache: wall {warm['wall'] / plain['wall']:.0%}, "
        f"cpu {warm['cpu'] / plain['cpu']:.0%}; cold / no cache: wall "
        f"{result['cold']['wall'] / plain['wall']:.0%}"
    )


def main() -> None:
    args = sys.argv[1:]
    rounds, kb = 3, None
    while args[:1] in (["--rounds"], ["--kb"]):
        if args[0] == "--rounds":
            rounds = int(args[1])
        else:
            kb = Path(args[1])
        args = args[2:]
    sizes = [int(a) for a in args] or [500, 5000]
    print(f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="cimo-records-bench-") as base:
        folders = [(str(kb), kb)] if kb else [(f"N = {n}", Path(base) / str(n)) for n in sizes]
        for (name, root), n in zip(folders, sizes, strict=False):
            if kb is None:
                generate(root, n)
            print(f"{name}:")
            report(measure(root, rounds))
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
