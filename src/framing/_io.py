"""Atomic file output: write to a temporary file beside the target, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterator


def _umask() -> int:
    """The process's umask: read from /proc where it can be (no change to the process state,
    so safe beside writer threads), else by setting and restoring it."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _temp_beside(path: Path, *, prefix: str, suffix: str) -> tuple[int, str]:
    """Create the folder of ``path`` and a temporary file in it; a folder that cannot be
    created or written is a user error (one line), not a traceback."""
    from .errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=path.parent)
        # mkstemp creates 0600; give the file the permissions open() would (0666 less the
        # umask), so tables and figures in a shared project folder stay readable by the group
        with contextlib.suppress(OSError, AttributeError):
            os.fchmod(fd, 0o666 & ~_umask())
        return fd, tmp
    except (FileExistsError, NotADirectoryError):
        raise InputError("cannot write here: part of the folder path is a file, not a folder; "
                         "choose another output path", source=path) from None
    except OSError as err:
        raise InputError(f"cannot write here ({err.strerror or err}); choose a writable folder for the output",
                         source=path) from None


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8", *,
                 fsync: bool = True) -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success rename it over ``path``.

    An exception (or Ctrl-C) inside the block leaves ``path`` as it was. ``fsync=False``
    skips flushing the file to the disk before the rename (still atomic against a killed
    process, not against a power cut): for files that are cheap to lose, such as timings.
    """
    path = Path(path)
    binary = "b" in mode
    fd, tmp = _temp_beside(path, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else "") as fh:
            yield fh
            fh.flush()
            if fsync:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path for writers that want a file name (pandas, matplotlib).

    The temporary file keeps the target's suffix so format detection works.
    """
    path = Path(path)
    fd, tmp = _temp_beside(path, prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}")
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_table(df, path: str | os.PathLike) -> Path:
    """Write a DataFrame atomically as .csv, .tsv, .jsonl or .parquet (by suffix)."""
    from .errors import ParameterError

    path = Path(path)
    suffix = path.suffix.lower()
    with atomic_path(path) as tmp:
        if suffix == ".csv":
            df.to_csv(tmp, index=False)
        elif suffix == ".tsv":
            df.to_csv(tmp, index=False, sep="\t")
        elif suffix in (".jsonl", ".ndjson"):
            df.to_json(tmp, orient="records", lines=True, date_format="iso", force_ascii=False)
        elif suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        else:
            raise ParameterError(f"unknown output format {suffix!r}; use .csv, .tsv, .jsonl or .parquet", source=path)
    return path
