"""Files copied into the site as they are: the downloads and the site's own assets."""

from __future__ import annotations

from collections.abc import Iterator

from generator import site as paths
from generator.emitters.base import File, SiteContext
from generator.engine import THEME_DIR
from generator.exports import exports


def downloads(site: SiteContext) -> Iterator[File]:
    for path, data in exports(site.kb).items():
        yield File(path, data)


def assets(site: SiteContext) -> Iterator[File]:
    folder = THEME_DIR / "assets"
    for asset in sorted(folder.rglob("*")):
        if asset.is_file():
            yield File(f"{paths.ASSETS}/{asset.relative_to(folder).as_posix()}", asset.read_bytes())
