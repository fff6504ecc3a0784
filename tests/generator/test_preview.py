"""The live preview behind `cimo serve`: an edit updates only what changed; bad content
keeps the last good version."""

from __future__ import annotations

import errno
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from cimo.problems import ContentError
from cimo_cli.site_commands import refresh
from generator.preview import Preview
from generator.serve import start_server
from tests.conftest import FIXTURES, overlay


def test_an_edit_updates_the_page_and_only_what_changed(workdir: Path) -> None:
    preview = Preview(Path("content"), workdir / "preview", workdir / "cache")
    first = preview.update()
    assert first.changed == first.pages > 10
    search = workdir / "preview/site/pagefind/pagefind.js"
    assert search.is_file()  # a full build is indexed for search, as `cimo build` does
    page = workdir / "preview/site/interventies/mentor.html"
    assert "Mentorproject" in page.read_text(encoding="utf-8")
    untouched = workdir / "preview/site/themas/rolmodellen.html"
    stamp = untouched.stat().st_mtime_ns

    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "problem: Weinig steun thuis.", "problem: Weinig steun thuis en veel zorgen."
        ),
        encoding="utf-8",
    )
    second = preview.update()
    assert 0 < second.changed < second.pages
    html = page.read_text(encoding="utf-8")
    assert "veel zorgen" in html and 'class="cimo-svg"' in html
    assert untouched.stat().st_mtime_ns == stamp  # a page the edit does not touch
    assert search.is_file()  # an update of some pages keeps the last full index


def test_bad_content_keeps_the_last_good_preview(workdir: Path) -> None:
    preview = Preview(Path("content"), workdir / "preview", workdir / "cache")
    preview.update()
    page = workdir / "preview/site/interventies/mentor.html"
    before = page.read_bytes()
    overlay(workdir, FIXTURES / "broken" / "unknown-mechanism")
    with pytest.raises(ContentError) as raised:
        preview.update()
    assert any("mechanisme 'rolmodel' bestaat niet" in p.message for p in raised.value.problems)
    assert page.read_bytes() == before


