"""Diagrams: DOT text built with pydot, rendered to inline SVG by Graphviz.

Rendering is batched: every uncached diagram of a build goes through one `dot -Tsvg` process
per core (many graphs in one input), and each SVG is cached by a hash of its DOT text. The cache
holds a form that depends on the DOT text alone (Graphviz numbers ids by a graph's place in its
batch): a build's output never depends on what was cached. Builds and previews may share the
cache at the same time, so entries are written whole under a unique name and checked on read.
Graphs of unbounded size (the whole knowledge base) use `sfdp` past a size limit, always with a
timeout: `dot` can hang on large tangled graphs (measured: no result in 600 s for 2 000 nodes).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydot

from cimo.errors import DiagramError
from generator.site import html_url, page_path

STYLE = {
    "context": {"shape": "note", "fillcolor": "#fdf1d6", "color": "#8a5a00"},
    "intervention": {"shape": "box", "fillcolor": "#dbe9f7", "color": "#1f4e79"},
    "mechanism": {"shape": "box", "fillcolor": "#e3f1df", "color": "#2e6b1f"},
    "outcome": {"shape": "box", "fillcolor": "#f3e0ef", "color": "#7a2a6b"},
    "indicator": {"shape": "box", "fillcolor": "#eeeeee", "color": "#444444"},
    "more": {"shape": "plaintext", "fillcolor": "#ffffff", "color": "#ffffff"},
}
DOT_LIMIT = 150  # nodes; larger graphs are laid out with sfdp
TIMEOUT_SECONDS = 120  # per batch
BATCH_SIZE = 250
CACHE_FORMAT = "2"  # part of every cache key: change it when the cached form changes


@dataclass(frozen=True)
class Diagram:
    key: str  # e.g. "intervention:jinc"
    dot: str
    engine: str = "dot"

    @property
    def digest(self) -> str:
        text = f"{CACHE_FORMAT}\n{self.engine}\n{self.dot}"
        return hashlib.sha256(text.encode()).hexdigest()


def dot_string(text: str, width: int = 24) -> str:
    """A quoted DOT string: escapes quotes and backslashes, wraps lines with Graphviz's \\n."""
    lines = textwrap.wrap(" ".join(text.split()), width=width) or [""]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return '"' + "\\n".join(escaped) + '"'


class DiagramBuilder:
    """Collects nodes and edges for one diagram, then produces its DOT text."""

    def __init__(self, name: str, rankdir: str = "LR"):
        self.graph = pydot.Dot(
            graph_name="G",
            graph_type="digraph",
            rankdir=rankdir,
            bgcolor="transparent",
            nodesep="0.25",
            ranksep="0.5",
        )
        self.graph.set_node_defaults(
            style="filled,rounded",
            fontname="Helvetica",
            fontsize="12",
            penwidth="1.2",
            margin="0.12,0.06",
        )
        self.graph.set_edge_defaults(color="#555555", arrowsize="0.7")
        self.name = name
        self.nodes: dict[str, str] = {}

    def node(
        self,
        key: str,
        kind: str,
        label: str,
        link_kind: str | None = None,
        ident: str | None = None,
        bold: bool = False,
    ) -> None:
        if key in self.nodes:
            return
        node_id = f"n{len(self.nodes)}"
        self.nodes[key] = node_id
        attrs: dict[str, Any] = {k: f'"{v}"' for k, v in STYLE[kind].items()}
        attrs["label"] = dot_string(label)
        attrs["tooltip"] = dot_string(label.replace("\\", "/"), width=10_000)
        if bold:
            attrs["penwidth"] = '"2.5"'
        if link_kind and ident:
            attrs["URL"] = f'"{html_url(page_path(link_kind, ident))}"'
            attrs["target"] = '"_top"'
        self.graph.add_node(pydot.Node(node_id, **attrs))

    def edge(self, source: str, target: str) -> None:
        self.graph.add_edge(pydot.Edge(self.nodes[source], self.nodes[target]))

    def diagram(self, engine: str | None = None) -> Diagram:
        chosen = engine or ("dot" if len(self.nodes) <= DOT_LIMIT else "sfdp")
        if chosen == "sfdp":
            self.graph.set("overlap", "prism")
            self.graph.set("outputorder", "edgesfirst")
        return Diagram(self.name, dot_text(self.graph), chosen)


def dot_text(graph: pydot.Dot) -> str:
    """DOT source of a graph whose attribute values are already quoted by this module.

    Equivalent to pydot's to_string() for our graphs, without re-checking the quoting of
    every value (the larger part of build time for small sites)."""

    def quoted(value: Any) -> str:
        text = str(value)
        if len(text) > 1 and text.startswith('"') and text.endswith('"'):
            return text
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def attrs(values: dict[str, Any]) -> str:
        return ", ".join(f"{key}={quoted(value)}" for key, value in values.items())

    lines = [f"digraph {graph.get_name()} {{"]
    lines += [f"{key}={quoted(value)};" for key, value in graph.get_attributes().items()]
    for node in graph.get_nodes():
        lines.append(f"{node.get_name()} [{attrs(node.get_attributes())}];")
    for edge in graph.get_edges():
        lines.append(f"{edge.get_source()} -> {edge.get_destination()};")
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- rendering ------------------------------------------------------------------------------


