"""Where things are: the project root, the bundled corpus, default output folders.

Notebooks resolve every path through here, so they run the same from JupyterLab
(working directory ``notebooks/``), from papermill, or from the project root.
"""

from __future__ import annotations

import os
from pathlib import Path

SEED_NAME = "000_a750b09d9d126d2a.txt"


def _looks_like_root(path: Path) -> bool:
    return (path / "pyproject.toml").is_file() and (path / "src" / "framing").is_dir()


def project_root(start: str | os.PathLike | None = None) -> Path:
    """The framing checkout: ``$FRAMING_ROOT``, else the first parent of ``start``
    (default: the working directory, then this package) holding pyproject.toml and
    src/framing. Falls back to the working directory for a non-editable install."""
    env = os.environ.get("FRAMING_ROOT")
    if env:
        return Path(env).resolve()
    candidates = [Path(start).resolve()] if start is not None else [Path.cwd().resolve(), Path(__file__).resolve()]
    for base in candidates:
        for parent in (base, *base.parents):
            if _looks_like_root(parent):
                return parent
    return Path.cwd().resolve()


def default_corpus() -> Path:
    """The bundled seed article, ``data/000_a750b09d9d126d2a.txt``."""
    return project_root() / "data" / SEED_NAME


def resolve(path: str | os.PathLike | None, *, default: Path | None = None) -> Path | None:
    """Resolve ``path`` against the project root unless it is absolute; ``None`` or
    ``""`` gives ``default``."""
    if path is None or str(path) == "":
        return default
    p = Path(path).expanduser()
    return p if p.is_absolute() else (project_root() / p)
