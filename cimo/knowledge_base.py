"""The one way in: validate → link → graph checks, for every caller (CLI, build, preview, bench).

MkDocs' lesson: first gather and check all data from all files, then render.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cimo.content_set import ContentSet
from cimo.graph import KnowledgeBase, graph_warnings, link
from cimo.problems import ContentError, Problem
from cimo.validate import validate_content


@dataclass(frozen=True)
class LoadedKnowledgeBase:
    """A valid, linked knowledge base, where each record was written, and its warnings."""

    kb: KnowledgeBase
    content: ContentSet
    warnings: list[Problem]


def check_knowledge_base(
    content_dir: Path, cache_dir: Path | None = None
) -> tuple[ContentSet, list[Problem]]:
    """All content with every problem found: its errors, or when there are none, its warnings.

    cache_dir: the records cache (`.cimo-cache/records/`), as for load_knowledge_base."""
    content, problems = validate_content(content_dir, cache_dir)
    if problems:
        return content, problems
    return content, graph_warnings(link(content), content)


def load_knowledge_base(
    content_dir: Path, strict: bool = False, cache_dir: Path | None = None
) -> LoadedKnowledgeBase:
    """Load, validate and link all content; raise ContentError with every problem found.

    Warnings (dead ends in the CIMO reasoning) are returned, or raised when `strict`. With a
    cache_dir (`.cimo-cache/records/`), files unchanged since they were last read come from
    that cache instead of being parsed and validated again: only faster, never different.
    """
    content, problems = validate_content(content_dir, cache_dir)
    if problems:
        raise ContentError(problems)
    kb = link(content)
    warnings = graph_warnings(kb, content)
    if strict and warnings:
        raise ContentError(warnings)
    return LoadedKnowledgeBase(kb, content, warnings)