def edit_mentor(workdir: Path, words: str) -> None:
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("problem: ") + len("problem: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + words + text[end:], encoding="utf-8")


@pytest.fixture
def server(workdir: Path) -> Iterator[tuple[Preview, str]]:
    preview = Preview(Path("content"), workdir / "preview", workdir / "cache")
    preview.update()
    httpd = start_server(preview.site, "127.0.0.1", 0)
    yield preview, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def built_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One preview of the minimal knowledge base, served, for tests that only read from it."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(FIXTURES / "minimal/content", root / "content")
    preview = Preview(root / "content", root / "preview", root / "cache")
    preview.update()
    httpd = start_server(preview.site, "127.0.0.1", 0)
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_reader_never_gets_a_half_written_page_during_updates(
    workdir: Path, server: tuple[Preview, str]
) -> None:
    preview, url = server
    bad: list[str] = []
    reads = 0
    stop = threading.Event()

    def read_all_the_time() -> None:
        nonlocal reads
        while not stop.is_set():
            status, page = fetch(f"{url}/interventies/mentor.html")
            text = page.decode("utf-8", errors="replace")
            if status != 200 or not text.rstrip().endswith("</html>"):
                bad.append(f"{status}: {text[-80:]!r}")
            elif 'class="cimo-svg"' not in text or "<!--cimo-diagram:" in text:
                bad.append("page without its diagram")
            reads += 1

    reader = threading.Thread(target=read_all_the_time)
    reader.start()
    try:
        for round_ in range(6):
            edit_mentor(workdir, f"Weinig steun thuis, ronde {round_}.")
            assert preview.update().changed >= 1
    finally:
        stop.set()
        reader.join()
    assert bad == [] and reads > 20
    assert "ronde 5" in fetch(f"{url}/interventies/mentor.html")[1].decode()


def test_the_preview_stays_up_when_graphviz_or_the_disk_fails(
    workdir: Path,
    server: tuple[Preview, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    preview, url = server
    before = fetch(f"{url}/interventies/mentor.html")[1]
    edit_mentor(workdir, "Nieuwe tekst.")

    def disk_full(*args: object) -> dict[str, bytes]:
        raise OSError(errno.ENOSPC, "No space left on device", "preview/docs/x.csv")

    with monkeypatch.context() as patch:
        patch.setenv("PATH", str(workdir / "no-graphviz"))
        assert refresh(preview) is False
    with monkeypatch.context() as patch:
        patch.setattr("generator.preview.render_site", disk_full)
        assert refresh(preview) is False
    err = capsys.readouterr().err
    assert "Niet bijgewerkt: Graphviz is niet geïnstalleerd (het programma 'dot' ontbreekt)." in err
    assert "Niet bijgewerkt: de schijf is vol (preview/docs/x.csv)." in err
    assert "Traceback" not in err
    assert fetch(f"{url}/interventies/mentor.html") == (200, before)  # the last good page
    assert refresh(preview) is True
    assert "Nieuwe tekst." in fetch(f"{url}/interventies/mentor.html")[1].decode()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/%00", 400),
        ("/interventies/%00mentor.html", 400),
        ("/%ff%fe.html", 404),
        ("/..%2f..%2f..%2fetc/passwd", 404),
        ("/" + "a" * 5000 + ".html", 404),
    ],
)
def test_odd_paths_get_a_quiet_error(
    built_server: str, capfd: pytest.CaptureFixture[str], path: str, status: int
) -> None:
    url = built_server
    assert fetch(url + path)[0] == status
    assert fetch(url + "/interventies/mentor.html")[0] == 200
    assert capfd.readouterr().err == ""


def test_only_changed_files_are_read_again_with_the_same_result_as_a_full_load(
    workdir: Path,
) -> None:
    from cimo.knowledge_base import load_knowledge_base
    from generator.live.content import IncrementalContent

    content = IncrementalContent(Path("content"))
    first = content.update()
    assert first.loaded.kb.records == load_knowledge_base(Path("content")).kb.records
    assert ("intervention", "mentor") in first.changed
    edit_mentor(workdir, "Weinig steun thuis, opnieuw.")
    second = content.update()
    assert second.files == 1 and second.changed == {("intervention", "mentor")}
    assert second.loaded.kb.records == load_knowledge_base(Path("content")).kb.records
    assert content.update().changed == set()


def test_after_an_edit_of_interventions_only_their_checks_and_links_are_made_again(
    workdir: Path,
) -> None:
    from cimo.knowledge_base import load_knowledge_base
    from generator.live.content import IncrementalContent
    from tests.cimo.test_graph import as_data

    content = IncrementalContent(Path("content"))
    content.update()
    mentor = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    good = mentor.read_bytes()
    overlay(workdir, FIXTURES / "broken" / "unknown-programme-line")
    with pytest.raises(ContentError) as raised:
        content.update()
    assert [p.message for p in raised.value.problems] == [
        "programma 'demoplan' heeft geen lijn 'groeie'"
    ]
    mentor.write_bytes(good.replace(b"2023: 1000,", b"2023: 1100,"))
    with pytest.raises(ContentError) as raised:  # the programme's total no longer adds up
        content.update()
    assert "het totaal voor 2023 is" in raised.value.problems[0].message
    mentor.write_bytes(good.replace(b"title: Mentorproject", b"title: Maatjes"))
    seen: list[set[tuple[str, str]]] = []
    update = content.update(seen.append)
    assert seen == [{("intervention", "mentor")}] == [update.changed]
    assert as_data(update.loaded.kb) == as_data(load_knowledge_base(Path("content")).kb)


@pytest.mark.parametrize(
    "case", ["ages-reversed", "budget-outside-own-period", "unknown-mechanism", "totals-mismatch"]
)
def test_the_preview_rejects_what_a_full_validation_rejects(workdir: Path, case: str) -> None:
    from cimo.validate import validate_content
    from generator.live.content import IncrementalContent

    content = IncrementalContent(Path("content"))
    content.update()
    overlay(workdir, FIXTURES / "broken" / case)
    with pytest.raises(ContentError) as raised:
        content.update()
    expected = [p.format() for p in validate_content(Path("content"))[1]]
    assert [p.format() for p in raised.value.problems] == expected != []


def test_a_preview_starts_from_the_records_a_build_kept(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cimo import per_file
    from cimo.knowledge_base import load_knowledge_base
    from generator.live.content import IncrementalContent

    load_knowledge_base(Path("content"), cache_dir=workdir / "records")
    parsed: list[str] = []
    parse = per_file.parse_document

    def spy(raw: bytes, shown: str, kind: str) -> object:
        parsed.append(shown)
        return parse(raw, shown, kind)

    monkeypatch.setattr(per_file, "parse_document", spy)
    content = IncrementalContent(Path("content"), workdir / "records")
    first = content.update()
    assert parsed == [] and first.files > 2  # every file, none of them parsed
    assert first.loaded.kb.records == load_knowledge_base(Path("content")).kb.records
    parsed.clear()
    edit_mentor(workdir, "Weinig steun thuis, opnieuw.")
    assert content.update().changed == {("intervention", "mentor")}
    assert parsed == ["content/interventions/gemeente-demo/mentor.yaml"]
    # The next start reads the file saved during the last preview once more, the rest not.
    parsed.clear()
    again = IncrementalContent(Path("content"), workdir / "records").update()
    assert parsed == ["content/interventions/gemeente-demo/mentor.yaml"]
    assert again.loaded.kb.records == load_knowledge_base(Path("content")).kb.records


def test_a_newer_save_interrupts_an_update_after_the_open_page(workdir: Path) -> None:
    preview = Preview(Path("content"), workdir / "preview", workdir / "cache")
    preview.update()
    preview.open_pages = lambda: ["interventies/mentor.html"]
    preview.interrupted = lambda: True
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Mentorproject", "title: Maatjes"),
        encoding="utf-8",
    )
    ready: list[str] = []
    preview.update(on_ready=lambda: ready.append("now"))
    assert ready == ["now"]
    site = workdir / "preview/site"
    assert "Maatjes" in (site / "interventies/mentor.html").read_text(encoding="utf-8")
    mechanism = site / "mechanismen/rolmodellen.html"
    assert "Maatjes" not in mechanism.read_text(encoding="utf-8")  # left for the next update
    preview.interrupted = lambda: False
    preview.update()
    assert "Maatjes" in mechanism.read_text(encoding="utf-8")
    assert "Maatjes" in (site / "interventies/index.html").read_text(encoding="utf-8")


def test_a_save_without_a_change_leaves_the_whole_site_pages_alone(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.preview

    made: list[str] = []

    def whole_site_page(site: object) -> Iterator[object]:
        made.append("made")
        return iter(())

    monkeypatch.setattr(
        generator.preview, "WHOLE_SITE", (*generator.preview.WHOLE_SITE, whole_site_page)
    )
    preview = Preview(Path("content"), workdir / "preview", workdir / "cache")
    preview.update()
    mentor = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    mentor.write_bytes(mentor.read_bytes() + b"# saved again\n")
    assert preview.update().changed == 0 and made == []
    edit_mentor(workdir, "Weinig steun thuis, wel veranderd.")
    preview.interrupted = lambda: True  # stopped after the open page: the rest is due
    preview.update()
    preview.interrupted = lambda: False
    mentor.write_bytes(mentor.read_bytes() + b"# saved again\n")
    preview.update()
    assert made == ["made"]


def test_the_downloads_follow_in_a_quiet_moment(workdir: Path) -> None:
    preview = Preview(Path("content"), workdir / "preview", workdir / "cache")
    preview.update()
    download = workdir / "preview/site/downloads/kennisbank.json"
    edit_mentor(workdir, "Weinig steun thuis, stil moment.")
    preview.update()
    assert preview.behind and "stil moment" not in download.read_text(encoding="utf-8")
    assert preview.catch_up() >= 1
    assert not preview.behind and "stil moment" in download.read_text(encoding="utf-8")


def test_an_update_of_some_pages_gives_the_same_docs_as_a_full_render(workdir: Path) -> None:
    from cimo.knowledge_base import load_knowledge_base
    from generator.render import render_site

    preview = Preview(Path("content"), workdir / "preview", workdir / "cache")
    preview.update()
    path = workdir / "content/interventions/gemeente-demo/mentor.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Mentorproject", "title: Maatjes"),
        encoding="utf-8",
    )
    assert preview.update().changed >= 1
    preview.catch_up()
    docs = workdir / "preview/docs"
    written = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    full = render_site(load_knowledge_base(Path("content")).kb).docs()
    expected = {rel: data for rel, data in full.items() if rel.endswith(".md")}
    assert written.keys() == expected.keys()
    assert [rel for rel in expected if written[rel] != expected[rel]] == []


