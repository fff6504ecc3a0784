"""A knowledge base is a folder: its content, its settings (cimo.yml) and where output goes.

The `cimo` tool works on the folder it is pointed at (`cimo -C FOLDER …`), or on the nearest
folder at or above the working folder that holds a cimo.yml, the way git finds its repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, ValidationError

from cimo.errors import ContentError
from cimo.load import read_document
from cimo.model import Slug, Strict
from cimo.schema_errors import problems_from_validation

CONFIG_FILE = "cimo.yml"


class SiteConfig(Strict):
    """The settings of one knowledge base (cimo.yml)."""

    site_name: str = Field(
        default="Kennisbank",
        min_length=1,
        max_length=120,
        description="De naam van de website, bovenaan elke pagina.",
    )
    site_description: str | None = Field(
        default=None, max_length=300, description="Eén zin over de kennisbank, voor zoekmachines."
    )
    home: Slug | None = Field(
        default=None,
        description="Id van de organisatie (gemeente) voor wie de vergelijkingspagina's zijn "
        "geschreven, bijvoorbeeld 'gemeente-nijmegen'.",
    )


@dataclass(frozen=True)
class KnowledgeBaseFolder:
    """Where everything of one knowledge base lives."""

    root: Path
    config: SiteConfig

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        return cache_folder(self.root)

    @property
    def schema(self) -> Path:
        return self.root / "schema"


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` with a cimo.yml; `start` itself when none has."""
    start = start.absolute()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return start


def folder_root(folder: Path | None = None, search: bool = True) -> Path:
    """The root of the knowledge base at `folder` (default: found from the working folder)."""
    return find_root(folder or Path.cwd()) if search else (folder or Path.cwd()).absolute()


def cache_folder(root: Path) -> Path:
    """Where a knowledge base keeps what only saves time (diagrams, templates, records)."""
    return root / ".cimo-cache"


def open_folder(folder: Path | None = None, search: bool = True) -> KnowledgeBaseFolder:
    """The knowledge base at `folder` (default: found from the working folder).

    A missing cimo.yml means default settings; a broken one raises ContentError, located."""
    root = folder_root(folder, search)
    return KnowledgeBaseFolder(root, read_config(root / CONFIG_FILE))


def read_config(path: Path) -> SiteConfig:
    """The settings in cimo.yml (defaults when there is none); ContentError when it is wrong."""
    if not path.is_file() and not path.is_symlink():
        return SiteConfig()
    document, problems = read_document(path, "config")
    if problems or document is None:
        raise ContentError(problems)
    try:
        return SiteConfig.model_validate(document.data)
    except ValidationError as error:
        raise ContentError(problems_from_validation(error, document, SiteConfig)) from None
