"""Core mechanics of extract_quotes: marks, fragments, apostrophes, offsets, hostile text, cues."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.cues import cue_verbs
from framing.quotes import QUOTE_COLUMNS, extract_quotes, find_marked


def docs(*bodies: str, title: str = "Headline of the day", excluded=None) -> pd.DataFrame:
    rows = []
    for i, body in enumerate(bodies):
        text = f"{title}\n\n{body}"
        rows.append({"doc_id": f"d{i}", "title": title, "text": text, "excluded": excluded or []})
    return pd.DataFrame(rows)


def quotes_of(body: str, **kw) -> tuple[str, pd.DataFrame]:
    d = docs(body, **kw)
    return d.loc[0, "text"], extract_quotes(d)


def inner(text: str) -> list[str]:
    return [text[m.inner_start:m.inner_end] for m in find_marked(text, 0, len(text))]


def check_contract(text: str, quotes: pd.DataFrame) -> None:
    assert list(quotes.columns) == QUOTE_COLUMNS
    for q in quotes.to_dict("records"):
        frs = q["fragments"]
        assert frs and all(0 <= s < e <= len(text) for s, e in frs)
        assert all(a[1] <= b[0] for a, b in zip(frs, frs[1:]))
        assert q["text"] == " ".join(text[s:e] for s, e in frs)
        assert (q["start"], q["end"]) == (frs[0][0], frs[-1][1])
        if q["cue"]:
            assert text[q["cue_start"]:q["cue_end"]] == q["cue"]
        if q["mention"]:
            assert text[q["mention_start"]:q["mention_end"]] == q["mention"]


# ------------------------------------------------------------------ marks


def test_marks_of_every_kind():
    assert inner('He said "yes" and \u201cno\u201d and \u2018maybe\u2019 and \u00abnon\u00bb.') == ["yes", "no", "maybe", "non"]
    assert inner("''I think so,'' Ms. Gao said.") == ["I think so,"]
    assert inner("'People will talk, ' Pompeo said.") == ["People will talk, "]


def test_apostrophes_do_not_open_quotes():
    assert inner("Korea's leader doesn't like the '90s or the farmers' union, and it's rock 'n' roll.") == []
    assert inner("The farmers' union said 'the workers' view is clear' on Monday.") == ["the workers' view is clear"]
    assert inner("Korea\u2019s leader didn\u2019t say") == []



def test_a_mark_after_s_closes_the_quote_when_no_noun_follows():
    """"farmers' union" is a possessive; "measures' for" and "Angels' is" close a quote."""
    assert inner("He said it is 'examining whether we need further measures' for crude.") == [
        "examining whether we need further measures"]
    assert inner("I find it hard to believe that 'Angels' is the best song.") == ["Angels"]
    assert inner("I have had a 'yes' from a couple of others, and 'no' from the rest.") == ["yes", "no"]
    assert inner("The farmers' union met the teachers' leaders.") == []


def test_unclosed_mark_stops_at_the_paragraph():
    text, quotes = quotes_of('The mayor said "we will see about that.\n\nThe council meets on Friday.')
    check_contract(text, quotes)
    assert list(quotes["text"]) == ["we will see about that."]


def test_multi_paragraph_quote_is_one_quote_with_two_fragments():
    body = '"The first phase starts in May.\n\n"The second phase follows in the autumn," Mayor Ellen Park said.'
    text, quotes = quotes_of(body)
    check_contract(text, quotes)
    assert len(quotes) == 1
    q = quotes.iloc[0]
    assert [text[s:e] for s, e in q["fragments"]] == ["The first phase starts in May.", "The second phase follows in the autumn,"]
    assert q["speaker"] == "Ellen Park" and q["paragraph"] == 1  # where it starts


def test_interrupted_quote_and_follow_on_sentence():
    body = '"We tried," he said, "but they were better." "Next year is ours."'
    text, quotes = quotes_of("Coach Sam Ivers spoke on Sunday. " + body)
    check_contract(text, quotes)
    assert len(quotes) == 1
    q = quotes.iloc[0]
    assert q["text"] == "We tried, but they were better. Next year is ours."
    assert (q["speaker"], q["speaker_how"], q["mention"]) == ("Sam Ivers", "pronoun", "he")


def test_ids_offsets_and_indices():
    text, quotes = quotes_of('First sentence here. "We will win," Jane Roe said.\n\nShe said the vote was close.')
    check_contract(text, quotes)
    assert list(quotes["quote_id"]) == [f"d0:q{s}" for s in quotes["start"]]
    assert list(quotes["paragraph"]) == [1, 2]
    assert list(quotes["sentence"]) == [2, 3]  # headline is sentence 0
    assert list(quotes["type"]) == ["direct", "indirect"]
    assert list(quotes["speaker"]) == ["Jane Roe", "Jane Roe"]


def test_excluded_spans_are_skipped():
    body = 'More news: "This is a link," Jane Roe said.\n\n"We will win," Jane Roe said.'
    title = "Headline of the day"
    start = len(title) + 2
    text, quotes = quotes_of(body, excluded=[[start, start + body.index("\n\n"), "boilerplate"]])
    assert list(quotes["text"]) == ["We will win,"]


@pytest.mark.parametrize(
    "body",
    [
        '"\n\n"\n\n" "',
        "'''\"\"\"\u201c\u201c\u201d\u2018\u2019'",
        "\x00\x01\x02 said \x1b[31m \"quote\x01\" he said \ufeff",
        "\u202e\u05e9\u05dc\u05d5\u05dd \"\u05e9\u05dc\u05d5\u05dd,\" \u05d0\u05de\u05e8 \u202c he said",
        "\U0001F600 \"Great \U0001F44D news,\" she said \U0001F600 'ok",
        ('"' + "word " * 20000 + " he said, according to"),
        "said said said according to according to , , : : \" ' \u201c",
        "He said that" + " and" * 5000,
    ],
    ids=["marks only", "mark soup", "control chars", "rtl", "emoji", "very long line", "cues only", "long clause"],
)
def test_hostile_text_never_raises(body):
    text, quotes = quotes_of(body)
    check_contract(text, quotes)


def test_quote_free_and_empty_documents():
    empty = extract_quotes(pd.DataFrame({"doc_id": ["a", "b"], "text": ["", "Nothing to see here."]}))
    assert len(empty) == 0 and list(empty.columns) == QUOTE_COLUMNS
    assert len(extract_quotes(pd.DataFrame(columns=["doc_id", "text"]))) == 0


# ------------------------------------------------------------------ cues


def test_cue_table_columns_and_classes():
    table = cue_verbs()
    assert list(table.columns) == ["form", "lemma", "class"]
    lookup = dict(zip(table["form"], zip(table["lemma"], table["class"])))
    assert lookup["said"] == ("say", "neutral")
    assert lookup["lashed out"] == ("lash out", "hostile")
    assert lookup["claimed"] == ("claim", "doubting")
    assert lookup["insisted"] == ("insist", "assertive")
    assert lookup["admitted"] == ("admit", "conceding")
    assert table["form"].is_unique


def test_custom_cue_list_replaces_the_builtin(tmp_path):
    body = '"The plan is a mess," Senator Joan Miles harrumphed.'
    _, builtin = quotes_of(body)
    assert builtin["cue"].tolist() == [""]  # not a cue: an unattributed quote
    custom = pd.DataFrame({"form": ["harrumphed"], "lemma": ["harrumph"], "class": ["hostile"]})
    quotes = extract_quotes(docs(body), cues=custom)
    assert quotes[["cue_lemma", "cue_class", "speaker"]].values.tolist() == [["harrumph", "hostile", "Joan Miles"]]
    path = tmp_path / "cues.csv"
    custom.to_csv(path, index=False)
    assert extract_quotes(docs(body), cues=path)["speaker"].tolist() == ["Joan Miles"]


def test_bad_cue_list_is_a_user_error(tmp_path):
    from framing.errors import InputError

    path = tmp_path / "cues.csv"
    path.write_text("form,lemma\nsaid,say\n", encoding="utf-8")
    with pytest.raises(InputError, match="class"):
        extract_quotes(docs("x"), cues=path)
    with pytest.raises(InputError, match="not found"):
        extract_quotes(docs("x"), cues=tmp_path / "missing.csv")


def test_speaker_table_maps_aliases():
    table = pd.DataFrame({"speaker": ["Joan Miles (senator)"], "aliases": [["Joan Miles", "Miles"]],
                          "side": ["government"], "role": ["senator"]})
    quotes = extract_quotes(docs('"We are ready," Senator Joan Miles said.'), speakers=table)
    # one path with `framing quotes --speakers` (apply_speakers): the rule that found the speaker
    # is kept, the extracted name and the kind of table match are recorded
    assert quotes[["speaker", "speaker_how", "speaker_found", "table_match", "side", "role"]].values.tolist() == [
        ["Joan Miles (senator)", "adjacent", "Joan Miles", "alias", "government", "senator"]]
    from framing.speakers import apply_speakers

    plain = extract_quotes(docs('"We are ready," Senator Joan Miles said.'))
    pd.testing.assert_frame_equal(quotes, apply_speakers(plain, table))
    # applying the table again (as older notebooks do) changes nothing
    pd.testing.assert_frame_equal(apply_speakers(quotes, table), quotes)
    # a quote of someone not in the table keeps its speaker, side "unknown"
    other = extract_quotes(docs('"No," Mayor Ellen Park said.'), speakers=table)
    assert other[["speaker", "speaker_how", "table_match", "side"]].values.tolist() == [
        ["Ellen Park", "adjacent", "", "unknown"]]
    empty = extract_quotes(docs("The council meets on Friday."), speakers=table)
    assert len(empty) == 0 and {"side", "speaker_found", "table_match"} <= set(empty.columns)


def test_continuation_paragraphs_separate_or_merged():
    body = '"We have done our part," Mayor Ellen Park said.\n\n"Now the council has to do its part."'
    separate = extract_quotes(docs(body))
    assert separate[["text", "speaker_how"]].values.tolist() == [
        ["We have done our part,", "adjacent"], ["Now the council has to do its part.", "previous"]]
    merged = extract_quotes(docs(body), continuations="merge")
    assert merged["text"].tolist() == ["We have done our part, Now the council has to do its part."]
    assert len(merged.loc[0, "fragments"]) == 2 and merged.loc[0, "speaker"] == "Ellen Park"
    from framing.errors import ParameterError

    with pytest.raises(ParameterError):
        extract_quotes(docs(body), continuations="join")


def test_pathological_marks():
    # thousands of unpaired marks in one paragraph (single-mark pairing used to be quadratic)
    body = ("\" ' \u201c \u201d \u2018 \u2019 " * 5000) + (" 'a" * 10000)
    text, quotes = quotes_of(body)
    check_contract(text, quotes)
    assert len(quotes) <= 1


@pytest.mark.parametrize("tail", [", which surprised her allies in the council.",
                                  " and she would vote against it on Monday."])
def test_mixed_clause_stops_at_journalist_words_after_the_quote(tail):
    text, q = quotes_of(f'Maria Lopez said the plan was "a disaster" for families{tail}')
    check_contract(text, q)
    assert q[["type", "text", "speaker"]].values.tolist() == [
        ["mixed", 'the plan was "a disaster" for families', "Maria Lopez"]]


def test_quote_closed_by_its_own_punctuation_is_not_extended():
    text, q = quotes_of('Ms. Lopez shouted "Enough already!" and said the campaign would go on for months.')
    check_contract(text, q)
    assert "Enough already!" in q["text"].tolist()
    assert not any("and said" in t for t in q["text"])


def test_show_title_after_lead_words_is_not_a_quote():
    text, q = quotes_of('Speaking on ABC\'s "This Week," Lopez said the plan would pass.')
    check_contract(text, q)
    assert q[["type", "text", "speaker"]].values.tolist() == [["indirect", "the plan would pass", "Lopez"]]


def test_she_skips_a_nearer_person_titled_mr():
    text, q = quotes_of("Ms. Ana Ruiz met the envoy on Monday. Later Mr. Tom Berg spoke to the press.\n\n"
                        "She said the talks had gone well.")
    check_contract(text, q)
    assert q[["text", "speaker", "speaker_how"]].values.tolist() == [["the talks had gone well", "Ana Ruiz", "pronoun"]]


def test_cue_in_fronted_clause_ends_at_the_main_clause():
    text, q = quotes_of("While Lopez said she would not criticize Berg, she did not endorse him either.")
    check_contract(text, q)
    assert q[["type", "text", "speaker"]].values.tolist() == [["indirect", "she would not criticize Berg", "Lopez"]]


def test_participle_clause_after_the_report_is_not_reported():
    text, q = quotes_of("Maria Lopez said she cannot support the budget, throwing the council into a new crisis.")
    check_contract(text, q)
    assert q[["type", "text"]].values.tolist() == [["indirect", "she cannot support the budget"]]


def test_mixed_clause_ends_at_a_quote_closed_by_its_comma():
    text, q = quotes_of('Maria Lopez said the mayor was "learning on the job," while the council kept its own counsel.')
    check_contract(text, q)
    assert q[["type", "text"]].values.tolist() == [["mixed", 'the mayor was "learning on the job,"']]


def test_age_and_home_town_appositives_are_skipped_to_the_name():
    text, q = quotes_of("Cory James, 22, of Flint, Mich., said he had not given up hope.")
    check_contract(text, q)
    assert q[["text", "speaker"]].values.tolist() == [["he had not given up hope", "Cory James"]]
