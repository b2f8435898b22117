"""Fault injection through the command line: partial corpora, --strict, half-written
outputs, byte-identical reruns and one-line user errors for every subcommand.

Complements test_corpus (loader-level bad members, `framing corpus` errors),
test_pipeline (process: errors table, kill-and-resume, identical store bytes) and
test_notebooks (`framing run` with a failing notebook and a corrupt document).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from framing.cli import main
from framing.corpus import MAX_BYTES

SPEAKERS = ["Anna Brekke", "Miro Dascal", "Lena Holt", "Omar Farouk", "Ines Varga", "Tomas Reiter"]


def article(i: int) -> str:
    speaker = SPEAKERS[i % len(SPEAKERS)]
    return (f"Talks on the border dispute, round {i}\n\n"
            f'"The conflict must end and the economy must recover," {speaker} said on Monday.\n\n'
            f"Officials met for talks number {i}, the {i}th in a long crisis.\n")


BAD = {  # name -> (bytes or size for a sparse oversized file, words expected in the report)
    "empty.txt": (b"", "empty file"),
    "binary.txt": (b"GIF89a\x00\x01\x00\x00" * 30, "binary file"),
    "undecodable.txt": (b"ab\x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d", "undecodable bytes"),
    "oversized.txt": (MAX_BYTES + 1, "file too large"),
}


@pytest.fixture(scope="module")
def partial(tmp_path_factory):
    """A folder corpus of 40 members, 4 of them (10%) bad, spread over two sections."""
    root = tmp_path_factory.mktemp("partial") / "corpus"
    for i in range(36):
        folder = root / ("world" if i % 2 else "politics")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:02d}.txt").write_text(article(i), encoding="utf-8")
    for k, (name, (content, _)) in enumerate(BAD.items()):
        path = root / ("world" if k % 2 else "politics") / f"zz_{name}"
        if isinstance(content, int):
            with open(path, "wb") as fh:
                fh.truncate(content)  # sparse: size is checked before reading
        else:
            path.write_bytes(content)
    lexicon = root.parent / "frames.yaml"
    lexicon.write_text("conflict: [conflict, dispute, crisis]\neconomy: [econom*]\n", encoding="utf-8")
    return root, lexicon


def _skipped_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("skipped ")]


def _assert_bad_members_named(err: str) -> None:
    lines = _skipped_lines(err)
    assert len(lines) == len(BAD), err
    for name, (_, reason) in BAD.items():
        assert [line for line in lines if f"zz_{name}: {reason}" in line], (name, err)


@pytest.mark.parametrize("command", ["corpus", "quotes", "score", "matches"])
def test_ten_percent_bad_members_every_good_document_and_each_bad_one_named(partial, command, tmp_path, capsys):
    root, lexicon = partial
    out = tmp_path / "out.parquet"
    extra = ["--lexicon", str(lexicon)] if command in ("score", "matches") else []
    assert main([command, str(root), *extra, "-o", str(out)]) == 3
    err = capsys.readouterr().err
    _assert_bad_members_named(err)
    assert "Traceback" not in err
    table = pd.read_parquet(out)
    expected = {f"{'world' if i % 2 else 'politics'}/{i:02d}.txt" for i in range(36)}
    assert set(table["doc_id"]) == expected
    if command == "quotes":
        assert len(table) == 36 and set(table["speaker"]) == set(SPEAKERS)
    if command == "matches":
        assert set(table["category"]) == {"conflict", "economy"}


def test_ten_percent_bad_members_through_process(partial, tmp_path, capsys):
    from framing.pipeline import open_store

    root, lexicon = partial
    store = tmp_path / "store"
    assert main(["process", str(root), "-o", str(store), "--lexicon", str(lexicon), "-j", "1", "--no-progress"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for name in BAD:
        assert f"zz_{name}" in err
    tables = open_store(store)
    assert len(tables.documents) == 36 and len(tables.quotes) == 36
    assert sorted(Path(s).name for s in tables.errors["source"]) == sorted(f"zz_{n}" for n in BAD)
    for name, (_, reason) in BAD.items():
        row = tables.errors[tables.errors["source"].str.endswith(f"zz_{name}")]
        assert row["reason"].str.contains(reason).all(), (name, row["reason"].tolist())


@pytest.mark.parametrize("command", ["corpus", "quotes", "score", "process"])
def test_strict_stops_at_the_first_bad_member_exit_2_and_writes_nothing(partial, command, tmp_path, capsys):
    root, lexicon = partial
    out = tmp_path / ("store" if command == "process" else "out.parquet")
    extra = ["--lexicon", str(lexicon)] if command in ("score", "process") else []
    extra += ["-j", "1", "--no-progress"] if command == "process" else []
    assert main([command, str(root), *extra, "-o", str(out), "--strict"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"framing {command}: error: ") and "zz_" in err[0]
    if command == "process":
        assert not (out / "documents.parquet").exists() and not (out / "manifest.json").exists()
    else:
        assert not out.exists()


def test_broken_rows_of_jsonl_and_csv_are_skipped_and_named(tmp_path, capsys):
    rows = [{"id": f"r{i}", "title": f"Round {i}", "text": article(i)} for i in range(5)]
    jsonl = tmp_path / "feed.jsonl"
    lines = [json.dumps(r) for r in rows]
    lines.insert(2, '{"id": "broken", "text": "no closing brace"')
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["quotes", str(jsonl), "-o", str(tmp_path / "q.csv")]) == 3
    err = capsys.readouterr().err
    assert f"skipped {jsonl}:3: malformed JSON line" in err
    assert sorted(pd.read_csv(tmp_path / "q.csv")["doc_id"]) == [f"r{i}" for i in range(5)]
    csv = tmp_path / "export.csv"
    frame = pd.DataFrame(rows)
    frame.loc[3, "text"] = ""
    frame.to_csv(csv, index=False)
    assert main(["score", str(csv), "--unit", "document", "-o", str(tmp_path / "s.parquet")]) == 3
    err = capsys.readouterr().err
    assert [line for line in _skipped_lines(err) if "export.csv:row 4" in line and "row without text" in line]
    assert sorted(pd.read_parquet(tmp_path / "s.parquet")["doc_id"]) == ["r0", "r1", "r2", "r4"]


def test_exit_codes_are_documented(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "3 partial success" in out and "2 bad input" in out
    for command in ("corpus", "quotes", "score", "process"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "--strict" in capsys.readouterr().out


# --------------------------------------------------------------------------- no half-written outputs


class Boom(RuntimeError):
    pass


@pytest.mark.parametrize("suffix, writer", [(".parquet", "to_parquet"), (".csv", "to_csv"), (".jsonl", "to_json")])
def test_failed_write_table_leaves_the_earlier_file_intact(tmp_path, monkeypatch, suffix, writer):
    from framing._io import write_table

    path = tmp_path / f"quotes{suffix}"
    write_table(pd.DataFrame({"a": [1, 2]}), path)
    before = path.read_bytes()
    real = getattr(pd.DataFrame, writer)

    def half_then_fail(self, target, *args, **kwargs):
        real(self.head(1), target, *args, **kwargs)  # a partial file exists, then the writer dies
        raise Boom("disk full")

    monkeypatch.setattr(pd.DataFrame, writer, half_then_fail)
    with pytest.raises(Boom):
        write_table(pd.DataFrame({"a": [3, 4, 5]}), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left


def test_interrupted_write_table_leaves_the_earlier_file_intact(tmp_path, monkeypatch):
    from framing._io import write_table

    path = tmp_path / "scores.csv"
    write_table(pd.DataFrame({"a": [1]}), path)
    monkeypatch.setattr(pd.DataFrame, "to_csv", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_table(pd.DataFrame({"a": [2]}), path)
    assert path.read_text() == "a\n1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["scores.csv"]


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_outputs_get_the_permissions_of_an_ordinary_file(tmp_path, umask):
    """Temporary files are created 0600; the renamed output must get 0666 less the umask."""
    import os

    from framing._io import atomic_path, atomic_write, write_table

    old = os.umask(umask)
    try:
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "t.csv")
        with atomic_write(tmp_path / "w.txt") as fh:
            fh.write("x")
        with atomic_path(tmp_path / "p.bin") as tmp:
            tmp.write_bytes(b"x")
    finally:
        os.umask(old)
    for name in ("t.csv", "w.txt", "p.bin"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~umask, name


def test_cli_failure_while_writing_keeps_the_earlier_output(tmp_path, monkeypatch, capsys):
    out = tmp_path / "quotes.parquet"
    seed = Path(__file__).resolve().parents[1] / "data" / "000_a750b09d9d126d2a.txt"
    assert main(["quotes", str(seed), "-o", str(out)]) == 0
    before = out.read_bytes()
    real = pd.DataFrame.to_parquet

    def fail(self, target, *args, **kwargs):
        real(self, target, *args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_parquet", fail)
    assert main(["quotes", str(seed), "-o", str(out)]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert out.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["quotes.parquet"]


def test_failed_save_figure_leaves_earlier_files_intact(tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from framing.plots import save_figure

    data = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})
    fig, ax = plt.subplots()
    ax.plot(data["x"], data["y"])
    written = save_figure(fig, tmp_path / "fig", data=data, caption="A line.", formats=("pdf", "png"), close=False)
    before = {p.name: p.read_bytes() for p in written}
    real = fig.savefig

    def fail_on_png(target, *args, **kwargs):
        if kwargs.get("format") == "png":
            Path(target).write_bytes(b"partial")
            raise Boom("renderer crashed")
        return real(target, *args, **kwargs)

    monkeypatch.setattr(fig, "savefig", fail_on_png)
    ax.plot(data["x"], data["x"])  # a changed figure
    with pytest.raises(Boom):
        save_figure(fig, tmp_path / "fig", data=data.assign(y=0), caption="Changed.", formats=("pdf", "png"))
    plt.close(fig)
    assert (tmp_path / "fig.png").read_bytes() == before["fig.png"]
    assert (tmp_path / "fig.csv").read_bytes() == before["fig.csv"]  # not yet rewritten when the png failed
    assert not [p for p in tmp_path.iterdir() if ".tmp" in p.name]


# --------------------------------------------------------------------------- reproducible


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("argv", [
    ["corpus"], ["quotes"], ["score", "--counts"], ["score", "--unit", "sentence", "--sentiment", "news"],
    ["matches", "--unit", "document"],
], ids=lambda a: "-".join(a))
@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_reruns_write_identical_bytes(partial, tmp_path, argv, suffix, capsys):
    root, lexicon = partial
    extra = ["--lexicon", str(lexicon)] if argv[0] in ("score", "matches") else []
    digests = []
    for k in range(2):
        out = tmp_path / f"run{k}{suffix}"
        assert main([*argv[:1], str(root), *argv[1:], *extra, "-o", str(out)]) == 3
        digests.append(_digest(out))
    capsys.readouterr()
    assert digests[0] == digests[1]


def test_every_random_draw_is_seeded_by_a_parameter():
    """No unseeded generator in the package: every default_rng/RandomState takes a seed, no
    global numpy/random state is used; same seed, same numbers; another seed, others."""
    import re

    import numpy as np

    from framing.aggregate import bootstrap_ci

    src = Path(__file__).resolve().parents[1] / "src" / "framing"
    offenders = []
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"default_rng\(\s*\)|RandomState\(\s*\)|np\.random\.(?!default_rng|Generator|SeedSequence)\w+\(|"
                             r"^\s*import random\b|^\s*from random import", text, re.M):
            offenders.append(f"{path.name}:{text[:m.start()].count(chr(10)) + 1}: {m.group(0).strip()}")
    assert offenders == []
    df = pd.DataFrame({"g": ["a"] * 30 + ["b"] * 30, "v": np.linspace(-1, 1, 60) ** 3})
    one, two = bootstrap_ci(df, "v", "g", n_boot=200, seed=7), bootstrap_ci(df, "v", "g", n_boot=200, seed=7)
    pd.testing.assert_frame_equal(one, two)
    assert not one[["lo", "hi"]].equals(bootstrap_ci(df, "v", "g", n_boot=200, seed=8)[["lo", "hi"]])


# --------------------------------------------------------------------------- clear messages


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad")
    good = tmp / "good.txt"
    good.write_text(article(0), encoding="utf-8")
    (tmp / "lex_bad.yaml").write_text("conflict: [war\n  economy: ]]\n", encoding="utf-8")
    (tmp / "lex_empty.yaml").write_text("conflict: []\n", encoding="utf-8")
    (tmp / "speakers_bad.yaml").write_text("Anna Brekke:\n  side: [oops\n", encoding="utf-8")
    (tmp / "speakers_bad.csv").write_text("nonsense,columns\n1,2\n", encoding="utf-8")
    (tmp / "evil.yaml").write_text('!!python/object/apply:os.system ["touch PWNED"]\n', encoding="utf-8")
    (tmp / "feed.xml").write_text("<rss/>", encoding="utf-8")
    return tmp


CASES = [  # (argv with {tmp}, words the one line must contain)
    (["corpus", "{tmp}/missing"], "missing: no such file or folder"),
    (["quotes", "{tmp}/missing.txt"], "missing.txt: no such file or folder"),
    (["score", "{tmp}/nothing/"], "no such file or folder"),
    (["matches", "{tmp}/missing.jsonl"], "missing.jsonl: no such file or folder"),
    (["speakers", "{tmp}/missing"], "missing: no such file or folder"),
    (["process", "{tmp}/missing", "-o", "{tmp}/store"], "missing: no such file or folder"),
    (["quotes", "{tmp}/good.txt", "-o", "{tmp}/out.xlsx"], "out.xlsx: unknown output format '.xlsx'"),
    (["score", "{tmp}/good.txt", "-o", "{tmp}/out.txt"], "unknown output format '.txt'"),
    (["corpus", "{tmp}/good.txt", "-o", "{tmp}/out.docx"], "unknown output format '.docx'"),
    (["quotes", "{tmp}/good.txt", "-o", "{tmp}/good.txt/q.csv"], "q.csv: cannot write here: part of the folder path is a file"),
    (["score", "{tmp}/good.txt", "-o", "/proc/framing/s.parquet"], "s.parquet: cannot write here"),
    (["score", "{tmp}/good.txt", "--lexicon", "{tmp}/lex_bad.yaml"], "lex_bad.yaml"),
    (["matches", "{tmp}/good.txt", "--lexicon", "no_such_lexicon"], "no_such_lexicon"),
    (["process", "{tmp}/good.txt", "-o", "{tmp}/store2", "--lexicon", "{tmp}/lex_bad.yaml"], "lex_bad.yaml"),
    (["score", "{tmp}/good.txt", "--lexicon", "{tmp}/evil.yaml"], "evil.yaml"),
    (["quotes", "{tmp}/good.txt", "--speakers", "{tmp}/speakers_bad.yaml"], "speakers_bad.yaml"),
    (["quotes", "{tmp}/good.txt", "--speakers", "{tmp}/speakers_bad.csv"], "speakers_bad.csv"),
    (["quotes", "{tmp}/good.txt", "--speakers", "{tmp}/evil.yaml"], "evil.yaml"),
    (["quotes", "{tmp}/good.txt", "--speakers", "{tmp}/missing.yaml"], "missing.yaml"),
    (["quotes", "{tmp}/feed.xml", "--format", "csv", "--text-col", "body"], "feed.xml"),
    (["lexicon", "show", "no_such_lexicon"], "no_such_lexicon"),
    (["lexicon", "check", "{tmp}/lex_bad.yaml"], "lex_bad.yaml"),
    (["run", "-p", "n_boot", "many", "--results", "{tmp}/r"], "n_boot"),
    (["run", "-p", "colour", "red", "--results", "{tmp}/r"], "colour: unknown parameter"),
    (["run", "-f", "{tmp}/evil.yaml", "--results", "{tmp}/r"], "evil.yaml"),
    (["run", "no_such_notebook", "--results", "{tmp}/r"], "no_such_notebook"),
    (["evaluate", "quotes", "--gold", "{tmp}/missing.json"], "missing.json"),
    (["evaluate", "quotes", "--gold", "{tmp}/good.txt"], "good.txt"),
]


@pytest.mark.parametrize("argv, expected", CASES, ids=[" ".join(a[:2]).replace("{tmp}/", "") for a, _ in CASES])
def test_user_errors_are_one_line_exit_2_no_traceback(bad_inputs, argv, expected, capsys):
    argv = [a.format(tmp=bad_inputs) for a in argv]
    code = main(argv)
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert code == 2, (argv, captured.err)
    assert "Traceback" not in captured.err
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"framing {argv[0]}: error: ") and expected in lines[0], lines[0]
    assert not (bad_inputs / "PWNED").exists() and not Path("PWNED").exists()


@pytest.mark.parametrize("argv, expected", [
    (["quotes", "--frobnicate"], "unrecognized arguments: --frobnicate"),
    (["score", "--unit", "paragraph"], "argument --unit: invalid choice: 'paragraph'"),
    (["corpus", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
    (["process", "x"], "the following arguments are required: -o/--output/--store"),
])
def test_usage_errors_are_one_line_exit_2(argv, expected, capsys):
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"framing {argv[0]}: error: {expected}"), lines
    assert lines[0].endswith(f"see 'framing {argv[0]} --help'"), lines


def test_nested_subcommand_usage_error_is_one_line(capsys):
    code = main(["evaluate", "quotes"])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and lines == [
        "framing evaluate: error: the following arguments are required: --gold; see 'framing evaluate quotes --help'"
    ], lines


def test_debug_shows_the_traceback(bad_inputs):
    from framing.errors import InputError

    with pytest.raises(InputError, match="no such file or folder"):
        main(["quotes", str(bad_inputs / "missing.txt"), "--debug"])