def render_all(diagrams: list[Diagram], cache_dir: Path | None, jobs: int = 2) -> dict[str, str]:
    """key → inline SVG for every diagram, from cache where possible."""
    if shutil.which("dot") is None:
        raise DiagramError(
            "Graphviz is niet geïnstalleerd (het programma 'dot' ontbreekt)",
            "Installeer het met scripts/setup, of met: apt-get install graphviz",
        )
    cleaned: dict[str, str] = {}
    todo: list[Diagram] = []
    for diagram in diagrams:
        cached = _read_cache(cache_dir, diagram)
        if cached is None:
            todo.append(diagram)
        else:
            cleaned[diagram.key] = cached
    batches: list[list[Diagram]] = []
    for engine in sorted({d.engine for d in todo}):
        same = [d for d in todo if d.engine == engine]
        # at most BATCH_SIZE a process: each batch has its own timeout, however many there are
        size = max(1, min(BATCH_SIZE, -(-len(same) // jobs)))
        batches += [same[i : i + size] for i in range(0, len(same), size)]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for batch, svgs in zip(batches, pool.map(_render_batch, batches), strict=True):
            for diagram, svg in zip(batch, svgs, strict=True):
                cleaned[diagram.key] = clean_svg(svg)
                _write_cache(cache_dir, diagram, cleaned[diagram.key])
    return {d.key: inline_svg(cleaned[d.key], d.key) for d in diagrams}


def _read_cache(cache_dir: Path | None, diagram: Diagram) -> str | None:
    """A cached SVG, or None when there is none or it is damaged (truncated, not ours)."""
    if cache_dir is None:
        return None
    try:
        svg = (cache_dir / f"{diagram.digest}.svg").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    whole = svg.startswith("<svg ") and svg.endswith("</svg>") and svg.count("<svg") == 1
    return svg if whole else None


def _write_cache(cache_dir: Path | None, diagram: Diagram, svg: str) -> None:
    """Write an entry whole, under a name of its own: concurrent builds share the cache.

    The cache only saves time: when it cannot be written (disk full, no permission) the build
    goes on without it."""
    if cache_dir is None:
        return
    tmp: str | None = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{diagram.digest}.", suffix=".tmp", dir=cache_dir)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(svg)
        os.replace(tmp, cache_dir / f"{diagram.digest}.svg")
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _render_batch(batch: list[Diagram]) -> list[str]:
    if not batch:
        return []
    engine = batch[0].engine
    source = "\n".join(d.dot for d in batch)
    try:
        done = subprocess.run(
            [engine, "-Tsvg"],
            input=source.encode(),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DiagramError(
            f"Graphviz ({engine}) deed er langer dan {TIMEOUT_SECONDS} seconden over voor "
            f"{len(batch)} schema('s), het eerste: {batch[0].key}"
        ) from None
    except OSError as error:
        raise DiagramError(
            f"Graphviz ({engine}) kon niet starten: {error.strerror or error}",
            "Kijk of Graphviz goed is geïnstalleerd: scripts/setup, of apt-get install graphviz",
        ) from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip()[:500] or f"exit {done.returncode}"
        raise DiagramError(f"Graphviz ({engine}) liep vast op {batch[0].key}...: {message}")
    svgs = re.split(r"(?=<\?xml )", done.stdout.decode("utf-8", errors="replace"))
    svgs = [s for s in svgs if s.strip()]
    if len(svgs) != len(batch):
        raise DiagramError(f"Graphviz gaf {len(svgs)} schema's terug in plaats van {len(batch)}")
    return svgs


_DROP = [
    re.compile(r"<\?xml.*?\?>", re.S),
    re.compile(r"<!DOCTYPE.*?>", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"<title>.*?</title>", re.S),  # node ids: noise for screen readers
]


_ID = re.compile(r'\bid="([^"]*)"')
_ID_REFERENCE = re.compile(r'(url\(#|href="#)([^")]*)')
_ID_PLACEHOLDER = "cimo-id-"
_PLACEHOLDER_USE = re.compile(r'(\bid="|url\(#|href="#)' + _ID_PLACEHOLDER)


def clean_svg(svg: str) -> str:
    """Inline-ready SVG that depends on the DOT text alone: no prolog or comments, scalable,
    ids numbered in document order, one block without blank lines."""
    for pattern in _DROP:
        svg = pattern.sub("", svg)
    svg = re.sub(r'<svg width="[^"]*" height="[^"]*"', '<svg class="cimo-svg"', svg, count=1)
    ids: dict[str, str] = {}
    svg = _ID.sub(lambda m: f'id="{ids.setdefault(m[1], f"{_ID_PLACEHOLDER}{len(ids)}")}"', svg)
    svg = _ID_REFERENCE.sub(lambda m: m[1] + ids.get(m[2], m[2]), svg)
    # Links keep xlink:href: Material's instant navigation rewrites every a[href], which
    # throws on SVG links.
    return "\n".join(line for line in svg.splitlines() if line.strip())


def inline_svg(svg: str, key: str) -> str:
    """A cleaned SVG made ready for its page: labelled with its key, ids unique on the page."""
    prefix = "d-" + re.sub(r"[^a-z0-9]+", "-", key.lower()) + "-"
    svg = _PLACEHOLDER_USE.sub(lambda m: m[1] + prefix, svg)
    # Labels stay legible: the diagram is never drawn smaller than its natural size (points as
    # CSS pixels, times 1.1 in the style sheet), so 12 pt labels are at least 13 px on screen.
    size = _VIEWBOX.search(svg)
    style = f' style="--cimo-w: {round(float(size[1]))}px"' if size else ""
    return svg.replace(
        "<svg ", f'<svg role="group" aria-label="Schema" data-key="{key}"{style} ', 1
    )


_VIEWBOX = re.compile(r'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) [0-9.]+"')
