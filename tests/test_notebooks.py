"""The notebook suite: committed without outputs, one parameters cell of documented
literals, and it runs through papermill on the seed and on the multi-document
fixture corpus, writing every figure in every format, identically on rerun, with
values equal to what the package computes."""

from __future__ import annotations

import ast
import importlib
import json
import re
import zlib
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from framing import params as P
from framing import runner
from framing.paths import project_root

agg = importlib.import_module("framing.aggregate")

ROOT = project_root()
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MULTI = ROOT / "tests" / "fixtures" / "multi" / "corpus.jsonl"
N_BOOT = 50
FORMATS = ("pdf", "svg", "png", "csv", "txt")


# --------------------------------------------------------------------------- static checks


def notebook_problems(nb) -> list[str]:
    """What is wrong with a notebook as committed to git."""
    problems = []
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append("kernelspec is not python3")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            problems.append(f"cell {i} has outputs; clear them before committing")
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    if len(tagged) != 1:
        problems.append(f"{len(tagged)} cells tagged 'parameters' (want exactly 1)")
        return problems
    for line in tagged[0].source.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.fullmatch(r"(\w+): ([\w\[\]]+) = (.+?)  # ([^=]+)", line)
        if not m:
            problems.append(f"parameters line is not 'name: type = literal  # comment': {line!r}")
            continue
        try:
            ast.literal_eval(m.group(3))
        except (ValueError, SyntaxError):
            problems.append(f"parameter {m.group(1)} is not a literal")
    return problems


def test_checker_catches_outputs():
    nb = nbformat.read(str(NOTEBOOKS[0]), as_version=4)
    assert notebook_problems(nb) == []
    code = next(c for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", []))
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
    code.execution_count = 1
    assert any("has outputs" in p for p in notebook_problems(nb))


def test_suite_is_numbered():
    assert [p.stem for p in NOTEBOOKS] == ["01_corpus_overview", "02_sentiment_by_speaker", "03_framing_by_speaker",
                                          "04_how_speakers_are_framed", "05_validation"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebook_is_clean(path):
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    assert notebook_problems(nb) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_are_the_shared_ones_with_their_defaults(path):
    declared = runner.declared_parameters(path)
    for name, info in declared.items():
        assert name in P.PARAMS, f"{path.stem} declares {name}, unknown to framing.params"
        assert ast.literal_eval(info["default"]) == P.PARAMS[name].default, name
        assert info["help"], f"{name} has no comment"
    shared = [n for n, p in P.PARAMS.items() if not p.notebooks]
    assert set(shared) <= set(declared)
    nb = nbformat.read(str(path), as_version=4)
    i = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    # the cell is generated from framing/params.py (names, literals and help texts)
    assert nb.cells[i].source == P.parameters_cell(path.stem), "regenerate with framing.params.parameters_cell"
    assert "start(globals())" in nb.cells[i + 1].source  # the first code cell after the parameters checks them


# --------------------------------------------------------------------------- execution


def execute(tmp: Path, run: str, params: dict, notebooks=None, html: bool = False):
    results = runner.run_notebooks([str(p) for p in (notebooks or NOTEBOOKS)], {"n_boot": N_BOOT, **params}, run=run,
                                   results=tmp / "results", figures=tmp / "figures", progress=False, html=html)
    return results, tmp / "figures" / run


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seed")
    return (*execute(tmp, "seed", {}), tmp)


@pytest.fixture(scope="module")
def multi_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("multi")
    return (*execute(tmp, "multi", {"corpus": str(MULTI), "group_by": "outlet", "min_quotes": 1}, html=True), tmp)


def problems_in_outputs(path: Path) -> list[str]:
    nb = nbformat.read(str(path), as_version=4)
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                out.append(f"error: {o.get('ename')}: {o.get('evalue')}")
            if o.get("output_type") == "stream" and o.get("name") == "stderr":
                out.append(f"stderr: {o.get('text', '')[:300]}")
            text = o.get("text", "") if isinstance(o.get("text"), str) else ""
            if "Warning" in text:
                out.append(f"warning: {text[:300]}")
    return out


@pytest.mark.parametrize("which", ["seed_run", "multi_run"])
def test_every_notebook_runs_clean(request, which):
    results, _, _ = request.getfixturevalue(which)
    assert [(r.notebook, r.status, r.error) for r in results] == [(p.stem, "ok", "") for p in NOTEBOOKS]
    for r in results:
        assert problems_in_outputs(Path(r.output)) == [], r.notebook


def figure_stems(folder: Path) -> list[str]:
    return sorted({p.stem for p in folder.glob("*.pdf")})


@pytest.mark.parametrize("which", ["seed_run", "multi_run"])
def test_figures_in_every_format_with_fonts_and_width(request, which):
    _, figures, _ = request.getfixturevalue(which)
    stems = figure_stems(figures)
    for prefix in ("01", "02", "03", "04", "05"):
        assert any(s.startswith(prefix + "_") for s in stems), f"no figure from notebook {prefix}"
    for stem in stems:
        for fmt in FORMATS:
            assert (figures / f"{stem}.{fmt}").exists(), f"{stem}.{fmt}"
        raw = (figures / f"{stem}.pdf").read_bytes()
        streams = [raw] + [zlib.decompress(m.group(1)) for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S)
                           if m.group(1)[:1] == b"x"]
        assert not any(b"/Type3" in s for s in streams), stem
        assert any(b"/FontFile2" in s for s in streams), stem
        width = float(re.search(rb"/MediaBox \[\s*[\d.]+ [\d.]+ ([\d.]+)", raw).group(1))
        assert width in (252.0, 518.4), (stem, width)
        assert (figures / f"{stem}.txt").read_text().strip()


def test_seed_values(seed_run):
    _, figures, _ = seed_run
    top = pd.read_csv(figures / "01_top_speakers.csv")
    sides = dict(zip(top["speaker"], top["side"]))
    assert sides.get("Mike Pompeo") == "US"
    assert top["quotes"].is_monotonic_decreasing
    by_group = pd.read_csv(figures / "02_sentiment_by_group.csv")
    assert set(by_group["side"]) <= {"US", "DPRK", "unknown"} and "US" in set(by_group["side"])


@pytest.mark.parametrize("which, group_by", [("seed_run", "side"), ("multi_run", "outlet")])
def test_plotted_values_equal_the_package(request, which, group_by):
    _, figures, _ = request.getfixturevalue(which)
    corpus = "" if which == "seed_run" else str(MULTI)
    p = P.validate({**P.defaults([n for n, x in P.PARAMS.items() if not x.notebooks]), "corpus": corpus,
                    "group_by": group_by, "n_boot": N_BOOT})
    data = agg.prepare(p)
    cluster = P.PARAMS["cluster"].default  # the notebooks' default: intervals resample whole articles
    assert cluster == "doc_id"
    expected = agg.bootstrap_ci(data.units, "compound", group_by, n_boot=N_BOOT, seed=0, cluster=cluster)
    got = pd.read_csv(figures / "02_sentiment_by_group.csv", keep_default_na=False, na_values=[""])
    expected[group_by] = expected[group_by].astype(str)
    got[group_by] = got[group_by].astype(str)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False, rtol=1e-12)
    profile = pd.read_csv(figures / "03_frame_profile.csv")
    cats = agg.rate_columns(data.units, p["lexicons"])
    exp = agg.frame_profile(data.units, cats, group_by, n_boot=N_BOOT, seed=0, cluster=cluster)
    assert profile["rate"].tolist() == pytest.approx(exp["rate"].tolist())
    assert profile["lo"].fillna(-1).tolist() == pytest.approx(exp["lo"].fillna(-1).tolist())


