"""`cimo serve` as a policy writer meets it: started from any folder, it follows each save
(the open page is told to reload), shows why a save was rejected, drops deleted pages, and
says which port to use when its port is busy."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cimo.problems import Location, Problem
from cimo_cli.main import main
from generator.live.status import PreviewStatus
from generator.serve import free_port, start_server
from tests.conftest import FIXTURES, REPO


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_pages_get_the_script_and_banner_but_the_files_stay_as_built(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    built = b"<html><head><title>t</title></head><body class='x'><p>Hallo</p></body></html>"
    page.write_bytes(built)
    server = start_server(tmp_path, "127.0.0.1", 0)
    try:
        status, html = fetch(f"http://127.0.0.1:{server.server_address[1]}/a.html")
    finally:
        server.shutdown()
        server.server_close()
    assert status == 200
    assert html.index("<body class='x'><div id=\"cimo-preview-banner\"") > 0
    assert 'role="alert" hidden></div>' in html
    assert html.endswith(
        'data-version="' + server.status.snapshot().version + '"></script></body></html>'
    )
    assert page.read_bytes() == built  # nothing of the preview is written into the site


def test_the_banner_names_file_line_and_problem_and_escapes_them() -> None:
    status = PreviewStatus()
    problems = [
        Problem(Location(f"content/<b>{n}</b>.yaml", 10 + n, 3), "outcomes[0].via", "<script>x")
        for n in range(7)
    ]
    status.rejected(problems)
    banner = status.snapshot().banner
    assert "<script>" not in banner and "<b>" not in banner
    assert "content/&lt;b&gt;0&lt;/b&gt;.yaml</code>, regel 10" in banner
    assert "outcomes[0].via</code>): &lt;script&gt;x" in banner
    assert banner.count("<li>") == 3
    assert "Er zijn 7 problemen." in banner and "En nog 4 andere problemen." in banner
    status.accepted()
    assert status.snapshot().banner == ""


def test_a_waiting_page_learns_of_each_change_through_events() -> None:
    status = PreviewStatus()
    first = status.snapshot()
    status.site_changed()
    following = status.wait(first.serial, timeout=1)
    assert following is not None and following.version != first.version and following.ready
    assert status.wait(following.serial, timeout=0.05) is None  # nothing new: no message
    status.rejected([Problem(Location("content/x.yaml", 2, 1), "", "kapot")])
    banner = status.wait(following.serial, timeout=1)
    assert banner is not None and "kapot" in banner.banner
    assert banner.version == following.version  # a rejected save changes no page


def test_a_busy_port_gets_a_plain_message_with_a_free_port(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "sample", tmp_path / "kb")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            main, ["-C", str(tmp_path / "kb"), "serve", "--port", str(port)]
        )
        free = free_port("127.0.0.1", port + 1)
    assert result.exit_code == 1
    assert f"Poort {port} is al in gebruik" in result.output
    assert f"cimo serve --port {free}" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "kb/.cimo-cache/preview/site").exists()  # refused before any work


class Serving:
    def __init__(self, process: subprocess.Popen[str], url: str):
        self.process, self.url = process, url

    def wait_for(self, path: str, check: object, seconds: float = 60) -> tuple[int, str]:
        deadline = time.monotonic() + seconds
        while True:
            status, text = fetch(self.url + path)
            if check(status, text):  # type: ignore[operator]
                return status, text
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.process.terminate()
                output = self.process.communicate(timeout=20)[0]
                pytest.fail(f"{path}: still {status} after {seconds} s; {output}")
            time.sleep(0.1)


def serve(cwd: Path, *args: str) -> Iterator[Serving]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "cimo_cli", *args, "serve", "--port", "0"]
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    assert found, line
    try:
        yield Serving(process, f"http://127.0.0.1:{found.group(1)}")
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def knowledge_base(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "sample", tmp_path / "kb")
    return tmp_path / "kb"


def before_and_after(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serve_from_a_content_folder_follows_saves_and_rejections(knowledge_base: Path) -> None:
    source_tree = sorted(p.name for p in (REPO / "generator").iterdir())
    mentor = knowledge_base / "content/interventions/gemeente-demo/mentor.yaml"
    for running in serve(mentor.parent):
        page = "/interventies/mentor.html"
        running.wait_for(page, lambda status, text: status == 200)
        events = urllib.request.urlopen(running.url + "/.cimo-preview/events", timeout=30)
        first: dict[str, object] = {"ready": False}
        while not first["ready"]:  # the page may be served a moment before all of the site
            line = events.readline().decode()
            if line.startswith("data: "):
                first = json.loads(line.removeprefix("data: "))
        assert first["banner"] == ""

        before_and_after(mentor, "title: Mentorproject", "title: Mentorproject Oost")
        _, html = running.wait_for(page, lambda status, text: "Mentorproject Oost" in text)
        assert 'id="cimo-preview-banner"' in html and "preview.js" in html

        before_and_after(mentor, "mechanism: rolmodellen", "mechanism: rolmodel")
        _, html = running.wait_for(page, lambda status, text: "regel" in text)
        assert "mentor.yaml</code>, regel 16" in html and "rolmodel" in html
        assert "Mentorproject Oost" in html  # the last good page stays

        before_and_after(mentor, "mechanism: rolmodel\n", "mechanism: rolmodellen\n")
        running.wait_for(page, lambda status, text: 'role="alert" hidden></div>' in text)

        (knowledge_base / "content/interventions/gemeente-elders/huiswerkklas.yaml").unlink()
        running.wait_for("/interventies/huiswerkklas.html", lambda status, text: status == 404)
        _, listing = running.wait_for("/interventies/index.html", lambda s, t: "mentor" in t)
        assert "huiswerkklas" not in listing
        events.close()
    assert (knowledge_base / ".cimo-cache/preview/site/interventies/mentor.html").is_file()
    assert sorted(p.name for p in (REPO / "generator").iterdir()) == source_tree


def test_serve_with_C_from_another_folder(knowledge_base: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    for running in serve(elsewhere, "-C", str(knowledge_base)):
        running.wait_for("/interventies/mentor.html", lambda status, text: status == 200)
    assert list(elsewhere.iterdir()) == []
    assert (knowledge_base / ".cimo-cache/preview/site/index.html").is_file()


def test_an_update_waits_for_open_pages_to_reload_but_not_for_nobody(tmp_path: Path) -> None:
    import threading

    from generator.serve import RELOAD_FIRST, RELOAD_MOST

    (tmp_path / "index.html").write_text("<html><body>x</body></html>", encoding="utf-8")
    server = start_server(tmp_path, "127.0.0.1", 0, PreviewStatus())
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    try:
        started = time.monotonic()
        server.let_pages_reload()  # no page is open: no wait
        assert time.monotonic() - started < 0.1

        server.count_listener(+1)  # one open page, which does not reload
        started = time.monotonic()
        server.let_pages_reload()
        assert RELOAD_FIRST <= time.monotonic() - started < RELOAD_MOST

        def reload_soon() -> None:  # the open page asks for itself again
            time.sleep(0.1)
            urllib.request.urlopen(url, timeout=10).read()

        reader = threading.Thread(target=reload_soon)
        started = time.monotonic()
        reader.start()
        server.let_pages_reload()
        waited = time.monotonic() - started
        reader.join()
        assert server.last_request > started and 0.1 < waited < RELOAD_MOST
    finally:
        server.shutdown()
        server.server_close()
