"""The notebook suite's parameters: names, types, defaults, allowed values.

Every notebook of the suite declares (a subset of) these names in its cell tagged
``parameters`` and calls :func:`validate` in the next cell; ``framing run`` calls
:func:`check` on ``-p``/``-f``/``--matrix`` values before any notebook starts, so
a wrong name or type fails at once with a one-line message naming the parameter.

Paths are resolved against the project root (:func:`framing.paths.resolve`), not
the working directory, so a notebook opened from ``notebooks/`` in JupyterLab
finds the same files as ``framing run`` from the project root.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, ParameterError

UNITS = ("quote", "sentence", "document")
STYLES = ("paper", "slides")
FORMATS = ("pdf", "svg", "png")
PERIODS = ("day", "week", "month", "quarter", "year")
#: group_by values that need speaker attribution (only meaningful for quote units)
SPEAKER_GROUPS = ("speaker", "side", "role")


@dataclass(frozen=True)
class Param:  # help texts must not contain "=" (papermill's parameter parser skips such lines)
    """One parameter: its kind (``str``, ``path``, ``int``, ``list``, ``choice``,
    ``date``), default, help text and constraints."""

    name: str
    kind: str
    default: Any
    help: str
    choices: tuple = ()
    minimum: int | None = None
    notebooks: tuple = field(default=())  # empty: shared by every notebook


PARAMS: dict[str, Param] = {
    p.name: p
    for p in [
        Param("corpus", "path", "", "corpus file or folder; '' for the bundled seed article (data/)"),
        Param("speakers", "path", "auto",
              "speaker table (YAML/CSV) giving side and role; 'auto': speakers.yaml beside the corpus "
              "(data/speakers.yaml for the seed); 'none': no table"),
        Param("lexicons", "list", ["news_frames"], "dictionaries to score with: bundled names or file paths"),
        Param("unit", "choice", "quote", "unit of analysis: quote, sentence or document", choices=UNITS),
        Param("group_by", "str", "side",
              "column to compare: speaker, side, outlet, section or any metadata column"),
        Param("min_quotes", "int", 1, "leave out groups with fewer units than this", minimum=1),
        Param("include_speakers", "list", [], "only these speakers (canonical names); [] for all"),
        Param("date_from", "date", "", "first date included (YYYY-MM-DD); '' for no limit"),
        Param("date_to", "date", "", "last date included (YYYY-MM-DD); '' for no limit"),
        Param("period", "choice", "month", "time bins of timelines: day, week, month, quarter, year", choices=PERIODS),
        Param("top_n", "int", 15, "how many speakers, words or quotes to show in rankings", minimum=1),
        Param("formats", "list", list(FORMATS), "figure formats to write: any of pdf, svg, png", choices=FORMATS),
        Param("out_dir", "path", "", "folder for figures and tables; '' for figures/<run name of the corpus>"),
        Param("style", "choice", "paper", "figure style: paper (3.5 in columns) or slides", choices=STYLES),
        Param("n_boot", "int", 2000, "bootstrap resamples for intervals (0: no intervals)", minimum=0),
        Param("cluster", "str", "doc_id",
              "intervals resample whole groups of this column (quotes of one article are not independent); "
              "'none' resamples single units",
              notebooks=("02_sentiment_by_speaker", "03_framing_by_speaker", "04_how_speakers_are_framed")),
        Param("seed", "int", 0, "random seed of bootstrap and samples", minimum=0),
        Param("sample_size", "int", 50, "quotes drawn for the coding sheet", minimum=1,
              notebooks=("05_validation",)),
        Param("coded_sheet", "path", "", "a filled-in coding sheet (CSV) to score agreement; '' for none",
              notebooks=("05_validation",)),
    ]
}


def defaults(names=None) -> dict:
    """The default value of each parameter (of ``names``, default all)."""
    names = list(PARAMS) if names is None else names
    return {n: PARAMS[n].default for n in names}


def _type_name(v) -> str:
    return type(v).__name__


def _coerce(p: Param, value):
    """Normalise ``value`` for parameter ``p`` or raise ParameterError."""
    name = p.name
    if p.kind in ("str", "path", "date", "choice"):
        if value is None:
            value = ""
        if isinstance(value, Path):
            value = str(value)
        if p.kind == "date" and isinstance(value, (_dt.date, _dt.datetime)):
            value = value.isoformat()[:10]
        if not isinstance(value, str):
            raise ParameterError(f"{name}: expected text, got {_type_name(value)} {value!r}; {p.help}")
        value = value.strip()
        if p.kind == "choice" and value not in p.choices:
            raise ParameterError(f"{name}: unknown value {value!r}; use one of {', '.join(p.choices)}")
        if p.kind == "date" and value:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ParameterError(f"{name}: {value!r} is not a date; write YYYY-MM-DD or ''")
            try:
                _dt.date.fromisoformat(value)
            except ValueError:
                raise ParameterError(f"{name}: {value!r} is not a valid date; write YYYY-MM-DD") from None
        if p.kind == "str" and not value:
            raise ParameterError(f"{name}: must not be empty; {p.help}")
        return value
    if p.kind == "int":
        if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParameterError(f"{name}: expected a whole number, got {_type_name(value)} {value!r}")
        if p.minimum is not None and value < p.minimum:
            raise ParameterError(f"{name}: must be >= {p.minimum}, got {value}")
        return value
    if p.kind == "list":
        if value is None or value == "":
            value = []
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, tuple):
            value = list(value)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ParameterError(f"{name}: expected a list of text values, got {value!r}")
        if p.choices:
            bad = [v for v in value if v not in p.choices]
            if bad:
                raise ParameterError(f"{name}: unknown value {bad[0]!r}; use any of {', '.join(p.choices)}")
            if not value:
                raise ParameterError(f"{name}: give at least one of {', '.join(p.choices)}")
        return list(dict.fromkeys(value))
    raise AssertionError(p.kind)  # pragma: no cover


def check(params: dict, *, allowed=None) -> dict:
    """Type-check ``params`` (names and values) without touching the file system.

    ``allowed``: the names a notebook declares (default: every known name).
    Returns the normalised values (lists as lists, ints as ints, dates as text).
    """
    names = set(PARAMS) if allowed is None else set(allowed)
    out = {}
    for name, value in params.items():
        if name not in PARAMS or name not in names:
            known = ", ".join(sorted(names & set(PARAMS))) or "none"
            raise ParameterError(f"{name}: unknown parameter; known parameters: {known}")
        out[name] = _coerce(PARAMS[name], value)
    if out.get("date_from") and out.get("date_to") and out["date_from"] > out["date_to"]:
        raise ParameterError(f"date_from: {out['date_from']} is after date_to {out['date_to']}")
    if out.get("unit", "quote") != "quote" and out.get("group_by") in SPEAKER_GROUPS:
        raise ParameterError(f"group_by: {out['group_by']!r} needs unit 'quote' (sentences and documents have no "
                             f"speaker); use outlet, section or another document column")
    return out


def run_name(corpus) -> str:
    """The default run name of a corpus: ``seed`` for the bundled seed, else the file
    or folder name (without suffix), made safe for a folder name."""
    from .paths import SEED_NAME
    from .plots import safe_filename

    if corpus in (None, ""):
        return "seed"
    p = Path(str(corpus))
    if p.name == SEED_NAME:
        return "seed"
    name = p.name if p.is_dir() or not p.suffix else p.stem
    return safe_filename(name or "corpus")


def _speaker_table(speakers: str, corpus: Path) -> Path | None:
    from .paths import resolve

    if speakers.lower() == "none":
        return None
    if speakers.lower() == "auto":
        here = corpus if corpus.is_dir() else corpus.parent
        for candidate in (here / "speakers.yaml", here / "speakers.yml", here / "speakers.csv"):
            if candidate.is_file():
                return candidate
        return None
    path = resolve(speakers)
    if not path.exists():
        raise InputError("speaker table not found; give a YAML/CSV path, 'auto' or 'none'", source=speakers)
    return path


def validate(params: dict, *, allowed=None) -> dict:
    """:func:`check` the parameters, then resolve paths from the project root.

    In the result ``corpus``, ``out_dir`` and ``coded_sheet`` are absolute
    ``Path`` objects (``coded_sheet`` None when empty), ``speakers`` a Path or
    None, ``cluster`` None for 'none', and ``run`` the run name. Missing inputs raise
    :class:`InputError`.
    """
    from .paths import default_corpus, project_root, resolve

    p = {**defaults([n for n in PARAMS if n in params]), **check(params, allowed=allowed)}
    if "corpus" in p:
        corpus = resolve(p["corpus"], default=default_corpus())
        if not corpus.exists():
            raise InputError("corpus not found; give a file or folder (relative to the project root) or '' "
                             "for the bundled seed", source=p["corpus"])
        p["corpus"] = corpus
        p["run"] = run_name(corpus)
        if "speakers" in p:
            p["speakers"] = _speaker_table(p["speakers"], corpus)
    if "out_dir" in p:
        p["out_dir"] = resolve(p["out_dir"], default=project_root() / "figures" / p.get("run", "notebook"))
    if "coded_sheet" in p:
        sheet = resolve(p["coded_sheet"])
        if sheet is not None and not sheet.is_file():
            raise InputError("coded sheet not found; give the CSV exported by 05_validation, filled in, or ''",
                             source=p["coded_sheet"])
        p["coded_sheet"] = sheet
    if "cluster" in p and p["cluster"].lower() == "none":
        p["cluster"] = None
    return p


CELL_HEADER = "# Parameters: papermill replaces these (framing run -p NAME VALUE); see docs/notebooks.md"
_CELL_TYPES = {"str": "str", "path": "str", "date": "str", "choice": "str", "int": "int", "list": "list[str]"}


def parameters_cell(notebook: str) -> str:
    """The text of the ``parameters`` cell of the suite notebook ``notebook`` (its stem),
    generated from :data:`PARAMS`: one ``name: type = literal  # help`` line each.

    papermill needs the literals in every notebook, so the cell is repeated in each;
    this is its one source, and a test keeps every notebook's cell equal to it.
    """
    lines = [CELL_HEADER]
    for p in PARAMS.values():
        if not p.notebooks or notebook in p.notebooks:
            lines.append(f"{p.name}: {_CELL_TYPES[p.kind]} = {p.default!r}  # {p.help}")
    return "\n".join(lines)


def describe() -> str:
    """A plain-text table of every parameter (name, default, help), for docs and --help."""
    lines = []
    for p in PARAMS.values():
        only = f" [only {', '.join(p.notebooks)}]" if p.notebooks else ""
        lines.append(f"  {p.name:<17} {p.default!r:<22} {p.help}{only}")
    return "\n".join(lines)


def start(namespace: dict) -> dict:
    """The first cell of every notebook after its parameters: :func:`validate` the suite
    parameters defined in ``namespace`` (the notebook's ``globals()``), apply the figure
    style, and print where the corpus, speaker table and figures are."""
    from .plots import use_style

    p = validate({name: namespace[name] for name in PARAMS if name in namespace})
    use_style(p.get("style", "paper"))
    print(f"corpus: {p.get('corpus')}\nspeakers: {p.get('speakers')}\nfigures: {p.get('out_dir')}")
    return p
