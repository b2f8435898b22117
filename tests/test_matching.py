"""The dictionary engine: tokens, wildcards, phrases, overlaps, case, weights, negation, offsets, rates."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.matching import DictionaryMatcher, tokenize
from framing.units import join_fragments

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "000_a750b09d9d126d2a.txt"


def units_of(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "unit_id": [f"u{i}" for i in range(len(texts))],
                         "unit": "sentence", "text": list(texts),
                         "fragments": [[[0, len(t)]] for t in texts]})


def found(matcher, text: str) -> list[tuple]:
    m = matcher.match(units_of(text))
    return list(m[["category", "term", "match"]].itertuples(index=False, name=None))


def test_tokens():
    assert tokenize("A cease-fire, don't! Korea's U.S.-led") == ["a", "cease-fire", "don't", "korea's", "u", "s", "led"]
    assert tokenize("Don\u2019t") == ["don't"]


def test_wildcards_and_case():
    m = DictionaryMatcher([{"nuc": ["nuclear*"], "arm": ["ARMS"]}])
    assert found(m, "Nuclear-armed NUCLEAR nuclearization; arms") == [
        ("nuc", "nuclear*", "Nuclear-armed"), ("nuc", "nuclear*", "NUCLEAR"), ("nuc", "nuclear*", "nuclearization"),
        ("arm", "ARMS", "arms")]
    sensitive = DictionaryMatcher([{"arm": ["ARMS"], "nuc": ["Nuclear"]}], case_sensitive=True)
    assert found(sensitive, "arms ARMS nuclear Nuclear") == [("arm", "ARMS", "ARMS"), ("nuc", "Nuclear", "Nuclear")]


def test_phrases_longest_first_without_double_counts():
    lex = {"threat": ["nuclear threat", "threat", "nuclear"], "rights": ["human rights", "rights", "human rights abuse*"]}
    m = DictionaryMatcher([lex])
    assert found(m, "A nuclear threat and human rights abuses, then rights and a threat.") == [
        ("threat", "nuclear threat", "nuclear threat"), ("rights", "human rights abuse*", "human rights abuses"),
        ("rights", "rights", "rights"), ("threat", "threat", "threat")]


def test_overlapping_phrases_resolve_left_to_right():
    m = DictionaryMatcher([{"a": ["good faith"], "b": ["faith based"]}])
    # "good faith" starts first and wins; "faith based" would reuse "faith"
    assert found(m, "in good faith based talks") == [("a", "good faith", "good faith")]


def test_exact_beats_wildcard_and_term_in_two_categories():
    m = DictionaryMatcher([{"w": ["attack*"], "e": ["attacks"], "both": ["attacks"]}])
    assert found(m, "attacks attacked") == [("e", "attacks", "attacks"), ("both", "attacks", "attacks"),
                                              ("w", "attack*", "attacked")]


def test_lexicons_are_matched_independently():
    m = DictionaryMatcher([framing.load_lexicon({"x": ["nuclear threat"]}, name="one"),
                           framing.load_lexicon({"y": ["threat"]}, name="two")])
    got = m.match(units_of("a nuclear threat"))
    assert list(zip(got["lexicon"], got["term"])) == [("one", "nuclear threat"), ("two", "threat")]


def test_possessive_matches_base_word_and_is_left_out_of_the_match():
    m = DictionaryMatcher([{"k": ["north korea", "kim"]}])
    got = m.match(units_of("North Korea's leader, Kim's envoy"))
    assert got["match"].tolist() == ["North Korea", "Kim"]
    assert got["start"].tolist() == [0, 22] and got["end"].tolist() == [11, 25]


def test_negation_window_and_clause_boundary():
    m = DictionaryMatcher([{"t": ["threat", "problems"]}], negation_window=3)
    got = m.match(units_of("There are no problems. It is not a real threat. No. A threat. Isn't a threat, a threat of war"))
    assert got["negated"].tolist() == [True, True, False, True, False]  # the last: "isn't" is 4 tokens back
    off = DictionaryMatcher([{"t": ["threat"]}], negation_window=0).match(units_of("not a threat"))
    assert off["negated"].tolist() == [False]
    narrow = DictionaryMatcher([{"t": ["threat"]}], negation_window=1).match(units_of("not a threat"))
    assert narrow["negated"].tolist() == [False]


def test_document_offsets_through_fragments():
    doc = 'Intro. "We are making progress," he said, "on denuclearisation." End.'
    a, b = doc.index('We are'), doc.index('progress,"') + len("progress,")
    c, d = doc.index("on denuc"), doc.index('.."') if '.."' in doc else doc.index('tion.') + len("tion.")
    fragments = [[a, b], [c, d]]
    units = pd.DataFrame({"doc_id": ["doc"], "unit_id": ["doc:q7"], "unit": ["quote"],
                          "text": [join_fragments(doc, fragments)], "fragments": [fragments]})
    m = DictionaryMatcher([{"p": ["progress*", "denucleari*"]}]).match(units)
    assert m["match"].tolist() == ["progress", "denuclearisation"]
    for r in m.itertuples():
        assert doc[r.start:r.end] == r.match


def test_seed_article_offsets_index_the_document():
    text = SEED.read_text(encoding="utf-8")
    units = pd.DataFrame({"doc_id": ["seed"], "unit_id": ["seed"], "unit": ["document"], "text": [text],
                          "fragments": [[[0, len(text)]]]})
    m = DictionaryMatcher(["diplomacy", "news_frames"]).match(units)
    assert len(m) > 40
    assert all(text[s:e] == t for s, e, t in zip(m["start"], m["end"], m["match"]))
    assert {"gangster-like", "denuclearisation", "productive", "good faith"} <= set(m["match"].str.lower())


def test_rates_arithmetic_weights_and_counts():
    lex = framing.load_lexicon({"sec": {"nuclear threat": 2.0, "threat": 1.0}, "eco": ["cost*"], "none": []})
    m = DictionaryMatcher([lex], negation_window=3)
    units = units_of("The nuclear threat is not a threat but costs rise", "", "Costs costs costs costs")
    r = m.rates(units, counts=True)
    assert r["n_tokens"].tolist() == [10, 0, 4]
    assert r.loc[0, "custom.sec"] == pytest.approx(1000 * 3 / 10)
    assert r.loc[0, "custom.eco"] == pytest.approx(100.0)
    assert r.loc[0, "custom.sec.n"] == 2 and r.loc[0, "custom.sec.negated"] == 1
    assert r.loc[2, "custom.eco"] == pytest.approx(1000.0)
    assert r.loc[0, "custom.none"] == 0.0
    assert math.isnan(r.loc[1, "custom.sec"])  # no tokens: no rate
    excluded = DictionaryMatcher([lex], count_negated=False).rates(units)
    assert excluded.loc[0, "custom.sec"] == pytest.approx(1000 * 2 / 10)
    assert list(r.columns[:4]) == ["doc_id", "unit_id", "unit", "n_tokens"]
    assert list(r.columns[4:7]) == ["custom.sec", "custom.sec.n", "custom.sec.negated"]


def test_match_table_columns_and_empty_input():
    m = DictionaryMatcher([{"a": ["x"]}])
    empty = m.match(units_of("nothing here"))
    assert list(empty.columns) == ["doc_id", "unit_id", "lexicon", "category", "term", "match", "start", "end",
                                   "weight", "negated"]
    assert empty.empty
    assert m.rates(units_of()).empty


def test_score_units_has_sentiment_and_rates():
    units = units_of("The talks were productive and a great success.", "They made gangster-like demands.")
    s = framing.score_units(units, lexicons=["diplomacy"])
    assert list(s.columns[:8]) == ["doc_id", "unit_id", "unit", "n_tokens", "neg", "neu", "pos", "compound"]
    assert s.loc[0, "compound"] > 0.5 and s.loc[1, "diplomacy.hostility_insult"] == pytest.approx(1000 / 4)
    assert s.loc[0, "diplomacy.progress_commitment"] == pytest.approx(2000 / 8)
    only = framing.score_units(units, lexicons=(), sentiment="none")
    assert list(only.columns) == ["doc_id", "unit_id", "unit", "n_tokens"]


def test_cli_score_and_matches(tmp_path, capsys):
    out = tmp_path / "scores.csv"
    assert main(["score", str(SEED), "--unit", "sentence", "--lexicon", "diplomacy", "-o", str(out)]) == 0
    scores = pd.read_csv(out)
    assert {"compound", "diplomacy.threat_security", "n_tokens"} <= set(scores.columns)
    assert scores["unit"].eq("sentence").all() and len(scores) > 10
    mout = tmp_path / "matches.csv"
    assert main(["matches", str(SEED), "--unit", "document", "--lexicon", "diplomacy", "-o", str(mout)]) == 0
    matches = pd.read_csv(mout)
    text = SEED.read_text(encoding="utf-8")
    assert all(text[s:e] == t for s, e, t in zip(matches["start"], matches["end"], matches["match"]))
    qout = tmp_path / "quotes.parquet"
    assert main(["score", str(SEED), "-o", str(qout)]) == 0  # default: quotes, sentiment + news_frames
    quotes = pd.read_parquet(qout)
    assert len(quotes) > 5 and quotes["unit"].eq("quote").all()
    assert quotes["unit_id"].str.startswith("000_a750b09d9d126d2a.txt:q").all()
    assert "news_frames.conflict" in quotes.columns and quotes["compound"].between(-1, 1).all()
    assert main(["score", str(SEED), "--lexicon", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml" in capsys.readouterr().err


def test_phrases_starting_with_function_words_still_win_longest_first():
    m = DictionaryMatcher([{"a": ["to"], "b": ["to blame", "the public", "will not work"], "c": ["blame", "public*"]}])
    assert found(m, "Who is to blame? The public's mood: it will not work, to them, and publicly") == [
        ("b", "to blame", "to blame"), ("b", "the public", "The public"), ("b", "will not work", "will not work"),
        ("a", "to", "to"), ("c", "public*", "publicly")]
    got = m.match(units_of("x to blame"))
    assert got[["start", "end"]].values.tolist() == [[2, 10]]


def test_document_rates_from_sentence_rates_equal_a_second_pass():
    from framing.scoring import aggregate_rates

    text = SEED.read_text(encoding="utf-8")
    docs = pd.DataFrame({"doc_id": ["seed"], "title": [text.split("\n", 1)[0]], "text": [text]})
    sentences = framing.segment(docs)
    m = DictionaryMatcher(["diplomacy"])
    by_sentence = aggregate_rates(m.rates(framing.sentence_units(sentences), counts=True))
    direct = m.rates(framing.document_units(sentences), counts=True)
    assert by_sentence["n_tokens"].tolist() == direct["n_tokens"].tolist()
    for col in m.columns:
        assert by_sentence.loc[0, col] == pytest.approx(direct.loc[0, col])
        assert by_sentence.loc[0, col + ".n"] == direct.loc[0, col + ".n"]
    assert list(by_sentence.columns[:4]) == ["doc_id", "unit_id", "unit", "n_tokens"]


def test_rates_only_pass_equals_the_rates_of_the_full_pass():
    text = SEED.read_text(encoding="utf-8")
    units = units_of(*[p for p in text.split("\n\n") if p.strip()])
    m = DictionaryMatcher(["news_frames", "diplomacy"])
    matches, full = m.match_and_rate(units, counts=True)
    alone = DictionaryMatcher(["news_frames", "diplomacy"]).rates(units, counts=True)
    pd.testing.assert_frame_equal(full, alone)
    per_unit = matches.groupby("unit_id").size()
    n_cols = [c for c in full.columns if c.endswith(".n")]
    assert (full.set_index("unit_id")[n_cols].sum(axis=1).reindex(per_unit.index) == per_unit).all()


def test_highlight_marks_matches():
    from framing.matching import highlight

    text = "No threat & more. Real progress."
    m = DictionaryMatcher([{"t": ["threat"], "p": ["progress"]}]).match(units_of(text))
    assert highlight(text, m, html=False) == "No [threat|t (negated)] & more. Real [progress|p]."
    assert highlight(text, m) == ('No <mark title="custom.t" class="negated">threat</mark> &amp; more. Real '
                                  '<mark title="custom.p">progress</mark>.')


def test_phrases_and_negation_stop_at_sentence_ends_but_not_inside_abbreviations():
    m = DictionaryMatcher([{"e": ["economic growth", "economic*", "growth"], "u": ["u.s. officials"],
                            "t": ["threat"]}])
    assert found(m, "It was economic. Growth followed; U.S. officials agreed.") == [
        ("e", "economic*", "economic"), ("e", "growth", "Growth"), ("u", "u.s. officials", "U.S. officials")]
    assert found(m, "economic growth") == [("e", "economic growth", "economic growth")]
    neg = m.match(units_of("Not in the U.S. threat", "No. A threat"))
    assert neg["negated"].tolist() == [False, False]  # window of 3 tokens; "No." ends a sentence
    neg4 = DictionaryMatcher([{"t": ["threat"]}], negation_window=5).match(units_of("Not in the U.S. threat"))
    assert neg4["negated"].tolist() == [True]  # "U.S." is no boundary
    # rates-only (no offsets) and full passes agree
    units = units_of("It was economic. Growth followed; U.S. officials agreed, not a threat.")
    full = m.match_and_rate(units, counts=True)[1]
    alone = DictionaryMatcher(m.lexicons).rates(units, counts=True)
    pd.testing.assert_frame_equal(full, alone)


def _doc_with_sentences(doc_id: str, *sentences: str) -> pd.DataFrame:
    """Sentence units plus the document unit joining them (as document_units builds it)."""
    rows, pos, frags = [], 0, []
    for k, s in enumerate(sentences):
        rows.append({"doc_id": doc_id, "unit_id": f"{doc_id}:s{k}", "unit": "sentence", "text": s,
                     "fragments": [[pos, pos + len(s)]]})
        frags.append([pos, pos + len(s)])
        pos += len(s) + 1
    rows.append({"doc_id": doc_id, "unit_id": doc_id, "unit": "document", "text": " ".join(sentences),
                 "fragments": frags})
    return pd.DataFrame(rows)


def test_reuse_sentences_gives_the_scan_values_bit_for_bit_on_the_seed():
    text = SEED.read_text(encoding="utf-8")
    docs = pd.DataFrame({"doc_id": ["seed"], "title": [text.split("\n", 1)[0]], "text": [text]})
    sentences = framing.segment(docs)
    units = pd.concat([framing.sentence_units(sentences), framing.document_units(sentences, docs)],
                      ignore_index=True)
    for kwargs in ({}, {"count_negated": False}, {"negation_window": 0}):
        m = DictionaryMatcher(["news_frames", "diplomacy"], **kwargs)
        assert list(m.sentence_documents(units)) == [len(units) - 1]
        m_scan, r_scan = m.match_and_rate(units, counts=True)
        m_reuse, r_reuse = m.match_and_rate(units, counts=True, reuse_sentences=True)
        pd.testing.assert_frame_equal(r_scan, r_reuse, check_exact=True)
        # the document's own match rows are left out; the sentences' rows are the same
        assert (m_reuse["unit_id"] != "seed").all()
        pd.testing.assert_frame_equal(m_scan[m_scan["unit_id"] != "seed"].reset_index(drop=True), m_reuse)
        assert len(m_scan[m_scan["unit_id"] == "seed"]) == len(m_reuse) > 0


def test_reuse_sentences_falls_back_to_a_scan_where_a_phrase_or_negation_spans_a_join():
    lex = {"crisis": ["human rights", "crisis"]}
    # a headline without a period: "human" ends it, "rights" starts the next sentence
    spanning = _doc_with_sentences("a", "Campaigners defend human", "Rights groups met today.")
    # the negator ends the headline; the match opens the next sentence
    negated = _doc_with_sentences("b", "Officials say it is not", "Crisis talks resumed.")
    # a full stop between them: nothing can span the join, the sentences are reused
    hard = _doc_with_sentences("c", "Campaigners defend human.", "Rights groups said it is no crisis.")
    units = pd.concat([spanning, negated, hard], ignore_index=True)
    m = DictionaryMatcher([lex], count_negated=False)
    plan = m.sentence_documents(units)
    assert plan == {8: [6, 7]}
    _, scan = m.match_and_rate(units, counts=True)
    _, reuse = m.match_and_rate(units, counts=True, reuse_sentences=True)
    pd.testing.assert_frame_equal(scan, reuse, check_exact=True)
    docs = reuse.set_index("unit_id")
    assert docs.loc["a", "custom.crisis.n"] == 1  # "human Rights" across the join, one match, not zero
    assert docs.loc["b", "custom.crisis.negated"] == 1
    assert docs.loc["c", "custom.crisis.n"] == 1 and docs.loc["c", "custom.crisis.negated"] == 1


@pytest.mark.parametrize("options", [{}, {"count_negated": False}, {"negation_window": 1}, {"case_sensitive": True}])
def test_reuse_sentences_equals_a_scan_on_random_documents(options):
    import random

    words = ("the human rights crisis not no U.S. Mr. Kim said blame to market markets price's rise, risk war "
             "talks peace - ; : ? ! . \u201c \u201d ' e.g. a").split()
    lex = {"a": ["human rights", "crisis", "to blame", "market* price*", "u.s", "war", "peace talks", "mr kim"],
           "b": ["rise", "risk*", "the crisis"]}
    rng = random.Random(7)
    units = pd.concat([_doc_with_sentences(f"d{d}", *[
        " ".join(rng.choice(words) for _ in range(rng.randint(0, 7))) + rng.choice(["", ".", "?", " .", ".\u201d", ":"])
        for _ in range(rng.randint(1, 5))]) for d in range(150)], ignore_index=True)
    m = DictionaryMatcher([lex], **options)
    n_docs = (units["unit"] == "document").sum()
    assert 0.3 * n_docs < len(m.sentence_documents(units)) < n_docs  # both paths are exercised
    _, scan = m.match_and_rate(units, counts=True)
    _, reuse = m.match_and_rate(units, counts=True, reuse_sentences=True)
    pd.testing.assert_frame_equal(scan, reuse, check_exact=True)


# -- the C-level tokenizer (blanked text) and the per-unit regex path give the same results --------------------

TRICKY = ["", "   ", "--", "'", "a", "war-", "-war", "'war'", "--war--", "a--b", "x-'y", "y'-z", "rock 'n' roll",
          "don't", "Korea's", "Korea\u2019s", "U.S.-led", "cease-fire", "wars' end", "\u00a35bn", "\u201cwar\u201d",
          "\u2014 threat \u2014", "_x_ 9-11", "e.g. war", "not  a\tcrisis\n", "a-", "'", "-'-", "\ufffd war"]


def test_blanked_text_splits_into_the_regex_tokens_at_their_offsets():
    from framing.matching import _batchable, _spaced_bytes

    for text in TRICKY + [" ".join(TRICKY), "".join(TRICKY)]:
        low = text.lower().replace("\u2019", "'")
        assert _batchable(low)
        blanked = _spaced_bytes(low).decode("ascii")
        assert len(blanked) == len(text)
        assert blanked.split() == tokenize(text), text
        pos = 0
        for tok in blanked.split():  # a token's offset in the blanked text is its offset in the text
            pos = blanked.index(tok, pos)
            assert low[pos:pos + len(tok)] == tok
            pos += len(tok)
    assert not _batchable("caf\u00e9") and not _batchable("\u0130stanbul") and _batchable("\u00a35 \u2014 \u201cx\u201d")


WORKED = ("Officials say it's not a nuclear-armed threat -- nor a 'nuclear threat'; North Korea's envoy, in good "
          "faith based talks, isn't to blame for human rights abuses.")
WORKED_LEX = {"threat": ["nuclear threat", "threat*", "nuclear*"], "rights": ["human rights", "human rights abuse*"],
              "blame": ["to blame", "blame*"], "korea": ["north korea", "korea*"], "talks": ["good faith", "faith based"]}
WORKED_MATCHES = [  # category, term, match, start, end, negated
    ("threat", "nuclear*", "nuclear-armed", 25, 38, True),  # "not" 2 tokens before
    ("threat", "threat*", "threat", 39, 45, True),
    ("threat", "nuclear threat", "nuclear threat", 56, 70, True),  # "nor", across the loose dashes and quote
    ("korea", "north korea", "North Korea", 73, 84, False),  # "'s" left out; "';" ends the window
    ("talks", "good faith", "good faith", 97, 107, False),  # not also "faith based"
    ("blame", "to blame", "to blame", 127, 135, True),  # "isn't"; the phrase starts at a function word
    ("rights", "human rights abuse*", "human rights abuses", 140, 159, False),  # longest, not "human rights"
]


@pytest.mark.parametrize("suffix, n_tokens", [("", 26), (" In Z\u00fcrich.", 28), (" \u0130stanbul.", 27)])
def test_worked_example_on_both_tokenizer_paths(suffix, n_tokens):
    # ASCII text takes the blanked-text path; a non-ASCII word character ("\u00fc") the regex path;
    # "\u0130" (lower case longer than the letter) the path that keeps the original's offsets
    text = WORKED + suffix
    got = DictionaryMatcher([WORKED_LEX]).match(units_of(text))
    rows = list(got[["category", "term", "match", "start", "end", "negated"]].itertuples(index=False, name=None))
    assert rows == WORKED_MATCHES
    assert all(text[s:e] == mt for _c, _t, mt, s, e, _n in rows)
    rates = DictionaryMatcher([WORKED_LEX]).rates(units_of(text), counts=True)
    assert rates["n_tokens"].tolist() == [n_tokens]
    assert rates["custom.threat.negated"].tolist() == [3]


def _random_units(seed: int, n: int) -> pd.DataFrame:
    import random

    words = ("the human rights crisis not no U.S. Mr. Kim said to blame market markets price's Price rise risk "
             "war war- -war 'war' talks peace nuclear-armed nuclear threat threats isn't don\u2019t cannot "
             "caf\u00e9 \u00a35 \u2014 - -- ; : ? ! . , \u201c \u201d ' e.g. a \u0130 North Korea's korea").split()
    rng = random.Random(seed)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 25))) + rng.choice(["", ".", " .", ".\u201d"])
             for _ in range(n)]
    return units_of(*texts)


@pytest.mark.parametrize("options", [{}, {"negation_window": 0}, {"negation_window": 5}, {"case_sensitive": True}])
def test_blanked_and_regex_paths_agree_on_random_units(monkeypatch, options):
    import framing.matching as fm

    lex = {"a": ["human rights", "crisis", "to blame", "market* price*", "u.s", "war", "peace talks", "mr kim",
                 "nuclear*", "nuclear threat", "north korea"], "b": ["rise", "risk*", "the crisis", "threat*", "war"]}
    units = _random_units(3, 400)
    kinds = [fm._batchable(t.lower()) for t in units["text"]]
    assert 0.2 * len(kinds) < sum(kinds) < 0.9 * len(kinds)  # both paths in one call
    m_default, r_default = DictionaryMatcher([lex], **options).match_and_rate(units, counts=True)
    assert len(m_default) > 300 and m_default["negated"].any() == (options.get("negation_window") != 0)
    monkeypatch.setattr(fm, "_CHUNK_CHARS", 40)  # many chunks, units on both sides of their ends
    m_chunks, r_chunks = DictionaryMatcher([lex], **options).match_and_rate(units, counts=True)
    monkeypatch.setattr(fm, "_blank_units", lambda texts: [])  # every unit through the regex tokenizer
    m_regex, r_regex = DictionaryMatcher([lex], **options).match_and_rate(units, counts=True)
    rates_only = DictionaryMatcher([lex], **options).rates(units, counts=True)
    for m in (m_chunks, m_regex):
        pd.testing.assert_frame_equal(m_default, m, check_exact=True)
    for r in (r_chunks, r_regex, rates_only):
        pd.testing.assert_frame_equal(r_default, r, check_exact=True)
    plain = [k for k, t in enumerate(units["text"]) if "\u0130" not in t]  # tokenize() lower-cases first: "i" + dot
    assert [r_default["n_tokens"][k] for k in plain] == [len(tokenize(units["text"][k])) for k in plain]
    texts = dict(zip(units["unit_id"], units["text"]))
    assert all(texts[u][s:e] == mt for u, s, e, mt in zip(m_default["unit_id"], m_default["start"],
                                                         m_default["end"], m_default["match"]))


def test_units_of_both_paths_keep_their_order_and_missing_texts_count_zero():
    units = units_of("a threat", "caf\u00e9 threat", "", "threat threat", "\u0130 threat", "no threat")
    units.loc[2, "text"] = None
    m, r = DictionaryMatcher([{"t": ["threat"]}]).match_and_rate(units)
    assert m["unit_id"].tolist() == ["u0", "u1", "u3", "u3", "u4", "u5"]
    assert m["start"].tolist() == [2, 5, 0, 7, 2, 3] and m["negated"].tolist() == [False] * 5 + [True]
    assert r["n_tokens"].tolist() == [2, 2, 0, 2, 2, 2]


def test_a_pass_leaves_the_garbage_collector_as_it_found_it():
    import gc

    units = pd.DataFrame({"doc_id": ["d"], "unit_id": ["d:0"], "unit": ["document"], "text": ["no deal on trade"]})
    m = DictionaryMatcher(["news_frames"])
    assert gc.isenabled()
    m.match_and_rate(units)
    m.rates(units)
    m.match(units)
    assert gc.isenabled()
    gc.disable()
    try:
        m.match_and_rate(units)
        assert not gc.isenabled()
    finally:
        gc.enable()
