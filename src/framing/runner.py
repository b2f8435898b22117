"""Batch execution of the notebook suite with papermill (``framing run``).

A *run* executes some notebooks with one parameter set: executed notebooks go to
``results/<run>/`` (plus an HTML rendering of each), figures to ``figures/<run>/``
(the notebooks' ``out_dir``), and the run is recorded in ``results/<run>/run.json``
(parameters, input file hashes, package versions, status and time of each notebook)
and ``results/<run>/index.html`` (every figure and notebook, for a co-author).

Before anything executes, every parameter name is checked against the parameters
the selected notebooks declare (papermill itself only warns) and every value
against :mod:`framing.params`; a matrix file runs several parameter sets. One
failing notebook does not stop the others: the summary lists it and the exit code
is 1.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from .errors import InputError, ParameterError

PACKAGES = ("framing", "pandas", "numpy", "matplotlib", "papermill", "nbconvert", "nbclient", "ipykernel",
            "vaderSentiment", "nltk", "pyarrow", "pyyaml", "tqdm")
PATH_PARAMS = ("corpus", "speakers", "coded_sheet", "out_dir")
SAFE_TAGS = ("a", "abbr", "b", "blockquote", "br", "caption", "code", "div", "em", "h1", "h2", "h3", "h4", "hr", "i",
             "li", "mark", "ol", "p", "pre", "small", "span", "strong", "style", "sub", "sup", "table", "tbody", "td",
             "tfoot", "th", "thead", "tr", "ul")
CORPUS_ERRORS = "corpus_errors.csv"  # written by the notebooks when corpus members were skipped


@dataclass
class NotebookResult:
    """The outcome of one notebook in one run."""

    run: str
    notebook: str
    status: str  # "ok" | "failed"
    seconds: float
    output: str  # executed notebook (.ipynb)
    html: str = ""
    error: str = ""  # one line
    parameters: dict = field(default_factory=dict)


class BatchResults(list):
    """The :class:`NotebookResult` of every notebook and run, plus ``corpus_errors``:
    ``{run: [{"source", "reason"}, ...]}`` for corpus members the notebooks skipped."""

    corpus_errors: dict
    seconds: float  # wall-clock time of the whole batch

    def __init__(self, *args):
        super().__init__(*args)
        self.corpus_errors = {}
        self.seconds = 0.0


@dataclass
class RunSpec:
    """One parameter set of a (matrix) batch."""

    name: str
    params: dict


# --------------------------------------------------------------------------- notebooks


def notebooks_dir() -> Path:
    from .paths import project_root

    return project_root() / "notebooks"


def list_notebooks(names: Sequence[str] | None = None, folder: str | os.PathLike | None = None) -> list[Path]:
    """The suite's notebooks (``NN_*.ipynb`` in reading order), or those named:
    a path, a file name, a stem (``02_sentiment_by_speaker``) or a number (``02``, ``2``)."""
    folder = Path(folder) if folder else notebooks_dir()
    suite = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
    if not names:
        if not suite:
            raise InputError("no notebooks NN_*.ipynb found", source=folder)
        return suite
    out = []
    for name in names:
        p = Path(name)
        if p.suffix == ".ipynb" and p.is_file():
            out.append(p.resolve())
            continue
        key = str(name).removesuffix(".ipynb")
        hits = [s for s in suite if s.stem == key or (key.isdigit() and s.stem.split("_", 1)[0] == f"{int(key):02d}")]
        if not hits:
            choices = ", ".join(s.stem for s in suite)
            raise ParameterError(f"notebook {name!r} not found; choose from: {choices}")
        out.extend(hits)
    return list(dict.fromkeys(out))


def declared_parameters(notebook: str | os.PathLike) -> dict:
    """The parameters a notebook declares in its cell tagged ``parameters``:
    ``{name: {"default": literal text, "type": inferred type, "help": comment}}``."""
    import papermill as pm

    try:
        found = pm.inspect_notebook(str(notebook))
    except Exception as err:  # papermill raises various errors for broken files
        raise InputError(f"cannot read the notebook's parameters ({err})", source=notebook) from None
    return {k: {"default": v.get("default"), "type": v.get("inferred_type_name"), "help": v.get("help", "")}
            for k, v in found.items()}


# --------------------------------------------------------------------------- parameter files


def _read_yaml(path: Path):
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", source=path) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text; save the file as UTF-8", source=path) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(f"not valid YAML ({getattr(err, 'problem', err)})", source=path,
                         line=mark.line + 1 if mark else None) from None


def _absolutise(params: dict, base: Path) -> dict:
    """Make relative path parameters absolute when they exist relative to ``base``
    (the working directory for -p, the YAML file's folder for -f/--matrix)."""
    out = dict(params)
    for name in PATH_PARAMS:
        v = out.get(name)
        if isinstance(v, str) and v and v.lower() not in ("auto", "none") and not Path(v).expanduser().is_absolute():
            candidate = (base / v).resolve()
            if candidate.exists() or name == "out_dir":
                out[name] = str(candidate)
    if isinstance(out.get("lexicons"), list):
        lex = []
        for v in out["lexicons"]:
            candidate = (base / v).resolve() if isinstance(v, str) and ("/" in v or "." in v) else None
            lex.append(str(candidate) if candidate is not None and candidate.exists() else v)
        out["lexicons"] = lex
    return out


def load_params_file(path: str | os.PathLike) -> dict:
    """Parameters from a YAML mapping (``name: value``), read with safe loading."""
    path = Path(path)
    data = _read_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("expected a mapping of parameter names to values", source=path)
    return _absolutise(data, path.parent)


def load_matrix(path: str | os.PathLike) -> list[RunSpec]:
    """Runs of a matrix file: YAML with optional ``defaults:`` (parameters shared by
    every run) and ``runs:`` (a list of ``{name: ..., params: {...}}`` or of plain
    parameter mappings, an optional ``name`` key naming the run)."""
    path = Path(path)
    data = _read_yaml(path)
    if isinstance(data, list):
        data = {"runs": data}
    if not isinstance(data, dict) or not isinstance(data.get("runs"), list) or not data["runs"]:
        raise InputError("a matrix file needs 'runs:' with a list of parameter sets", source=path)
    shared = data.get("defaults") or {}
    if not isinstance(shared, dict):
        raise InputError("'defaults:' must be a mapping of parameter names to values", source=path)
    unknown = set(data) - {"defaults", "runs"}
    if unknown:
        raise InputError(f"unknown key {sorted(unknown)[0]!r}; use 'defaults' and 'runs'", source=path)
    specs = []
    for i, entry in enumerate(data["runs"], start=1):
        if not isinstance(entry, dict):
            raise InputError(f"run {i} is not a mapping", source=path)
        entry = dict(entry)
        name = entry.pop("name", None)
        params = entry.pop("params", None)
        if params is None:
            params = entry
        elif entry:
            raise InputError(f"run {i}: unknown key {sorted(entry)[0]!r} next to 'params'", source=path)
        if not isinstance(params, dict):
            raise InputError(f"run {i}: 'params' must be a mapping", source=path)
        merged = _absolutise({**shared, **params}, path.parent)
        specs.append(RunSpec(name=str(name) if name else "", params=merged))
    return specs


def parse_cli_value(text: str):
    """A ``-p NAME VALUE`` value read as YAML (``100`` -> int, ``[pdf, png]`` -> list,
    ``2025-01-31`` -> text), else the text as given; an empty value is ``""``."""
    import datetime as dt

    import yaml

    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return text.strip()
    if isinstance(value, (int, float, str, list, dict, bool)):
        return value
    return text


# --------------------------------------------------------------------------- checks


def _check_declared(name: str, value, declared: dict, where: str) -> None:
    """A value of a parameter that :mod:`framing.params` does not know, against the
    type papermill infers from the notebook's default."""
    kind = declared.get("type")
    if kind in (None, "None"):  # no annotation: the type of the default literal
        import ast

        try:
            kind = type(ast.literal_eval(str(declared.get("default")))).__name__
        except (ValueError, SyntaxError):
            return
    types = {"int": int, "float": (int, float), "str": str, "bool": bool, "list": list, "dict": dict}
    expected = types.get(kind)
    if expected is not None and not isinstance(value, expected):
        raise ParameterError(f"{name}: expected {kind} (as declared in {where}), got {type(value).__name__} {value!r}")


def check_parameters(params: dict, notebooks: Sequence[Path], *, defaults: dict | None = None) -> dict[Path, dict]:
    """Check names and values before execution; return each notebook's parameters
    (only those it declares; ``defaults`` fill in names a notebook declares and
    ``params`` lacks). Unknown names and wrong types raise ParameterError."""
    from . import params as P

    declared = {nb: declared_parameters(nb) for nb in notebooks}
    union = set().union(*(d.keys() for d in declared.values())) if declared else set()
    for name in params:
        if name not in union:
            known = ", ".join(sorted(union)) or "none"
            raise ParameterError(f"{name}: unknown parameter (not declared by the selected notebooks); known: {known}")
    known = {k: v for k, v in params.items() if k in P.PARAMS}
    checked = P.check(known)
    P.validate(checked)  # paths exist, cross-parameter rules
    values = {**params, **checked}
    out = {}
    for nb, decl in declared.items():
        mine = {}
        for name, value in values.items():
            if name not in decl:
                continue
            if name not in P.PARAMS:
                _check_declared(name, value, decl[name], nb.name)
            mine[name] = value
        for name, value in (defaults or {}).items():
            if name in decl and name not in mine:
                mine[name] = value
        out[nb] = mine
    return out


# --------------------------------------------------------------------------- records


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def input_hashes(paths: Iterable[Path], *, max_files: int = 100_000) -> dict:
    """SHA-256 of each input file; a folder gets one combined hash over its files
    (relative path + content hash, sorted) and a file count."""
    out = {}
    for p in paths:
        if p is None:
            continue
        p = Path(p)
        if p.is_file():
            out[str(p)] = {"sha256": file_hash(p), "bytes": p.stat().st_size}
        elif p.is_dir():
            h = hashlib.sha256()
            files = sorted(f for f in p.rglob("*") if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts))[:max_files]
            for f in files:
                h.update(f.relative_to(p).as_posix().encode() + b"\0" + file_hash(f).encode() + b"\n")
            out[str(p)] = {"sha256": h.hexdigest(), "files": len(files)}
    return out


