"""The static-site engine (MkDocs Material today): its configuration and one build.

The configuration is written next to the Markdown with relative paths, so the same folder can
be built by MkDocs or by Zensical (which reads mkdocs.yml).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from cimo.config import SiteConfig
from cimo.errors import BuildError

THEME_DIR = Path(__file__).resolve().parent / "theme"
ENGINE_CONFIG = THEME_DIR / "mkdocs.yml"


def write_engine_config(folder: Path, config: SiteConfig, site_dir: str = "site") -> Path:
    """Write mkdocs.yml and the theme overrides into folder (which holds docs/); return the file."""
    data: dict[str, Any] = yaml.safe_load(ENGINE_CONFIG.read_text(encoding="utf-8"))
    data["site_name"] = config.site_name
    if config.site_description:
        data["site_description"] = config.site_description
    data["docs_dir"], data["site_dir"] = "docs", site_dir
    data["theme"]["custom_dir"] = "overrides"
    shutil.copytree(THEME_DIR / "overrides", folder / "overrides", dirs_exist_ok=True)
    target = folder / "mkdocs.yml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def load_engine_config(config_file: Path, strict: bool = False) -> Any:
    from mkdocs.config import load_config

    return load_config(config_file=str(config_file), strict=strict)


def run_mkdocs(
    config_file: Path,
    strict: bool = False,
    jobs: int = 2,
    finish: Callable[[], Callable[[str], str]] | None = None,
) -> None:
    """Build the site described by config_file in-process (on two cores when jobs > 1 and the
    site is large enough); warnings fail a strict build. finish: see mkdocs_build.build."""
    from mkdocs.exceptions import MkDocsException

    from generator.mkdocs_build import build as mkdocs_build

    counter = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(counter)
    if not level or level > logging.WARNING:  # its warnings must reach the counter
        logger.setLevel(logging.WARNING)
    try:
        mkdocs_build(load_engine_config(config_file, strict), jobs, finish)
    except (MkDocsException, SystemExit) as exc:
        raise BuildError(f"MkDocs failed: {exc}; {'; '.join(counter.messages[:5])}") from None
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
    if strict and counter.messages:
        raise BuildError("MkDocs warnings in strict mode: " + "; ".join(counter.messages[:5]))


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
