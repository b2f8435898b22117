"""framing run / framing.runner: parameter checks before execution, fault injection,
run records and the HTML index (small throw-away notebooks, no corpus needed)."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from framing import runner
from framing.cli import main
from framing.errors import InputError, ParameterError


def make_notebook(path, body: str, params: str = 'n_boot = 10  # resamples\nseed = 0  # seed\nout_dir = ""  # figures\nlabel = "x"  # a custom parameter'):
    cell = new_code_cell(params)
    cell.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[cell, new_code_cell(body)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Three notebooks, the middle one fails; run once for the module."""
    tmp = tmp_path_factory.mktemp("batch")
    nbs = tmp / "nbs"
    nbs.mkdir()
    make_notebook(nbs / "01_ok.ipynb", "from pathlib import Path\n"
                  "Path(out_dir).mkdir(parents=True, exist_ok=True)\n"
                  "Path(out_dir, '01_x.txt').write_text(f'{n_boot} {label}')\nprint('<script>alert(1)</script>')")
    make_notebook(nbs / "02_fails.ipynb", "raise ValueError('injected failure')")
    make_notebook(nbs / "03_ok.ipynb", "print(n_boot * 2)")
    results = runner.run_notebooks(
        [str(p) for p in sorted(nbs.glob("*.ipynb"))], {"n_boot": 7, "label": "<b>y</b>"}, run="t1",
        results=tmp / "results", figures=tmp / "figures", progress=False,
    )
    return tmp, results


def test_one_failure_does_not_stop_the_others(batch):
    tmp, results = batch
    assert [(r.notebook, r.status) for r in results] == [("01_ok", "ok"), ("02_fails", "failed"), ("03_ok", "ok")]
    failed = results[1]
    assert "ValueError" in failed.error and "injected failure" in failed.error
    assert "\n" not in failed.error
    # the failed notebook is kept (with its error) for inspection; the others ran
    assert (tmp / "results" / "t1" / "02_fails.ipynb").exists()
    executed = nbformat.read(str(tmp / "results" / "t1" / "03_ok.ipynb"), as_version=4)
    assert executed.cells[-1].outputs[0]["text"].strip() == "14"


def test_parameters_reach_the_notebook_and_out_dir_defaults_to_figures_run(batch):
    tmp, _ = batch
    assert (tmp / "figures" / "t1" / "01_x.txt").read_text() == "7 <b>y</b>"


def test_run_record(batch):
    tmp, _ = batch
    record = json.loads((tmp / "results" / "t1" / "run.json").read_text())
    assert record["run"] == "t1"
    assert record["parameters"] == {"n_boot": 7, "label": "<b>y</b>"}
    assert record["versions"]["pandas"] and record["versions"]["papermill"]
    assert [n["status"] for n in record["notebooks"]] == ["ok", "failed", "ok"]
    # every notebook's file hash is recorded
    hashed = [k for k in record["inputs"] if k.endswith(".ipynb")]
    assert len(hashed) == 3 and all(len(record["inputs"][k]["sha256"]) == 64 for k in hashed)


def test_index_html_links_and_escapes(batch):
    tmp, _ = batch
    index = (tmp / "results" / "t1" / "index.html").read_text()
    assert "02_fails" in index and 'class="failed"' in index
    assert 'href="01_ok.html"' in index and 'href="03_ok.ipynb"' in index
    assert "<b>y</b>" not in index and "&lt;b&gt;y&lt;/b&gt;" in index  # parameter escaped
    # the executed notebook's HTML does not carry the printed script tag unescaped
    html = (tmp / "results" / "t1" / "01_ok.html").read_text()
    assert "<script>alert(1)</script>" not in html


def test_unknown_parameter_rejected_before_execution(tmp_path):
    nb = make_notebook(tmp_path / "01_x.ipynb", "open('ran', 'w').write('1')")
    with pytest.raises(ParameterError, match="nboot: unknown parameter"):
        runner.run_notebooks([str(nb)], {"nboot": 5}, results=tmp_path / "r", figures=tmp_path / "f", progress=False)
    assert not (tmp_path / "r").exists() and not (tmp_path / "ran").exists()


@pytest.mark.parametrize("params, message", [
    ({"n_boot": "many"}, "n_boot: expected a whole number"),
    ({"n_boot": -1}, "n_boot: must be >= 0"),
    ({"seed": 1.5}, "seed: expected a whole number"),
    ({"label": 3}, "label: expected str"),
])
def test_wrong_types_rejected(tmp_path, params, message):
    nb = make_notebook(tmp_path / "01_x.ipynb", "pass")
    with pytest.raises(ParameterError, match=message):
        runner.run_notebooks([str(nb)], params, results=tmp_path / "r", figures=tmp_path / "f", progress=False)