def test_pages_that_showed_an_edited_intervention_are_made_again_as_a_full_render(
    tmp_path: Path,
) -> None:
    from cimo.knowledge_base import load_knowledge_base
    from generator.render import render_site

    shutil.copytree(FIXTURES / "sample" / "content", tmp_path / "content")
    preview = Preview(tmp_path / "content", tmp_path / "preview", tmp_path / "cache")
    preview.update()
    mentor = tmp_path / "content/interventions/gemeente-demo/mentor.yaml"
    text = mentor.read_text(encoding="utf-8")
    text = text.replace("title: Mentorproject", "title: Maatjes")  # shown as alike elsewhere
    text = text.replace("via: [rolmodellen, vertrouwensband]", "via: [rolmodellen]")
    cut = text.index("  - mechanism: vertrouwensband")  # the mechanism's page no longer lists it
    mentor.write_text(text[:cut] + text[text.index("outcomes:") :], encoding="utf-8")
    preview.update()
    preview.catch_up()
    docs = tmp_path / "preview/docs"
    written = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    full = render_site(load_knowledge_base(tmp_path / "content").kb).docs()
    expected = {rel: data for rel, data in full.items() if rel.endswith(".md")}
    assert b"Maatjes" in written["interventies/huiswerkklas.md"]
    assert b"Maatjes" not in written["mechanismen/vertrouwensband.md"]
    assert [rel for rel in expected if written.get(rel) != expected[rel]] == []


