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
        super().__init__(f"{len(self.problems)} problem(s) in content")


class BuildError(CimoError):
    """A build step failed for a reason other than content (Graphviz, MkDocs, disk)."""


class DiagramError(BuildError):
    """Graphviz is missing, failed or took too long; the message says which diagram."""


class SiteFolderError(CimoError):
    """The folder given as --site may not be replaced by a build; nothing was touched."""


_OS_REASONS = {
    errno.ENOSPC: ("no space left on device", "Free some disk space and try again."),
    errno.EDQUOT: ("disk quota exceeded", "Free some disk space and try again."),
    errno.EFBIG: ("a file grew past the file-size limit", "Raise the limit (ulimit -f)."),
    errno.EACCES: ("permission denied", "Check the permissions of that file or folder."),
    errno.EPERM: ("permission denied", "Check the permissions of that file or folder."),
    errno.EROFS: ("the disk is read-only", "Choose a folder on a writable disk."),
    errno.EADDRINUSE: ("the address is already in use", "Choose another port with --port."),
}


def os_failure(error: OSError) -> CimoError:
    """An OSError (disk full, no permission…) told in words, with the file it concerns."""
    if isinstance(error, shutil.Error) and error.args and isinstance(error.args[0], list):
        source, target, why = error.args[0][0]
        return CimoError(f"could not copy {source} to {target}: {why}")
    reason, hint = _OS_REASONS.get(
        error.errno or 0, ((error.strerror or str(error) or type(error).__name__).lower(), None)
    )
    where = error.filename2 or error.filename
    return CimoError(f"{reason} ({where})" if where else reason, hint)