def package_versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def _one_line(err: BaseException) -> str:
    """A one-line description of a notebook failure (papermill's error names the cell)."""
    name = type(err).__name__
    ename = getattr(err, "ename", None)
    evalue = getattr(err, "evalue", None)
    if ename:
        text = f"{ename}: {evalue}"
        cell = getattr(err, "exec_count", None)
        return f"cell {cell}: {text}" if cell else text
    msg = " ".join(str(err).split())
    return f"{name}: {msg[:300]}"


# --------------------------------------------------------------------------- execution


def sanitize_outputs(nb) -> None:
    """Make a notebook's outputs safe to open in a browser, in place: HTML outputs
    keep tables, highlights and formatting (``SAFE_TAGS``) but lose scripts, event
    handlers, iframes and forms; JavaScript outputs are dropped. Outputs may quote
    scraped article text, so they are not trusted."""
    import bleach

    attributes = {"*": ["class", "id", "title"], "a": ["href", "title"], "th": ["colspan", "rowspan", "class", "id"],
                  "td": ["colspan", "rowspan", "class", "id"], "style": ["type"], "table": ["class", "id", "border"]}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data")
            if not data:
                continue
            for key in [k for k in data if "javascript" in k or k in ("text/vnd.plotly.v1+html",)]:
                del data[key]
            if "text/html" in data:
                html = data["text/html"]
                html = "".join(html) if isinstance(html, list) else html
                data["text/html"] = bleach.clean(html, tags=list(SAFE_TAGS), attributes=attributes,
                                                 protocols=["http", "https", "mailto"], strip=True, strip_comments=True)


