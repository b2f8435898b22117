"""Paragraphs and sentences: the seed article boundary by boundary, news abbreviations,
quotations, headlines, excluded spans and offset round trips."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.segment import paragraphs, segment, split_paragraphs, split_sentences

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "000_a750b09d9d126d2a.txt"

# (start, end, paragraph, first characters) of every sentence of the seed article.
# Paragraph 12 is the block of three "More news:" link lines (excluded: no sentence).
# "about the meeting, . the statement" is one sentence: a lone period after a comma,
# followed by a lower-case word, ends nothing.
SEED_SENTENCES = [
    (0, 69, 0, "North Korea: US is making 'gangs"),
    (72, 159, 1, '"We did have very serious discus'),
    (161, 313, 2, "The statement, by an unnamed for"),
    (315, 495, 3, "North Korea on Saturday lashed o"),
    (497, 687, 4, "Pompeo said he had won commitmen"),
    (689, 874, 5, '"These are complicated issues, b'),
    (876, 1042, 6, "Amid increasing scrutiny of Nort"),
    (1044, 1211, 7, "But Kim has yet to provide detai"),
    (1213, 1284, 8, "'People are going to make stray "),
    (1286, 1460, 9, "But despite the very negtive vie"),
    (1462, 1531, 10, '"So, thinking about those discus'),
    (1533, 1632, 11, "Before Pompeo's meeting with Kim"),
    (1633, 1754, 11, "Department of Defense officials "),
    (1755, 1922, 11, '"We pushed them really hard to l'),
    (2169, 2347, 13, "All along, however, experts had "),
    (2349, 2436, 14, "Our correspondent at South Korea"),
    (2438, 2566, 15, "The alleged gift came after the "),
    (2567, 2827, 15, "The last time the two leaders ex"),
    (2829, 2865, 16, "It would be worse for Trump hims"),
    (2867, 3057, 17, "'Dealing with North Korea is har"),
    (3059, 3221, 18, "North Korean state-run news agen"),
    (3222, 3329, 18, "On his way home from Singapore, "),
    (3331, 3447, 19, "In recent days, intelligence rep"),
    (3449, 3512, 20, "The US-North Korea talks are bei"),
    (3514, 3619, 21, '"Nothing could be further from t'),
    (3621, 3885, 22, 'The "fatally mistaken" if it thi'),
    (3887, 4089, 23, "Pompeo has bristled at the idea "),
]


@pytest.fixture(scope="module")
def seed_docs():
    return framing.load_corpus(SEED)


@pytest.fixture(scope="module")
def seed_sentences(seed_docs):
    return segment(seed_docs)


def test_seed_every_sentence_boundary(seed_docs, seed_sentences):
    text = seed_docs.loc[0, "text"]
    got = [(r.start, r.end, r.paragraph, r.text[:32]) for r in seed_sentences.itertuples()]
    assert got == SEED_SENTENCES
    assert list(seed_sentences["sentence"]) == list(range(len(SEED_SENTENCES)))
    assert list(seed_sentences["sent_id"][:2]) == ["000_a750b09d9d126d2a.txt:s0", "000_a750b09d9d126d2a.txt:s1"]
    for r in seed_sentences.itertuples():
        assert text[r.start:r.end] == r.text == r.text.strip()


def test_seed_title_and_odd_period(seed_sentences):
    title = seed_sentences[seed_sentences["is_title"]]
    assert title["text"].tolist() == ["North Korea: US is making 'gangster-like' demands on denuclearisation"]
    assert title["paragraph"].tolist() == [0]
    odd = seed_sentences.loc[9, "text"]
    assert odd.startswith("But despite the very negtive views about the meeting, . the statement was careful")
    assert odd.endswith("still cherish their good faith in him.")
    # "Mr. Trump" does not end the sentence
    assert seed_sentences.loc[17, "text"].endswith("to the White House for Mr. Trump on behalf of the leader.")


def test_seed_sentences_skip_boilerplate(seed_docs, seed_sentences):
    for s, e, _ in seed_docs.loc[0, "excluded"]:
        assert not ((seed_sentences["start"] < e) & (seed_sentences["end"] > s)).any()
    assert not seed_sentences["text"].str.contains("More news").any()


def test_seed_paragraphs(seed_docs):
    paras = paragraphs(seed_docs)
    assert len(paras) == 24
    assert paras.loc[0, "is_title"] and not paras.loc[1:, "is_title"].any()
    assert paras.index[paras["excluded"]].tolist() == [12]
    assert paras.loc[12, "text"].startswith("More news: Russian Federation")
    assert paras.loc[12, "text"].endswith("possible TB exposure")
    text = seed_docs.loc[0, "text"]
    for r in paras.itertuples():
        assert text[r.start:r.end] == r.text
    assert split_paragraphs(text)[:3] == [(0, 69), (72, 159), (161, 313)]


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Smith met Mrs. Jones. They talked.", ["Mr. Smith met Mrs. Jones.", "They talked."]),
        ("Dr. No and Prof. Higgins spoke. Ms. Lee left.", ["Dr. No and Prof. Higgins spoke.", "Ms. Lee left."]),
        ("Gov. Ray Smith and Sen. Jane Doe met Rep. Bob Ray and Gen. Lee in St. Louis. It rained.",
         ["Gov. Ray Smith and Sen. Jane Doe met Rep. Bob Ray and Gen. Lee in St. Louis.", "It rained."]),
        ("U.S. officials met U.N. envoys in the U.K. on Monday. Talks ended.",
         ["U.S. officials met U.N. envoys in the U.K. on Monday.", "Talks ended."]),
        ("The deal was signed in the U.S. The talks ended.", ["The deal was signed in the U.S.", "The talks ended."]),
        ("It happened on Jan. 5 and Feb. 12. No. 10 said so.", ["It happened on Jan. 5 and Feb. 12.", "No. 10 said so."]),
        ("Shares of Acme Inc. rose. Apple Inc. The company said so.",
         ["Shares of Acme Inc. rose.", "Apple Inc.", "The company said so."]),
        ("Acme Corp. and Widget Ltd. merged. It was Smith vs. Jones.",
         ["Acme Corp. and Widget Ltd. merged.", "It was Smith vs. Jones."]),
        ("Some fruits, e.g. apples, i.e. Bramleys, grow here. Fine.",
         ["Some fruits, e.g. apples, i.e. Bramleys, grow here.", "Fine."]),
        ("J. K. Rowling met George W. Bush. They spoke.", ["J. K. Rowling met George W. Bush.", "They spoke."]),
        ("It lasted until World War I. But then it ended.", ["It lasted until World War I.", "But then it ended."]),
        ("Growth was 3.5% and profit $1.2bn. Costs rose 0.5 points.",
         ["Growth was 3.5% and profit $1.2bn.", "Costs rose 0.5 points."]),
        ("He waited... and waited. Then... Nothing happened.",
         ["He waited... and waited.", "Then...", "Nothing happened."]),
        ('"It is done." He left.', ['"It is done."', "He left."]),
        ('"Stop!" he said. "Why?" she asked.', ['"Stop!" he said.', '"Why?" she asked.']),
        ("\u201cWe won.\u201d The crowd cheered.", ["\u201cWe won.\u201d", "The crowd cheered."]),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ("He said no. The end.", ["He said no.", "The end."]),
        ("about the meeting, . the statement was careful.", ["about the meeting, . the statement was careful."]),
        ("The MS. Final approval came.", ["The MS.", "Final approval came."]),
        ("He left (for good.) Then it rained.", ["He left (for good.)", "Then it rained."]),
        ("1. The first point is clear. 2. The second is not.",
         ["1. The first point is clear.", "2. The second is not."]),
        ("First line\n\nSecond paragraph", ["First line", "Second paragraph"]),
        ("The shooting of\u00a0Rep. Gabby Giffords shocked New York\u00a0Gov. Andrew Cuomo. Yes.",
         ["The shooting of\u00a0Rep. Gabby Giffords shocked New York\u00a0Gov. Andrew Cuomo.", "Yes."]),
        ("Martin Luther King Jr. Day is today. He spoke of King Jr. The crowd cheered.",
         ["Martin Luther King Jr. Day is today.", "He spoke of King Jr.", "The crowd cheered."]),
        ("He met Ant and Dec. Natalie left on Sept. 11 with them.",
         ["He met Ant and Dec.", "Natalie left on Sept. 11 with them."]),
        ('"We stay in the community. " A spokesman said so. " We go," he said.',
         ['"We stay in the community. "', 'A spokesman said so.', '" We go," he said.']),
        ("It ended at 9 a.m. The crowd left at 10 a.m. local time.",
         ["It ended at 9 a.m.", "The crowd left at 10 a.m. local time."]),
    ],
)
def test_split_sentences_news_rules(text, expected):
    assert sents(text) == expected


def test_split_sentences_range_and_offsets():
    text = "Ignore this. Title here\n\nOne sentence. Another one."
    spans = split_sentences(text, 25)
    assert [text[s:e] for s, e in spans] == ["One sentence.", "Another one."]
    assert spans[0] == (25, 38)
    assert split_sentences("   ") == []
    assert split_sentences("") == []


def test_paragraphs_single_newlines():
    one_per_line = "First paragraph ends here.\nSecond paragraph starts.\n\"A quote,\" he said."
    assert [one_per_line[s:e] for s, e in split_paragraphs(one_per_line)] == one_per_line.split("\n")
    heading = "Background\nThe talks began in 2018 and went on for years."
    assert [heading[s:e] for s, e in split_paragraphs(heading)] == ["Background", heading.split("\n")[1]]
    wrapped = ("The talks between the two countries began in 2018 and went\n"
               "on for years, with many interruptions and a few quarrels\n"
               "about the order of the agenda.")
    assert split_paragraphs(wrapped) == [(0, len(wrapped))]
    assert sents(wrapped) == [wrapped]
    bullets = "Key points:\n- prices rose\n- wages fell"
    assert [bullets[s:e] for s, e in split_paragraphs(bullets)] == ["Key points:", "- prices rose", "- wages fell"]
    headlines = ("Historic Climate Change Agreement Adopted In Paris\n"
                 "The Paris Climate Agreement Is One Huge Step Forward\n"
                 "Speaking with One Voice to Solve the Climate Crisis")
    assert [headlines[s:e] for s, e in split_paragraphs(headlines)] == headlines.split("\n")
    mid = "The talks went on\nfor years."
    assert split_paragraphs(mid) == [(0, len(mid))]


def test_segment_title_without_blank_line_and_excluded():
    text = "Storm hits coast\nHeavy rain fell on Monday. Read more: storm tips\nRoads closed."
    docs = pd.DataFrame({"doc_id": ["x"], "title": ["Storm hits coast"], "text": [text],
                         "excluded": [framing.find_boilerplate(text)]})
    assert docs.loc[0, "excluded"] == []  # "Read more" is mid-line: not a boilerplate line
    out = segment(docs)
    assert out["text"].tolist() == ["Storm hits coast", "Heavy rain fell on Monday.", "Read more: storm tips",
                                    "Roads closed."]
    docs.at[0, "excluded"] = [[text.index("Read more"), text.index("Read more") + 21, "link"]]
    out = segment(docs)
    assert out["text"].tolist() == ["Storm hits coast", "Heavy rain fell on Monday.", "Roads closed."]
    assert out["is_title"].tolist() == [True, False, False]
    assert out["paragraph"].tolist() == [0, 1, 3]
    paras = paragraphs(docs)
    assert paras["excluded"].tolist() == [False, False, True, False]


def test_title_with_final_period_in_text():
    docs = pd.DataFrame({"doc_id": ["p"], "title": ["The Ninth Circle, #2"],
                         "text": ["The Ninth Circle, #2.\n\nBody text here. More body."]})
    out = segment(docs)
    assert out["text"].tolist() == ["The Ninth Circle, #2.", "Body text here.", "More body."]
    assert out["is_title"].tolist() == [True, False, False]


def test_segment_table_without_title_in_text():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Headline", ""], "text": ["Body one. Body two.", ""]})
    out = segment(docs)
    assert out["text"].tolist() == ["Body one.", "Body two."]
    assert not out["is_title"].any()
    assert out["paragraph"].tolist() == [0, 0]
    assert out.dtypes["start"] == "int64"
    empty = segment(docs.iloc[1:])
    assert list(empty.columns) == ["doc_id", "sent_id", "paragraph", "sentence", "start", "end", "text", "is_title"]
    assert len(empty) == 0


def test_segment_folder_fixture():
    docs = framing.load_corpus(ROOT / "tests" / "fixtures" / "corpora" / "folder")
    out = segment(docs)
    budget = out[out["doc_id"] == "politics/budget.txt"]["text"].tolist()
    assert budget == ["Senate passes budget after long night", "The Senate passed the budget on Tuesday.",
                      '"It was a long night," Sen. Jane Doe said.']
    top = out[out["doc_id"] == "top.txt"]["text"].tolist()
    assert top == ["Weather warning issued", "Forecasters warned of storms."]


words = st.sampled_from(["Mr.", "U.S.", "said", "The", "he", "3.5%", '"Yes."', "No.", "e.g.", "it", "J.", "...",
                         "Stop!", "Why?", "\u201cWe", "won.\u201d", "Inc.", "(so.)", ",", "."])
seps = st.sampled_from([" ", "  ", "\n", "\n\n", " \n \n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(words, seps), max_size=40))
def test_offsets_round_trip_property(parts):
    text = "".join(w + s for w, s in parts)
    spans = split_sentences(text)
    prev_end = 0
    for s, e in spans:
        assert 0 <= prev_end <= s < e <= len(text)
        piece = text[s:e]
        assert piece == piece.strip() and piece
        prev_end = e
    # sentences cover every non-space character exactly once
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())
    para = split_paragraphs(text)
    assert "".join("".join(text[s:e].split()) for s, e in para) == "".join(text.split())


def test_sentence_spans_match_segment(seed_docs, seed_sentences):
    row = seed_docs.iloc[0]
    spans = framing.sentence_spans(row["text"], row["title"], row["excluded"])
    assert spans == list(zip(seed_sentences["paragraph"], seed_sentences["start"], seed_sentences["end"],
                             seed_sentences["is_title"]))
    assert framing.sentence_spans("") == []


def test_framing_segment_callable_even_as_module(seed_docs):
    import framing.segment as module

    assert callable(module)
    assert len(module(seed_docs)) == len(SEED_SENTENCES)


def test_excluded_as_json_text(seed_docs, seed_sentences):
    import json

    docs = seed_docs.copy()
    docs["excluded"] = [json.dumps([list(span) for span in ex]) for ex in seed_docs["excluded"]]
    pd.testing.assert_frame_equal(segment(docs), seed_sentences)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(words, seps), min_size=1, max_size=30), st.lists(st.tuples(st.integers(0, 300),
       st.integers(1, 40)), max_size=3), st.sampled_from(["", "The", "Mr."]))
def test_segment_never_overlaps_excluded_property(parts, raw_spans, title):
    text = "".join(w + s for w, s in parts)
    excluded = [[a, min(a + n, len(text)), "x"] for a, n in raw_spans if a < len(text)]
    docs = pd.DataFrame({"doc_id": ["d"], "title": [title], "text": [text], "excluded": [excluded]})
    out = segment(docs)
    for r in out.itertuples():
        assert text[r.start:r.end] == r.text == r.text.strip() and r.text
        for s, e, _ in excluded:
            assert r.end <= s or r.start >= e
    assert list(out["sentence"]) == list(range(len(out)))
    assert (out["start"].diff().dropna() > 0).all()
    paras = paragraphs(docs)
    assert (paras["start"].diff().dropna() > 0).all()
    assert set(out["paragraph"]) <= set(paras.loc[~paras["excluded"], "paragraph"])


def test_reuse_spans_gives_the_same_spans_and_remembers_only_inside_the_block(seed_docs, seed_sentences):
    from framing.segment import _MEMO, _doc_paragraphs, reuse_spans

    text = seed_docs["text"].iloc[0]
    plain = split_sentences(text)
    assert _MEMO.get() is None
    with reuse_spans():
        pd.testing.assert_frame_equal(segment(seed_docs), seed_sentences)
        first = split_sentences(text)
        first.append((0, 1))  # callers get copies: the remembered spans stay intact
        assert split_sentences(text) == plain
        paras = _doc_paragraphs(text, seed_docs["title"].iloc[0], seed_docs["excluded"].iloc[0])
        assert _doc_paragraphs(text, seed_docs["title"].iloc[0], list(seed_docs["excluded"].iloc[0])) == paras
        assert len(_MEMO.get()) > 0
    assert _MEMO.get() is None
    assert split_sentences(text) == plain
