"""The preview's state as an open browser page sees it: which version of the site is served,
and whether the last save was rejected (and why). Web-server threads wait on it for changes."""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass

from cimo.problems import Problem
from generator.live.banner import banner_html, failure_items, problem_items


@dataclass(frozen=True)
class Snapshot:
    serial: int  # grows with every change of the status
    version: str  # changes whenever served pages changed; a page seeing a new one reloads
    ready: bool  # the first build is done
    banner: str  # HTML (every value escaped), empty while the last save was accepted

    def json(self) -> str:
        return json.dumps(
            {"version": self.version, "ready": self.ready, "banner": self.banner},
            ensure_ascii=False,
        )


class PreviewStatus:
    """Thread-safe: the update loop writes, the web server's threads read and wait."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._run = secrets.token_hex(4)  # a restarted preview makes open pages reload
        self._site = 0
        self._serial = 0
        self._ready = False
        self._banner = ""
        self._closed = False

    def snapshot(self) -> Snapshot:
        with self._changed:
            return Snapshot(self._serial, f"{self._run}-{self._site}", self._ready, self._banner)

    def site_changed(self) -> None:
        """Pages were replaced: open pages reload."""
        with self._changed:
            self._site += 1
            self._ready = True
            self._notify()

    def accepted(self) -> None:
        """The last save is in the preview: no banner."""
        with self._changed:
            self._ready = True
            if self._banner:
                self._banner = ""
                self._notify()

    def rejected(self, problems: list[Problem]) -> None:
        """The content has errors: every page shows the first few."""
        self._set_banner(banner_html(problem_items(problems), len(problems)))

    def failed(self, message: str) -> None:
        """Something else went wrong (Graphviz, MkDocs, the disk, a bug)."""
        self._set_banner(banner_html(failure_items(message), 1))

    def _set_banner(self, banner: str) -> None:
        with self._changed:
            if banner != self._banner:
                self._banner = banner
                self._notify()

    def _notify(self) -> None:
        self._serial += 1
        self._changed.notify_all()

    def wait(self, after: int, timeout: float) -> Snapshot | None:
        """The status once its serial is past `after`; None after timeout or when closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._serial > after or self._closed, timeout)
            if self._closed or self._serial <= after:
                return None
        return self.snapshot()

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()
