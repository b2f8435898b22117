"""Dictionary formats, built-in lexicons, malformed files and the `framing lexicon` command."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.errors import InputError
from framing.lexicon import Lexicon, load_lexicon, term_patterns

FIX = Path(__file__).parent / "fixtures" / "lexicons"

EXPECTED = {  # (term, category, weight) of frames.yaml/json/csv/tsv
    ("attack*", "conflict", 1.0), ("dispute", "conflict", 1.0), ("human rights", "conflict", 1.0),
    ("job*", "economy.jobs", 1.0), ("unemployment", "economy.jobs", 1.0),
    ("cost*", "economy.prices", 1.0), ("inflation", "economy.prices", 1.0),
    ("nuclear threat", "security", 2.0), ("threat", "security", 1.0), ("attack*", "security", 1.0),
}


def triples(lex: Lexicon) -> set:
    return set(lex.entries[["term", "category", "weight"]].itertuples(index=False, name=None))


@pytest.mark.parametrize("name", ["frames.yaml", "frames.json", "frames.csv", "frames.tsv"])
def test_formats_give_the_same_entries(name):
    lex = load_lexicon(FIX / name)
    assert lex.name == "frames"
    assert triples(lex) == EXPECTED
    assert lex.categories == ("conflict", "economy.jobs", "economy.prices", "security")


def test_liwc_dic_header_ids_and_multiple_categories():
    lex = load_lexicon(FIX / "frames.dic")
    assert triples(lex) == {
        ("attack*", "conflict", 1.0), ("attack*", "security", 1.0), ("dispute", "conflict", 1.0),
        ("cost*", "economy", 1.0), ("human rights", "conflict", 1.0), ("nuclear threat", "security", 1.0),
        ("threat", "security", 1.0),
    }


def test_lexicoder_lc3_categories_and_phrases():
    lex = load_lexicon(FIX / "frames.lc3")
    assert lex.name == "frames"
    assert lex.categories == ("conflict", "economy.jobs", "security")
    assert triples(lex) == {t for t in EXPECTED if t[1] != "economy.prices"} - {("nuclear threat", "security", 2.0)} \
        | {("nuclear threat", "security", 1.0)}


def test_wordstat_cat_nested_categories_lower_cased_terms():
    lex = load_lexicon(FIX / "frames.cat")
    assert lex.categories == ("CONFLICT", "ECONOMY.JOBS", "ECONOMY.PRICES", "SECURITY")  # no empty "ECONOMY"
    expected = {(term, cat.upper(), 1.0) for term, cat, _ in EXPECTED}
    assert triples(lex) == expected  # HUMAN_RIGHTS -> "human rights"
    assert set(load_lexicon(FIX / "frames.cat", sep="/").entries["category"]) >= {"ECONOMY/JOBS"}


def test_yoshikoder_ykd_nested_categories():
    lex = load_lexicon(FIX / "frames.ykd")
    assert lex.categories == ("conflict", "economy.jobs", "economy.prices", "security")
    assert triples(lex) == {(t, c, 1.0) for t, c, _ in EXPECTED}


def test_lexicoder_and_wordstat_terms_match_text():
    units = pd.DataFrame({"doc_id": ["d"], "unit_id": ["u"], "text": ["Unemployment and human rights attacks."]})
    _, matches = framing.score_and_match(units, lexicons=[str(FIX / "frames.cat")])
    assert sorted(zip(matches["term"], matches["category"])) == [
        ("attack*", "CONFLICT"), ("attack*", "SECURITY"), ("human rights", "CONFLICT"), ("unemployment", "ECONOMY.JOBS")]


def test_liwc2007_conditional_codes_use_their_default(tmp_path):
    path = tmp_path / "old.dic"
    path.write_text("%\n1\tfunct\n2\tverb\n3\tsocial\n%\nkind\t(02 134)1/3\nlike\t1 2\n")
    lex = load_lexicon(path)
    assert triples(lex) == {("kind", "social", 1.0), ("like", "funct", 1.0), ("like", "verb", 1.0)}


def test_nested_separator_and_name_override():
    lex = load_lexicon(FIX / "frames.yaml", sep="/", name="mine")
    assert lex.name == "mine"
    assert "economy/jobs" in lex.categories
    assert lex.version == "0.3"  # from the comment header


def test_dict_input_and_empty_category_kept():
    lex = load_lexicon({"a": ["x", "y"], "other": []}, name="d")
    assert lex.categories == ("a", "other")
    assert len(lex.entries) == 2


@pytest.mark.parametrize("name, line, text", [
    ("bad_undeclared.dic", 6, "'4' is not declared"),
    ("bad_syntax.yaml", 4, "not valid YAML"),
    ("bad_wildcard.yaml", 3, "only supported at the end"),
    ("bad_weight.csv", 4, "'heavy'"),
    ("bad_empty_term.csv", 3, "empty term"),
    ("bad_no_category.lc3", 1, "before any '+category' line"),
    ("bad_unindented.cat", 3, "not indented under a category"),
    ("bad_xml.ykd", 5, "not valid Yoshikoder XML (mismatched tag)"),
])
def test_malformed_files_report_file_and_line(name, line, text):
    with pytest.raises(InputError) as err:
        load_lexicon(FIX / name)
    assert err.value.line == line
    assert str(err.value).startswith(f"{FIX / name}:{line}: ")
    assert text in str(err.value)


def test_unknown_name_lists_builtins():
    with pytest.raises(InputError, match="news_frames"):
        load_lexicon("no_such_lexicon")


def test_term_patterns():
    assert term_patterns("Nuclear* threat") == (("nuclear", True), ("threat", False))
    assert term_patterns("U.S.") == (("u", False), ("s", False))
    assert term_patterns("cease-fire") == (("cease-fire", False),)
    with pytest.raises(ValueError):
        term_patterns("*")


def test_builtin_lexicons():
    table = framing.list_lexicons()
    assert set(table["name"]) >= {"news_frames", "policy_frames", "diplomacy", "cue_verbs"}
    news = load_lexicon("news_frames")
    assert news.categories == ("conflict", "human_interest", "economic_consequences", "morality", "responsibility")
    assert news.version and "Semetko" in news.card
    counts = news.entries.groupby("category").size()
    assert counts.min() >= 50
    assert news.entries["term"].str.contains(" ").sum() >= 30  # multi-word expressions
    assert news.entries["term"].str.endswith("*").sum() >= 100  # wildcards
    policy = load_lexicon("policy_frames")
    assert len(policy.categories) == 15 and policy.categories[-1] == "other"
    assert load_lexicon("diplomacy").categories == (
        "threat_security", "cooperation_diplomacy", "progress_commitment", "hostility_insult")


def test_write_round_trip(tmp_path):
    lex = load_lexicon(FIX / "frames.yaml")
    for suffix in (".yaml", ".json", ".csv"):
        out = lex.write(tmp_path / f"copy{suffix}")
        assert triples(load_lexicon(out)) == EXPECTED


def test_cli_list_show_check(capsys):
    assert main(["lexicon", "list"]) == 0
    assert "policy_frames" in capsys.readouterr().out
    assert main(["lexicon", "show", "diplomacy"]) == 0
    out = capsys.readouterr().out
    assert "hostility_insult" in out and "rocket man" in out
    assert main(["lexicon", "check", str(FIX / "frames.dic")]) == 0
    assert "7 entries" in capsys.readouterr().out
    assert main(["lexicon", "check", str(FIX / "bad_weight.csv")]) == 2
    assert "bad_weight.csv:4" in capsys.readouterr().err


def test_cli_induce_writes_a_loadable_dictionary(tmp_path, capsys):
    out = tmp_path / "induced.yaml"
    code = main(["lexicon", "induce", str(FIX / "coded.csv"), "--text-col", "text", "--label-col", "frame",
                 "-o", str(out), "--min-count", "2", "--top", "5"])
    assert code == 0
    lex = load_lexicon(out)
    assert set(lex.categories) == {"economic", "security", "health"}
    terms = lex.entries.groupby("category")["term"].apply(set)
    assert terms["economic"] == {"tariffs", "wages", "budget"}
    assert (lex.entries["weight"] > 1.96).all()
    assert main(["lexicon", "induce", str(FIX / "coded.csv"), "--text-col", "nope", "--label-col", "frame",
                 "-o", str(tmp_path / "x.yaml")]) == 2


def test_dic_lines_may_name_categories_and_hold_phrases(tmp_path):
    path = tmp_path / "named.dic"
    path.write_text("%\n1\tconflict\n2\teconomy\n%\nhuman rights\tconflict\ncost*  2\nwar 1 2\n")
    assert triples(load_lexicon(path)) == {("human rights", "conflict", 1.0), ("cost*", "economy", 1.0),
                                          ("war", "conflict", 1.0), ("war", "economy", 1.0)}


def test_json_syntax_error_line_and_duplicate_lexicon_names(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "a": ["x",\n  "b": ["y"]\n}\n')
    with pytest.raises(InputError) as err:
        load_lexicon(bad)
    assert err.value.line == 3
    from framing.errors import ParameterError
    from framing.lexicon import load_lexicons

    with pytest.raises(ParameterError, match="named 'frames'"):
        load_lexicons([FIX / "frames.yaml", FIX / "frames.csv"])
    assert [lex.name for lex in load_lexicons([FIX / "frames.yaml", load_lexicon(FIX / "frames.csv", name="b")])] == [
        "frames", "b"]
