"""Writing a file whole: a reader (the live preview's web server) sees the old or the new file,
never a half-written one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

# Read once, at import: mkstemp creates files only the owner may read, and the site must stay
# readable by a web server the way a plainly written file is.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomically(path: Path, data: bytes) -> None:
    """Write data to a temporary file in the same folder, then rename it over path."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
