"""Errors a user can cause, reported as one line without a traceback."""

from __future__ import annotations

from pathlib import Path


class FramingError(Exception):
    """A user-facing error: bad input, bad parameter, missing file.

    The CLI prints ``str(err)`` as one line and exits with ``exit_code``.
    Build messages as ``<where>: <what is wrong>; <what to do>``.
    """

    exit_code = 2

    def __init__(self, message: str, *, source: str | Path | None = None, line: int | None = None):
        self.source = str(source) if source is not None else None
        self.line = line
        where = ""
        if self.source is not None:
            where = self.source if line is None else f"{self.source}:{line}"
            where += ": "
        super().__init__(f"{where}{message}")


class InputError(FramingError):
    """A corpus, table or dictionary file that cannot be read as asked."""


class ParameterError(FramingError):
    """An unknown parameter name or a value of the wrong type or range."""
