"""Execute the notebook suite with papermill.

Executed notebooks (and an HTML rendering of each) go to results/<run>/, figures to
figures/<run>/, with run.json (parameters, input hashes, package versions) and an
index.html linking every figure and notebook. The run name defaults to the corpus
name ("seed" for the bundled article). Parameter names are checked against what the
notebooks declare and values against framing.params before anything runs.
One failing notebook does not stop the others. Exit code: 0 all ran; 1 a notebook
failed; 2 a bad parameter or input (nothing ran); 3 all ran but bad corpus members
were skipped (each named in the summary and in run.json).

Examples:
  framing run                                     # whole suite on the bundled seed
  framing run 02 03 -p n_boot 500 -p group_by side
  framing run -p corpus ../shared/corpora/bbc-news -p group_by section
  framing run -f params.yaml --run pilot
  framing run --matrix batch.yaml --jobs 2

A matrix file (YAML):
  defaults: {n_boot: 1000}
  runs:
    - name: seed
      params: {corpus: ""}
    - name: bbc
      params: {corpus: ../shared/corpora/bbc-news, group_by: section}

'framing run --list-params' prints every parameter with its default.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notebooks", nargs="*", metavar="NOTEBOOK",
                        help="notebooks to run: number (02), stem or path; default all of notebooks/NN_*.ipynb")
    parser.add_argument("-p", "--param", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a parameter (value read as YAML: 100, [pdf, png], text)")
    parser.add_argument("-f", "--params-file", action="append", default=[], metavar="YAML",
                        help="parameters from a YAML mapping (later files and -p override)")
    parser.add_argument("--matrix", metavar="YAML", help="run the suite once per parameter set of this file")
    parser.add_argument("--run", metavar="NAME", help="run name (default: derived from the corpus, e.g. 'seed')")
    parser.add_argument("--results", default="results", metavar="DIR",
                        help="folder for executed notebooks (default: results/ under the project root)")
    parser.add_argument("--figures", default="figures", metavar="DIR",
                        help="folder for figures (default: figures/ under the project root)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="notebooks executed at once (default 1)")
    parser.add_argument("--timeout", type=int, default=None, metavar="S", help="per-cell timeout in seconds")
    parser.add_argument("--no-html", action="store_true", help="do not render executed notebooks as HTML")
    parser.add_argument("--list-params", action="store_true", help="print every suite parameter and exit")


def run(args) -> int:
    import sys
    from pathlib import Path

    from .. import params as P
    from .. import runner
    from ..errors import ParameterError
    from ..paths import resolve

    if args.list_params:
        print("Parameters of the notebook suite (name, default, meaning):")
        print(P.describe())
        return 0
    values: dict = {}
    for f in args.params_file:
        values.update(runner.load_params_file(f))
    cli = {}
    for name, text in args.param:
        if name in cli:
            raise ParameterError(f"{name}: given twice with -p")
        cli[name] = runner.parse_cli_value(text)
    values.update(runner._absolutise(cli, Path.cwd()))
    matrix = runner.load_matrix(args.matrix) if args.matrix else None
    if matrix and args.run:
        raise ParameterError("--run: cannot name the run of a matrix; name each run in the matrix file")

    def out_path(p: str, default: str) -> str:
        """Defaults live under the project root; a folder the user names is relative to the working directory."""
        return str(resolve(p)) if p == default else str((Path.cwd() / Path(p).expanduser()).resolve())

    results = runner.run_notebooks(
        args.notebooks or None, values, matrix=matrix, run=args.run,
        results=out_path(args.results, "results"), figures=out_path(args.figures, "figures"), jobs=args.jobs,
        timeout=args.timeout, html=not args.no_html,
        log=lambda msg: print(msg, file=sys.stderr),
    )
    print(runner.summary(results))
    runs = dict.fromkeys(r.run for r in results)
    results_dir = Path(out_path(args.results, "results"))
    for name in runs:
        print(f"index: {results_dir / name / 'index.html'}")
    if not all(r.status == "ok" for r in results):
        return 1
    skipped = sum(len(v) for v in results.corpus_errors.values())
    if skipped:
        print(f"{skipped} corpus member(s) were skipped (listed above and in run.json); exit code 3 (partial success)")
        return 3
    return 0