def test_multi_has_two_outlets_and_sides(multi_run):
    _, figures, _ = multi_run
    by_outlet = pd.read_csv(figures / "02_sentiment_by_group.csv")
    assert sorted(by_outlet["outlet"]) == ["Harbor Tribune", "The Daily Ledger"]
    docs = pd.read_csv(figures / "01_documents_by_outlet.csv")
    assert docs["documents"].sum() == 10
    speakers = pd.read_csv(figures / "02_sentiment_by_speaker.csv")
    assert {"Veldora", "Kastria"} <= set(speakers["side"])
    assert (figures / "01_documents_over_time.pdf").exists()


def test_coding_sheet_written(multi_run):
    _, figures, _ = multi_run
    sheet = pd.read_csv(figures / "05_coding_sheet.csv", keep_default_na=False)
    assert len(sheet) > 0 and sheet["coder_tone"].eq("").all()
    assert sheet["context"].str.contains(r"\[\[").all()


def test_validation_scores_a_coded_sheet(multi_run, tmp_path):
    _, figures, _ = multi_run
    sheet = pd.read_csv(figures / "05_coding_sheet.csv", keep_default_na=False)
    sheet["coder_is_quote"] = "yes"
    sheet["coder_speaker"] = sheet["tool_speaker"]
    sheet["coder_tone"] = sheet["tool_tone"].replace("", "neutral")
    coded = tmp_path / "coded.csv"
    sheet.to_csv(coded, index=False)
    results, out = execute(tmp_path, "coded", {"corpus": str(MULTI), "coded_sheet": str(coded)}, [NOTEBOOKS[4]])
    assert results[0].status == "ok", results[0].error
    agreement = pd.read_csv(out / "05_agreement.csv").set_index("measure")
    assert agreement.loc["speaker", "agreement"] == 1.0


