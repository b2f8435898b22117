"""Property-based tests (hypothesis): on arbitrary, hostile text the stages never raise
and every recorded span lies inside its text and reproduces what was recorded.

Text is built from news-like pieces (names, cue verbs, dictionary words) mixed with
quotation marks of every kind (balanced or not), control characters, emoji, right-to-left
marks, very long lines, blank lines, "More news:" lines and random unicode (no NUL, no
lone surrogates). Bounded: 100 examples per test, a few seconds each.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import units as U
from framing.corpus import load_corpus
from framing.matching import DictionaryMatcher
from framing.quotes import extract_quotes
from framing.scoring import score_and_match
from framing.segment import segment
from framing.sentiment import VaderScorer

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

QUOTE_MARKS = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u2039", "\u203a",
               "\u300c", "\u300d", "``", "''", "\u201a", "\u201f"]
WORDS = ["said", "says", "told", "added", "according to", "warned", "claimed", "he", "she", "they", "It",
         "Anna Brekke", "Mr. Dascal", "the minister", "a spokesperson,", "U.S.", "Dr.", "Sen.", "Jan.",
         "conflict", "crisis", "war of words", "at odds", "not", "never", "peace", "economy", "good", "terrible",
         "rift", "dispute", "talks", "The", "We", "will", "fight", "news", "More news:", "(AP)", "--", "\u2014",
         ":", ";", ",", ".", "?", "!", "...", "\u2026", "(", ")", "[", "]"]
ODD = ["\u200f", "\u200e", "\u202e", "\u202c", "\u2066", "\u2069", "\ufeff", "\u00ad", "\u200b", "\u2028", "\u2029",
       "\x85", "\x0b", "\x0c", "\x1b", "\x7f", "\x01", "\t", "\r", "\r\n", "\U0001f600", "\U0001f44d\U0001f3fd",
       "\U0001f1fa\U0001f1f8", "e\u0301", "\ufffd", "\uffff", "\U0010ffff", "\u0627\u0644\u0633\u0644\u0627\u0645",
       "\u05e9\u05dc\u05d5\u05dd", "\u4e2d\u6587", "\u0130", "\u00df", "\ufb01"]
ANCHOR = 'Talks resume\n\n"We are ready," Anna Brekke said.\n'
SPACES = [" ", " ", " ", "\n", "\n\n", "\n\n\n", "  ", "\u00a0", "\u3000"]

unicode_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(ODD),
    st.sampled_from(SPACES),
    unicode_text,
    st.builds(lambda w, n: w * n, st.sampled_from(["word ", "x", "\"", "\u201c", "a.", "\u2019s "]),
              st.integers(1, 400)),
    st.just("\nMore news: Talks resume | Markets fall | Weather\n"),
)


PAIRS = [('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"),
         ("\u2039", "\u203a"), ("\u300c", "\u300d"), ("'", "'"), ("``", "''"), ("\u201d", "\u201d"), ("\u00bb", "\u00ab")]
INNER = ["We", "will", "not", "accept", "this", "conflict", "crisis", "the economy", "is", "good", "at odds",
         "war of words", "talks", "peace", "terrible", "never", "rift", "U.S.", "Dr.", "it's", "\U0001f600", "\u200f"]
SPEAKERS = ["Anna Brekke", "he", "she", "the minister", "Mr. Dascal", "a source, who asked not to be named,",
            "they", "Brekke", "President Miro Dascal", ""]
CUES = ["said", "says", "told reporters", "added", "warned", "claimed", "insisted", "according to", "denied", ""]


@st.composite
def quotation(draw) -> str:
    """A quotation-shaped piece: marks (maybe unbalanced), inner words, a cue and a speaker."""
    op, cl = draw(st.sampled_from(PAIRS))
    inner = " ".join(draw(st.lists(st.sampled_from(INNER), min_size=1, max_size=12)))
    inner += draw(st.sampled_from([",", ".", "", "?", "!", ",\u201d", "..."]))
    if draw(st.booleans()):
        cl = draw(st.sampled_from(["", cl, cl + cl, "\n\n"]))
    speaker, cue = draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(CUES))
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return f"{op}{inner}{cl} {speaker} {cue}."
    if shape == 1:
        return f"{speaker} {cue}: {op}{inner}{cl}"
    if shape == 2:  # interrupted by its attribution
        rest = " ".join(draw(st.lists(st.sampled_from(INNER), min_size=1, max_size=6)))
        return f"{op}{inner}{cl} {speaker} {cue}. {op}{rest}.{cl}"
    return f"{speaker} {cue} that {inner}."


@st.composite
def hostile_text(draw, max_pieces: int = 60) -> str:
    parts = draw(st.lists(st.one_of(piece, quotation(), quotation()), max_size=max_pieces))
    out = []
    for p in parts:
        out.append(p)
        out.append(draw(st.sampled_from(SPACES + ["", ""])))
    return "".join(out)


@st.composite
def documents(draw, max_docs: int = 3) -> pd.DataFrame:
    texts = [ANCHOR] + draw(st.lists(hostile_text(), min_size=1, max_size=max_docs))
    titles = draw(st.lists(st.one_of(st.just(""), hostile_text(max_pieces=6)), min_size=len(texts), max_size=len(texts)))
    frame = pd.DataFrame({"id": [f"d{i}" for i in range(len(texts))], "title": titles, "text": texts})
    return load_corpus(frame, errors="collect")


def _check_span(text: str, start: int, end: int, what: str) -> None:
    assert 0 <= start <= end <= len(text), f"{what} span [{start}, {end}) outside a text of {len(text)} characters"


@pytest.fixture(scope="module")
def matcher(tmp_path_factory):
    lex = tmp_path_factory.mktemp("lex") / "hostile.yaml"
    lex.write_text("conflict:\n  - conflict*\n  - war of words\n  - at odds\n  - rift\n  - dispute*\n"
                   "economy:\n  - econom*\n  - talks\n  - good\n  - \"u.s.\"\n", encoding="utf-8")
    return DictionaryMatcher(["news_frames", str(lex)])


# --------------------------------------------------------------------------- corpus


@SETTINGS
@given(texts=st.lists(hostile_text(), min_size=1, max_size=4))
def test_load_corpus_keeps_text_exactly_from_frame_and_jsonl(tmp_path_factory, texts):
    texts = [ANCHOR, *texts]  # a corpus with no readable document at all is an error, by design
    frame = pd.DataFrame({"id": [f"d{i}" for i in range(len(texts))], "text": texts})
    docs = load_corpus(frame, errors="collect")
    skipped = {e["source"] for e in docs.attrs["errors"]}
    kept = dict(zip(docs["doc_id"], docs["text"]))
    for i, t in enumerate(texts):
        if f"d{i}" in kept:
            assert kept[f"d{i}"] == t
    assert len(kept) + len(skipped) == len(texts)
    for text, excluded in zip(docs["text"], docs["excluded"]):
        for s, e, reason in excluded:
            _check_span(text, s, e, "excluded")
            assert reason
    path = tmp_path_factory.mktemp("jsonl") / "c.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    again = load_corpus(path, errors="collect")
    assert dict(zip(again["doc_id"], again["text"])) == kept


# --------------------------------------------------------------------------- segment and quotes


@SETTINGS
@given(docs=documents())
def test_sentences_lie_inside_their_text_and_avoid_excluded_spans(docs):
    sentences = segment(docs)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    excluded = dict(zip(docs["doc_id"], docs["excluded"]))
    for s in sentences.itertuples(index=False):
        text = texts[s.doc_id]
        _check_span(text, s.start, s.end, "sentence")
        assert text[s.start:s.end] == s.text
        assert s.sent_id == f"{s.doc_id}:s{s.sentence}"
        for xs, xe, _ in excluded[s.doc_id]:
            assert s.end <= xs or s.start >= xe, "a sentence overlaps an excluded span"
    for _, group in sentences.groupby("doc_id"):
        starts, ends = group["start"].tolist(), group["end"].tolist()
        assert all(e <= s for e, s in zip(ends, starts[1:])), "sentences overlap or are out of order"


@SETTINGS
@given(docs=documents())
def test_quotes_fragments_cues_and_mentions_lie_inside_their_text(docs):
    quotes = extract_quotes(docs)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    assert quotes["quote_id"].is_unique
    for q in quotes.itertuples(index=False):
        text = texts[q.doc_id]
        frags = [list(map(int, f)) for f in q.fragments]
        assert frags, "a quote without fragments"
        for s, e in frags:
            _check_span(text, s, e, "quote fragment")
        assert all(a[1] <= b[0] for a, b in zip(frags, frags[1:])), "fragments overlap or are out of order"
        assert (q.start, q.end) == (frags[0][0], frags[-1][1])
        assert q.quote_id == f"{q.doc_id}:q{q.start}"
        assert q.text == U.join_fragments(text, frags) == U.FRAGMENT_SEP.join(text[s:e] for s, e in frags)
        assert q.type in ("direct", "partial", "mixed", "indirect")
        if q.cue:
            _check_span(text, q.cue_start, q.cue_end, "cue")
            assert text[q.cue_start:q.cue_end] == q.cue
        if q.mention:
            _check_span(text, q.mention_start, q.mention_end, "mention")
            assert text[q.mention_start:q.mention_end] == q.mention
        assert isinstance(q.speaker, str)
        assert bool(q.speaker) == bool(q.speaker_how) or q.speaker_how == ""


# --------------------------------------------------------------------------- scoring and matching


def _assert_matches_consistent(units: pd.DataFrame, docs: pd.DataFrame, matches: pd.DataFrame,
                               scores: pd.DataFrame, columns: list[str]) -> None:
    texts = dict(zip(docs["doc_id"], docs["text"]))
    frags = dict(zip(units["unit_id"], units["fragments"]))
    assert list(scores["unit_id"]) == list(units["unit_id"])
    for m in matches.itertuples(index=False):
        text = texts[m.doc_id]
        _check_span(text, m.start, m.end, "match")
        inside = [f for f in frags[m.unit_id] if f[0] <= m.start and m.end <= f[1]]
        if inside:
            assert text[m.start:m.end] == m.match
        else:  # a phrase across the separator of two fragments
            assert frags[m.unit_id][0][0] <= m.start and m.end <= frags[m.unit_id][-1][1]
    counted = matches.groupby(["unit_id", "lexicon", "category"]).size()
    by_unit = scores.set_index("unit_id")
    for col in columns:
        lexicon, category = col.split(".", 1)
        for unit_id, n in by_unit[f"{col}.n"].items():
            assert counted.get((unit_id, lexicon, category), 0) == n, (unit_id, col)
    for c in ("neg", "neu", "pos"):
        assert scores[c].between(0, 1).all()
    assert scores["compound"].between(-1, 1).all()
    assert (scores["n_tokens"] >= 0).all()
    for col in columns:
        rates = scores.loc[scores["n_tokens"] > 0, col]
        assert (rates >= 0).all()


@SETTINGS
@given(docs=documents())
def test_quote_scores_and_matches_agree(matcher, docs):
    units = U.quote_units(extract_quotes(docs))
    scores, matches = score_and_match(units, matcher=matcher, counts=True, sentiment="reference")
    _assert_matches_consistent(units, docs, matches, scores, matcher.columns)


@SETTINGS
@given(docs=documents(), unit=st.sampled_from(["sentence", "document"]))
def test_sentence_and_document_scores_and_matches_agree(matcher, docs, unit):
    sentences = segment(docs)
    units = U.sentence_units(sentences) if unit == "sentence" else U.document_units(sentences, docs)
    scores, matches = score_and_match(units, matcher=matcher, counts=True, sentiment="news")
    _assert_matches_consistent(units, docs, matches, scores, matcher.columns)
    if unit == "document":
        assert set(scores["unit_id"]) == set(docs["doc_id"])


@SETTINGS
@given(text=hostile_text())
def test_vader_never_raises_and_stays_in_range(text):
    for variant in ("reference", "news"):
        neg, neu, pos, compound = (VaderScorer(variant).polarity_scores(text)[k] for k in ("neg", "neu", "pos", "compound"))
        assert 0 <= neg <= 1 and 0 <= neu <= 1 and 0 <= pos <= 1 and -1 <= compound <= 1


@SETTINGS
@given(text=hostile_text(), fragments=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 60)), max_size=4))
def test_to_document_offset_maps_unit_offsets_into_the_fragments(text, fragments):
    frags, pos = [], 0
    for gap, length in fragments:  # ordered, non-overlapping fragments inside the text
        s = min(pos + gap, len(text))
        e = min(s + length, len(text))
        frags.append([s, e])
        pos = e
    unit_text = U.join_fragments(text, frags)
    for k in range(len(unit_text) + 1):
        d = U.to_document_offset(frags, k)
        if frags:
            assert frags[0][0] <= d <= frags[-1][1]
    consumed = 0
    for s, e in frags:  # every character of a fragment maps to itself in the document
        for k in range(e - s):
            assert text[U.to_document_offset(frags, consumed + k)] == unit_text[consumed + k]
        consumed += e - s + len(U.FRAGMENT_SEP)


# --------------------------------------------------------------------------- paragraphs and speakers


@SETTINGS
@given(docs=documents())
def test_paragraphs_lie_inside_their_text_in_order(docs):
    from framing.segment import paragraphs

    paras = paragraphs(docs)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    for p in paras.itertuples(index=False):
        _check_span(texts[p.doc_id], p.start, p.end, "paragraph")
        assert texts[p.doc_id][p.start:p.end] == p.text
    for _, group in paras.groupby("doc_id"):
        assert all(e <= s for e, s in zip(group["end"].tolist(), group["start"].tolist()[1:]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(docs=documents())
def test_drafted_speaker_tables_round_trip_and_apply(tmp_path, docs):
    """Names found in hostile text go into an editable YAML table, are read back and applied
    without losing a quote."""
    from framing.speakers import apply_speakers, draft_speakers, load_speakers, write_speakers

    quotes = extract_quotes(docs)
    table = draft_speakers(quotes)
    path = write_speakers(table, tmp_path / "speakers.yaml")
    back = load_speakers(path)
    assert sorted(back["speaker"]) == sorted(table["speaker"])
    applied = apply_speakers(quotes, back)
    assert list(applied["quote_id"]) == list(quotes["quote_id"])
    named = applied["speaker"] != ""
    assert set(applied.loc[named, "speaker"]) <= set(back["speaker"])


def test_two_spellings_of_one_term_in_a_category_count_once(tmp_path):
    """Found by fuzzing lexicons: 'U.S.' and 'u.s' (the same tokens) in one category gave two
    match rows for one word and doubled its count; in two categories each counts once."""
    lex = tmp_path / "l.yaml"
    lex.write_text("c:\n  - U.S.\n  - u.s\n  - e.g.\n  - e.g\nd:\n  - U.S.\n", encoding="utf-8")
    text = "The U.S. said, e.g. this."
    units = pd.DataFrame({"doc_id": ["d"], "unit_id": ["d"], "unit": ["document"], "text": [text],
                          "fragments": [[[0, len(text)]]]})
    scores, matches = score_and_match(units, lexicons=[str(lex)], counts=True, sentiment="none")
    assert sorted(zip(matches["category"], matches["start"])) == [("c", 4), ("c", 15), ("d", 4)]
    assert (scores.loc[0, "l.c.n"], scores.loc[0, "l.d.n"]) == (2, 1)