def test_cli_unknown_parameter_exit_2(tmp_path, capsys):
    nb = make_notebook(tmp_path / "01_x.ipynb", "pass")
    code = main(["run", str(nb), "-p", "colour", "red", "--results", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "colour: unknown parameter" in err and "Traceback" not in err


def test_cli_failure_exit_1_and_summary(tmp_path, capsys):
    ok = make_notebook(tmp_path / "01_ok.ipynb", "pass")
    bad = make_notebook(tmp_path / "02_bad.ipynb", "1/0")
    code = main(["run", str(ok), str(bad), "--run", "x", "--results", str(tmp_path / "r"),
                 "--figures", str(tmp_path / "f"), "--no-html"])
    out = capsys.readouterr().out
    assert code == 1
    assert "1 of 2 notebooks succeeded" in out and "ZeroDivisionError" in out


def test_matrix_file(tmp_path):
    nb = make_notebook(tmp_path / "01_x.ipynb", "print(label)")
    matrix = tmp_path / "batch.yaml"
    matrix.write_text("defaults: {n_boot: 3}\nruns:\n  - name: a\n    params: {label: one}\n  - {name: b, label: two}\n")
    specs = runner.load_matrix(matrix)
    assert [(s.name, s.params) for s in specs] == [("a", {"n_boot": 3, "label": "one"}), ("b", {"n_boot": 3, "label": "two"})]
    results = runner.run_notebooks([str(nb)], matrix=specs, results=tmp_path / "r", figures=tmp_path / "f",
                                   progress=False, html=False)
    assert [(r.run, r.status) for r in results] == [("a", "ok"), ("b", "ok")]
    out = nbformat.read(str(tmp_path / "r" / "b" / "01_x.ipynb"), as_version=4)
    assert out.cells[-1].outputs[0]["text"].strip() == "two"


@pytest.mark.parametrize("text, message", [
    ("runs: []\n", "needs 'runs:'"),
    ("runs: [1]\n", "run 1 is not a mapping"),
    ("runs:\n  - {params: {a: 1}, extra: 2}\n", "unknown key 'extra'"),
    ("runs: [\n", "not valid YAML"),
    ("!!python/object/apply:os.system ['echo hi']\n", "not valid YAML"),
])
def test_bad_matrix_files(tmp_path, text, message):
    path = tmp_path / "m.yaml"
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        runner.load_matrix(path)


def test_cli_values_parsed_as_yaml():
    assert runner.parse_cli_value("100") == 100
    assert runner.parse_cli_value("[pdf, png]") == ["pdf", "png"]
    assert runner.parse_cli_value("2025-01-31") == "2025-01-31"
    assert runner.parse_cli_value("") == ""
    assert runner.parse_cli_value("../shared/corpora/bbc-news") == "../shared/corpora/bbc-news"


def test_notebook_names(tmp_path):
    for name in ("01_a", "02_b"):
        make_notebook(tmp_path / f"{name}.ipynb", "pass")
    assert [p.stem for p in runner.list_notebooks(["2", "01_a"], folder=tmp_path)] == ["02_b", "01_a"]
    with pytest.raises(ParameterError, match="notebook '07' not found"):
        runner.list_notebooks(["07"], folder=tmp_path)


def test_input_hashes_of_a_folder_are_stable(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("x")
    (tmp_path / "c" / "b.txt").write_text("y")
    first = runner.input_hashes([tmp_path / "c"])
    assert first == runner.input_hashes([tmp_path / "c"])
    (tmp_path / "c" / "b.txt").write_text("z")
    assert runner.input_hashes([tmp_path / "c"])[str(tmp_path / "c")]["sha256"] != first[str(tmp_path / "c")]["sha256"]


def test_html_outputs_are_sanitised_but_tables_and_highlights_kept():
    nb = new_notebook(cells=[new_code_cell("x")])
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": '<table><tr><td onclick="x()">a<script>alert(1)</script><mark title="lex.cat">m</mark></td></tr></table>'
                     '<iframe src="x"></iframe><a href="javascript:alert(1)">l</a>',
        "application/javascript": "alert(1)"})]
    runner.sanitize_outputs(nb)
    html = nb.cells[0].outputs[0].data["text/html"]
    assert '<mark title="lex.cat">m</mark>' in html and "<td>" in html
    for bad in ("<script", "onclick", "<iframe", "javascript:"):
        assert bad not in html
    assert "application/javascript" not in nb.cells[0].outputs[0].data


def test_highlighted_quotes_escape_text_and_mark_words():
    import pandas as pd

    from framing.report import highlight_quotes

    text = 'We made <script>good</script> progress, not a great day'
    quotes = pd.DataFrame({"quote_id": ["d:q5"], "text": [text], "fragments": [[[5, 5 + len(text)]]],
                           "speaker": ["<b>X</b>"], "side": ["US"], "compound": [0.1]})
    matches = pd.DataFrame({"unit_id": ["d:q5"], "lexicon": ["lex"], "category": ["cat"], "start": [8], "end": [12]})
    html = highlight_quotes(quotes, matches).to_html()
    assert "<script>" not in html and "&lt;b&gt;X&lt;/b&gt;" in html
    assert '<mark class="frame" title="lex.cat">made</mark>' in html  # document offsets mapped into the quote
    assert '<mark class="pos" title="VADER +1.80 (lexicon +1.8)">progress</mark>' in html
    assert '<mark class="neg"' in html and ">great</mark>" in html  # negated by "not"
