"""Share a list of independent tasks between this process and one forked worker.

Both processes take the next task from a shared counter, so they finish close together
whatever each task costs (put the largest first). The worker inherits everything it needs by
fork (no pickling of the inputs); only its results travel back. If the worker fails in any
way, this process does what it did not deliver, so a result never depends on the worker.

Used by the page rendering (generator/render.py) and by MkDocs' page building
(generator/mkdocs_build.py): the build runs on two cores where the work is independent.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T", bound=Hashable)
R = TypeVar("R")

_SHARED: dict[str, Any] = {}  # what the forked worker inherits: the tasks, the counter, the work


def can_fork() -> bool:
    """True where a second process can share the work (fork exists and there is a core for it)."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def share(tasks: Sequence[T], do: Callable[[T], R]) -> dict[T, R]:
    """do(task) for every task, in this process and a forked worker; results by task."""
    context = multiprocessing.get_context("fork")
    _SHARED.update(tasks=list(tasks), do=do, counter=context.Value("i", 0))
    gc.freeze()  # the worker's copy of the inherited objects stays shared (no gc writes)
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            worker = pool.submit(_work)  # forks now
            results = _work()
            with contextlib.suppress(Exception):  # a failed worker's part is done below
                results.update(worker.result())
    finally:
        _SHARED.clear()
        gc.unfreeze()
    for task in tasks:
        if task not in results:
            results[task] = do(task)
    return results


def _work() -> dict[Any, Any]:
    done: dict[Any, Any] = {}
    tasks, do, counter = _SHARED["tasks"], _SHARED["do"], _SHARED["counter"]
    while True:
        with counter.get_lock():
            position = counter.value
            counter.value += 1
        if position >= len(tasks):
            return done
        done[tasks[position]] = do(tasks[position])
