"""Corpus loading: every input format, metadata, encodings, bad members, chunks, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.corpus import DOC_COLUMNS, corpus_summary, iter_documents, load_corpus, read_text_file
from framing.errors import InputError, ParameterError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "000_a750b09d9d126d2a.txt"
FIX = ROOT / "tests" / "fixtures" / "corpora"


# --------------------------------------------------------------------------- the seed


def test_seed_article():
    df = load_corpus(SEED)
    assert list(df.columns) == DOC_COLUMNS
    assert len(df) == 1
    row = df.iloc[0]
    assert row["doc_id"] == "000_a750b09d9d126d2a.txt"
    assert row["title"] == "North Korea: US is making 'gangster-like' demands on denuclearisation"
    assert row["text"] == SEED.read_bytes().decode("utf-8")
    assert row["text"].startswith(row["title"] + "\n\n\n")
    assert row["encoding"] == "utf-8"
    assert row["source"] == str(SEED)
    assert row["outlet"] == row["url"] == row["section"] == ""
    assert pd.isna(row["date"]) and df["date"].dtype == "datetime64[ns]"
    assert [list(x) for x in row["excluded"]] == [[1924, 2012, "link"], [2013, 2082, "link"], [2083, 2167, "link"]]
    assert df.attrs == {"errors": [], "warnings": [], "ignored": []}
    assert framing.load_corpus is load_corpus


# --------------------------------------------------------------------------- folders


def test_folder_corpus_with_sidecar_metadata():
    df = load_corpus(FIX / "folder")
    assert df["doc_id"].tolist() == ["politics/budget.txt", "politics/veto.txt", "sport/cup.txt", "top.txt"]
    assert df["section"].tolist() == ["politics", "politics", "sport", ""]
    assert df["title"].tolist() == ["Senate passes budget after long night", "Governor vetoes tax bill",
                                    "Rovers win the cup", "Weather warning issued"]
    assert df["outlet"].tolist() == ["Daily Ledger", "Evening Post", "Daily Ledger", ""]
    assert df["url"].tolist() == ["https://example.org/budget", "https://example.org/veto", "", ""]
    assert df["date"].tolist()[:2] == [pd.Timestamp("2024-03-05"), pd.Timestamp("2024-03-06 18:30")]
    assert df["date"].isna().tolist() == [False, False, True, True]
    assert df["author"].tolist()[:3] == ["A. Writer", "", "B. Reporter"]
    assert df["source"].tolist()[0] == str(FIX / "folder" / "politics" / "budget.txt")
    assert df.attrs["errors"] == []
    assert df.attrs["ignored"] == ["notes.md"]  # hidden files and metadata.csv are not listed
    assert df.attrs["warnings"] == [{"source": str(FIX / "folder" / "sport" / "cup.txt"),
                                     "reason": "unparseable date 'not a date' (set to NaT)"}]
    budget = df.loc[0]
    (s, e, reason), = budget["excluded"]
    assert budget["text"][s:e] == "More news: Markets rally after vote" and reason == "link"
    (s, e, reason), = df.loc[3, "excluded"]
    assert df.loc[3, "text"][s:e] == "Follow us on Twitter for updates" and reason == "follow"


def test_metadata_argument_path_and_dict(tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("doc_id,outlet,stance\nsport/cup.txt,Sport Weekly,neutral\n", encoding="utf-8")
    df = load_corpus(FIX / "folder", metadata=meta)
    assert df["outlet"].tolist() == ["", "", "Sport Weekly", ""]
    assert df["stance"].tolist()[2] == "neutral"
    assert df.attrs["warnings"] == []
    df = load_corpus(FIX / "folder", metadata={"top.txt": {"outlet": "Weather Desk", "date": "2024-01-02"}})
    assert df.loc[3, "outlet"] == "Weather Desk" and df.loc[3, "date"] == pd.Timestamp("2024-01-02")
    with pytest.raises(InputError, match="must be a mapping"):
        load_corpus(FIX / "folder", metadata={"top.txt": "Weather Desk"})
    bad = tmp_path / "nokey.csv"
    bad.write_text("outlet\nX\n", encoding="utf-8")
    with pytest.raises(InputError, match="key column"):
        load_corpus(FIX / "folder", metadata=bad)
    unused = tmp_path / "unused.csv"
    unused.write_text("file,outlet\nnothere.txt,X\n", encoding="utf-8")
    df = load_corpus(FIX / "folder", metadata=unused)
    assert df.attrs["warnings"][-1]["reason"].startswith("1 metadata row(s) match no document")


def test_folder_single_file_and_nested_sections(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("Deep title\n\nDeep body.", encoding="utf-8")
    (tmp_path / "y.TXT").write_text("Plain body without a title line. It goes on.\n", encoding="utf-8")
    df = load_corpus(tmp_path)
    assert df["doc_id"].tolist() == ["a/b/x.txt", "y.TXT"]
    assert df["section"].tolist() == ["a/b", ""]
    assert df["title"].tolist() == ["Deep title", ""]
    one = load_corpus(tmp_path / "a" / "b" / "x.txt")
    assert one["doc_id"].tolist() == ["x.txt"] and one["section"].tolist() == [""]


# --------------------------------------------------------------------------- tables


def test_csv_text_is_the_cell_exactly():
    df = load_corpus(FIX / "tables" / "docs.csv")
    assert df["doc_id"].tolist() == ["d1", "d2", "d3"]
    assert df.loc[0, "text"] == 'The Senate passed the budget. "It was long," she said.'
    assert df.loc[1, "text"] == "Gov. Ray Smith vetoed the bill.\n\nHe said it cost too much."
    assert df["title"].tolist() == ["Budget passes", "Veto", "Cup final"]
    assert df["outlet"].tolist() == ["Daily Ledger", "Evening Post", "Daily Ledger"]
    assert df["author"].tolist() == ["A. Writer", "", "B. Reporter"]
    assert df["source"].tolist() == [f"{FIX / 'tables' / 'docs.csv'}:row {i}" for i in (1, 2, 3)]
    assert df.loc[0, "date"] == pd.Timestamp("2024-03-05")
    assert df["date"].notna().all()


def test_tsv_jsonl_json():
    tsv = load_corpus(FIX / "tables" / "docs.tsv")
    assert tsv["doc_id"].tolist() == ["d1", "d2"] and tsv.loc[1, "text"] == "Gov. Ray Smith vetoed the bill."
    jl = load_corpus(FIX / "tables" / "docs.jsonl")
    assert jl["doc_id"].tolist() == ["d1", "d2"]  # the doc_id column is accepted for the id
    assert jl.loc[1, "text"] == "Gov. Ray Smith vetoed the bill.\n\nHe said it cost too much."
    assert jl["source"].tolist() == [f"{FIX / 'tables' / 'docs.jsonl'}:1", f"{FIX / 'tables' / 'docs.jsonl'}:3"]
    assert list(jl.loc[0, "tags"]) == ["budget", "senate"]
    assert pd.isna(jl.loc[1, "date"])
    js = load_corpus(FIX / "tables" / "docs.json")
    assert js["doc_id"].tolist() == ["1", "2"]
    assert js["date"].tolist() == [pd.Timestamp("2024-03-05"), pd.Timestamp("2024-03-06")]


def test_named_columns_and_source_as_outlet():
    df = load_corpus(FIX / "tables" / "renamed.csv", id_col="article_id", text_col="body", title_col="headline",
                     date_col="published")
    assert df["doc_id"].tolist() == ["a-1", "a-2"]
    assert df["title"].tolist() == ["Budget passes", "Veto"]
    assert df["outlet"].tolist() == ["Daily Ledger", "Evening Post"]
    assert df["source"].tolist()[0].endswith("renamed.csv:row 1")
    assert df.loc[1, "date"] == pd.Timestamp("2024-03-06")


def test_parquet_and_format_option(tmp_path):
    table = pd.DataFrame({"id": ["p1", "p2"], "text": ["One. Two.", "Three."], "title": ["T1", "T2"],
                          "date": ["2020-01-01", None], "n": [1, 2]})
    path = tmp_path / "docs.parquet"
    table.to_parquet(path)
    df = load_corpus(path)
    assert df["doc_id"].tolist() == ["p1", "p2"] and df["n"].tolist() == [1, 2]
    assert df["encoding"].tolist() == ["utf-8", "utf-8"]
    renamed = tmp_path / "docs.data"
    renamed.write_bytes(path.read_bytes())
    assert load_corpus(renamed, format="parquet")["doc_id"].tolist() == ["p1", "p2"]
    with pytest.raises(ParameterError, match="unknown format"):
        load_corpus(path, format="docx")


def test_ids_without_id_column_are_content_hashes(tmp_path):
    path = tmp_path / "noid.csv"
    path.write_text("text\nSame text.\nOther text.\nSame text.\n", encoding="utf-8")
    a = load_corpus(path)
    assert a["doc_id"].str.match(r"^noid:[0-9a-f]{12}(~2)?$").all()
    assert a.loc[2, "doc_id"] == a.loc[0, "doc_id"] + "~2"
    path.write_text("text\nOther text.\nSame text.\n", encoding="utf-8")
    b = load_corpus(path)
    assert set(b["doc_id"]) == set(a["doc_id"][:2])  # ids do not depend on the row order
    assert "no id column" in a.attrs["warnings"][0]["reason"]


def test_duplicate_ids(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("id,text\n1,One.\n1,Two.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"dup.csv:row 2: duplicate document id '1'"):
        load_corpus(path)
    df = load_corpus(path, errors="collect")
    assert df["text"].tolist() == ["One."]
    assert df.attrs["errors"][0]["source"].endswith("dup.csv:row 2")


def test_table_folder_shards(tmp_path):
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "b.jsonl").write_text('{"id": "b1", "text": "B."}\n', encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"id": "a1", "text": "A."}\n', encoding="utf-8")
    df = load_corpus(tmp_path)
    assert df["doc_id"].tolist() == ["b1", "a1"]  # sorted paths: "2024/b.jsonl" < "a.jsonl"


# --------------------------------------------------------------------------- encodings


def test_utf8_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfCaf\xc3\xa9 title\n\nBody.")
    df = load_corpus(path)
    assert df.loc[0, "text"] == "Caf\u00e9 title\n\nBody."
    assert df.loc[0, "title"] == "Caf\u00e9 title"
    assert df.loc[0, "encoding"] == "utf-8-sig"
    assert df.attrs["warnings"] == []


def test_cp1252_and_latin1_fallbacks_are_reported(tmp_path):
    (tmp_path / "a.txt").write_bytes("Title\n\nShe said \u201cyes\u201d \u2013 it cost \u00a35.".encode("cp1252"))
    (tmp_path / "b.txt").write_bytes(b"Title\n\n" + b"Plain words here. " * 10 + b"Odd byte \x81 here.")
    (tmp_path / "c.txt").write_text("Title\n\nFine \u00e9.", encoding="utf-8")
    df = load_corpus(tmp_path)
    assert df["encoding"].tolist() == ["cp1252", "latin-1", "utf-8"]
    assert df.loc[0, "text"] == "Title\n\nShe said \u201cyes\u201d \u2013 it cost \u00a35."
    assert df.loc[1, "text"].endswith("Odd byte \x81 here.")
    reasons = {w["source"]: w["reason"] for w in df.attrs["warnings"]}
    assert reasons == {str(tmp_path / "a.txt"): "not UTF-8: decoded as cp1252",
                       str(tmp_path / "b.txt"): "not UTF-8: decoded as latin-1"}
    summary = corpus_summary(df)
    assert summary["encoding_fallbacks"] == [{"source": str(tmp_path / "a.txt"), "encoding": "cp1252"},
                                             {"source": str(tmp_path / "b.txt"), "encoding": "latin-1"}]
    text, used = read_text_file(tmp_path / "a.txt", encoding="cp1252")
    assert used == "cp1252" and "\u201cyes\u201d" in text
    with pytest.raises(InputError, match=r"a.txt: undecodable bytes: byte 0x93 at offset 16 is not valid utf-8"):
        read_text_file(tmp_path / "a.txt", encoding="utf-8")


def test_cp1252_csv(tmp_path):
    path = tmp_path / "win.csv"
    path.write_bytes("id,text\n1,\u201cQuoted\u201d text.\n".encode("cp1252"))
    df = load_corpus(path)
    assert df.loc[0, "text"] == "\u201cQuoted\u201d text." and df.loc[0, "encoding"] == "cp1252"
    assert df.attrs["warnings"] == [{"source": str(path), "reason": "not UTF-8: decoded as cp1252"}]


# --------------------------------------------------------------------------- bad input


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary\x00data")
    undecodable = tmp_path / "undecodable.txt"
    undecodable.write_bytes(b"ab\x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d")
    return {"binary": binary, "undecodable": undecodable}


def test_bad_members_raise_with_file_and_place(tmp_path):
    bad = _bad_files(tmp_path)
    cases = [
        (tmp_path / "missing.txt", r"missing.txt: no such file or folder"),
        (FIX / "bad" / "empty.txt", r"empty.txt: empty file"),
        (bad["binary"], r"binary.txt: binary file \(NUL byte at offset 4\)"),
        (bad["undecodable"], r"undecodable.txt: undecodable bytes"),
        (FIX / "bad" / "no_text.csv", r"no_text.csv: no text column 'text'; columns are: id, title, body; .*--text-col body"),
        (FIX / "bad" / "broken.jsonl", r"broken.jsonl:2: malformed JSON line"),
        (FIX / "bad" / "empty_cell.csv", r"empty_cell.csv:row 2: row without text"),
    ]
    for path, pattern in cases:
        with pytest.raises(InputError, match=pattern) as info:
            load_corpus(path)
        assert "\n" not in str(info.value)


def test_collect_skips_and_records(tmp_path):
    df = load_corpus(FIX / "bad" / "broken.jsonl", errors="collect")
    assert df["doc_id"].tolist() == ["ok1", "ok2"]
    assert df.attrs["errors"] == [{"source": f"{FIX / 'bad' / 'broken.jsonl'}:2",
                                   "reason": "malformed JSON line (Expecting ',' delimiter at character 51)"}]
    bad = _bad_files(tmp_path)
    (tmp_path / "good.txt").write_text("Good\n\nA good article.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "big.txt").write_text("Big\n\n" + "word " * 100, encoding="utf-8")
    df = load_corpus(tmp_path, errors="collect", max_bytes=400)
    assert df["doc_id"].tolist() == ["good.txt"]
    reasons = {Path(e["source"]).name: e["reason"] for e in df.attrs["errors"]}
    assert set(reasons) == {"binary.txt", "undecodable.txt", "empty.txt", "big.txt"}
    assert reasons["empty.txt"].startswith("empty file")
    assert reasons["big.txt"].startswith("file too large (505 bytes > max_bytes=400)")
    assert reasons["binary.txt"].startswith("binary file")
    for p in bad.values():
        with pytest.raises(InputError):
            load_corpus(p, errors="collect")  # nothing readable: an error, naming the member


def test_malformed_csv_names_the_line(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("id,text\n1,ok text\n2,too,many,fields\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"m.csv: malformed CSV \(.*line 3, saw 4\); fix the quoting"):
        load_corpus(path, errors="collect")


def test_always_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_corpus(tmp_path / "nope", errors="collect")
    with pytest.raises(InputError, match="no text column"):
        load_corpus(FIX / "bad" / "no_text.csv", errors="collect")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no documents"):
        load_corpus(tmp_path / "empty", errors="collect")
    with pytest.raises(InputError, match="no .txt files"):
        load_corpus(tmp_path / "empty", format="txt")
    with pytest.raises(ParameterError, match="errors must be"):
        load_corpus(SEED, errors="ignore")
    with pytest.raises(ParameterError, match="text_col"):
        load_corpus(SEED, text_col="")
    head_only = tmp_path / "head.csv"
    head_only.write_text("id,text\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty corpus"):
        load_corpus(head_only)


# --------------------------------------------------------------------------- chunks


def test_iter_documents_chunks(tmp_path):
    chunks = list(iter_documents(FIX / "folder", chunk_size=3))
    assert [len(c) for c in chunks] == [3, 1]
    assert [c.attrs["warnings"] for c in chunks][1] == []
    assert len(chunks[0].attrs["warnings"]) == 1  # the unparseable date of sport/cup.txt
    whole = load_corpus(FIX / "folder")
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), whole)
    rows = list(iter_documents(FIX / "bad" / "broken.jsonl", chunk_size=1, errors="collect"))
    assert [c["doc_id"].tolist() for c in rows if len(c)] == [["ok1"], ["ok2"]]
    assert sum(len(c.attrs["errors"]) for c in rows) == 1
    with pytest.raises(ParameterError):
        next(iter_documents(SEED, chunk_size=0))


# --------------------------------------------------------------------------- CLI


def test_cli_summary(capsys):
    assert main(["corpus", str(FIX / "folder")]) == 0
    out = capsys.readouterr().out
    assert "documents   4" in out and "(per document: median" in out
    assert "sections    2: politics 2, sport 1" in out
    assert "outlets     2: Daily Ledger 2, Evening Post 1" in out
    assert "dates       2024-03-05 to 2024-03-06 (2 of 4 documents dated)" in out
    assert "boilerplate 2 line(s) left out in 2 document(s) (follow 1, link 1)" in out
    assert "unparseable date 'not a date'" in out
    assert "ignored     1 other file(s): notes.md" in out


def test_cli_json_and_output(tmp_path, capsys):
    out_path = tmp_path / "docs.csv"
    assert main(["corpus", str(SEED), "--json", "-o", str(out_path)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["documents"] == 1 and summary["boilerplate_spans"] == 3
    assert summary["encoding_fallbacks"] == []
    written = pd.read_csv(out_path)
    assert json.loads(written.loc[0, "excluded"])[0] == [1924, 2012, "link"]
    pq = tmp_path / "docs.parquet"
    assert main(["corpus", str(FIX / "tables" / "docs.jsonl"), "-o", str(pq)]) == 0
    back = pd.read_parquet(pq)
    assert back["doc_id"].tolist() == ["d1", "d2"] and json.loads(back.loc[0, "excluded"]) == []


def test_cli_encoding_fallback_named(tmp_path, capsys):
    (tmp_path / "win.txt").write_bytes("Title\n\n\u201cYes.\u201d".encode("cp1252"))
    (tmp_path / "ok.txt").write_text("Title\n\nFine.", encoding="utf-8")
    assert main(["corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"not UTF-8: {tmp_path / 'win.txt'} (decoded as cp1252)" in out
    assert "encodings   utf-8 1, cp1252 1" in out


def test_cli_bad_inputs_exit_2_one_line(tmp_path, capsys):
    bad = _bad_files(tmp_path)
    cases = [
        ([str(tmp_path / "missing")], "missing: no such file or folder"),
        ([str(FIX / "bad" / "empty.txt")], "empty.txt: empty file"),
        ([str(bad["binary"])], "binary.txt: binary file"),
        ([str(bad["undecodable"])], "undecodable.txt: undecodable bytes"),
        ([str(FIX / "bad" / "no_text.csv")], "no_text.csv: no text column 'text'"),
        ([str(FIX / "bad" / "broken.jsonl"), "--strict"], "broken.jsonl:2: malformed JSON line"),
        ([str(FIX / "bad" / "no_text.csv"), "--text-col", "body", "--format", "csv"], None),
    ]
    for argv, expected in cases:
        code = main(["corpus", *argv])
        captured = capsys.readouterr()
        if expected is None:
            assert code == 0
            continue
        assert code == 2, argv
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in captured.err
        assert lines[0].startswith("framing corpus: error: ") and expected in lines[0]


def test_cli_partial_success_exit_3(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Good\n\nA good article.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02")
    assert main(["corpus", str(tmp_path)]) == 3
    captured = capsys.readouterr()
    assert "documents   1" in captured.out
    assert "skipped     1 bad member(s)" in captured.out
    assert f"skipped {tmp_path / 'bad.txt'}: binary file (NUL byte at offset 0), not text" in captured.err
    assert main(["corpus", str(tmp_path), "--strict"]) == 2
    assert "bad.txt: binary file" in capsys.readouterr().err


def test_cli_help_has_example(capsys):
    with pytest.raises(SystemExit) as info:
        main(["corpus", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "Example:" in out and "framing corpus" in out and "--text-col" in out


def test_dataframe_input():
    table = pd.DataFrame({
        "id": [1, 2, 3],
        "text": ["One. Two.", "Three.", None],
        "date": pd.to_datetime(["2020-01-01", None, "2021-01-01"]),
        "source": ["Wire A", "Wire B", "Wire C"],
        "title": ["T1", None, "T3"],
    })
    df = load_corpus(table, errors="collect")
    assert df["doc_id"].tolist() == ["1", "2"]
    assert df["title"].tolist() == ["T1", ""]
    assert df["outlet"].tolist() == ["Wire A", "Wire B"]  # a "source" column is the outlet
    assert df["source"].tolist() == ["DataFrame:row 1", "DataFrame:row 2"]
    assert df["date"].tolist()[0] == pd.Timestamp("2020-01-01") and pd.isna(df["date"][1])
    assert df.attrs["errors"] == [{"source": "DataFrame:row 3", "reason": "row without text (column 'text' is empty)"}]
    assert df.attrs["warnings"] == []
    with pytest.raises(InputError, match="DataFrame: no text column 'body'"):
        load_corpus(table, text_col="body")


def test_zip_and_compressed_tables(tmp_path):
    import gzip
    import zipfile

    archive = tmp_path / "corpus.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("sport/b.txt", "Cup final\n\nRovers won.")
        z.writestr("a.txt", "Budget\n\nThe Senate voted.".encode("cp1252"))
        z.writestr("__MACOSX/._a.txt", b"\x00\x01")
        z.writestr("empty.txt", b"")
        z.writestr("metadata.csv", "file,outlet\nsport/b.txt,Sport Weekly\n")
    df = load_corpus(archive, errors="collect")
    assert df["doc_id"].tolist() == ["a.txt", "sport/b.txt"]
    assert df["section"].tolist() == ["", "sport"]
    assert df["outlet"].tolist() == ["", "Sport Weekly"]
    assert df["source"].tolist() == [f"{archive}/a.txt", f"{archive}/sport/b.txt"]
    assert df.attrs["errors"] == [{"source": f"{archive}/empty.txt", "reason": "empty file"}]
    with pytest.raises(InputError, match=r"corpus.zip/empty.txt: empty file"):
        load_corpus(archive)
    gz = tmp_path / "docs.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write('{"id": "g1", "text": "Zipped line."}\nnot json\n')
    df = load_corpus(gz, errors="collect")
    assert df["doc_id"].tolist() == ["g1"] and df.attrs["errors"][0]["source"] == f"{gz}:2"
    csv_gz = tmp_path / "docs.csv.gz"
    with gzip.open(csv_gz, "wt", encoding="cp1252") as fh:
        fh.write("id,text\nc1,\u201cSmart\u201d quotes.\n")
    df = load_corpus(csv_gz)
    assert df.loc[0, "text"] == "\u201cSmart\u201d quotes." and df.loc[0, "encoding"] == "cp1252"
    csv_zip = tmp_path / "docs.csv.zip"
    with zipfile.ZipFile(csv_zip, "w") as z:
        z.writestr("docs.csv", "id,text\nz1,In a zip.\n")
    assert load_corpus(csv_zip)["doc_id"].tolist() == ["z1"]
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(InputError, match="not a readable zip archive"):
        load_corpus(bad)


def test_drop_duplicates_and_mojibake_warning(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Title\n\nSame body.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title\n\nSame body.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Paris\n\nS\u00c3\u00a9gol\u00c3\u00a8ne said it\u00e2\u20ac\u2122s fine.",
                                    encoding="utf-8")
    kept = load_corpus(tmp_path)
    assert len(kept) == 3 and corpus_summary(kept)["duplicate_texts"] == 1
    moji = [w for w in kept.attrs["warnings"] if "double-encoded" in w["reason"]]
    assert [w["source"] for w in moji] == [str(tmp_path / "c.txt")]
    dropped = load_corpus(tmp_path, duplicates="drop")
    assert dropped["doc_id"].tolist() == ["a.txt", "c.txt"]
    assert {"source": str(tmp_path / "b.txt"), "reason": "dropped: exact duplicate of 'a.txt'"} in dropped.attrs["warnings"]
    assert corpus_summary(dropped)["dropped_duplicates"] == 1
    with pytest.raises(ParameterError, match="duplicates must be"):
        load_corpus(tmp_path, duplicates="yes")
    assert main(["corpus", str(tmp_path), "--drop-duplicates"]) == 0
    out = capsys.readouterr().out
    assert "documents   2" in out and "1 exact duplicate(s) dropped" in out and "double-encoded" in out


def test_summary_over_chunks_equals_whole():
    from framing.corpus import CorpusSummary

    whole = corpus_summary(load_corpus(FIX / "folder"))
    acc = CorpusSummary()
    for chunk in iter_documents(FIX / "folder", chunk_size=1):
        acc.add(chunk)
    assert acc.result() == whole
    assert whole["documents"] == 4 and whole["sections"] == {"politics": 2, "sport": 1}
    assert whole["boilerplate_reasons"] == {"link": 1, "follow": 1}
    assert whole["date_min"] == "2024-03-05T00:00:00" and whole["documents_with_date"] == 2
    assert whole["words_per_document"]["min"] == 10  # sport/cup.txt, title included


def test_headline_is_never_boilerplate(tmp_path):
    (tmp_path / "w.txt").write_text("Watch: the moment the vote passed\n\nThe vote passed.\nWatch: more video\n",
                                    encoding="utf-8")
    df = load_corpus(tmp_path / "w.txt")
    assert df.loc[0, "title"] == "Watch: the moment the vote passed"
    text = df.loc[0, "text"]
    assert [text[s:e] for s, e, _ in df.loc[0, "excluded"]] == ["Watch: more video"]
    assert framing.segment(df)["text"].tolist() == ["Watch: the moment the vote passed", "The vote passed."]


def test_metadata_joins_tables_by_id(tmp_path):
    meta = tmp_path / "stance.csv"
    meta.write_text("doc_id,stance,outlet\nd1,pro,Override Post\nd9,anti,\n", encoding="utf-8")
    df = load_corpus(FIX / "tables" / "docs.csv", metadata=meta)
    assert df.loc[0, "stance"] == "pro" and pd.isna(df.loc[1, "stance"])
    assert df["outlet"].tolist() == ["Override Post", "Evening Post", "Daily Ledger"]
    assert df.attrs["warnings"] == [{"source": str(meta), "reason": "1 metadata row(s) match no document, e.g. 'd9'"}]


def test_stray_control_characters_do_not_make_an_article_binary(tmp_path):
    # \x0b is the line break of word-processor exports; a lone escape is noise, not binary data
    path = tmp_path / "word_export.txt"
    path.write_text("Budget talks\n\nThe minister spoke.\x0bShe left early.\x1b Talks resume Monday.\n", encoding="utf-8")
    docs = load_corpus(path)
    assert docs.loc[0, "text"].count("\x0b") == 1
    binary = tmp_path / "binary.txt"
    binary.write_text("Title\n\n" + "\x01\x02\x03\x04" * 10 + " some text", encoding="utf-8")
    with pytest.raises(InputError, match="control characters"):
        load_corpus(binary)


def test_zip_members_outside_the_archive_are_reported_not_read(tmp_path):
    import zipfile

    path = tmp_path / "corpus.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("news/a.txt", "Title A\n\nBody a.")
        z.writestr("../../evil.txt", "Evil\n\nBody.")
        z.writestr("/abs/x.txt", "Abs\n\nBody.")
    docs = load_corpus(path, errors="collect")
    assert docs["doc_id"].tolist() == ["news/a.txt"]
    bad = sorted(e["source"] for e in docs.attrs["errors"])
    assert bad == sorted([f"{path}//abs/x.txt", f"{path}/../../evil.txt"])
    with pytest.raises(InputError, match="outside the archive"):
        load_corpus(path)