def test_a_deleted_intervention_leaves_no_page_and_no_link(tmp_path: Path) -> None:
    workdir = tmp_path
    shutil.copytree(FIXTURES / "sample" / "content", workdir / "content")
    preview = Preview(workdir / "content", workdir / "preview", workdir / "cache")
    preview.update()
    site = workdir / "preview/site"
    labels = site / "kennisbank/labels.html"
    assert "huiswerkklas.html" in labels.read_text(encoding="utf-8")  # the tags plugin's list
    (workdir / "content/interventions/gemeente-elders/huiswerkklas.yaml").unlink()
    preview.update()
    assert not (site / "interventies/huiswerkklas.html").exists()
    linking = [
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if "huiswerkklas.html" in page.read_text(encoding="utf-8")
    ]
    assert linking == []
    assert 'href="../interventies/mentor.html"' in labels.read_text(encoding="utf-8")


def test_pages_are_never_kept_by_the_browser_but_theme_files_are_checked(built_server: str) -> None:
    with urllib.request.urlopen(f"{built_server}/interventies/mentor.html") as response:
        assert response.headers["Cache-Control"] == "no-store"
        modified = response.headers["Last-Modified"]
    with urllib.request.urlopen(f"{built_server}/assets/cimo.css") as response:
        assert response.headers["Cache-Control"] == "no-cache"
        modified = response.headers["Last-Modified"]
    asked = urllib.request.Request(
        f"{built_server}/assets/cimo.css", headers={"If-Modified-Since": modified}
    )
    with pytest.raises(urllib.error.HTTPError) as unchanged:
        urllib.request.urlopen(asked)
    assert unchanged.value.code == 304
