"""VaderScorer: identical to vaderSentiment 3.3.2, news variant, units and documents."""

from __future__ import annotations

import math
import pickle
import random

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import framing
from framing.errors import InputError, ParameterError
from framing.sentiment import (
    VaderScorer,
    aggregate_sentences,
    read_news_additions,
    reference_lexicon,
    score_sentiment,
)

REF = SentimentIntensityAnalyzer()
OURS = VaderScorer(cache_size=0)

# each exercises one rule of the original; all must equal the reference exactly
RULE_CASES = [
    "The book was good.",
    "The book was not good.",  # negation
    "The book wasn't good at all.",  # n't negation
    "Not bad at all",
    "no problems at all",  # "no" before a lexicon word
    "No, no, NO bad",
    "There is no good or bad here",  # no ... or
    "The plot was good, but the characters are uncompelling and the dialog is not great.",  # but
    "good good, but good good",  # but with repeated values (index() quirk)
    "great good, but great good great good",
    "VADER is VERY SMART, handsome, and FUNNY.",  # ALL CAPS differential
    "ALL CAPS ARE ANGRY AND BAD",  # all caps: no differential
    "GOOD!!!",
    "This is good!!!!!!",  # at most 4 exclamation marks count
    "Is it good?!",
    "Is it good??",  # 2-3 question marks
    "Is it good?????",  # 4+ question marks
    "The book was only kind of good.",  # kind of
    "It was sort of a nice surprise that was kind of good",
    "one of the least compelling variations",  # least
    "at least it was compelling",
    "the very least compelling",
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",  # never this
    "Without a doubt, excellent idea.",  # without doubt
    "With VADER, sentiment analysis is the shit!",  # special idioms
    "On the other hand, VADER is quite bad ass",
    "that is a kiss of death for us",
    "the cake was to die for",
    "the in the red bad",  # sentiment-laden idioms are not used by the original
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",  # emoji descriptions
    "x😁y love",  # emoji glued to text
    "Make sure you :) or :D today!",  # emoticons
    "'Great' he said, 'just great'.",
    "“Terrible,” she said.",
    "İSTANBUL IS GREAT ǅ naïve",  # unicode case mapping
    "Today only kinda sux! But I'll get by, lol",
]


@pytest.mark.parametrize("text", RULE_CASES)
def test_rules_equal_reference(text):
    assert OURS.polarity_scores(text) == REF.polarity_scores(text)


def test_known_values():
    # the original's values; NLTK's port gives 0.0 for the quoted "good"
    assert VaderScorer().polarity_scores('He said it was "good".') == {
        "neg": 0.0, "neu": 0.58, "pos": 0.42, "compound": 0.4404}  # fmt: skip
    assert OURS.polarity_scores("The book was not good.")["compound"] == -0.3412
    assert OURS.polarity_scores("VADER is not smart, handsome, nor funny.")["compound"] == -0.7424
    assert OURS.polarity_scores("no problems")["compound"] == REF.polarity_scores("no problems")["compound"] == 0.3089  # 'no' negates, not negative
    assert OURS.polarity_scores("good") == {"neg": 0.0, "neu": 0.0, "pos": 1.0, "compound": 0.4404}


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_and_whitespace(text):
    assert OURS.polarity_scores(text) == {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    assert REF.polarity_scores(text) == OURS.polarity_scores(text)


def test_no_lexicon_word_is_neutral():
    assert OURS.polarity_scores("The minister met the delegation on Tuesday.") == {
        "neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}  # fmt: skip


_VOCAB = (
    sorted(reference_lexicon())[::25]
    + ["not", "no", "never", "but", "But", "BUT", "kind", "of", "least", "at", "very", "so", "this",
       "without", "doubt", "or", "nor", "the", "very", "extremely", "barely", "isn't", "n't", "bomb",
       "😁", "💔", "!", "?", "?!", "!!!", "said", "\"good\"", "(bad)", "İ", "ß", "GOOD", "Bad"]
)  # fmt: skip


def _random_sentence(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(0, 18)):
        w = rng.choice(_VOCAB)
        r = rng.random()
        if r < 0.15:
            w = w.upper()
        elif r < 0.25:
            w = w.capitalize()
        if rng.random() < 0.2:
            w += rng.choice([",", ".", "!", "?", '"', "'", ")", "!?"])
        words.append(w)
    return rng.choice([" ", "  ", " \n"]).join(words)


def test_random_sentences_equal_reference():
    rng = random.Random(20261127)
    diffs = [s for s in (_random_sentence(rng) for _ in range(3000)) if OURS.polarity_scores(s) != REF.polarity_scores(s)]
    assert diffs == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), max_size=15), st.sampled_from([" ", "\t", "  ", "\u00a0"]))
