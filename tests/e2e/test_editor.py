"""The editor's YAML language server, driven like VS Code drives it: it offers the mechanism
ids with their names, shows Dutch help and flags a mistyped id (with the committed schemas).

Needs `yaml-language-server` (npm install yaml-language-server) on PATH or in
$YAML_LANGUAGE_SERVER; skipped otherwise.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from typing import Any

import pytest

from tests.conftest import REPO

SERVER = os.environ.get("YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
pytestmark = pytest.mark.skipif(SERVER is None, reason="yaml-language-server is not installed")
JINC = REPO / "content/interventions/gemeente-nijmegen/jinc.yaml"


class LanguageServer:
    def __init__(self) -> None:
        assert SERVER is not None
        self.process = subprocess.Popen(
            [SERVER, "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while True:
            length = 0
            while line := self.process.stdout.readline().decode().strip():
                name, _, value = line.partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not length:
                return
            self.messages.put(json.loads(self.process.stdout.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()

    def _handle(self, message: dict[str, Any]) -> None:
        if message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics.append(message["params"])
        elif message.get("method") == "workspace/configuration":
            settings = {"validate": True, "completion": True, "hover": True, "yamlVersion": "1.2"}
            result = [settings] * len(message["params"]["items"])
            self.send({"id": message["id"], "result": result})
        elif "id" in message and "method" in message:
            self.send({"id": message["id"], "result": None})

    def request(self, ident: int, method: str, params: dict[str, Any]) -> Any:
        self.send({"id": ident, "method": method, "params": params})
        deadline = time.time() + 30
        while time.time() < deadline:
            message = self.messages.get(timeout=30)
            if message.get("id") == ident and "method" not in message:
                return message.get("result")
            self._handle(message)
        raise TimeoutError(method)

    def wait_for_diagnostics(self, uri: str) -> list[dict[str, Any]]:
        deadline = time.time() + 15
        while time.time() < deadline:
            found = [d for d in self.diagnostics if d["uri"] == uri]
            if found:
                return found[-1]["diagnostics"]
            with contextlib.suppress(queue.Empty):
                self._handle(self.messages.get(timeout=1))
        return []


def test_the_editor_offers_and_checks_mechanism_ids() -> None:
    text = JINC.read_text(encoding="utf-8").replace(
        "- mechanism: praktijkervaring", "- mechanism: praktijkervarng"
    )
    server = LanguageServer()
    try:
        server.request(
            1,
            "initialize",
            {
                "processId": None,
                "rootUri": REPO.as_uri(),
                "capabilities": {"workspace": {"configuration": True}},
            },
        )
        server.send({"method": "initialized", "params": {}})
        uri = JINC.as_uri()
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        server.send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
        lines = text.splitlines()
        line = next(i for i, t in enumerate(lines) if "- mechanism: praktijkervarng" in t)
        position = {"line": line, "character": len(lines[line])}
        result = server.request(
            2, "textDocument/completion", {"textDocument": {"uri": uri}, "position": position}
        )
        items = result["items"] if isinstance(result, dict) else result
        offered = {item["label"]: item.get("documentation") for item in items}
        assert "rolmodellen" in offered and "vertrouwensband" in offered
        assert offered["rolmodellen"] == "Rolmodellen en inspiratie"
        context = next(i for i, t in enumerate(lines) if t.startswith("context:"))
        hover = server.request(
            3,
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": context, "character": 2}},
        )
        assert "C: voor wie, waar, en welk probleem." in json.dumps(hover, ensure_ascii=False)
        flagged = server.wait_for_diagnostics(uri)
        assert [d["range"]["start"]["line"] for d in flagged] == [line]
    finally:
        server.process.kill()
