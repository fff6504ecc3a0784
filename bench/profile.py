"""Where our own stages spend their time, on one knowledge base (no MkDocs).

Usage: .venv/bin/python -m bench.profile KB_FOLDER [--cprofile OUT.prof]

Prints seconds and process peak memory after each stage, and seconds per emitter (page
family), in one process (the build shares the families between two). With --cprofile the
whole run is profiled into OUT.prof (read with pstats).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import resource
import time
from pathlib import Path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(folder: Path) -> dict[str, float]:
    from cimo.config import read_config
    from cimo.knowledge_base import load_knowledge_base
    from generator.emitters import EMITTERS, File, SiteContext
    from generator.render import render_page
    from generator.templating import environment
    from generator.views.search import search_facets

    seconds: dict[str, float] = {}
    t = time.perf_counter()
    config = read_config(folder / "cimo.yml")
    kb = load_knowledge_base(folder / "content", strict=True).kb
    seconds["load+validate+link"] = time.perf_counter() - t
    print(f"load+validate+link {seconds['load+validate+link']:.2f} s, peak {peak_mb():.0f} MB")
    site, env = SiteContext(kb, config), environment()
    for emit in EMITTERS:
        t = time.perf_counter()
        count = 0
        for output in emit(site):
            count += 1
            if not isinstance(output, File):
                render_page(env, output, search_facets(kb, output.path))
        seconds[emit.__name__] = time.perf_counter() - t
        print(f"  {emit.__name__:28} {count:6} outputs {seconds[emit.__name__]:7.2f} s")
    print(
        f"render total {sum(v for k, v in seconds.items() if k[0] != 'l'):.2f} s, "
        f"peak {peak_mb():.0f} MB"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--cprofile", type=Path)
    parser.add_argument("--json", action="store_true", help="End with the seconds as JSON.")
    args = parser.parse_args()
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.runcall(run, args.folder)
        profiler.dump_stats(args.cprofile)
    else:
        seconds = run(args.folder)
        if args.json:
            print(json.dumps(seconds))


if __name__ == "__main__":
    main()
