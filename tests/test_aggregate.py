"""Aggregates with intervals, selections, coding sheets, and the suite's parameters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import importlib

from framing import params as P
from framing.errors import InputError, ParameterError

# framing.aggregate is also the name of a function in the flat API: take the module itself
agg = importlib.import_module("framing.aggregate")


def test_bootstrap_ci_values():
    df = pd.DataFrame({"g": list("aaabbbbc"), "v": [1, 2, 3, 0, 0, 1, 1, 5]})
    t = agg.bootstrap_ci(df, "v", "g", n_boot=500, seed=1)
    assert t.columns.tolist() == ["g", "n", "mean", "lo", "hi"]
    assert t["g"].tolist() == ["a", "b", "c"]
    assert t["n"].tolist() == [3, 4, 1]
    assert t["mean"].tolist() == [2.0, 0.5, 5.0]
    a = t.iloc[0]
    assert 1.0 <= a["lo"] <= 2.0 <= a["hi"] <= 3.0
    assert np.isnan(t.iloc[2]["lo"]) and np.isnan(t.iloc[2]["hi"])  # one value: no interval


def test_bootstrap_ci_matches_a_direct_percentile_bootstrap():
    rng = np.random.default_rng(5)
    v = rng.normal(size=40)
    t = agg.bootstrap_ci(pd.DataFrame({"v": v}), "v", n_boot=4000, seed=0)
    # the interval of a mean of 40 normal values is about mean +- 1.96 * sd / sqrt(40)
    half = 1.96 * v.std(ddof=1) / np.sqrt(40)
    assert t["lo"][0] == pytest.approx(v.mean() - half, abs=0.05)
    assert t["hi"][0] == pytest.approx(v.mean() + half, abs=0.05)


def test_bootstrap_is_seeded_and_groups_are_independent():
    df = pd.DataFrame({"g": list("aaaabbbb"), "v": [1, 5, 2, 8, 0, 3, 3, 9]})
    one = agg.bootstrap_ci(df, "v", "g", n_boot=200, seed=7)
    assert one.equals(agg.bootstrap_ci(df, "v", "g", n_boot=200, seed=7))
    assert not one.equals(agg.bootstrap_ci(df, "v", "g", n_boot=200, seed=8))
    # dropping group b does not change group a's interval
    only_a = agg.bootstrap_ci(df[df.g == "a"], "v", "g", n_boot=200, seed=7)
    assert only_a.iloc[0].equals(one.iloc[0])


def test_min_n_and_no_boot():
    df = pd.DataFrame({"g": list("aab"), "v": [1.0, 2.0, 3.0]})
    t = agg.bootstrap_ci(df, "v", "g", n_boot=0, min_n=2)
    assert t["g"].tolist() == ["a"] and np.isnan(t["lo"][0])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-1, 1), min_size=2, max_size=30), st.integers(0, 2**31))
def test_interval_contains_the_mean_and_lies_in_the_data(values, seed):
    t = agg.bootstrap_ci(pd.DataFrame({"v": values}), "v", n_boot=200, seed=seed)
    lo, mean, hi = t.loc[0, ["lo", "mean", "hi"]]
    assert min(values) - 1e-9 <= lo <= hi <= max(values) + 1e-9
    assert lo - 1e-9 <= mean or np.isclose(lo, mean)  # percentile interval brackets the mean closely


def test_bad_bootstrap_arguments():
    df = pd.DataFrame({"v": [1.0, 2.0]})
    with pytest.raises(ParameterError, match="n_boot"):
        agg.bootstrap_ci(df, "v", n_boot=-1)
    with pytest.raises(ParameterError, match="ci"):
        agg.bootstrap_ci(df, "v", ci=95)
    with pytest.raises(ParameterError, match="'w' not in the table"):
        agg.bootstrap_ci(df, "w")


def test_aggregate_per_month():
    df = pd.DataFrame({"date": pd.to_datetime(["2025-01-03", "2025-01-20", "2025-02-01", None]),
                       "side": ["x", "x", "x", "x"], "v": [1.0, 3.0, 5.0, 100.0]})
    t = agg.aggregate(df, "v", "side", period="month", n_boot=0)
    assert t["period"].tolist() == [pd.Timestamp("2025-01-01"), pd.Timestamp("2025-02-01")]
    assert t["mean"].tolist() == [2.0, 5.0]


def test_frame_profile_pools_counts_over_tokens():
    s = pd.DataFrame({"g": list("aab"), "n_tokens": [10, 30, 20], "lex.war": [100.0, 0.0, 50.0],
                      "lex.peace": [0.0, 1000 / 30, 0.0]})
    t = agg.frame_profile(s, ["lex.war", "lex.peace"], "g", n_boot=0)
    a = t[t.g == "a"].set_index("category")
    # group a: 1 war word and 1 peace word in 40 tokens -> 25 per 1,000 each
    assert a.loc["war", "rate"] == pytest.approx(25.0)
    assert a.loc["peace", "rate"] == pytest.approx(25.0)
    assert a.loc["war", "count"] == pytest.approx(1.0) and a.loc["war", "tokens"] == 40
    assert t[t.g == "b"].set_index("category").loc["war", "rate"] == pytest.approx(50.0)


def test_frame_profile_uses_count_columns_when_present():
    s = pd.DataFrame({"n_tokens": [4, 4], "lex.x": [0.0, 0.0], "lex.x.n": [1, 3]})
    t = agg.frame_profile(s, ["lex.x"], None, n_boot=100)
    assert t["rate"][0] == pytest.approx(500.0)
    assert agg.rate_columns(s) == ["lex.x"]


def test_shares():
    df = pd.DataFrame({"side": list("xxxy"), "cue_class": ["neutral", "hostile", "neutral", ""]})
    t = agg.shares(df, "cue_class", "side")
    assert t[["side", "cue_class", "count", "total"]].values.tolist() == [["x", "hostile", 1, 3], ["x", "neutral", 2, 3]]
    assert t["share"].tolist() == pytest.approx([1 / 3, 2 / 3])


def test_filter_quotes():
    df = pd.DataFrame({"speaker": ["A", "a", "B", "", "C"], "side": ["x", "x", "y", "unknown", "y"],
                       "date": pd.to_datetime(["2025-01-01", "2025-01-31", "2025-02-01", None, "2025-01-15"])})
    assert len(agg.filter_quotes(df, include_speakers=["a"])) == 2
    assert agg.filter_quotes(df, date_from="2025-01-15", date_to="2025-01-31")["speaker"].tolist() == ["a", "C"]
    assert agg.filter_quotes(df, min_quotes=2, group_by="side")["side"].tolist() == ["x", "x", "y", "y"]
    assert "" not in agg.filter_quotes(df, drop_unattributed=True)["speaker"].tolist()


def test_quotes_per_document_and_summary():
    text = "Title\n\n\"Hello there,\" he said.\nMore news: x"
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text], "outlet": ["O"], "section": [""], "date": [pd.NaT],
                         "excluded": [[[text.index("More"), len(text), "link line"]]]})
    quotes = pd.DataFrame({"doc_id": ["d"], "quote_id": ["d:q8"], "fragments": [[[8, 20]]], "speaker": ["he"]})
    per = agg.quotes_per_document(docs, quotes)
    assert per.loc[0, "quoted_chars"] == 12 and per.loc[0, "chars"] == text.index("More")
    summary = dict(agg.corpus_summary(docs, None, quotes).values.tolist())
    assert summary["documents"] == "1" and summary["quotes"] == "1" and summary["boilerplate spans removed"] == "1"
    spans = agg.boilerplate_spans(docs)
    assert spans.loc[0, "text"] == "More news: x" and spans.loc[0, "reason"] == "link line"


def test_distinctive_terms():
    u = pd.DataFrame({"g": ["a", "a", "b", "b"], "text": ["peace talks peace", "talks of peace", "war threat war", "threat of war"]})
    t = agg.distinctive_terms(u, "g", min_count=1)
    assert t[t.g == "a"]["term"].tolist()[:2] == ["peace", "talks"]
    assert t[t.g == "b"]["term"].tolist()[:2] == ["war", "threat"]
    assert "of" not in t["term"].tolist()
    assert agg.distinctive_terms(u.assign(g="a"), "g").empty  # one group: nothing to contrast


def test_coding_sheet_is_seeded_and_agreement():
    docs = pd.DataFrame({"doc_id": ["d"], "text": ["x" * 100]})
    quotes = pd.DataFrame({"doc_id": ["d"] * 6, "quote_id": [f"d:q{i}" for i in range(6)], "start": range(6),
                           "end": range(10, 16), "text": ["q"] * 6, "speaker": list("ABCABC"), "side": ["s"] * 6,
                           "cue": ["said"] * 6, "compound": [0.5, -0.5, 0.0, 0.9, -0.9, 0.01], "type": ["direct"] * 6})
    one = agg.coding_sheet(quotes, docs, n=4, seed=3)
    assert one.equals(agg.coding_sheet(quotes, docs, n=4, seed=3))
    assert not one["quote_id"].equals(agg.coding_sheet(quotes, docs, n=4, seed=4)["quote_id"])
    assert len(one) == 4 and one["item"].tolist() == [1, 2, 3, 4]
    assert "[[" in one.loc[0, "context"]
    filled = agg.coding_sheet(quotes, docs, n=6, seed=0)
    filled["coder_is_quote"] = ["yes"] * 5 + ["no"]
    filled["coder_speaker"] = filled["tool_speaker"]
    filled["coder_tone"] = filled["tool_tone"]
    filled.loc[0, "coder_speaker"] = "Z"
    t = agg.coding_agreement(filled).set_index("measure")
    assert t.loc["is a quotation (precision)", "agreement"] == pytest.approx(5 / 6)
    assert t.loc["speaker", "agreement"] == pytest.approx(5 / 6)
    assert t.loc["tone", "agreement"] == 1.0 and t.loc["tone", "kappa"] == 1.0


def test_cohen_kappa():
    assert agg.cohen_kappa(["a", "b", "a", "b"], ["a", "b", "b", "a"]) == pytest.approx(0.0)
    assert agg.cohen_kappa(["a", "b"], ["a", "b"]) == 1.0


# --------------------------------------------------------------------------- parameters


def test_defaults_validate():
    p = P.validate(P.defaults())
    assert p["corpus"].name == "000_a750b09d9d126d2a.txt" and p["corpus"].is_absolute()
    assert p["run"] == "seed"
    assert p["out_dir"].parts[-2:] == ("figures", "seed")
    assert p["formats"] == ["pdf", "svg", "png"]
    assert p["coded_sheet"] is None


def test_paths_resolve_from_the_project_root_not_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = P.validate({"corpus": "tests/fixtures/multi/corpus.jsonl", "speakers": "auto"})
    assert p["corpus"].is_file()
    assert p["speakers"].name == "speakers.yaml" and p["speakers"].parent.name == "multi"
    assert p["run"] == "corpus"
    assert P.validate({"corpus": "", "speakers": "none"})["speakers"] is None


@pytest.mark.parametrize("params, message", [
    ({"colour": "red"}, "colour: unknown parameter"),
    ({"n_boot": "1e3"}, "n_boot: expected a whole number"),
    ({"n_boot": True}, "n_boot: expected a whole number"),
    ({"min_quotes": 0}, "min_quotes: must be >= 1"),
    ({"unit": "paragraph"}, "unit: unknown value 'paragraph'"),
    ({"style": "poster"}, "style: unknown value"),
    ({"formats": ["pdf", "jpg"]}, "formats: unknown value 'jpg'"),
    ({"formats": []}, "formats: give at least one"),
    ({"date_from": "31/01/2025"}, "date_from: '31/01/2025' is not a date"),
    ({"date_from": "2025-02-30"}, "not a valid date"),
    ({"date_from": "2025-03-01", "date_to": "2025-01-01"}, "date_from: 2025-03-01 is after"),
    ({"include_speakers": [1, 2]}, "include_speakers: expected a list"),
    ({"group_by": ""}, "group_by: must not be empty"),
    ({"unit": "sentence", "group_by": "speaker"}, "group_by: 'speaker' needs unit 'quote'"),
    ({"corpus": 3}, "corpus: expected text"),
])
def test_bad_parameters(params, message):
    with pytest.raises(ParameterError, match=message) as err:
        P.validate(params)
    assert "\n" not in str(err.value)


def test_missing_files():
    with pytest.raises(InputError, match="corpus not found"):
        P.validate({"corpus": "no/such/corpus"})
    with pytest.raises(InputError, match="speaker table not found"):
        P.validate({"corpus": "", "speakers": "no/such.yaml"})
    with pytest.raises(InputError, match="coded sheet not found"):
        P.validate({"coded_sheet": "nope.csv"})


def test_coercions():
    p = P.check({"formats": "pdf, png", "n_boot": "100", "include_speakers": ("A", "A", "B"), "date_to": None})
    assert p == {"formats": ["pdf", "png"], "n_boot": 100, "include_speakers": ["A", "B"], "date_to": ""}


def test_run_names():
    assert P.run_name(None) == "seed"
    assert P.run_name("/x/shared/corpora/bbc-news") == "bbc-news"
    assert P.run_name("/x/my corpus.jsonl") == "my_corpus"
    assert P.run_name("/x/../..") == "unnamed"


def test_params_start_reads_only_suite_parameters_from_a_namespace(capsys):
    from framing.errors import ParameterError
    from framing.params import start

    namespace = {"corpus": "", "n_boot": 10, "seed": 3, "style": "paper", "pd": pd, "unrelated": object()}
    p = start(namespace)
    assert p["n_boot"] == 10 and p["seed"] == 3 and p["corpus"].name == "000_a750b09d9d126d2a.txt"
    assert "figures:" in capsys.readouterr().out
    with pytest.raises(ParameterError, match="n_boot"):
        start({**namespace, "n_boot": "many"})


def test_report_skipped_names_each_member_and_writes_the_csv(tmp_path, capsys):
    from types import SimpleNamespace

    errors = pd.DataFrame({"source": ["corpus/c.txt"], "reason": ["binary file"]})
    assert agg.report_skipped(SimpleNamespace(errors=errors), tmp_path).equals(errors)
    assert "1 corpus member(s) skipped" in capsys.readouterr().out
    assert pd.read_csv(tmp_path / "corpus_errors.csv").to_dict("records") == [{"source": "corpus/c.txt", "reason": "binary file"}]
    empty = errors.iloc[0:0]
    agg.report_skipped(SimpleNamespace(errors=empty), tmp_path / "none")
    assert not (tmp_path / "none").exists() and capsys.readouterr().out == ""


def test_named_speakers_and_descriptions():
    speakers = pd.Series(["Tony Blair", "analysts", "KCNA", "anonymous source", "3M", "3 officials", "", None, "Tories"])
    assert agg.is_named(speakers).tolist() == [True, False, True, False, True, False, False, False, True]


def test_top_speakers_marks_the_descriptions():
    quotes = pd.DataFrame({
        "doc_id": ["a", "a", "b", "c", "c", "d"],
        "speaker": ["company", "Tony Blair", "company", "Tony Blair", "Tony Blair", ""],
        "side": ["unknown"] * 6,
    })
    top = agg.top_speakers(quotes, 5)
    assert top[["speaker", "quotes", "documents", "named"]].values.tolist() == [
        ["Tony Blair", 3, 2, True], ["company", 2, 2, False]]
    marked = agg.mark_unnamed(top)
    assert marked["speaker"].tolist() == ["Tony Blair", "company (unnamed)"]
    assert top["speaker"].tolist() == ["Tony Blair", "company"]  # the input is left as it was
    with pytest.raises(ParameterError, match="'speaker' not in the table"):
        agg.mark_unnamed(top.drop(columns="speaker"))


def test_parameters_cell_is_generated_from_params():
    cell = P.parameters_cell("05_validation").splitlines()
    assert cell[0].startswith("# Parameters: papermill replaces these")
    assert cell[1] == "corpus: str = ''  # corpus file or folder; '' for the bundled seed article (data/)"
    assert "formats: list[str] = ['pdf', 'svg', 'png']  # figure formats to write: any of pdf, svg, png" in cell
    assert cell[-1].startswith("coded_sheet: str = ''")
    assert not any(line.startswith("coded_sheet") for line in P.parameters_cell("01_corpus_overview").splitlines())


# --------------------------------------------------------------------------- cluster bootstrap


def _clustered(seed: int = 0) -> pd.DataFrame:
    """Two speakers, 8 articles each with 6 quotes; article-level effects make quotes of an
    article alike (as in real coverage)."""
    rng = np.random.default_rng(seed)
    rows = []
    for speaker in ("A", "B"):
        for d in range(8):
            base = rng.normal(0, 0.5)
            for q in range(6):
                rows.append({"speaker": speaker, "doc_id": f"{speaker}{d}", "compound": base + rng.normal(0, 0.05)})
    return pd.DataFrame(rows)


def test_cluster_bootstrap_with_one_row_per_cluster_equals_the_row_bootstrap():
    df = _clustered()
    df["row"] = range(len(df))
    plain = agg.bootstrap_ci(df, "compound", "speaker", n_boot=500, seed=3)
    per_row = agg.bootstrap_ci(df, "compound", "speaker", n_boot=500, seed=3, cluster="row")
    assert list(per_row["n_clusters"]) == [48, 48]
    np.testing.assert_allclose(per_row[["mean", "lo", "hi"]], plain[["mean", "lo", "hi"]], rtol=1e-12)


def test_cluster_bootstrap_widens_the_interval_of_clustered_quotes():
    df = _clustered()
    plain = agg.bootstrap_ci(df, "compound", "speaker", n_boot=2000, seed=1)
    by_doc = agg.bootstrap_ci(df, "compound", "speaker", n_boot=2000, seed=1, cluster="doc_id")
    assert list(by_doc.columns) == ["speaker", "n", "mean", "n_clusters", "lo", "hi"]
    assert list(by_doc["n"]) == [48, 48] and list(by_doc["n_clusters"]) == [8, 8]
    np.testing.assert_allclose(by_doc["mean"], plain["mean"])
    ratio = (by_doc["hi"] - by_doc["lo"]) / (plain["hi"] - plain["lo"])
    # 6 nearly identical quotes per article: the design effect is about 6, the width ratio about sqrt(6)
    assert (ratio > 1.8).all() and (ratio < 3.2).all()


def test_one_article_gives_no_interval():
    df = pd.DataFrame({"speaker": ["A"] * 4, "doc_id": ["d1"] * 4, "compound": [0.1, 0.2, 0.3, 0.4]})
    out = agg.bootstrap_ci(df, "compound", "speaker", cluster="doc_id")
    assert out.loc[0, "n_clusters"] == 1 and out.loc[0, "mean"] == pytest.approx(0.25)
    assert np.isnan(out.loc[0, "lo"]) and np.isnan(out.loc[0, "hi"])
    with pytest.raises(ParameterError, match="'article'"):
        agg.bootstrap_ci(df, "compound", "speaker", cluster="article")


def test_frame_profile_and_shares_resample_clusters():
    df = pd.DataFrame({"side": ["x"] * 6, "doc_id": ["a", "a", "a", "b", "b", "c"], "row": range(6),
                       "n_tokens": [10, 20, 10, 30, 10, 20], "f.war": [100.0, 50.0, 0.0, 0.0, 100.0, 50.0],
                       "cue_class": ["neutral", "neutral", "doubting", "neutral", "doubting", "neutral"]})
    plain = agg.frame_profile(df, ["f.war"], "side", n_boot=400, seed=2)
    rows = agg.frame_profile(df, ["f.war"], "side", n_boot=400, seed=2, cluster="row")
    np.testing.assert_allclose(rows[["rate", "lo", "hi"]], plain[["rate", "lo", "hi"]])
    docs = agg.frame_profile(df, ["f.war"], "side", n_boot=400, seed=2, cluster="doc_id")
    assert docs.loc[0, "rate"] == pytest.approx(1000 * (1 + 1 + 0 + 0 + 1 + 1) / 100)
    assert docs.loc[0, "lo"] <= docs.loc[0, "rate"] <= docs.loc[0, "hi"]
    s_plain = agg.shares(df, "cue_class", "side", n_boot=400, seed=2)
    s_rows = agg.shares(df, "cue_class", "side", n_boot=400, seed=2, cluster="row")
    np.testing.assert_allclose(s_rows[["share", "lo", "hi"]], s_plain[["share", "lo", "hi"]])