def test_hypothesis_equal_reference(words, sep):
    text = sep.join(words)
    assert OURS.polarity_scores(text) == REF.polarity_scores(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_equal_reference(text):
    assert OURS.polarity_scores(text) == REF.polarity_scores(text)


def test_explain_shows_which_words_count():
    ex = OURS.explain("It is not good, but great")
    assert ex["token"].tolist() == ["It", "is", "not", "good", "but", "great"]
    assert ex.loc[3, "lexicon"] == 1.9
    assert ex.loc[3, "valence"] == pytest.approx(1.9 * -0.74 * 0.5)  # negated, before "but"
    # after "but" (x1.5), and negated by the "not" three tokens back: the original's rule,
    # reproduced as is, so "not good, but great" is negative overall
    assert ex.loc[5, "valence"] == pytest.approx(3.1 * -0.74 * 1.5)
    assert OURS.polarity_scores("It is not good, but great")["compound"] == -0.7306
    assert math.isnan(ex.loc[0, "lexicon"])


def test_news_variant_adds_news_vocabulary():
    news, ref = VaderScorer("news", cache_size=0), OURS
    assert ref.polarity_scores("Troops slaughtered villagers")["compound"] == 0.0
    assert news.polarity_scores("Troops slaughtered villagers")["compound"] == -0.6705  # -3.5 = killed
    assert news.lexicon["massacre"] == -3.7
    assert "united" not in news.lexicon and ref.lexicon["united"] == 1.8  # removed in news
    assert "denuclearization" not in news.lexicon  # reviewed, kept neutral
    assert ref.lexicon == dict(reference_lexicon())  # the reference is untouched


def test_news_variant_differs_only_where_its_terms_occur():
    news = VaderScorer("news", cache_size=0)
    terms = set(read_news_additions()["term"])
    rng = random.Random(7)
    vocab = _VOCAB + ["massacre", "floods", "recovery", "united", "party", "layoffs"]
    for _ in range(2000):
        words = [rng.choice(vocab) for _ in range(rng.randint(1, 12))]
        text = " ".join(words)
        has_term = any(w.lower().strip(".,!?\"'()") in terms for w in words)
        if not has_term:
            assert news.polarity_scores(text) == OURS.polarity_scores(text), text


def test_news_additions_file_is_valid():
    df = read_news_additions()
    assert list(df.columns) == ["term", "valence", "note"]
    assert len(df) > 150 and df["term"].is_unique
    assert df["valence"].between(-4, 4).all()
    lex = reference_lexicon()
    added = df[df["valence"] != 0]
    assert not added["term"].isin(list(lex)).any()  # additions are words VADER lacks
    removed = df[(df["valence"] == 0) & df["term"].isin(list(lex))]
    assert set(removed["term"]) >= {"united", "party", "gross"}
    assert removed["note"].str.startswith("removed").all()


def test_news_additions_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "extra.tsv"
    bad.write_text("term\tvalence\tnote\nmassacre\tvery bad\tx\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"extra\.tsv:2: valence 'very bad'"):
        read_news_additions(bad)
    bad.write_text("massacre\t-9\tx\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"extra\.tsv:1: .*outside"):
        read_news_additions(bad)


def test_extra_terms_and_parameters():
    v = VaderScorer(extra={"skirmish": -1.5, "good": 0}, cache_size=0)
    assert v.polarity_scores("a skirmish")["compound"] < 0
    assert v.polarity_scores("good")["compound"] == 0.0  # valence 0 removes a term
    with pytest.raises(ParameterError, match="unknown VADER variant 'nltk'"):
        VaderScorer("nltk")
    with pytest.raises(ParameterError):
        VaderScorer(cache_size=-1)


def test_cache_and_pickle_give_same_scores():
    v = VaderScorer("news")
    first = v.polarity_scores("Floods devastated the town!")
    assert v.polarity_scores("Floods devastated the town!") == first
    clone = pickle.loads(pickle.dumps(v))
    assert clone.variant == "news" and clone.polarity_scores("Floods devastated the town!") == first


def _units() -> pd.DataFrame:
    s1, s2 = "The talks were good.", "But the outcome was terrible!"
    doc = f"{s1} {s2}"
    return pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d1", "d2"],
            "unit_id": ["d1:s0", "d1:s1", "d1", "d2"],
            "unit": ["sentence", "sentence", "document", "document"],
            "text": [s1, s2, doc, ""],
            "fragments": [[[0, 20]], [[21, 50]], [[0, 20], [21, 50]], []],
        }
    )


def test_score_units_columns_and_values():
    out = score_sentiment(_units())
    assert list(out.columns) == ["doc_id", "unit_id", "unit", "n_tokens", "neg", "neu", "pos", "compound"]
    assert out["unit_id"].tolist() == ["d1:s0", "d1:s1", "d1", "d2"]
    s0 = REF.polarity_scores("The talks were good.")
    s1 = REF.polarity_scores("But the outcome was terrible!")
    assert out.loc[0, ["neg", "neu", "pos", "compound"]].tolist() == [s0["neg"], s0["neu"], s0["pos"], s0["compound"]]
    assert out.loc[1, "compound"] == s1["compound"] == -0.6643
    assert out["n_tokens"].tolist() == [4, 5, 9, 0]
    # a document is the aggregate of its sentences, not VADER on the whole text
    doc = out.loc[2]
    assert doc["compound"] == pytest.approx((0.4404 - 0.6643) / 2)
    assert doc["compound"] != REF.polarity_scores("The talks were good. But the outcome was terrible!")["compound"]
    assert doc["pos"] == pytest.approx((s0["pos"] * 4 + s1["pos"] * 5) / 9)
    assert doc["neg"] == pytest.approx((s0["neg"] * 4 + s1["neg"] * 5) / 9)
    assert out.loc[3, ["n_tokens", "compound", "neu"]].tolist() == [0, 0.0, 0.0]  # empty document


def test_aggregate_sentences_values():
    scores = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b"],
            "n_tokens": [10, 30, 0, 5],
            "neg": [0.0, 0.2, 0.0, 0.5],
            "neu": [0.5, 0.8, 0.0, 0.5],
            "pos": [0.5, 0.0, 0.0, 0.0],
            "compound": [0.6, -0.2, 0.0, -0.4],
        }
    )
    out = aggregate_sentences(scores).set_index("doc_id")
    assert out.loc["a", "compound"] == pytest.approx(0.2)  # mean of the two non-empty sentences
    assert out.loc["a", "neg"] == pytest.approx(0.15)  # (0*10 + 0.2*30) / 40
    assert out.loc["a", "neu"] == pytest.approx(0.725)
    assert out.loc["a", "pos"] == pytest.approx(0.125)
    assert out.loc["a", "n_tokens"] == 40 and out.loc["a", "n_units"] == 2
    assert out.loc["b", "compound"] == -0.4 and out.loc["b", "unit"] == "document"


