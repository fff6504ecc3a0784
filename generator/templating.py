"""The Jinja2 environment: every printed value is escaped unless we built it as Markup."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator import site, text
from generator.site import Link, html_page

TEMPLATE_DIR = Path(__file__).resolve().parent / "theme" / "templates"


def _finalize(value: Any) -> Any:
    """Content becomes literal Markdown text; only our own Markup passes as it is."""
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    return Markup(text.md_inline(value))


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, target: Link) -> Markup:
    root = context.get("root", "")
    return Markup(f"[{text.md_inline(target.label)}]({root}{target.path})")


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, path: str) -> Markup:
    """A docs path (from generator.site) as a link target relative to the current page."""
    return Markup(f"{context.get('root', '')}{path}")


@jinja2.pass_context
def _html_href(context: jinja2.runtime.Context, path: str) -> Markup:
    """A docs path as the built page's URL, for raw HTML (MkDocs rewrites only Markdown links)."""
    return Markup(text.attribute(f"{context.get('root', '')}{html_page(path)}"))


@jinja2.pass_context
def _links(context: jinja2.runtime.Context, targets: list[Link], sep: str = ", ") -> Markup:
    return Markup(sep.join(_link(context, t) for t in targets))


def _md(value: Any) -> Markup:
    return Markup(text.md(value))


def _attr(value: Any) -> Markup:
    return Markup(text.attribute(value))


def _url(value: str) -> Markup:
    """A content URL as a link whose href is exactly that URL.

    The model only admits http(s) addresses without spaces or quotes, but a backtick, `*`, `[`,
    `@` or `|` in one would still change a Markdown autolink. So the link is inline HTML whose
    href spells every character that is not a letter, digit or one of `/:.-?=%` as a character
    reference, which no Markdown pattern reads and every browser decodes back.
    """
    if not value.startswith(("https://", "http://")):
        raise ValueError(f"refusing to link to {value!r}")
    href = "".join(_href_character(ch) for ch in value)
    return Markup(f'<a href="{href}">{text.md_inline(value)}</a>')


def _href_character(ch: str) -> str:
    if ch.isascii() and (ch.isalnum() or ch in "/:.-?=%"):
        return ch
    if not ch.isprintable() or ch.isspace():  # never valid content; kept out of the page
        return "".join(f"%{byte:02X}" for byte in ch.encode("utf-8", "replace"))
    return f"&#{ord(ch)};"


@functools.cache
def environment(cache_dir: Path | None = None) -> jinja2.Environment:
    """One environment per process: templates compile once, also across `cimo serve` rebuilds.

    With a cache_dir, compiled templates are kept there between processes (keyed by the
    template's source, so an edited template is compiled again)."""
    return _environment(cache_dir)


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, which only ever saves time: an entry that
    cannot be read (damaged, truncated) is compiled again, one that cannot be written is not
    kept."""

    def __init__(self, directory: Path):
        super().__init__(str(directory))
        self.folder = directory

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # any damage means: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _environment(cache_dir: Path | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        bytecode_cache=_BytecodeCache(cache_dir) if cache_dir is not None else None,
        finalize=_finalize,
        # Every value passes _finalize (Markdown escaping, which includes HTML's); autoescape
        # makes macro output and our Markup pass unescaped without `|raw`.
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        link=_link, links=_links, md=_md, attr=_attr, url=_url, href=_href, html_href=_html_href
    )
    env.globals["paths"] = site
    return env
