"""The one error hierarchy: every failure a user can cause or meet ends in one of these.

The CLI catches CimoError and prints it; nothing below it prints or exits.
"""

from __future__ import annotations

import errno
import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cimo.problems import Problem


class CimoError(Exception):
    """A failure told in words: what went wrong, and optionally what to do about it."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def format(self) -> str:
        return f"{self.message}\n  {self.hint}" if self.hint else self.message


class ContentError(CimoError):
    """Raised by a stage when content has errors; carries all of them, with their locations."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} probleem/problemen in de inhoud")


class BuildError(CimoError):
    """A build step failed for a reason other than content (Graphviz, MkDocs, disk)."""


class DiagramError(BuildError):
    """Graphviz is missing, failed or took too long; the message says which diagram."""


class SiteFolderError(CimoError):
    """The folder given as --site may not be replaced by a build; nothing was touched."""


_OS_REASONS = {
    errno.ENOSPC: ("de schijf is vol", "Maak ruimte vrij op de schijf en probeer het opnieuw."),
    errno.EDQUOT: (
        "uw schijfruimte is op",
        "Maak ruimte vrij op de schijf en probeer het opnieuw.",
    ),
    errno.EFBIG: ("een bestand werd groter dan is toegestaan", "Verhoog de grens (ulimit -f)."),
    errno.EACCES: ("geen toestemming", "Controleer de rechten van dat bestand of die map."),
    errno.EPERM: ("geen toestemming", "Controleer de rechten van dat bestand of die map."),
    errno.EROFS: (
        "de schijf is alleen-lezen",
        "Kies een map op een schijf waarop u kunt schrijven.",
    ),
    errno.EADDRINUSE: ("de poort is al in gebruik", "Kies een andere poort met --port."),
}


def os_failure(error: OSError) -> CimoError:
    """An OSError (disk full, no permission…) told in words, with the file it concerns."""
    if isinstance(error, shutil.Error) and error.args and isinstance(error.args[0], list):
        source, target, why = error.args[0][0]
        return CimoError(f"kon {source} niet kopiëren naar {target}: {why}")
    reason, hint = _OS_REASONS.get(
        error.errno or 0, ((error.strerror or str(error) or type(error).__name__).lower(), None)
    )
    where = error.filename2 or error.filename
    return CimoError(f"{reason} ({where})" if where else reason, hint)