def test_rerun_gives_identical_bytes(seed_run, tmp_path):
    _, figures, _ = seed_run
    _, again = execute(tmp_path, "seed", {}, [NOTEBOOKS[1]])
    stems = [s for s in figure_stems(figures) if s.startswith("02_")]
    assert stems
    for stem in stems:
        for fmt in FORMATS:
            assert (again / f"{stem}.{fmt}").read_bytes() == (figures / f"{stem}.{fmt}").read_bytes(), f"{stem}.{fmt}"


def test_index_and_run_record(multi_run):
    results, figures, tmp = multi_run
    index = (tmp / "results" / "multi" / "index.html").read_text()
    for stem in figure_stems(figures):
        assert f'id="{stem}"' in index
    assert "<script>alert(1)</script>" not in index
    record = json.loads((tmp / "results" / "multi" / "run.json").read_text())
    assert record["parameters"]["group_by"] == "outlet"
    assert str(MULTI) in record["inputs"]
    html = (tmp / "results" / "multi" / "01_corpus_overview.html").read_text()
    assert "<script>alert(1)</script>" not in html


def test_document_units_grouped_by_outlet(tmp_path):
    results, out = execute(tmp_path, "docs", {"corpus": str(MULTI), "unit": "document", "group_by": "outlet"},
                           [NOTEBOOKS[1], NOTEBOOKS[2]])
    assert [(r.status, r.error) for r in results] == [("ok", "")] * 2
    by_outlet = pd.read_csv(out / "02_sentiment_by_group.csv")
    assert by_outlet["n"].sum() == 10  # one unit per document
    assert (out / "03_distinctive_words.pdf").exists()


def test_unknown_group_column_fails_with_a_clear_message():
    from framing.errors import ParameterError

    p = P.validate({**P.defaults([n for n, x in P.PARAMS.items() if not x.notebooks]), "corpus": str(MULTI),
                    "group_by": "party"})
    with pytest.raises(ParameterError, match="group_by: 'party' is not a column of the quote table; use one of: .*outlet"):
        agg.prepare(p)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_jupytext_pair_in_sync(path):
    """notebooks/NN_*.py (py:percent, for review in diffs) holds the same cells as the
    notebook; after editing one, run `jupytext --sync notebooks/*.ipynb`."""
    jupytext = pytest.importorskip("jupytext")
    pair = path.with_suffix(".py")
    assert pair.exists(), f"{pair.name} missing: run jupytext --sync {path}"
    nb = nbformat.read(str(path), as_version=4)
    text = jupytext.read(str(pair))

    def cells(n):
        return [(c.cell_type, c.source.strip(), sorted(c.metadata.get("tags", []))) for c in n.cells]

    assert cells(text) == cells(nb)


def test_fault_injection_bad_document_and_failing_notebook(tmp_path, capsys):
    """One corrupt document and one failing notebook: everything else completes and
    both are reported; the exit code says a notebook failed."""
    from framing.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text('Talks resume\n\n"We are ready for peace," Anna Brekke said.\n', encoding="utf-8")
    (corpus / "b.txt").write_text('Port reopens\n\n"It is a good day," Miro Dascal said.\n', encoding="utf-8")
    (corpus / "c.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    failing = tmp_path / "09_fails.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("raise RuntimeError('injected')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(failing))
    args = ["run", str(NOTEBOOKS[0]), str(failing), str(NOTEBOOKS[1]), "-p", "corpus", str(corpus), "-p", "n_boot", "20",
            "--results", str(tmp_path / "r"), "--figures", str(tmp_path / "f"), "--no-html"]
    code = main(args)
    captured = capsys.readouterr()
    assert code == 1
    assert "2 of 3 notebooks succeeded" in captured.out and "RuntimeError: injected" in captured.out
    assert "c.txt: binary file" in captured.err
    record = json.loads((tmp_path / "r" / "corpus" / "run.json").read_text())
    assert [e["source"].endswith("c.txt") for e in record["corpus_errors"]] == [True]
    summary = pd.read_csv(tmp_path / "f" / "corpus" / "01_top_speakers.csv")
    assert set(summary["speaker"]) == {"Anna Brekke", "Miro Dascal"}
    # without the failing notebook: complete but partial input -> exit code 3
    code = main([a for a in args if a not in (str(failing), str(NOTEBOOKS[1]))])
    assert code == 3