def _render_html(ipynb: Path, html: Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    from ._io import atomic_write

    nb = nbformat.read(str(ipynb), as_version=4)
    sanitize_outputs(nb)
    exporter = HTMLExporter()
    body, _ = exporter.from_notebook_node(nb)
    with atomic_write(html) as fh:
        fh.write(body)


def _execute(nb: Path, params: dict, out_ipynb: Path, *, kernel: str, timeout: int | None, cwd: Path) -> tuple[str, str]:
    """Execute one notebook into ``out_ipynb`` (atomically). Returns (status, error)."""
    import papermill as pm

    from ._io import atomic_path

    out_ipynb.parent.mkdir(parents=True, exist_ok=True)
    status, error = "ok", ""
    with atomic_path(out_ipynb) as tmp:
        try:
            pm.execute_notebook(str(nb), str(tmp), parameters=params, kernel_name=kernel, progress_bar=False,
                                cwd=str(cwd), execution_timeout=timeout, log_output=False,
                                extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
        except KeyboardInterrupt:
            raise
        except BaseException as err:  # noqa: BLE001 - a failed notebook is reported, not raised
            status, error = "failed", _one_line(err)
            if not tmp.exists() or tmp.stat().st_size == 0:
                raise RuntimeError(error) from err
    return status, error


def run_notebooks(notebooks: Sequence[str] | None = None, params: dict | None = None, *,
                  matrix: Sequence[RunSpec] | None = None, run: str | None = None,
                  results: str | os.PathLike = "results", figures: str | os.PathLike = "figures",
                  jobs: int = 1, kernel: str = "python3", timeout: int | None = None,
                  progress: bool | None = None, html: bool = True, log=None) -> BatchResults:
    """Execute ``notebooks`` (default: the whole suite) once per parameter set.

    ``params`` apply to every run; ``matrix`` adds one run per :class:`RunSpec`
    (its parameters override ``params``). Run names: ``run`` (single run), the
    spec's name, or the corpus's :func:`framing.params.run_name`. ``results`` and
    ``figures`` are relative to the project root unless absolute. Every name and
    value is checked before the first notebook starts. Returns one
    :class:`NotebookResult` per notebook and run; failures do not raise.
    """
    from concurrent.futures import ThreadPoolExecutor

    from tqdm.auto import tqdm

    from . import params as P
    from .paths import resolve
    from .plots import safe_filename
    from .report import write_index

    if jobs < 1:
        raise ParameterError(f"--jobs: must be >= 1, got {jobs}")
    results_dir, figures_dir = resolve(results), resolve(figures)
    nbs = list_notebooks(notebooks)
    base = dict(params or {})
    specs = list(matrix) if matrix else [RunSpec(name=run or "", params={})]
    # 1. check everything first
    plans = []
    used = set()
    for spec in specs:
        merged = {**base, **spec.params}
        if spec.name:
            name = spec.name
        elif run and not matrix:
            name = run
        else:
            corpus = merged.get("corpus")
            name = P.run_name(resolve(corpus) if isinstance(corpus, str) and corpus else None)
        name = _unique(safe_filename(name), used)
        per_nb = check_parameters(merged, nbs, defaults={"out_dir": str(figures_dir / name)})
        plans.append((name, merged, per_nb))
    # 2. execute (a stale report of skipped corpus members would mislead)
    for _name, _merged, per_nb in plans:
        for out_dir in {v["out_dir"] for v in per_nb.values() if v.get("out_dir")}:
            stale = Path(out_dir) / CORPUS_ERRORS
            if stale.exists():
                stale.unlink()
    jobs_list = [(name, nb, per_nb[nb]) for name, _, per_nb in plans for nb in nbs]
    out = BatchResults()
    started = time.perf_counter()
    bar = tqdm(total=len(jobs_list), unit="notebook", disable=None if progress is None else not progress,
               file=sys.stderr, dynamic_ncols=True)

    def work(item):
        name, nb, nb_params = item
        out_ipynb = results_dir / name / nb.name
        t0 = time.perf_counter()
        try:
            status, error = _execute(nb, nb_params, out_ipynb, kernel=kernel, timeout=timeout, cwd=nb.parent)
        except KeyboardInterrupt:
            raise
        except BaseException as err:  # noqa: BLE001
            status, error = "failed", _one_line(err)
        html_path = ""
        if html and out_ipynb.exists():
            try:
                _render_html(out_ipynb, out_ipynb.with_suffix(".html"))
                html_path = str(out_ipynb.with_suffix(".html"))
            except Exception as err:  # noqa: BLE001 - rendering is a convenience
                error = error or f"HTML rendering failed: {_one_line(err)}"
        return NotebookResult(run=name, notebook=nb.stem, status=status, seconds=round(time.perf_counter() - t0, 2),
                              output=str(out_ipynb) if out_ipynb.exists() else "", html=html_path, error=error,
                              parameters=nb_params)

    try:
        if jobs == 1:
            for item in jobs_list:
                bar.set_postfix_str(f"{item[0]}/{item[1].stem}")
                res = work(item)
                out.append(res)
                bar.update()
                if res.status != "ok" and log:
                    log(f"{res.run}/{res.notebook}: failed: {res.error}")
        else:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                for res in pool.map(work, jobs_list):
                    out.append(res)
                    bar.update()
                    if res.status != "ok" and log:
                        log(f"{res.run}/{res.notebook}: failed: {res.error}")
    finally:
        bar.close()
        out.seconds = round(time.perf_counter() - started, 2)
    # 3. records
    for name, merged, _ in plans:
        mine = [r for r in out if r.run == name]
        if not mine:
            continue
        record = run_record(name, merged, nbs, mine, results_dir=results_dir, figures_dir=figures_dir / name)
        rdir = results_dir / name
        from ._io import atomic_write

        fig_dir = Path(merged.get("out_dir") or figures_dir / name)
        record["corpus_errors"] = corpus_errors(fig_dir)
        out.corpus_errors[name] = record["corpus_errors"]
        with atomic_write(rdir / "run.json") as fh:
            json.dump(record, fh, indent=2, sort_keys=True, default=str)
            fh.write("\n")
        if record["corpus_errors"] and log:
            log(f"{name}: {len(record['corpus_errors'])} corpus member(s) skipped (see {fig_dir / CORPUS_ERRORS}):")
            for e in record["corpus_errors"][:20]:
                log(f"  {e.get('source', '')}: {e.get('reason', '')}")
        write_index(rdir / "index.html", record, figures_dir=fig_dir, results=mine)
    return out


def corpus_errors(fig_dir: Path) -> list[dict]:
    """Corpus members the notebooks skipped (``source``, ``reason``), if any."""
    import pandas as pd

    path = Path(fig_dir) / CORPUS_ERRORS
    if not path.exists():
        return []
    return pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records")


def _unique(name: str, used: set) -> str:
    candidate, i = name, 2
    while candidate in used:
        candidate, i = f"{name}-{i}", i + 1
    used.add(candidate)
    return candidate


def run_record(name: str, params: dict, notebooks: Sequence[Path], results: Sequence[NotebookResult], *,
               results_dir: Path, figures_dir: Path) -> dict:
    """What ``run.json`` holds: parameters, input hashes, versions, outcomes."""
    from . import params as P

    resolved = P.validate({k: v for k, v in params.items() if k in P.PARAMS})
    inputs = [resolved.get("corpus"), resolved.get("speakers"), resolved.get("coded_sheet"), *notebooks]
    for lex in resolved.get("lexicons", []) or []:
        p = Path(lex)
        if p.is_absolute() and p.exists():
            inputs.append(p)
    return {
        "run": name,
        "parameters": {k: v for k, v in params.items()},
        "resolved": {k: (str(v) if isinstance(v, Path) else v) for k, v in resolved.items()},
        "inputs": input_hashes([Path(p) for p in inputs if p]),
        "versions": package_versions(),
        "platform": platform.platform(),
        "results_dir": str(results_dir / name),
        "figures_dir": str(figures_dir),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "notebooks": [asdict(r) for r in results],
    }


def summary(results: Sequence[NotebookResult]) -> str:
    """A plain-text summary table of a batch."""
    lines = []
    for r in results:
        lines.append(f"  {r.status:<6} {r.seconds:>7.1f}s  {r.run}/{r.notebook}" + (f"  {r.error}" if r.error else ""))
    ok = sum(r.status == "ok" for r in results)
    wall = getattr(results, "seconds", 0.0) or sum(r.seconds for r in results)
    lines.append(f"{ok} of {len(results)} notebooks succeeded in {wall:.1f}s")
    return "\n".join(lines)
