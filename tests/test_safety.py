"""Safe with untrusted files: no unsafe deserialisation, safe output file names, HTML
that never carries article text unescaped, notebook parameters passed as data."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.errors import FramingError
from framing.plots import figure_stem, safe_filename

ROOT = Path(__file__).resolve().parents[1]
EVIL_YAML = '!!python/object/apply:os.system ["touch {marker}"]\n'
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
SCRIPT = "<script>alert(1)</script>"


# --------------------------------------------------------------------------- deserialisation


def _python_sources() -> list[Path]:
    files = [*(ROOT / "src").rglob("*.py"), *(ROOT / "bench").glob("*.py"), *(ROOT / "notebooks").glob("*.py")]
    return [f for f in files if f.is_file()]


def test_no_unsafe_loading_or_evaluation_in_the_code():
    """YAML only through safe_load; no pickle, eval/exec, shell=True or os.system on user data."""
    pattern = re.compile(r"yaml\.(load|load_all|unsafe_load|full_load)\(|Loader=yaml\.(Loader|UnsafeLoader|FullLoader)|"
                         r"\bpickle\.loads?\(|(?<![\w.])eval\(|(?<![\w.])exec\(|shell\s*=\s*True|os\.system\(|"
                         r"pd\.read_pickle\(|allow_pickle\s*=\s*True")
    offenders = []
    for path in _python_sources():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


@pytest.mark.parametrize("loader", ["speakers", "lexicon", "params", "matrix"])
def test_python_tags_in_yaml_are_refused_not_executed(tmp_path, monkeypatch, loader):
    from framing import runner
    from framing.lexicon import load_lexicon
    from framing.speakers import load_speakers

    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "PWNED"
    path = tmp_path / "evil.yaml"
    path.write_text(EVIL_YAML.format(marker=marker), encoding="utf-8")
    load = {"speakers": load_speakers, "lexicon": load_lexicon, "params": runner.load_params_file,
            "matrix": runner.load_matrix}[loader]
    with pytest.raises(FramingError) as info:
        load(path)
    assert "evil.yaml" in str(info.value) and "\n" not in str(info.value)
    assert not marker.exists()


# --------------------------------------------------------------------------- file names

HOSTILE_NAMES = ["../../etc/passwd", "..", ".", "", "a/b\\c", "C:\\Windows\\x", "CON", "nul", "Com1.txt", "lpt9",
                 "aux.csv", " spaced  out ", "\u00c9lodie Ng-\u0141\u00f3d\u017a", "\u4e2d\u6587", "x" * 500, ".hidden",
                 "name\x00with\x00nul", "tab\tnew\nline", "<script>", "a:b*c?d\"e|f", "\u202egnp.exe", "~/home", "-rf"]


def _assert_safe(name: str) -> None:
    assert name and len(name) <= 80
    assert re.fullmatch(r"[A-Za-z0-9._-]+", name), name
    assert ".." not in name and not name.startswith((".", "-"))
    assert name.split(".")[0].upper() not in RESERVED


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_safe_filename_of_hostile_names(name):
    _assert_safe(safe_filename(name))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_safe_filename_of_any_text(name):
    _assert_safe(safe_filename(name))
    assert safe_filename(name) == safe_filename(name)


@pytest.mark.parametrize("parts", [("02", "../../evil"), ("speaker", "CON"), ("a/b", "..", "c\\d"), ("", "")])
def test_figure_stem_stays_in_its_folder(tmp_path, parts):
    stem = figure_stem(tmp_path / "figs", *parts)
    assert stem.parent == tmp_path / "figs"
    _assert_safe(stem.name)


def test_save_figure_sanitises_the_file_name(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from framing.plots import save_figure

    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    out = tmp_path / "figs"
    written = save_figure(fig, out / "CON:..\\x <b>", data=pd.DataFrame({"x": [0, 1]}), caption="c.",
                          formats=("svg",), close=False)
    written += save_figure(fig, figure_stem(out, "speaker", "../../etc/passwd"), data=pd.DataFrame({"x": [0, 1]}),
                           caption="c.", formats=("svg",))
    assert {p.parent for p in written} == {out}
    for p in written:
        _assert_safe(p.stem)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figs"]


# --------------------------------------------------------------------------- HTML


def _strip_marks(out: str) -> str:
    return re.sub(r'<mark(?: class="[^"<>]*")? title="[^"<>]*"(?: class="[^"<>]*")?>|</mark>', "", out)


@settings(max_examples=150, deadline=None)
@given(text=st.lists(st.sampled_from([*"<>&\"' abc/=\u201c\u201d\n", SCRIPT, "<img src=x onerror=alert(1)>", "&amp;"]),
                     max_size=40).map("".join),
       spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from(["a<b>", 'x" onmouseover="y', "t"])), max_size=5))
def test_highlight_spans_escape_everything_but_their_marks(text, spans):
    from framing.report import highlight_spans

    out = highlight_spans(text, spans)
    bare = _strip_marks(out)
    assert "<" not in bare and ">" not in bare
    assert html.unescape(bare) == text


@settings(max_examples=150, deadline=None)
@given(text=st.lists(st.sampled_from([*"<>&\"' /=\n", "war", "crisis", "not", SCRIPT]), max_size=60).map("".join))
def test_match_highlight_escapes_text(text):
    from framing.matching import highlight, match_lexicons

    units = pd.DataFrame({"doc_id": ["d"], "unit_id": ["d"], "unit": ["document"], "text": [text],
                          "fragments": [[[0, len(text)]]]})
    from framing.lexicon import Lexicon  # noqa: F401  (the matcher accepts a file or a name)

    matches = match_lexicons(units, ["news_frames"])
    out = highlight(text, matches)
    bare = _strip_marks(out)
    assert "<" not in bare and html.unescape(bare) == text


def test_quote_tables_escape_article_text():
    from framing.report import highlight_quotes

    quotes = pd.DataFrame({"doc_id": ["d"], "quote_id": ["d:q0"], "text": [f"We will {SCRIPT} win"],
                           "fragments": [[[0, 30]]], "speaker": ['<img src=x onerror="alert(1)">'], "side": ["x"],
                           "compound": [0.5]})
    matches = pd.DataFrame(columns=["doc_id", "unit_id", "lexicon", "category", "term", "match", "start", "end",
                                    "weight", "negated"])
    try:
        out = highlight_quotes(quotes, matches)
    except TypeError:
        pytest.skip("highlight_quotes has another signature")
    rendered = out.to_html() if hasattr(out, "to_html") else str(out)
    assert SCRIPT not in rendered and "<img" not in rendered


def test_sanitised_notebook_outputs_drop_scripts_and_handlers():
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from framing.runner import sanitize_outputs

    cell = new_code_cell("x")
    cell.outputs = [
        new_output("display_data", data={"text/html": f'<table><tr><td>{SCRIPT}<mark title="c">w</mark></td></tr></table>'
                                         '<img src=x onerror="alert(1)"><iframe src="http://evil"></iframe>'
                                         '<a href="javascript:alert(1)">x</a>',
                                         "application/javascript": "alert(1)"}),
    ]
    nb = new_notebook(cells=[cell])
    sanitize_outputs(nb)
    data = nb.cells[0].outputs[0]["data"]
    out = data["text/html"]
    assert "application/javascript" not in data
    assert "<script" not in out and "onerror" not in out and "<iframe" not in out and "javascript:" not in out
    assert "<table>" in out and '<mark title="c">w</mark>' in out
    nbformat.validate(nb)


def test_index_escapes_hostile_names_and_errors(tmp_path):
    from framing.report import render_index

    record = {"run": SCRIPT, "parameters": {"corpus": f"/data/{SCRIPT}", SCRIPT: 1}, "inputs": {}, "versions": {},
              "notebooks": [{"notebook": SCRIPT, "status": "failed", "error": f"ValueError: {SCRIPT}", "seconds": 1.0,
                             "output": "", "html": "", "run": "x", "parameters": {}}],
              "corpus_errors": [{"source": f"{SCRIPT}.txt", "reason": "binary file"}], "finished": "", "platform": ""}
    try:
        page = render_index(record, figures_dir=tmp_path, index_dir=tmp_path, results=None)
    except (KeyError, TypeError) as err:  # the record layout is the runner's; keep the test honest
        pytest.fail(f"render_index rejected a run record: {err!r}")
    assert SCRIPT not in page and "&lt;script&gt;" in page


# --------------------------------------------------------------------------- notebook parameters


def test_run_names_and_string_parameters_cannot_escape(tmp_path):
    """A run name with ../ stays inside results/; a string parameter holding code reaches the
    notebook as a string (papermill injects literals), after the type checks."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from framing import runner

    cell = new_code_cell('label = "x"  # a label')
    cell.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[cell, new_code_cell("open('label.txt', 'w').write(label)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "nbs" / "01_x.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, str(path))
    evil = "\"; import os; os.system('touch PWNED'); \""
    results = runner.run_notebooks([str(path)], {"label": evil}, run="../../escape", results=tmp_path / "results",
                                   figures=tmp_path / "figures", progress=False, html=False)
    assert [r.status for r in results] == ["ok"], results[0].error
    run_dir = Path(results[0].output).parent
    assert run_dir.parent == tmp_path / "results"
    _assert_safe(run_dir.name)
    assert (path.parent / "label.txt").read_text() == evil
    assert not list(tmp_path.rglob("PWNED")) and not (path.parent / "PWNED").exists()
    with pytest.raises(FramingError, match="label"):
        runner.run_notebooks([str(path)], {"label": ["not", "a", "string"]}, results=tmp_path / "r2",
                             figures=tmp_path / "f2", progress=False, html=False)
    assert not (tmp_path / "r2").exists()


# --------------------------------------------------------------------------- speaker tables

YAML_HOSTILE_NAMES = ["Anna: Brekke", "# not a comment", "- dash", "!!python/object:os.system", "'quoted'", '"dq"',
                      "yes", "null", "~", "12", "1e3", "a|b", "multi\nline", "tab\there", "\u00c9lodie Ng", "\u202eevil",
                      "key: value", "[list]", "{map}", "&anchor", "*alias", "%percent", "@at", "`tick`", "on", "NaN",
                      "O'Neill, Jr.", "x,y", "\ufeffbom", SCRIPT]


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".tsv"])
def test_speaker_tables_with_hostile_names_round_trip(tmp_path, suffix):
    """Names the extractor found in scraped text are written into an editable table and read
    back as the same strings (up to whitespace), never as YAML booleans, numbers or tags."""
    from framing.speakers import load_speakers, write_speakers

    names = YAML_HOSTILE_NAMES
    table = pd.DataFrame({"speaker": names, "aliases": [[f"{n} alias{i}"] for i, n in enumerate(names)],
                          "side": ["gov: left"] * len(names), "role": ["#1 spokesperson"] * len(names)})
    path = write_speakers(table, tmp_path / f"speakers{suffix}")
    back = load_speakers(path)
    norm = lambda s: " ".join(str(s).split())  # noqa: E731
    assert sorted(map(norm, back["speaker"])) == sorted(map(norm, names))
    assert all(isinstance(s, str) for s in back["speaker"])
    assert set(back["side"]) == {"gov: left"} and set(back["role"]) == {"#1 spokesperson"}
    by_name = {norm(s): [norm(a) for a in aliases] for s, aliases in zip(back["speaker"], back["aliases"])}
    for i, n in enumerate(names):
        if suffix != ".yaml" and "|" in n:  # CSV/TSV separate aliases with "|" (documented)
            continue
        assert norm(f"{n} alias{i}") in by_name[norm(n)]
