"""The folder a build publishes into: which folders a build may replace, and the swap itself.

A build replaces only a folder it made itself (marked with a `.cimo-site` file) or an empty one.
It never replaces a file, someone else's folder, the content, the working folder or a
repository: `--site .` or `--site content` must not cost anyone their work.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from cimo.errors import SiteFolderError

SITE_MARKER = ".cimo-site"
STAGING_MARKER = ".cimo-staging"
STAGING_PREFIX = ".cimo-build-"
OLD_PREFIX = ".cimo-old-"
MARKER_TEXT = (
    "This folder was made by `cimo build`, which replaces all of it on the next build.\n"
    "Do not keep other files here.\n"
)
TOOL_DIR = Path(__file__).resolve().parent.parent
_HINT = (
    "Kies een nieuwe of lege map, bijvoorbeeld --site site. Een build vervangt alleen wat hij "
    "zelf maakte."
)


def check_site_folder(site_dir: Path, content_dir: Path) -> Path:
    """The absolute site folder if a build may replace it; SiteFolderError, with nothing touched,
    otherwise."""
    given = Path(os.path.abspath(site_dir.expanduser()))
    if given.is_symlink():
        raise _refuse(
            site_dir,
            "het is een link (symlink)",
            f"Geef de map zelf: --site {os.path.realpath(given)}",
        )
    site = given.resolve()
    if site.exists() and not site.is_dir():
        raise _refuse(site_dir, "het is een bestand, geen map")
    content = content_dir.resolve()
    if content in site.parents:
        raise _refuse(site_dir, "die ligt in de map met inhoud")
    for protected, name in _protected_folders(content):
        if site == protected or site in protected.parents:
            relation = "het is" if site == protected else "die bevat"
            raise _refuse(site_dir, f"{relation} {name}")
    if (site / ".git").exists():
        raise _refuse(site_dir, "het is een git-repository")
    _check_replaceable(site, site_dir)
    for folder in [_nearest_existing(site.parent)] + ([site] if site.exists() else []):
        if not os.access(folder, os.W_OK):
            raise _refuse(
                site_dir,
                f"{folder} is alleen-lezen",
                "Maak de map schrijfbaar, of kies een andere --site.",
            )
    return site


def _refuse(site_dir: Path, reason: str, hint: str = _HINT) -> SiteFolderError:
    return SiteFolderError(f"Geen build in {site_dir}: {reason}. Er is niets veranderd.", hint)


def _protected_folders(content: Path) -> list[tuple[Path, str]]:
    cwd = Path.cwd().resolve()
    folders = [(content, "de map met inhoud"), (cwd, "de map waarin u werkt")]
    for start in (cwd, content, TOOL_DIR):
        root = next((p for p in (start, *start.parents) if (p / ".git").exists()), None)
        if root is not None:
            folders.append((root, f"de repository {root}"))
    folders.append((TOOL_DIR, "het programma cimo zelf"))
    return folders


def _check_replaceable(site: Path, site_dir: Path) -> None:
    """A build may replace only an empty folder or a site it made (which holds the marker)."""
    if not site.is_dir() or (site / SITE_MARKER).is_file():
        return
    if any(site.iterdir()):
        raise _refuse(
            site_dir,
            "er staan bestanden in die cimo build niet heeft gemaakt",
            "Een build vervangt alleen een lege map of een site die hij zelf maakte (met een "
            f"bestand {SITE_MARKER}).\n  Kies een nieuwe map, bijvoorbeeld --site site. Een site "
            "van een oudere cimo: gooi die één keer zelf weg.",
        )


def _nearest_existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def mark_site(folder: Path) -> None:
    """Mark a built site as ours, so that the next build may replace it."""
    (folder / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def make_staging(site: Path) -> Path:
    """A new, marked staging folder next to the site."""
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=site.parent))
    (staging / STAGING_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return staging


def remove_stale_folders(site_dir: Path) -> None:
    """Clean up after builds that were killed (their process is gone).

    Only our own folders are touched: a staging folder (marked, or still empty) or a previous
    site moved aside mid-swap (marked as a site), which is put back, never deleted.
    """
    for folder in sorted(site_dir.parent.iterdir()):
        if not folder.name.startswith((STAGING_PREFIX, OLD_PREFIX)) or not _ours(folder):
            continue
        parts = folder.name.split("-")
        if len(parts) > 2 and parts[2].isdigit() and _alive(int(parts[2])):
            continue
        if folder.name.startswith(OLD_PREFIX) and not site_dir.exists():
            folder.rename(site_dir)
            continue
        shutil.rmtree(folder, ignore_errors=True)


def _ours(folder: Path) -> bool:
    if folder.is_symlink() or not folder.is_dir():
        return False
    marker = STAGING_MARKER if folder.name.startswith(STAGING_PREFIX) else SITE_MARKER
    return (folder / marker).is_file() or not any(folder.iterdir())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False when the system cannot."""
    with contextlib.suppress(AttributeError, OSError):
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
        at_fdcwd = -100
        result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
        return bool(result == 0)
    return False


def swap_into_place(new: Path, site_dir: Path) -> None:
    """Make `new` the site: one atomic exchange where possible, two renames otherwise."""
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        raise _refuse(site_dir, "it changed into a link or a file during the build")
    _check_replaceable(site_dir, site_dir)  # it may have changed since the build started
    if not site_dir.exists():
        new.rename(site_dir)
        return
    if _exchange(new, site_dir):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the previous site
        return
    old = site_dir.parent / f"{OLD_PREFIX}{os.getpid()}-{time.time_ns()}"
    site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def staging_for(site_dir: Path) -> Iterator[Path]:
    """A fresh staging folder next to site_dir, removed afterwards whatever happens."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_folders(site_dir)
    staging = make_staging(site_dir)
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def publish(built: Path, site_dir: Path) -> None:
    """Mark a finished site as ours and swap it into place in one step."""
    mark_site(built)
    swap_into_place(built, site_dir)
