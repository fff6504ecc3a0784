"""Watch the content folder with file-system events (inotify and the like), not by polling.

An idle preview then costs nothing. An editor that saves by writing a temporary file and
renaming it produces a burst of events; they are collected until the folder has been quiet
for a moment, and then handed over as one change.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from cimo.load import CONTENT_SUFFIXES

QUIET_SECONDS = 0.08  # a save-by-rename burst is over when nothing happened for this long
MOST_SECONDS = 1.0  # never wait longer than this for a burst to end


class ContentWatch(FileSystemEventHandler):
    """Collects changed content paths; `wait()` returns them once a burst is over."""

    def __init__(self, content_dir: Path):
        self.content_dir = content_dir
        self._lock = threading.Lock()
        self._event = threading.Event()
        self._paths: set[Path] = set()
        self._last = 0.0
        self._observer = Observer()
        self._observer.schedule(self, str(content_dir), recursive=True)

    def __enter__(self) -> ContentWatch:
        self._observer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed", "closed_no_write"):
            return  # reading a file changes nothing
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        relevant = [
            Path(str(p))
            for p in paths
            if p and (event.is_directory or str(p).endswith(CONTENT_SUFFIXES))
        ]
        if not relevant:
            return  # an editor's swap or backup file
        with self._lock:  # paths and flag together: wait() never clears a flag it did not hand over
            self._paths.update(relevant)
            self._last = time.monotonic()
            self._event.set()

    def pending(self) -> bool:
        """A change happened that wait() has not handed over yet."""
        return self._event.is_set()

    def wait(self, timeout: float | None = None) -> set[Path] | None:
        """The paths of the next change (after its burst ended); None when nothing happened."""
        if not self._event.wait(timeout):
            return None
        started = time.monotonic()
        while True:
            with self._lock:
                quiet = time.monotonic() - self._last
            if quiet >= QUIET_SECONDS or time.monotonic() - started >= MOST_SECONDS:
                break
            time.sleep(QUIET_SECONDS - quiet)
        with self._lock:
            paths, self._paths = self._paths, set()
            self._event.clear()
        return paths
