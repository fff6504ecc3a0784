"""MkDocs for the live preview: build single pages, not the whole site, after an edit.

`mkdocs build --dirty` still walks every file, rebuilds the navigation and re-indexes search on
each run (seconds at 5 000 pages). Here the files, the navigation and the theme's templates are
gathered once, as MkDocs' own build() does, and each changed page then goes through the same
steps build() runs per page (its _populate_page and _build_page) and the same plugin events.
Material's tags plugin fills its listings (the labels page) once, after all pages are read;
after an update those pages are filled again from every page's tags (refresh_listings).

Search is not MkDocs' business: Pagefind indexes the built folder after a full build
(generator.search, called by generator.preview).

This leans on two functions MkDocs marks private: it is used by the preview only, and a
failure here makes the preview fall back to a complete build (generator.engine is what
`cimo build` uses, unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cimo.errors import BuildError
from generator.engine import load_engine_config

TAGS = "material/tags"


class PageBuilder:
    """MkDocs with its site gathered once; build() then renders the pages asked for."""

    def __init__(self, config_file: Path):
        from mkdocs.commands.build import get_navigation
        from mkdocs.structure.files import get_files, set_exclusions

        config = load_engine_config(config_file)
        config.plugins.on_startup(command="build", dirty=False)
        self.config = config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        self.files = config.plugins.on_files(files, config=config)
        set_exclusions(self.files, config)
        self.nav = config.plugins.on_nav(
            get_navigation(self.files, config), config=config, files=self.files
        )
        self._env = env
        self.env: Any = None
        self.listing_pages: set[str] = set()  # Markdown files with a tag listing
        self.site_dir = Path(config.site_dir)

    # -- the whole site, once ---------------------------------------------------------------
    def build_all(self) -> list[str]:
        """Every page and the theme's files; returns the pages' site paths."""
        from mkdocs.commands.build import _build_theme_template

        config, files = self.config, self.files
        pages = [file.src_uri for file in files.documentation_pages()]
        for uri in pages:
            self._populate(uri)
        self.env = config.plugins.on_env(self._env, config=config, files=files)
        tags = config.plugins.get(TAGS)
        if tags is not None:
            self.listing_pages = {listing.page.file.src_uri for listing in tags.listings}
        files.copy_static_files()
        for template in config.theme.static_templates:
            _build_theme_template(template, self.env, files, config, self.nav)
        return self._render(pages)

    # -- single pages ---------------------------------------------------------------------
    def add(self, uri: str) -> None:
        """A new Markdown file in the docs folder."""
        from mkdocs.structure.files import File

        if self.files.get_file_from_path(uri) is None:
            config = self.config
            self.files.append(
                File(uri, config.docs_dir, config.site_dir, config.use_directory_urls)
            )

    def remove(self, uri: str) -> str | None:
        """A Markdown file that is gone: forget it; returns the site path of its page."""
        file = self.files.get_file_from_path(uri)
        if file is None:
            return None
        self.files.remove(file)
        tags = self.config.plugins.get(TAGS)
        if tags is not None and file.page is not None:
            tags.mappings.data.pop(file.page.url, None)  # its tags leave the listings
        return file.dest_uri

    def build(self, uris: Iterable[str]) -> list[str]:
        """Read, convert and write these pages; returns their site paths. Pages with a tag
        listing wait for refresh_listings()."""
        uris = [uri for uri in uris if uri not in self.listing_pages]
        for uri in uris:
            self._populate(uri)
        return self._render(uris)

    def _populate(self, uri: str) -> None:
        from mkdocs.commands.build import _populate_page
        from mkdocs.structure.pages import Page

        file = self.files.get_file_from_path(uri)
        if file is None:
            raise BuildError(f"MkDocs does not know the page {uri}")
        if file.page is None:
            Page(None, file, self.config)
        assert file.page is not None
        _populate_page(file.page, self.config, self.files)

    def _render(self, uris: list[str]) -> list[str]:
        from mkdocs.commands.build import _build_page

        config = self.config
        doc_files = self.files.documentation_pages()
        built = []
        for uri in uris:
            file = self.files.get_file_from_path(uri)
            assert file is not None and file.page is not None
            _build_page(file.page, config, doc_files, self.nav, self.env)
            built.append(file.dest_uri)
        return built

    def refresh_listings(self) -> list[str]:
        """Read the pages with a tag listing again and fill their listings from every page's
        tags as they are now; returns their site paths."""
        from material.plugins.tags.renderer import Renderer

        tags = self.config.plugins.get(TAGS)
        if tags is None or self.env is None or not self.listing_pages:
            return []
        listings = tags.listings
        listings.data = {x for x in listings.data if x.page.file.src_uri not in self.listing_pages}
        pages = sorted(uri for uri in self.listing_pages if self.files.get_file_from_path(uri))
        for uri in pages:
            self._populate(uri)  # adds its listings again, empty
        renderer = Renderer(self.env, self.config)
        for listing in listings:
            if listing.page.file.src_uri in self.listing_pages:
                listings.populate(listing, tags.mappings, renderer)
        return self._render(pages)