def test_missing_text_scores_as_empty_and_bad_table_is_user_error():
    units = pd.DataFrame({"doc_id": ["d"], "unit_id": ["d:q0"], "unit": ["quote"], "text": [None]})
    assert score_sentiment(units).loc[0, ["n_tokens", "compound"]].tolist() == [0, 0.0]
    with pytest.raises(ParameterError, match="lacks column"):
        score_sentiment(pd.DataFrame({"text": ["x"]}))


def test_public_api():
    assert framing.VaderScorer is VaderScorer
    assert framing.score_sentiment is score_sentiment
def test_aggregate_in_api():
    assert framing.aggregate_sentences is aggregate_sentences


def test_fingerprint_changes_with_the_lexicon():
    ref, news = VaderScorer(), VaderScorer("news")
    assert ref.fingerprint == VaderScorer().fingerprint and len(ref.fingerprint) == 16
    assert news.fingerprint != ref.fingerprint
    assert VaderScorer(extra={"skirmish": -1.5}).fingerprint != ref.fingerprint


def test_document_without_fragments_is_split_into_sentences():
    units = pd.DataFrame(
        {"doc_id": ["d"], "unit_id": ["d"], "unit": ["document"], "text": ["The talks were good. But the outcome was terrible!"]}
    )
    row = score_sentiment(units).iloc[0]
    assert row["n_tokens"] == 9
    assert row["compound"] == pytest.approx((0.4404 - 0.6643) / 2)


def test_extra_terms_are_checked():
    with pytest.raises(ParameterError, match="one lowercase token"):
        VaderScorer(extra={"Skirmish": -1.5})
    with pytest.raises(ParameterError, match="not a number"):
        VaderScorer(extra={"skirmish": "bad"})
    with pytest.raises(TypeError):
        VaderScorer().lexicon["good"] = 3.0  # read-only view
