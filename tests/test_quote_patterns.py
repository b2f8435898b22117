"""Hand-written one-paragraph cases for the quotation patterns of issue 3 (items 2 and 3).

Every text here is invented. Each case is a tiny article (a headline, a blank line, the
body) and lists the quotes that must be found, with exact values, and texts that must
not become quotes or must stay unattributed.

Conventions asserted (docs/tables.md, issue 3):

- ``text`` of a direct quote is everything between its marks, as written (a comma or
  full stop inside the marks belongs to the quote: ``"We won," she said`` -> ``We won,``);
- a mixed quote's text is the whole reported clause, quoted words included with their
  marks; an indirect quote's text is the reported clause without ``that`` and without
  the sentence's final full stop;
- a quoted word or short phrase used inside the journalist's sentence ("what it called
  'insulting' offers") is ``partial``; after an object ("called the offer 'insulting'") the
  small clause, object and quoted predicate, is the reported content: ``mixed``;
- ``speaker`` is the canonical name within the document: the fullest personal name,
  without titles (Mr, Dr, Secretary of State ...); organisations without a leading
  "the". Speakers are compared case-insensitively and ignoring a leading "the";
- ``""`` when the text names no speaker.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

extract_quotes = pytest.importorskip("framing.quotes").extract_quotes

TITLE = "Talks resume after a long week"


def document(body: str, title: str = TITLE, doc_id: str = "case") -> pd.DataFrame:
    """A documents table (docs/tables.md) holding one article."""
    text = f"{title}\n\n{body}"
    return pd.DataFrame(
        [
            {
                "doc_id": doc_id,
                "title": title,
                "text": text,
                "outlet": "",
                "url": "",
                "section": "",
                "date": pd.NaT,
                "source": f"{doc_id}.txt",
                "encoding": "utf-8",
                "excluded": [],
            }
        ]
    )


def norm_speaker(name) -> str:
    s = re.sub(r"\s+", " ", str(name or "")).strip().casefold()
    return re.sub(r"^the ", "", s)


def run(body: str, title: str = TITLE) -> tuple[str, pd.DataFrame]:
    docs = document(body, title)
    return docs.loc[0, "text"], extract_quotes(docs)


def listing(quotes: pd.DataFrame) -> str:
    cols = [c for c in ("type", "speaker", "cue", "text") if c in quotes.columns]
    return "\n".join(" | ".join(str(r[c]) for c in cols) for r in quotes[cols].to_dict("records")) or "(no quotes)"


def find(quotes: pd.DataFrame, text: str) -> dict:
    hits = quotes[quotes["text"] == text]
    assert len(hits) == 1, f"expected exactly one quote with text {text!r}; found:\n{listing(quotes)}"
    return hits.iloc[0].to_dict()


def check(q: dict, quotes: pd.DataFrame, *, type=None, speaker=None, lemma=None, cls=None, how=None, mention=None):
    where = f"quote {q['text']!r}; all quotes:\n{listing(quotes)}"
    if type is not None:
        types = type if isinstance(type, tuple) else (type,)
        assert q["type"] in types, where
    if speaker is not None:
        options = speaker if isinstance(speaker, tuple) else (speaker,)
        assert norm_speaker(q["speaker"]) in {norm_speaker(s) for s in options}, f"speaker {q['speaker']!r}; {where}"
    if lemma is not None:
        assert q["cue_lemma"] == lemma, f"cue_lemma {q['cue_lemma']!r}; {where}"
    if cls is not None:
        assert q["cue_class"] == cls, f"cue_class {q['cue_class']!r}; {where}"
    if how is not None:
        assert q["speaker_how"] == how, f"speaker_how {q['speaker_how']!r}; {where}"
    if mention is not None:
        assert norm_speaker(q["mention"]) == norm_speaker(mention), f"mention {q['mention']!r}; {where}"


# (id, body, expected quotes: (text, fields), title)
CASES = [
    (
        "after-quote adjacent",
        '"The bridge will open in May", Mayor Ellen Park said.',
        [("The bridge will open in May", dict(type="direct", speaker="Ellen Park", lemma="say", cls="neutral",
                                              how="adjacent", mention="Mayor Ellen Park"))],
    ),
    (
        "comma inside the marks",
        '"We are ready for the vote," Senator Joan Miles said on Tuesday.',
        [("We are ready for the vote,", dict(type="direct", speaker="Joan Miles", lemma="say"))],
    ),
    (
        "inverted said X, appositive",
        '"Nobody expected the vote to be this close", said Dana Whitfield, a former adviser to the campaign.',
        [("Nobody expected the vote to be this close", dict(type="direct", speaker="Dana Whitfield", lemma="say"))],
    ),
    (
        "inverted said X, who ...",
        '"Nobody expected the vote to be this close", said Whitfield, who advised the campaign in 2012.',
        [("Nobody expected the vote to be this close", dict(type="direct", speaker="Whitfield", lemma="say"))],
    ),
    (
        "X said colon",
        'Minister Tomas Berg said: "We will not raise taxes this year."',
        [("We will not raise taxes this year.", dict(type="direct", speaker="Tomas Berg", lemma="say"))],
    ),
    (
        "interrupted quote two fragments",
        '"We tried everything", Coach Sam Ivers said, "but the other team was simply better."',
        [("We tried everything but the other team was simply better.",
          dict(type="direct", speaker="Sam Ivers", lemma="say"))],
    ),
    (
        "indirect said that",
        "Governor Alan Reyes said that the state budget would be balanced by next spring.",
        [("the state budget would be balanced by next spring",
          dict(type="indirect", speaker="Alan Reyes", lemma="say", how="adjacent"))],
    ),
    (
        "indirect said without that",
        "Governor Alan Reyes said the state budget would be balanced by next spring.",
        [("the state budget would be balanced by next spring", dict(type="indirect", speaker="Alan Reyes", lemma="say"))],
    ),
    (
        "according to X, clause",
        "According to the health ministry, three new clinics opened last week.",
        [("three new clinics opened last week", dict(type="indirect", speaker="health ministry", lemma="according to"))],
    ),
    (
        "clause, according to X",
        "Three new clinics opened last week, according to the health ministry.",
        [("Three new clinics opened last week", dict(type="indirect", speaker="health ministry", lemma="according to"))],
    ),
    (
        "X told Y that",
        "Senator Joan Miles told reporters that the bill had enough votes to pass.",
        [("the bill had enough votes to pass", dict(type="indirect", speaker="Joan Miles", lemma="tell", cls="neutral"))],
    ),
    (
        "X, who ..., said",
        "Professor Lena Ortiz, who has studied the region for decades, said the ceasefire was fragile.",
        [("the ceasefire was fragile", dict(type="indirect", speaker="Lena Ortiz", lemma="say"))],
    ),
    (
        "claimed",
        "Opposition leader Mark Dunn claimed the election had been rigged.",
        [("the election had been rigged", dict(type="indirect", speaker="Mark Dunn", lemma="claim", cls="doubting"))],
    ),
    (
        "declared",
        "Mark Dunn declared that his party would contest every seat.",
        [("his party would contest every seat", dict(type="indirect", speaker="Mark Dunn", lemma="declare", cls="assertive"))],
    ),
    (
        "warned",
        "Dr. Ruth Hale warned that the outbreak could spread to nearby towns.",
        [("the outbreak could spread to nearby towns", dict(type="indirect", speaker="Ruth Hale", lemma="warn"))],
    ),
    (
        "insisted",
        "Coach Sam Ivers insisted the team was not tired.",
        [("the team was not tired", dict(type="indirect", speaker="Sam Ivers", lemma="insist", cls="assertive"))],
    ),
    (
        "vowed",
        "Prime Minister Ana Costa vowed that no hospital would close.",
        [("no hospital would close", dict(type="indirect", speaker="Ana Costa", lemma="vow"))],
    ),
    (
        "lashed out as a cue",
        '"This is a betrayal of every farmer", Mark Dunn lashed out.',
        [("This is a betrayal of every farmer", dict(type="direct", speaker="Mark Dunn", lemma="lash out", cls="hostile"))],
    ),
    (
        "bristled as a cue",
        '"That is simply false", Prime Minister Ana Costa bristled.',
        [("That is simply false", dict(type="direct", speaker="Ana Costa", lemma="bristle", cls="hostile"))],
    ),
    (
        "bristled ..., saying repeatedly that",
        "Prime Minister Ana Costa has bristled at the suggestion that the deal was dead, "
        "saying repeatedly that talks would continue.",
        [("talks would continue", dict(type="indirect", speaker="Ana Costa", lemma="say"))],
    ),
    (
        "adding that",
        "The Foreign Ministry said the talks were useful, adding that a second round would follow in June.",
        [
            ("the talks were useful", dict(type="indirect", speaker="Foreign Ministry", lemma="say")),
            ("a second round would follow in June", dict(type="indirect", speaker="Foreign Ministry", lemma="add")),
        ],
    ),
    (
        "a quoted predicate after an object: the small clause is a mixed quote",
        'The Farmers Union called the offer "insulting" on Friday.',
        [('the offer "insulting"', dict(type="mixed", speaker="Farmers Union", lemma="call"))],
    ),
    (
        "'described X as \"Y\"': the small clause is a mixed quote too",
        'The Farmers Union described the plan as "insulting" and left.',
        [('the plan as "insulting"', dict(type="mixed", speaker="Farmers Union", lemma="describe"))],
    ),
    (
        "lashed out at what it called",
        'The Farmers Union on Friday lashed out at what it called "insulting" offers from the government.',
        [("insulting", dict(type="partial", speaker="Farmers Union", lemma="call"))],
    ),
    (
        "mixed quote",
        'Mayor Ellen Park said the new budget was "the fairest in a decade" for working families.',
        [('the new budget was "the fairest in a decade" for working families',
          dict(type="mixed", speaker="Ellen Park", lemma="say"))],
    ),
    (
        "multi-paragraph quote",
        '"The first phase starts in May and covers the northern districts.\n\n'
        '"The second phase follows in the autumn", Mayor Ellen Park said.',
        [("The first phase starts in May and covers the northern districts. The second phase follows in the autumn",
          dict(type="direct", speaker="Ellen Park", lemma="say"))],
    ),
    (
        "cue-less continuation of the previous speaker",
        '"We have done our part", Mayor Ellen Park said.\n\n"Now the council has to do its part."',
        [
            ("We have done our part", dict(type="direct", speaker="Ellen Park", how="adjacent")),
            ("Now the council has to do its part.", dict(type="direct", speaker="Ellen Park", how="previous")),
        ],
    ),
    (
        "curly double marks",
        "\u201cWe are not finished yet\u201d, said Coach Sam Ivers.",
        [("We are not finished yet", dict(type="direct", speaker="Sam Ivers", lemma="say"))],
    ),
    (
        "curly single marks",
        "\u2018It was a fair result\u2019, Sam Ivers said.",
        [("It was a fair result", dict(type="direct", speaker="Sam Ivers", lemma="say"))],
    ),
    (
        "straight single marks with a space before the close",
        "'We will be back next year, ' Sam Ivers said.",
        [("We will be back next year, ", dict(type="direct", speaker="Sam Ivers", lemma="say"))],
    ),
    (
        "pronoun he, not the organisation before",
        "The Central Bank criticised the plan. Finance Minister Paul Grant defended it.\n\n"
        '"It is a responsible plan", he said.',
        [("It is a responsible plan", dict(type="direct", speaker="Paul Grant", how="pronoun", mention="he"))],
    ),
    (
        "pronoun she",
        'Judge Maria Lopez closed the hearing on Monday. "The court will rule next week", she said.',
        [("The court will rule next week", dict(type="direct", speaker="Maria Lopez", how="pronoun", mention="she"))],
    ),
    (
        "pronoun it for an organisation",
        "The Central Bank kept interest rates on hold. It said inflation was slowing.",
        [("inflation was slowing", dict(type="indirect", speaker="Central Bank", how="pronoun", mention="it"))],
    ),
    (
        "pronoun they for an organisation",
        "The Transport Workers Union rejected the offer. They said the strike would go ahead.",
        [("the strike would go ahead", dict(type="indirect", speaker="Transport Workers Union", how="pronoun"))],
    ),
    (
        "nominal the ministry",
        "The Foreign Ministry issued a statement on Sunday.\n\nThe ministry said the talks had failed.",
        [("the talks had failed", dict(type="indirect", speaker="Foreign Ministry", how="nominal"))],
    ),
    (
        "nominal the statement",
        "The Foreign Ministry issued a statement on Sunday.\n\nThe statement said the talks had failed.",
        [("the talks had failed", dict(type="indirect", speaker="Foreign Ministry", how="nominal"))],
    ),
    (
        "organisation speaker",
        "The State Department said in a statement that the embassy would stay open.",
        [("the embassy would stay open", dict(type="indirect", speaker="State Department", lemma="say"))],
    ),
    (
        "inverted cue in the middle of a quote",
        '"We tried everything", said Coach Sam Ivers, "but they were simply better."',
        [("We tried everything but they were simply better.", dict(type="direct", speaker="Sam Ivers", lemma="say"))],
    ),
    (
        "preposed indirect, X said",
        "The talks will resume in June, Foreign Minister Tomas Berg said.",
        [("The talks will resume in June", dict(type="indirect", speaker="Tomas Berg", lemma="say"))],
    ),
    (
        "several sentences in one quote",
        '"We are ready. We have always been ready", Foreign Minister Tomas Berg said.',
        [("We are ready. We have always been ready", dict(type="direct", speaker="Tomas Berg", lemma="say"))],
    ),
    (
        "X told Y colon",
        'Tomas Berg told reporters: "The door remains open."',
        [("The door remains open.", dict(type="direct", speaker="Tomas Berg", lemma="tell"))],
    ),
    (
        "she added after a named speaker",
        'Judge Maria Lopez adjourned the hearing.\n\n"The court will rule next week", she added.',
        [("The court will rule next week", dict(type="direct", speaker="Maria Lopez", lemma="add", how="pronoun"))],
    ),
    (
        "two speakers replying to each other",
        '"We want a deal this month", Tomas Berg said.\n\n"So do we", Lena Ortiz replied.',
        [
            ("We want a deal this month", dict(type="direct", speaker="Tomas Berg", lemma="say")),
            ("So do we", dict(type="direct", speaker="Lena Ortiz", lemma="reply")),
        ],
    ),
    (
        "anonymous source",
        '"We expect a decision within days", a source, who asked not to be named, told Channel 9.',
        [("We expect a decision within days",
          dict(type="direct", speaker=("a source", "source", "anonymous source", "a source, who asked not to be named"),
               lemma="tell"))],
    ),
]


def test_headline_attribution():
    title = "Farm union: government is making 'insulting' offers"
    _, quotes = run("The union met the minister on Friday.", title=title)
    q = find(quotes, "insulting")
    check(q, quotes, type=("partial", "direct"), speaker="Farm union", how="headline")
    assert q["paragraph"] == 0


def test_alias_merge_within_a_document():
    body = (
        "Secretary of State Laura Brandt arrived in Oslo on Monday.\n\n"
        '"We came to listen", Brandt said.\n\n'
        '"The talks were frank", Ms. Brandt said later.\n\n'
        "Laura Brandt said the next round would be in Geneva."
    )
    _, quotes = run(body)
    for text in ("We came to listen", "The talks were frank", "the next round would be in Geneva"):
        check(find(quotes, text), quotes, speaker="Laura Brandt")


def test_people_sharing_a_surname_stay_apart():
    body = (
        "Park Min Jun met Park Ji Ho in the capital on Monday.\n\n"
        '"The meeting was useful", Mr Park said.\n\n'
        '"We agreed on a timetable", Park Ji Ho said.\n\n'
        "Park Min Jun said later that a second meeting was planned."
    )
    _, quotes = run(body)
    check(find(quotes, "The meeting was useful"), quotes, speaker=("Mr Park", "Park"))
    check(find(quotes, "We agreed on a timetable"), quotes, speaker="Park Ji Ho")
    check(find(quotes, "a second meeting was planned"), quotes, speaker="Park Min Jun")


@pytest.mark.parametrize(
    "body, text, speaker, role",
    [
        ('"We will respond in time", Foreign Ministry spokesperson Lena Ortiz said.', "We will respond in time",
         "Lena Ortiz", "Foreign Ministry spokesperson"),
        ('"Nobody expected this", said Dana Whitfield, a former adviser to the campaign.', "Nobody expected this",
         "Dana Whitfield", "former adviser to the campaign"),
    ],
    ids=["title before the name", "appositive after the name"],
)
def test_descriptors_from_titles_and_appositives(body, text, speaker, role):
    _, quotes = run(body)
    q = find(quotes, text)
    check(q, quotes, speaker=speaker)
    assert role.casefold() in q["descriptor"].casefold(), f"descriptor {q['descriptor']!r}"


# ------------------------------------------------------------------ not quotes


@pytest.mark.parametrize(
    "body, words",
    [
        ('Critics have mocked the so-called "Iron Broom" policy for weeks.', "Iron Broom"),
        ('The festival opened with the film "Summer Tides" on Friday.', "Summer Tides"),
        ("The council approved the novel's adaptation, titled 'A Quiet Harbour', last year.", "A Quiet Harbour"),
    ],
    ids=["scare quotes around a nickname", "film title", "book title in single marks"],
)
def test_scare_quotes_and_titles_are_not_quotes(body, words):
    _, quotes = run(body)
    assert not quotes["text"].str.contains(words, regex=False).any(), listing(quotes)


def test_a_word_mentioned_as_a_word_is_not_a_quote():
    _, quotes = run('The word "crisis" appears in almost every headline this week.')
    assert not quotes["text"].str.contains("crisis").any(), listing(quotes)


def test_apostrophes_are_not_quote_marks():
    body = (
        "The minister's aides don't expect Norway's exports to return to '90s levels, "
        "and the farmers' union isn't hopeful either. It's the workers' view too."
    )
    _, quotes = run(body)
    assert len(quotes) == 0, listing(quotes)


def test_unattributed_standalone_quote_is_not_guessed():
    body = (
        "The ministry said that the talks would continue in July.\n\n"
        '"So, after all those meetings, nobody slept much."\n\n'
        "Mayor Ellen Park spoke on Friday."
    )
    _, quotes = run(body)
    q = find(quotes, "So, after all those meetings, nobody slept much.")
    check(q, quotes, type="direct", speaker="")
    assert q["speaker_how"] == ""


@pytest.mark.parametrize(
    "body",
    [
        'The mayor said "we will see about that.\n\nThe council meets again on Friday.\n\n'
        "A vote is expected next month.\n\nResidents are divided.",
        'The report ends here." Nothing follows.\n\nThe council meets again on Friday.',
        "He said 'it is over.\n\nThe council meets again on Friday. 'Maybe.\n\nResidents are divided.",
        '"\n\n"\n\n" "',
        'Workers replaced the 12" pipe on Monday.\n\nThe council meets again on Friday.\n\n"It holds", an engineer said.',
    ],
    ids=["opening double mark never closed", "stray closing mark", "stray single marks", "marks only", "inch mark"],
)
def test_unbalanced_marks_do_not_swallow_the_article(body):
    text, quotes = run(body)
    council = text.find("The council meets again")
    for q in quotes.to_dict("records"):
        for s, e in q["fragments"]:
            assert "\n\n" not in text[s:e], f"quote crosses a paragraph: {text[s:e]!r}"
            assert council < 0 or not (s <= council < e), f"quote swallows the next paragraph: {text[s:e]!r}"


# ------------------------------------------------------------------ table contract


def test_every_quote_satisfies_the_table_contract():
    docs = pd.concat([document(c[1], doc_id=f"d{i}") for i, c in enumerate(CASES)], ignore_index=True)
    quotes = extract_quotes(docs)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    required = {"doc_id", "quote_id", "start", "end", "fragments", "text", "type", "cue", "cue_start", "cue_end",
                "cue_lemma", "cue_class", "mention", "mention_start", "mention_end", "speaker", "speaker_how",
                "descriptor", "paragraph", "sentence"}
    assert required <= set(quotes.columns), required - set(quotes.columns)
    assert quotes["quote_id"].is_unique
    assert len(quotes) >= len(CASES)
    for q in quotes.to_dict("records"):
        text = texts[q["doc_id"]]
        frags = [list(map(int, f)) for f in q["fragments"]]
        assert frags and all(0 <= s < e <= len(text) for s, e in frags), q
        assert all(a[1] <= b[0] for a, b in zip(frags, frags[1:])), q
        assert (q["start"], q["end"]) == (frags[0][0], frags[-1][1])
        assert q["quote_id"] == f"{q['doc_id']}:q{q['start']}"
        assert q["text"] == " ".join(text[s:e] for s, e in frags)
        assert q["type"] in {"direct", "partial", "mixed", "indirect"}
        assert q["speaker_how"] in {"adjacent", "pronoun", "nominal", "previous", "headline", "table", ""}
        assert isinstance(q["speaker"], str) and (q["speaker"] == "") == (q["speaker_how"] == "")
        if q["cue"]:
            assert text[int(q["cue_start"]):int(q["cue_end"])] == q["cue"]
        if q["mention"]:
            assert text[int(q["mention_start"]):int(q["mention_end"])] == q["mention"]
    # the extractor is deterministic: same input, same table
    pd.testing.assert_frame_equal(quotes, extract_quotes(docs))


def test_empty_and_quote_free_documents():
    quotes = extract_quotes(document("The council meets again on Friday."))
    assert len(quotes) == 0 and {"quote_id", "speaker", "fragments"} <= set(quotes.columns)


# ------------------------------------------------------------------ rules of the second round (issue 3)
# Each case: (id, body, expected quotes (text, fields)). General rules of news writing, each
# with texts that must NOT be read as the rule below.

ROUND2 = [
    ("descriptor, Name, said: the name is the speaker",
     "The mayor, Lopez, said the budget would be balanced by June.",
     [("the budget would be balanced by June", dict(type="indirect", speaker="Lopez", mention="The mayor, Lopez"))]),
    ("possessive descriptor, full name, said",
     "The party's former chairman, Ed Marsh, said the vote should be delayed.",
     [("the vote should be delayed", dict(type="indirect", speaker="Ed Marsh"))]),
    ("said + lower-case title + name",
     '"The talks are over," said former secretary of state Mary Dunn, who led the delegation.',
     [("The talks are over,", dict(type="direct", speaker="Mary Dunn", lemma="say"))]),
    ("organisation name with 'of'",
     "Bank of America said profits rose sharply in the third quarter.",
     [("profits rose sharply in the third quarter", dict(type="indirect", speaker="Bank of America"))]),
    ("surname that is also a cue word",
     '"We lost," Omar Said said.',
     [("We lost,", dict(type="direct", speaker="Omar Said", mention="Omar Said"))]),
    ("contracted pronoun subject (He's said)",
     "Mayor Ellen Park spoke on Monday. She's said she wants a new bridge.",
     [("she wants a new bridge", dict(type="indirect", speaker="Ellen Park", how="pronoun"))]),
    ("anonymous source with a post-modifier",
     "A source familiar with the talks said the deal was close.",
     [("the deal was close", dict(type="indirect", speaker="anonymous source", mention="A source familiar with the talks"))]),
    ("inverted clause, adjunct after the cue",
     "Mayor Ellen Park opened the session. The budget will be balanced, she said in a radio interview on Monday.",
     [("The budget will be balanced", dict(type="indirect", speaker="Ellen Park", how="pronoun"))]),
    ("quote closed by its full stop, then a bare attribution sentence",
     '\u201cWe will find the missing emails.\u201d Trump said. He then left.',
     [("We will find the missing emails.", dict(type="direct", speaker="Trump", how="adjacent", lemma="say"))]),
    ("adjunct between the cue and 'that'",
     "Fiorina declared in a heated argument with Keyworth that any new deal would need secrecy.",
     [("any new deal would need secrecy", dict(type="indirect", speaker="Fiorina", lemma="declare"))]),
    ("words before a quote, then 'according to'",
     'She later compared the talks to a "root canal," according to an aide.',
     [('She later compared the talks to a "root canal,"', dict(type="mixed", speaker="anonymous aide"))]),
    ("a coordinated verb phrase stays in the reported clause",
     "Singh said he was alarmed by the images and wanted to see the rally.",
     [("he was alarmed by the images and wanted to see the rally", dict(type="indirect", speaker="Singh"))]),
    ("', but + past verb' is the journalist's contrast",
     "The union said the ruling was very disappointing, but accepted the decision.",
     [("the ruling was very disappointing", dict(type="indirect", speaker="union"))]),
    ("a sentence-initial subordinator is not part of a name",
     "Although Diageo sold the unit, profits rose. Diageo said it expects approval soon.",
     [("it expects approval soon", dict(type="indirect", speaker="Diageo"))]),
    ("'and said' starts a new report",
     "Singh said he was alarmed and said he would leave.",
     [("he was alarmed", dict(type="indirect", speaker="Singh")),
      ("he would leave", dict(type="indirect", speaker="Singh"))]),
    ("'and' + another reporting verb starts a new report",
     'The pop star said it would be a quieter "behind the scenes affair", and called his genre "dead".',
     [('it would be a quieter "behind the scenes affair"', dict(type="mixed", speaker="pop star")),
      ('his genre "dead"', dict(type="mixed", speaker="pop star", lemma="call"))]),
    ("the words before a quotation hold another attribution: no mixed clause",
     '"His mood is grumpy," she said, but despite the tone, "I think he will do it," said Kunin.',
     [("I think he will do it,", dict(type="direct", speaker="Kunin"))]),
    ("a parenthesis before a quotation: no mixed clause",
     'The deal drew anger from members ("I want my dues back," wrote Ed Nelson, a technician).',
     [("I want my dues back,", dict(type="direct", speaker="Ed Nelson"))]),
    ("several quoted phrases in one reported clause stay one mixed quote",
     'Guns are "the ultimate public health crisis" and "stunt growth," Dean said.',
     [('Guns are "the ultimate public health crisis" and "stunt growth,"', dict(type="mixed", speaker="Dean"))]),
    ("transcript line: name (party-state): quotation",
     'Rep. Trey Gowdy (R-S.C.): "I have not heard anyone cite that figure."',
     [("I have not heard anyone cite that figure.", dict(type="direct", speaker="Trey Gowdy"))]),
    ("colon introduction, then the quotation resumes after 'he wrote,'",
     'Fallon fired back: \u201cAs a guardian of the legacy,\u201d he wrote, \u201cwe know you are rooting for her.\u201d',
     [("As a guardian of the legacy, we know you are rooting for her.", dict(type="direct", speaker="Fallon"))]),
    ("a naming participle is no speech; the participle cue takes the sentence's subject",
     'On Sunday, Carson shared a syllabus for a psychology class called \u201cPerception\u201d on his page, '
     'writing \u201cAllow me to do the research for the reporter.\u201d',
     [("Allow me to do the research for the reporter.", dict(type="direct", speaker="Carson", lemma="write"))]),
    ("participle cue after a fronted infinitive phrase and a clause",
     'Continuing to explain his view, Carson rejected the notion, saying that if he "found something rotten, '
     'I would fix it."',
     [('if he "found something rotten, I would fix it."', dict(type="mixed", speaker="Carson", lemma="say"))]),
    ("'those + participle' are people",
     "Most of those polled said the economy was weak.",
     [("the economy was weak", dict(type="indirect", speaker="those polled"))]),
    ("an aside between paired dashes stays in the reported clause",
     'A source said Bill Clinton \u2014 often the easiest person to provoke \u2014 has been "very worked up about it."',
     [('Bill Clinton \u2014 often the easiest person to provoke \u2014 has been "very worked up about it."',
       dict(type="mixed", speaker="anonymous source"))]),
    ("a single dash ends the reported clause",
     'Trump said Bush is "not smart enough to win" \u2014 and more.',
     [('Bush is "not smart enough to win"', dict(type="mixed", speaker="Trump"))]),
    ("object of 'told' with a place apposition before 'that'",
     "Donald Trump told a town hall in Salem, New Hampshire on Monday that waterboarding is fine.",
     [("waterboarding is fine", dict(type="indirect", speaker="Donald Trump", lemma="tell"))]),
    ("cue-less: pronoun + present-tense verb before a short quotation",
     'Mayor Ellen Park spoke on Monday. She talks about how the city must be ready "to fight tonight."',
     [('about how the city must be ready "to fight tonight."', dict(type="mixed", speaker="Ellen Park", how="pronoun"))]),
    ("Name, party-state, said (AP style)",
     "Sen. Ron Johnson, R-Wis., said the State Department failed.",
     [("the State Department failed", dict(type="indirect", speaker="Ron Johnson", mention="Sen. Ron Johnson"))]),
    ("Name, age, said",
     "Amy Lee, 34, said the bus never came.",
     [("the bus never came", dict(type="indirect", speaker="Amy Lee"))]),
    ("attribution in the middle: the report goes on after it",
     "Over the long term, according to the budget office, the rise in deficits is due to aging.",
     [("Over the long term the rise in deficits is due to aging",
       dict(type="indirect", speaker="budget office", lemma="according to"))]),
    ("attribution between the subject and its verb",
     "The meeting with the Democrats, officials said, was aimed at explaining the actions.",
     [("The meeting with the Democrats was aimed at explaining the actions",
       dict(type="indirect", speaker="anonymous officials"))]),
    ("an appositive after the attribution is not more of the report",
     "The plan failed, the mayor said, a day after the vote.",
     [("The plan failed", dict(type="indirect", speaker="mayor"))]),
    ("fronted phrase, attribution, clause",
     "But to hit its target, the advisory panel concluded, the tax must rise again in 2018.",
     [("to hit its target the tax must rise again in 2018", dict(type="indirect", speaker="advisory panel"))]),
    ("a middle initial does not cut the name",
     "The speech is a test, according to former education secretary William J. Bennett.",
     [("The speech is a test", dict(type="indirect", speaker="William J. Bennett"))]),
    ("'said by telephone' is no passive",
     "Mayor Ellen Park said by telephone that the bridge would open in May.",
     [("the bridge would open in May", dict(type="indirect", speaker="Ellen Park"))]),
    ("'ever' between subject and cue",
     "Republicans have ever agreed that the deficit matters.",
     [("the deficit matters", dict(type="indirect", speaker="Republicans"))]),
    ("a group named earlier as subject",
     "The candidates met in Ohio. Several said they would rather get block grants.",
     [("they would rather get block grants", dict(type="indirect", speaker="several", mention="Several"))]),
    ("subject, aside, relative clause, cue",
     "Sanders, meanwhile, who has no such endorsements, said he was not worried.",
     [("he was not worried", dict(type="indirect", speaker="Sanders"))]),
    ("fronted phrase before the reported clause, then ', X said'",
     "Given his success, his endorsements will carry weight, spokesman Neil Sroka said.",
     [("Given his success, his endorsements will carry weight", dict(type="indirect", speaker="Neil Sroka"))]),
    ("cue-less object phrase after a nominal that refers back",
     'Mayor Ellen Park spoke on Monday. The mayor offered herself as a "law and order" candidate at the rally.',
     [('herself as a "law and order" candidate at the rally', dict(type="mixed", speaker="Ellen Park", how="nominal"))]),
    ("the role the text gives a name: title before it",
     "Prime Minister Tony Blair arrived. The prime minister said the plan was ready.",
     [("the plan was ready", dict(type="indirect", speaker="Tony Blair", how="nominal"))]),
    ("the role the text gives a name: appositive",
     "Tony Blair, the prime minister, spoke on Monday. Later, the prime minister said the plan was ready.",
     [("the plan was ready", dict(type="indirect", speaker="Tony Blair", how="nominal"))]),
    ("sentence-initial adverb is not part of the speaker",
     "The market fell. Later analysts said the rally would last.",
     [("the rally would last", dict(type="indirect", speaker="analysts", mention="analysts"))]),
    # (fifth round: the outer report of an attributed quotation is no second quote of the same
    # words; test_round5_according_to_after_an_attributed_quote)
    ("nested attribution: the quote keeps its speaker",
     '\u201cDelegates are free,\u201d Walker said, according to an Associated Press account.',
     [("Delegates are free,", dict(type="direct", speaker="Walker"))]),
    ("a role with 'of' is one role",
     "Secretary of State Mike Pompeo left. The secretary of state said the talks would resume.",
     [("the talks would resume", dict(type="indirect", speaker="Mike Pompeo", how="nominal"))]),
    ("an organisation described by an appositive",
     "Yukos, the Russian oil company, is in trouble. The company said it would appeal.",
     [("it would appeal", dict(type="indirect", speaker="Yukos", how="nominal"))]),
    ("a name ending a fronted phrase is no appositive of the subject after it",
     "Echoing Senator Ann Lee, the prime minister said the plan was ready. The prime minister added that it would pass.",
     [("it would pass", dict(type="indirect", speaker="prime minister", how="nominal"))]),
    ("the role given by an appositive with a relative clause",
     "Ann Lee, the prime minister who took office in May, said the plan was ready. The prime minister added that it would pass.",
     [("it would pass", dict(type="indirect", speaker="Ann Lee", how="nominal"))]),
]


def test_nominal_speakers_normalised_not_merged_blindly():
    _, quotes = run("Analysts said the rally would last. But analysts said it could end. "
                    "An analyst said it would not.\n\nThe chancellor said taxes would rise. "
                    "The shadow chancellor said they would not. The chancellor said he was right.")
    got = dict(zip(quotes["text"], quotes["speaker"]))
    # case-insensitive: "Analysts" at a sentence start is the common noun
    assert got["the rally would last"] == got["it could end"] == "analysts"
    assert got["it would not"] == "analyst"  # singular and plural are not merged
    assert got["taxes would rise"] == got["he was right"] == "chancellor"
    assert got["they would not"] == "shadow chancellor"


@pytest.mark.parametrize(
    "body,text,not_speaker",
    [
        ("Residents of Dayton, Ohio, said the water was bad.", "the water was bad", "Ohio"),
        ("In London, the government said taxes would rise.", "taxes would rise", "London"),
        ("Talks stalled. Pompeo left. The secretary of state said the talks would resume.", "the talks would resume",
         "secretary"),
        ("But a UK Government official responded that the rebate stays.", "the rebate stays", "anonymous official"),
        ("Many voters said the vote was rigged.", "the vote was rigged", "many"),
    ],
    ids=["state after a place is no appositive name", "a fronted place is no appositive", "title without a name",
         "a capitalised organisation before a common noun stays",
         "a determiner before its noun is no group subject"],
)
def test_round2_wrong_speakers_avoided(body, text, not_speaker):
    _, quotes = run(body)
    hits = quotes[quotes["text"] == text]
    assert (hits["speaker"].map(norm_speaker) != norm_speaker(not_speaker)).all(), listing(quotes)


@pytest.mark.parametrize(
    "body,not_text",
    [
        ("The mayor's claimed savings were never found.", "savings were never found"),
        ("He bristled at the idea that the deal was dead.", "the deal was dead"),
        ('The crowd offered a "warm welcome" to the band at the rally.', 'a "warm welcome" to the band at the rally'),
        ('"We won." She left the room.', None),
        ("Johnson accuses British sprinters", "British sprinters"),
        ('The campaign released a web ad called "Playing Trump" on Friday.', "Playing Trump"),
        ('The campaign ads "blast" the rival every night.', '"blast" the rival every night'),
        ('Silverman was booed and shouted down by supporters after telling them they were "ridiculous."',
         'down by supporters after telling them they were "ridiculous."'),
        ('It all came down to Trump\'s attempted "seizures" of private property.', '"seizures" of private property'),
    ],
    ids=["possessive before a cue form", "noun + that", "cue-less verb of a non-referring subject", "no bare cue after",
         "adjective + plural noun is no clause",
         "a thing called by a name",
         "a plural noun is no present-tense verb",
         "a phrasal verb in the passive", "a possessive before a participle adjective"],
)
def test_round2_not_quotes(body, not_text):
    _, quotes = run(body)
    if not_text is None:
        assert (quotes["speaker"] == "").all(), listing(quotes)
    else:
        assert not (quotes["text"] == not_text).any(), listing(quotes)


def test_colon_introduces_another_source():
    _, quotes = run('Aides say the governor plans to "actively support" Cruz. From Bush\'s Facebook post: "We must move on."')
    first = find(quotes, 'the governor plans to "actively support" Cruz')
    assert len(first["fragments"]) == 1  # the later quotation is not glued onto the aides' quote
    second = find(quotes, "We must move on.")
    assert "Bush" in second["speaker"]


def test_short_quotation_alone_as_a_paragraph_is_a_subheading():
    _, quotes = run("The board fired her in 2005.\n\n'A change warrior.'\n\nShe has revisited the merger many times.")
    assert len(quotes) == 0, listing(quotes)
    # a longer one, or one attributed by the previous paragraph, stays a quotation
    _, quotes = run('"We tried," Mayor Ellen Park said.\n\n"It failed."')
    check(find(quotes, "It failed."), quotes, speaker="Ellen Park", how="previous")
    _, quotes = run("The board fired her in 2005.\n\n'We will rebuild this company from the ground up, whatever it takes.'")
    assert quotes["text"].tolist() == ["We will rebuild this company from the ground up, whatever it takes."]


def test_quotation_signed_by_a_dash_and_a_name_in_the_next_paragraph():
    _, quotes = run('Boeing paid no tax.\n\n"Boeing and GE and other multinationals pay zero taxes."\n\n- Sanders.\n\n'
                    "This is a complex issue.")
    check(find(quotes, "Boeing and GE and other multinationals pay zero taxes."), quotes, type="direct",
          speaker="Sanders", how="adjacent")
    # a dash paragraph that is a sentence, not a name, signs nothing
    _, quotes = run('Boeing paid no tax.\n\n"Boeing and GE and other multinationals pay zero taxes."\n\n'
                    "- and that is only the start of the problem, critics argue.")
    check(find(quotes, "Boeing and GE and other multinationals pay zero taxes."), quotes, speaker="")


# third round: each rule with a case it must get and a text it must not turn into a quote
ROUND3 = [
    ("a semicolon list stays in the report",
     "Some of the women said they had spoken at hearings; helped marshal protesters; and ran open-mike nights.",
     [("they had spoken at hearings; helped marshal protesters; and ran open-mike nights",
       dict(type="indirect", speaker="women"))]),
    ("a semicolon before a clause with its own cue ends the report",
     "Reyes said the budget would be balanced; Smith said it would not.",
     [("the budget would be balanced", dict(type="indirect", speaker="Reyes")),
      ("it would not", dict(type="indirect", speaker="Smith"))]),
    ("', meaning ...' is the journalist's inference",
     "Ayotte says she is going to vote for the nominee but has withheld her endorsement, meaning she will not campaign.",
     [("she is going to vote for the nominee but has withheld her endorsement", dict(type="indirect", speaker="Ayotte"))]),
    ("a relative clause with its own report is a quote of its own",
     'DeSantis said he has supported bills that would curb accreditation bodies, which he called "a cartel for higher '
     'education."',
     [("he has supported bills that would curb accreditation bodies", dict(type="indirect", speaker="DeSantis")),
      ("a cartel for higher education.", dict(speaker="DeSantis", lemma="call"))]),
    ("a speaker phrase with a preposition after a quotation",
     '"Hi Americans! You may need a new home!" a welcome message on the website reads. "Try Cape Breton Island!"',
     [("Hi Americans! You may need a new home! Try Cape Breton Island!",
       dict(type="direct", speaker=("message", "welcome message"), lemma="read",
                  mention="a welcome message on the website"))]),
    ("a name with a post-modifier after a quotation: the name is the speaker",
     '"Everything is going digital," Kirsten Pfeifer from the Consumer Electronics Association told the BBC.',
     [("Everything is going digital,", dict(type="direct", speaker="Kirsten Pfeifer"))]),
    ("two coordinated quotations after a comma stay one report",
     'Trump says he "loves China," and "people from China love me," but he wants tariffs.',
     [('he "loves China," and "people from China love me,"', dict(type="mixed", speaker="Trump"))]),
    ("', and he ...' starts a clause of its own",
     "Reyes said the budget was balanced, and he left the room before questions.",
     [("the budget was balanced", dict(type="indirect", speaker="Reyes"))]),
    ("'and' + a second predicate after a quotation ends the mixed clause",
     'Adelson said he found Trump to be \u201cvery charming\u201d and called his standing in the field \u201cunheard of.\u201d',
     [("he found Trump to be \u201cvery charming\u201d", dict(type="mixed", speaker="Adelson")),
      ("his standing in the field \u201cunheard of.\u201d", dict(type="mixed", speaker="Adelson", lemma="call"))]),
    ("'and' + a new subject after a quotation stays in the clause",
     'Lee said the plan was "dead" and Congress agreed.',
     [('the plan was "dead" and Congress agreed', dict(type="mixed", speaker="Lee"))]),
    ("a quotation before 'by' that is not a byline is still a quote",
     '"We will not give up," the mayor said by telephone on Sunday.',
     [("We will not give up,", dict(type="direct", speaker="mayor"))]),
    ("a short cue-less quotation that is a sentence is still a quote",
     'The mayor spoke for an hour. "We Will Rebuild This City." The crowd cheered.',
     [("We Will Rebuild This City.", dict(type="direct"))]),
    ("a subordinate clause opening the report: its main clause stays in the report",
     "Mayor Ellen Park spoke on Sunday. She disclosed that after the vote, Reyes called her to apologise.",
     [("after the vote, Reyes called her to apologise", dict(type="indirect", speaker="Ellen Park"))]),
    ("'X and participle' before an auxiliary is a subject",
     "Mayor Ellen Park said the figures on the dead and injured had been provided by the police.",
     [("the figures on the dead and injured had been provided by the police",
       dict(type="indirect", speaker="Ellen Park"))]),
    ("a later quotation inside the journalist's next sentence is not one more fragment of a mixed quote",
     'The FBI confirmed that it was "working on matters related to the server." The agency declined to detail '
     'the investigation\'s "specific focus, scope or potential targets."',
     [('it was "working on matters related to the server."', dict(type="mixed", speaker="FBI"))]),
    ("a connective before an inverted attribution is the journalist's",
     "However, the plan is dead, officials said.",
     [("the plan is dead", dict(type="indirect", speaker="anonymous officials"))]),
    ("'as he ...' after a quotation ends the mixed clause",
     'Jeb Bush says he is "excited where we stand" as he faces a critical test in South Carolina.',
     [('he is "excited where we stand"', dict(type="mixed", speaker="Jeb Bush"))]),
    ("'maintain' with a clause is speech",
     "Blackwell maintains Cruz will do an excellent job on judges.",
     [("Cruz will do an excellent job on judges", dict(type="indirect", speaker="Blackwell", lemma="maintain"))]),
    ("'maintained that' is speech",
     "The senator has long maintained that the emails were not classified.",
     [("the emails were not classified", dict(type="indirect", speaker="senator", lemma="maintain"))]),
    ("a hostile cue with a noun object, then a second verb",
     "Reid blasted Rubio and said the senator lacked character.",
     [("the senator lacked character", dict(type="indirect", speaker="Reid"))]),
    ("'charged that' is speech",
     "The mayor charged that the council had hidden the report.",
     [("the council had hidden the report", dict(type="indirect", speaker="mayor", lemma="charge"))]),
    ("a quotation after a cue and a possessive that is no title",
     'Kasich said on the party\u2019s website: "We will win Ohio and then the nation."',
     [("We will win Ohio and then the nation.", dict(type="direct", speaker="Kasich"))]),
    ("a one-word show title after a possessive is not a quotation",
     'Wednesday on Fox News Channel\u2019s \u201cHannity,\u201d Newt Gingrich said the ticket would be a '
     '\u201ctwo-pirate ticket.\u201d',
     [("the ticket would be a \u201ctwo-pirate ticket.\u201d", dict(type="mixed", speaker="Newt Gingrich"))]),
]


@pytest.mark.parametrize(
    "body,not_text",
    [
        ("Some of the women said they had spoken at hearings; however, the council ignored them.",
         "they had spoken at hearings; however, the council ignored them"),
        ('"We will act now," she said.\n\n"We cannot wait."\n\nShe spoke for an hour.\n\n\'A fight to the finish.\'\n\n'
         '"It was hard," Lee said.', "A fight to the finish."),
        ("Ayotte says she will vote, meaning she will campaign.", "she will vote, meaning she will campaign"),
        ('Wednesday on Fox News Channel\u2019s \u201cHannity,\u201d Newt Gingrich said the ticket would be a '
         '\u201ctwo-pirate ticket.\u201d', "Hannity,"),
        ('Jeb Bush says he is "excited where we stand" as he faces a critical test in South Carolina.',
         'he is "excited where we stand" as he faces a critical test in South Carolina'),
        ("Schlafly maintained an energetic pace into advanced age.", "an energetic pace into advanced age"),
        ("Sanders continued a fierce contest in California that is likely to end soon.",
         "a fierce contest in California that is likely to end soon"),
        ("The FBI is continuing its investigation of the server.", "its investigation of the server"),
        ("Annette Guessford answered her door on Sunday afternoon.", "her door on Sunday afternoon"),
        ("Reid blasted Rubio and defended Cruz in a recent interview.", "Rubio and defended Cruz in a recent interview"),
        ("Trump attacked the judge and then left.", "the judge and then left"),
        ("Whatever Trump charged his campaign for rent came from his own pocket.",
         "his campaign for rent came from his own pocket"),
        ("A $160 billion megamerger announced Monday would turn Pfizer into an Irish company.",
         "Monday would turn Pfizer into an Irish company"),
        ("Shays backed Kasich, he said Wednesday morning on MSNBC\u2019s \u201cMorning Joe.\u201d", "Morning Joe."),
        ('NOW OPEN\u2014"Pop-up art show strives to confront South Bronx gentrification," by DNAinfo\u2019s Eddie Small.',
         "Pop-up art show strives to confront South Bronx gentrification,"),
        ("The network is reviving old shows. ''Tales From the Crypt,'' an HBO series, will be back on TNT.",
         "Tales From the Crypt,"),
        ("Howard had roles in \u201cApollo 13,\u201d and other films.", "Apollo 13,"),
    ],
    ids=["a semicolon before the journalist's 'however'", "a single-mark subheading after a quote paragraph",
         "', meaning' ends the report", "a one-word show title", "'as he ...' after the quotation",
         "maintain + noun object", "continue + noun object", "continuing + possessive object", "answer the door",
         "'X and verbed' is no clause", "'X and then verbed' is no clause", "charge + noun object", "a participle with a time word before a modal",
         "a programme title after a possessive", "a cited headline with its byline",
         "a Title-Case title with a comma", "a title with a number"],
)
def test_round3_not_quotes(body, not_text):
    _, quotes = run(body)
    assert not (quotes["text"] == not_text).any(), listing(quotes)


# ---------------------------------------------------------------- later rounds: one table, one test


# (name, body, [(quote text, expected fields)]): single-mark articles (round 3), the fifth round's
# recall and precision rules, contracted subjects; the other checks of each round follow below
LATER_ROUNDS = [
    ('single marks stay quotes in single mark articles',
     "'We will act now,' Mayor Ellen Park said.\n\n'We cannot wait.'",
     [("We cannot wait.", dict(speaker="Ellen Park", how="previous"))]),
    # '<clause>, <participle clause>, said X': the phrase between the commas is no appositive of a subject
    ('clause then inverted cue',
     'The levy would bring a "winter of pain" to the county, forcing cuts to libraries, said Nora Quist, '
     'an economist at the institute.',
     [('The levy would bring a "winter of pain" to the county, forcing cuts to libraries',
       dict(type="mixed", speaker="Nora Quist"))]),
    ('clause then inverted cue',
     'The port has grown slowly, and it has used "soft words" with its rivals, said Omar Haddad.',
     [('The port has grown slowly, and it has used "soft words" with its rivals',
       dict(type="mixed", speaker="Omar Haddad"))]),
    # a real appositive before the cue keeps its subject
    ('appositive before cue still subject',
     'Governor Ruth Abbey, speaking at a rally, said the levy was "dead."',
     [('the levy was "dead."', dict(speaker="Ruth Abbey"))]),
    ('appositive before cue still subject',
     "Mayor Ed Lee, and his deputy, said the road would open.",
     [("the road would open", dict(speaker="Ed Lee"))]),
    # 'said Friday the plan ...': the day is not part of the reported clause
    ('day after cue',
     'Governor Ruth Abbey said Friday the levy was "dead."',
     [('the levy was "dead."', dict(speaker=("Ruth Abbey", "Tom Brandt")))]),
    ('day after cue',
     "Chief Tom Brandt said Monday night the road would reopen.",
     [("the road would reopen", dict(speaker=("Ruth Abbey", "Tom Brandt")))]),
    # ... but a day that is the clause's subject stays
    ('day after cue',
     "Chief Tom Brandt said Monday was the deadline.",
     [("Monday was the deadline", dict(speaker=("Ruth Abbey", "Tom Brandt")))]),
    # a comma-closed quotation inside a reported clause: an adverbial clause after it is still reported
    ('adverbial clause after comma closed quotation',
     'The mayor told a crowd in Dayton on Monday that the levy was "a disaster," compared to what the council '
     'had wanted.',
     [('the levy was "a disaster," compared to what the council had wanted', dict(type="mixed"))]),
    ('adverbial clause after comma closed quotation',
     'Chief Tom Brandt wrote that the request was "pointless," because the files had been destroyed.',
     [('the request was "pointless," because the files had been destroyed', dict(type="mixed"))]),
    # ... but other words after it are the journalist's ('in an interview', 'for instance', a relative clause)
    ('comma closed quotation still ends otherwise',
     'Chief Tom Brandt said the request was "pointless," in an interview on Sunday.',
     [('the request was "pointless,"', dict())]),
    ('comma closed quotation still ends otherwise',
     'Chief Tom Brandt said the plan was "pointless," for instance, and the mayor agreed.',
     [('the plan was "pointless,"', dict())]),
    # and after 'called X': the small clause (object + quoted predicate) ends with the quotation
    ('comma closed quotation still ends otherwise',
     'Brandt called the plan a "rush job," because it had no budget.',
     [('the plan a "rush job,"', dict())]),
    # a speech noun after a possessive, its complement holding the quotation: a mixed quote of the possessor
    ('speech noun after possessive',
     'Senator Ana Ruiz testified on Monday. Few people believed her claim that she "never saw the memo" '
     'before the vote.',
     [('she "never saw the memo" before the vote', dict(type="mixed", speaker="Ana Ruiz"))]),
    ('speech noun after possessive',
     'Governor Tom Pike spoke in Salem. His call for "a complete freeze" on hiring angered the unions.',
     [('"a complete freeze" on hiring', dict(type="mixed", speaker="Tom Pike"))]),
    ('speech noun after possessive',
     'Tom Pike\'s promise to be "neutral" in the talks was doubted by both sides.',
     [('to be "neutral" in the talks', dict(type="mixed", speaker="Tom Pike"))]),
    ('speech noun after possessive',
     'Tom Pike\'s accusation that the mayor was playing "the victim" and would be a failed leader if she were '
     're-elected sparked a debate.',
     [('the mayor was playing "the victim" and would be a failed leader if she were re-elected',
       dict(type="mixed", speaker="Tom Pike"))]),
    ('belief verb with quoted words',
     'Chris Dodd spoke in Hartford. He thinks the budget should now be a "litmus test" for every member.',
     [('the budget should now be a "litmus test" for every member', dict(type="mixed", speaker="Chris Dodd"))]),
    # a cue in a restrictive relative clause ('an actor who promises that ...'), its clause holding quoted words
    ('cue in restrictive relative clause',
     'The ad stars a Lincoln impersonator who promises that Reed won\'t "send you to fight wars overseas."',
     [('Reed won\'t "send you to fight wars overseas."', dict(type="mixed", speaker="Lincoln impersonator"))]),
    ('cue in restrictive relative clause',
     'For someone who conceded in a debate that she is "not a natural politician," Ann Lee had a good night.',
     [('she is "not a natural politician,"', dict(type="mixed", speaker="someone"))]),
    ('cue in restrictive relative clause',
     'Senator Tom Reed - who previously said he would "bomb the hell out of" the oil fields - spoke at a rally.',
     [('he would "bomb the hell out of" the oil fields', dict(type="mixed", speaker="Tom Reed"))]),
    # the clause ends before the main verb of the sentence
    ('cue in restrictive relative clause',
     'Members who argue that the levy is "a scam" were outvoted on Monday.',
     [('the levy is "a scam"', dict(type="mixed", speaker="members"))]),
    # a participle cue opening the sentence reports the words up to the comma; the main clause's subject speaks
    ('fronted participle cue',
     'Conceding that a deal would come "down the line," Mayor Ann Lee warned that it would take years.',
     [('a deal would come "down the line,"', dict(type="mixed", speaker="Ann Lee"))]),
    ('fronted participle cue',
     'Acknowledging that Reed "says a lot of silly stuff," though, Ann Lee did suggest that his wealth helps him.',
     [('Reed "says a lot of silly stuff,"', dict(type="mixed", speaker="Ann Lee"))]),
    ('fronted participle cue',
     'In declaring the statements "not Christian," the pope again showed his knack for politics.',
     [('the statements "not Christian,"', dict(type="mixed", speaker="pope"))]),
    # a participle cue after a comma reports its own clause, spoken by the subject of the sentence's cue
    ('participle cue reports its own clause',
     '"This merger will leave taxpayers holding the bag," Senator Ann Lee said in a statement, calling on Congress '
     'to act and force large firms to pay "their fair share" of taxes.',
     [('Congress to act and force large firms to pay "their fair share" of taxes',
       dict(type="mixed", speaker="Ann Lee"))]),
    ('participle cue reports its own clause',
     'Senator Ann Lee criticised the merger, calling on Congress to force large firms to pay "their fair share" of '
     'taxes.',
     [('Congress to force large firms to pay "their fair share" of taxes', dict(type="mixed", speaker="Ann Lee"))]),
    # 'in X's words,' / 'in the words of X,' names the source of the quotation that follows
    ('in x words',
     'The summit was held in Oslo because, in Forbes\' words, "it is the most creative city on the planet."',
     [("it is the most creative city on the planet.", dict(type="direct", speaker="Forbes"))]),
    ('in x words',
     'The fund was set up because, in the words of Tom Reed, "the banks had failed us."',
     [("the banks had failed us.", dict(type="direct", speaker="Tom Reed"))]),
    ('in x words',
     'Mayor Ann Lee spoke. "We lost," Mr. Tom Reed said. The vote went badly because, in her own words, "nobody came."',
     [("nobody came.", dict(type="direct", speaker="Ann Lee"))]),
    ('long quotation inside a longer reported clause is mixed',
     'Mayor Ann Lee spoke. Lee said the council sees the budget as a chance to show voters an '
     'alternative to "the gloomy, fearful, dishonest politics of the last decade" heard in the state.',
     [('the council sees the budget as a chance to show voters an alternative to "the gloomy, '
      'fearful, dishonest politics of the last decade" heard in the state', dict(type="mixed", speaker="Ann Lee"))]),
    ('long quotation that is the whole clause stays direct',
     'Mayor Ann Lee spoke. Lee told reporters that "the budget is a chance to start over again."',
     [("the budget is a chance to start over again.", dict(type="direct", speaker="Ann Lee"))]),
    ('company name with s is still a subject',
     'Harlow\'s announced it would scrap its "jumbo" menu next year.',
     [('it would scrap its "jumbo" menu next year', dict(type="mixed", speaker="Harlow"))]),
    # a cue coordinated with an earlier report ('... and calls her "..."') attributes a quotation after it
    # to the earlier cue's subject
    ('coordinated cue takes the earlier subject',
     'Mayor Ann Lee spoke. She says she respects Tom Reed and calls him "an extremely smart man with a long record '
     'of service."',
     [("an extremely smart man with a long record of service.", dict(type="direct", speaker="Ann Lee"))]),
    ('coordinated cue takes the earlier subject',
     'Mayor Ann Lee said the plan would cost too much, and called it "the worst idea for public money in a decade."',
     [("the worst idea for public money in a decade.", dict(type="direct", speaker="Ann Lee"))]),
    ('cue inside a fronted clause with two subordinators',
     'Mayor Ann Lee spoke. If we understand Lee correctly when she says she wants to "win every county" '
     'this year, it would seem she plans a long campaign.',
     [('she wants to "win every county" this year', dict(type="mixed", speaker="Ann Lee"))]),
    # a verb that always takes its addressee first: the reported clause starts after the addressee
    ('addressee before the reported clause',
     "The mayor told reporters the bridge would reopen in May.",
     [("the bridge would reopen in May", dict(speaker="mayor"))]),
    ('addressee before the reported clause',
     "Ms. Ortiz told the city council her office had run out of money.",
     [("her office had run out of money", dict(speaker="Ortiz"))]),
    ('addressee before the reported clause',
     'Coach Dana Reyes told her players they had been "far too timid" all season.',
     [('they had been "far too timid" all season', dict(speaker="Dana Reyes"))]),
    ('addressee before the reported clause',
     "The minister assured farmers the subsidy would stay.",
     [("the subsidy would stay", dict(speaker="minister"))]),
    # a contracted subject after the addressee, and a quotation inside the clause
    ('addressee before the reported clause',
     "Carl Lee has assured me he\u2019s going to keep the party \u201cquiet\u201d this year.",
     [("he\u2019s going to keep the party \u201cquiet\u201d this year", dict(speaker="Carl Lee"))]),
    # a time adverbial after the addressee is not the clause's subject
    ('addressee before the reported clause',
     "The lawyer told reporters this week the sprinters would be cleared.",
     [("the sprinters would be cleared", dict(speaker="lawyer"))]),
    # 'that' after the addressee (unchanged)
    ('addressee before the reported clause',
     "The mayor told reporters on Monday that the bridge would reopen.",
     [("the bridge would reopen", dict(speaker="mayor"))]),
    # a clause the writer adds after the reported clause ends the report
    ('writers clause ends the report',
     "Several council members said they would oppose the levy, as has the mayor of Easton.",
     [("they would oppose the levy", dict(type="indirect"))]),
    ('writers clause ends the report',
     "Kline said she would run again, even though her party has not endorsed her.",
     [("she would run again", dict(type="indirect"))]),
    ('writers clause ends the report',
     "The agency said the water was safe, although many residents reported rashes.",
     [("the water was safe", dict(type="indirect"))]),
    ('writers clause ends the report',
     "Nadia Fox said the talks went well, but she declined to give details.",
     [("the talks went well", dict(type="indirect"))]),
    # ... but not when the words belong to the reported clause itself
    ('report goes on',
     "Ms. Park said the vote was a crucial, although brief, chance to be heard.",
     [("the vote was a crucial, although brief, chance to be heard", dict())]),
    ('report goes on',
     "Park said the levy was fair, but the council disagreed.",
     [("the levy was fair, but the council disagreed", dict())]),
    # and not before a quotation: the quoted words stay in the mixed quote
    ('report goes on',
     'Park said the plan was sound, but she called the critics "deeply confused."',
     [('the plan was sound, but she called the critics "deeply confused."', dict())]),
    # a cue inside a fronted subordinate clause reports up to the comma before the main clause,
    # also after a connective or a noun phrase before the subordinator, and before a main clause
    # whose subject is a noun phrase or a number
    ('fronted clause report ends at main clause',
     "But if Lee implied that he would drop out, he did not say so on Friday.",
     [("he would drop out", dict(type="indirect"))]),
    ('fronted clause report ends at main clause',
     "Years after the mayor claimed that the deficit was gone, the city borrowed again.",
     [("the deficit was gone", dict(type="indirect"))]),
    ('fronted clause report ends at main clause',
     "While only 9 percent said they were undecided, 40 percent said they could still switch.",
     [("they were undecided", dict(type="indirect"))]),
    ('fronted clause report ends at main clause',
     "When the senator said the bill was dead, the chamber fell silent.",
     [("the bill was dead", dict(type="indirect"))]),
    # a cue in the main clause after a fronted clause is not cut at a later comma
    ('main clause report not cut',
     "As the debate wore on, Lee noted that even in small towns, the clinics were closing.",
     [("even in small towns, the clinics were closing", dict())]),
    ('main clause report not cut',
     "While she backs the plan, Ms. Ortiz admits there are costs, most of them hidden.",
     [("there are costs, most of them hidden", dict())]),
    ('quotation before a pronoun subject is still said',
     "\u201cNobody says \u2018I love taxes,\u2019\u201d he said of the mayor Ana Silva.",
     [("Nobody says \u2018I love taxes,\u2019", dict(type="direct"))]),
    # a short prepositional adjunct between the cue and a comma or colon before the quotation:
    # the quotation is the content (direct), the adjunct is the attribution's
    ('quotation after an adjunct',
     'Mayor Ana Silva declared in the council chamber, "We will rebuild the bridge."',
     [("We will rebuild the bridge.", dict(type="direct", speaker="Ana Silva"))]),
    ('quotation after an adjunct',
     'Mayor Ana Silva argued on the radio: "The levy is fair."',
     [("The levy is fair.", dict(type="direct", speaker="Ana Silva"))]),
    # a pronoun with its verb contracted starts a reported clause on its own
    ('contracted subject starts a reported clause',
     "Mayor Ann Lee said she's ready to run.",
     [("she's ready to run", dict(type="indirect", speaker="Ann Lee"))]),
    ('contracted subject starts a reported clause',
     "The mayor told reporters she\u2019s ready to run.",
     [("she\u2019s ready to run", dict(type="indirect", speaker="mayor"))]),
    ('contracted subject starts a reported clause',
     "Chief Tom Brandt said it's a matter of time.",
     [("it's a matter of time", dict(type="indirect", speaker="Tom Brandt"))]),
    ('contracted subject starts a reported clause',
     "Chief Tom Brandt said there's no plan for the bridge.",
     [("there's no plan for the bridge", dict(type="indirect", speaker="Tom Brandt"))]),
    ('contracted subject starts a reported clause',
     "Chief Tom Brandt said I'm not done yet.",
     [("I'm not done yet", dict(type="indirect", speaker="Tom Brandt"))]),
]


@pytest.mark.parametrize("body, expected", [c[1:] for c in CASES + ROUND2 + ROUND3 + LATER_ROUNDS],
                         ids=[c[0] for c in CASES + ROUND2 + ROUND3 + LATER_ROUNDS])
def test_pattern(body, expected):
    """Every case of the tables: each expected quote found once, with its fields."""
    _, quotes = run(body)
    for text, fields in expected:
        check(find(quotes, text), quotes, **fields)


# ---------- fourth round


def test_round4_sentence_goes_on_after_attribution():
    # the sentence a quotation began goes on without marks after its attribution: one mixed quote
    text, quotes = run('Mayor Ed Lee spoke at the mosque. "It\'s our bad luck," Lee said, that both '
                       'violent men had prayed in this little mosque.')
    q = find(quotes, '"It\'s our bad luck," that both violent men had prayed in this little mosque')
    check(q, quotes, type="mixed", speaker="Ed Lee")
    assert len(q["fragments"]) == 2


@pytest.mark.parametrize("body", [
    '"We won," Lee said, in an interview on Monday.',
    '"We won," Lee said, a day after the vote.',
    '"We won," Lee said, adding that the count was slow.',
])
def test_round4_adjuncts_after_attribution_stay_outside(body):
    # a phrase after the attribution that does not go on with the quoted sentence is not part of it
    _, quotes = run(body)
    check(find(quotes, "We won,"), quotes, type="direct", speaker="Lee")


@pytest.mark.parametrize("body,text,lemma", [
    # a cue coordinated with an earlier predicate through 'and then' / 'and later' takes the subject
    ('Cruz knocked Rubio on trade and then said that he was a "moderate."', 'he was a "moderate."', "say"),
    ("The mayor visited the site and later added that repairs were under way.", "repairs were under way", "add"),
    # 'posted on Twitter Friday that ...': the medium and the day are fillers before the reported clause
    ('Trump posted on Twitter Friday that his claims were "sarcasm."', 'his claims were "sarcasm."', "post"),
    ('Trump tweeted on Friday that his claims were "sarcasm."', 'his claims were "sarcasm."', "tweet"),
])
def test_round4_coordinated_and_filler_cues(body, text, lemma):
    _, quotes = run(body)
    check(find(quotes, text), quotes, lemma=lemma)


@pytest.mark.parametrize("body", ["Trump posted a video of the rally.", "The mayor tweeted a photo of the crowd."])
def test_round4_post_and_tweet_with_an_object_are_no_reports(body):
    _, quotes = run(body)
    assert quotes.empty, listing(quotes)


def test_a_clause_after_and_then_is_still_reported():
    """'and then' before a subject of its own keeps the clause (the rule above is about a bare verb)."""
    rows = extract_quotes(document("Trump said the judge and then the jury had erred."))
    assert rows[["type", "text", "speaker", "cue_lemma"]].values.tolist() == [
        ["indirect", "the judge and then the jury had erred", "Trump", "say"]]



# ---------------------------------------------------------------- round 5 (recall): other checks


def test_round5_inverted_cue_with_adjunct_then_participle():
    # '<clause>, X said on Tuesday, noting ...': the clause before the attribution is still reported
    _, quotes = run('The county\'s "failures" are shameful, Lopez said on Tuesday in Austin, noting that the mayor '
                    '"never listens."')
    check(find(quotes, 'The county\'s "failures" are shameful'), quotes, type="mixed", speaker="Lopez")
    check(find(quotes, 'the mayor "never listens."'), quotes, type="mixed", speaker="Lopez")


@pytest.mark.parametrize("body", [
    # no possessor, another noun, or no complement: not a report
    'The claim that the river was "poisoned" spread quickly.',
    'Tom Pike\'s trip to the "Big Apple" was short.',
    'The council debated his warning about "rogue landlords" on Tuesday.',
])
def test_round5_speech_noun_needs_possessor_and_complement(body):
    _, quotes = run(body)
    assert not (quotes["type"] == "mixed").any(), listing(quotes)


def test_round5_belief_verb_needs_a_named_subject():
    _, quotes = run('The old building thinks nothing of its "historic" status.')
    assert quotes.empty, listing(quotes)


def test_round5_quotation_glued_into_the_journalists_clause_is_not_a_continuation():
    # a later quotation inside the journalist's own clause ('blamed the defeat on a "..."') is not one
    # more fragment of the speaker's direct quote
    _, quotes = run('Mayor Ann Lee spoke on Monday. "We lost the vote," Lee said. She blamed the defeat on a '
                    '"badly run campaign," not on the voters.')
    q = find(quotes, "We lost the vote,")
    check(q, quotes, type="direct", speaker="Ann Lee")
    assert len(q["fragments"]) == 1


@pytest.mark.parametrize("body", [
    # ... but the speaker's words going on after the attribution, a conjunction or a title stay one quote
    'Mayor Ann Lee spoke on Monday. "We lost," Lee said, and "we will fight again."',
    'Mayor Ann Lee spoke on Monday. "We lost," Lee said. "We will fight again."',
    'Mayor Ann Lee spoke on Monday. "We lost," Lee said on "Morning Edition." "We will fight again."',
])
def test_round5_continuations_of_direct_quotes_stay_fragments(body):
    _, quotes = run(body)
    direct = quotes[quotes["type"] == "direct"]
    assert len(direct) == 1 and len(direct.iloc[0]["fragments"]) >= 2, listing(quotes)


def test_round5_glued_quotation_without_a_cue_is_dropped():
    # after a direct quote, a long quotation glued into the journalist's words with no cue of its own
    # is neither a fragment of that quote nor a quote of its own
    _, quotes = run('Mayor Ann Lee spoke on Monday. "We lost the vote," Lee said. Voters can expect her to face the '
                    'council with "a lot more anger than they have ever seen from me."')
    assert quotes["text"].tolist() == ["We lost the vote,"], listing(quotes)


def test_round5_verb_after_an_earlier_cues_clause_reports_the_quotation():
    # the nearest cue's clause ends before the quotation: a named subject's verb nearer to it reports it
    _, quotes = run('Mayor Ann Lee proposed a vote in April - but the Harmon campaign rejected the plan as "absurd" '
                    'because the fair would be on that day.')
    check(find(quotes, 'the plan as "absurd" because the fair would be on that day'), quotes, type="mixed",
          speaker="Harmon campaign")
    check(find(quotes, "a vote in April"), quotes, type="indirect", speaker="Ann Lee")


@pytest.mark.parametrize("body", [
    # without quoted words the relative clause describes a group rather than reporting speech
    "Voters who say the economy matters most were evenly divided.",
    # a non-speech verb in a restrictive relative clause does not report the quoted words
    'He met a banker who gave large checks to "super PACs" last year.',
])
def test_round5_restrictive_relative_without_quotation_is_no_report(body):
    _, quotes = run(body)
    assert not quotes["type"].isin(["indirect", "mixed"]).any(), listing(quotes)


@pytest.mark.parametrize("body", [
    # no quoted words in the participle clause, or 'According to': not this rule
    "Speaking to reporters on Monday, Ann Lee said the plan was ready.",
    'According to her "clawback" plan, firms must repay the money.',
])
def test_round5_fronted_participle_needs_quoted_words(body):
    _, quotes = run(body)
    assert not ((quotes["type"] == "mixed") & (quotes["speaker"] == "Ann Lee")).any(), listing(quotes)
    assert not quotes["text"].str.startswith("to her").any(), listing(quotes)


def test_round5_words_without_in_are_no_source():
    _, quotes = run('Mayor Ann Lee spoke. "We lost," Lee said. Her words, "we will be back," echoed.')
    assert not (quotes["speaker"] == "Her").any(), listing(quotes)


def test_round5_label_and_brand_are_naming_cues():
    # 'labeled X "Y"' / 'branded X "Y"' are read like 'called X "Y"' (the small clause is a mixed quote)
    _, quotes = run('Governor Tom Reed is labeling the actions "a blatant abuse of power."')
    check(find(quotes, 'the actions "a blatant abuse of power."'), quotes, type="mixed", speaker="Tom Reed", lemma="label")
    _, quotes = run('Governor Tom Reed branded the mayor "a liar" on Monday.')
    check(find(quotes, 'the mayor "a liar"'), quotes, type="mixed", speaker="Tom Reed", lemma="brand", cls="hostile")
    _, quotes = run('The program, labeled "Fast Track," starts in May.')
    assert quotes.empty, listing(quotes)


@pytest.mark.parametrize("body,text,speaker", [
    # 'When asked (by X) whether ..., Y ...': the question is reported, by the asker if named (else nobody)
    ('Mayor Ann Lee spoke. When asked to confirm her role in the "secret" talks, a separate source did so.',
     'to confirm her role in the "secret" talks', ""),
    ('Mayor Ann Lee spoke. Asked by Tom Reed if Lee "gets" the city, Ann Lee avoided an answer.',
     'if Lee "gets" the city', "Tom Reed"),
])
def test_round5_fronted_asked_question(body, text, speaker):
    _, quotes = run(body)
    q = find(quotes, text)
    check(q, quotes, type="mixed")
    assert norm_speaker(q["speaker"]) == norm_speaker(speaker), listing(quotes)


def test_round5_asked_needs_a_question_and_quoted_words():
    _, quotes = run("Mayor Ann Lee spoke. When asked, a separate source confirmed it.")
    assert not (quotes["type"] == "mixed").any(), listing(quotes)



# ---------------------------------------------------------------- round 5 (precision): other checks


@pytest.mark.parametrize("body", [
    # the addressee and then an adverbial clause: nothing is reported
    "The governor told his aides as he worked late on the budget speech.",
    "Senator Hale told the crowd when the rain stopped.",
])
def test_round5_addressee_without_a_reported_clause(body):
    _, quotes = run(body)
    assert not (quotes["type"] == "indirect").any(), listing(quotes)


def test_round5_a_story_told_is_no_addressee():
    # 'told the story of a nurse who ...': no reported clause starts inside the object
    _, quotes = run("Lee told the story of a nurse who had walked to work through the flood.")
    assert not quotes["text"].str.startswith("a nurse").any(), listing(quotes)



def test_round5_markup_attributes_are_no_quotation_marks():
    # scraped text with embedded markup: the quotes around attribute values are not quotation marks
    body = ('<post author="@citydesk" date="May 2, 2019\n">Crowd thin at the stadium tonight.</post>\n\n'
            'See <a href="http://example.org/vote">the count</a> for details.')
    _, quotes = run(body)
    assert quotes.empty, listing(quotes)
    # quotation marks in the text around the tags still are
    _, quotes = run('<p class="lead">"We will rebuild," Mayor Ana Silva said.</p>')
    check(find(quotes, "We will rebuild,"), quotes, type="direct", speaker="Ana Silva")


def test_round5_quotation_modifying_the_subject_noun():
    # 'the "Avatar" star posted': the quotation is part of the subject's noun phrase, not its words
    _, quotes = run('After the story spread, the "Moonfall" star posted a long message on her page.')
    assert quotes.empty, listing(quotes)
    # a quotation going on with the writer's words before an inverted cue is one mixed quote
    _, quotes = run('"We thank every volunteer who knocked on doors" for the win, Mayor Ana Silva said.')
    check(find(quotes, '"We thank every volunteer who knocked on doors" for the win'), quotes,
          type="mixed", speaker="Ana Silva")
    # a quotation closed by its own comma before the speaker phrase is still the speaker's
    _, quotes = run('"We won," the organizer said.')
    check(find(quotes, "We won,"), quotes, type="direct", speaker="organizer")


def test_round5_title_in_apposition_before_cue():
    # 'X, host of "Morning Show," suggested <clause>': the title is no quotation and the words
    # before it are no reported clause
    _, quotes = run('Dana Reyes, host of WXTV\u2019s \u201cEarly Edition,\u201d suggested the council '
                    'should resign.')
    assert not quotes["text"].str.contains("Early Edition").any(), listing(quotes)
    # an ordinary quotation before an inverted cue still is one
    _, quotes = run('"The council should resign," suggested Dana Reyes, a local host.')
    check(find(quotes, "The council should resign,"), quotes, type="direct", speaker="Dana Reyes")


def test_round5_according_to_after_an_attributed_quote():
    # '"Q1," X said, according to Y. "Q2."': one quotation, X's, with both parts; Y is the
    # channel of the report, not a second speaker of the same words
    _, quotes = run('"We will win," Mayor Ana Silva said, according to the Daily Star. "The count is on our side."')
    q = find(quotes, "We will win, The count is on our side.")
    check(q, quotes, type="direct", speaker="Ana Silva")
    assert len(quotes) == 1, listing(quotes)
    # 'according to' with a clause of the writer's still reports that clause
    _, quotes = run("The vote was delayed by a week, according to the Daily Star.")
    check(find(quotes, "The vote was delayed by a week"), quotes, type="indirect", speaker="Daily Star")


def test_round5_no_partial_inside_a_mixed_quote():
    # 'responded, calling the plan "reckless" and "cruel."': the quoted words are reported once
    _, quotes = run('The mayor, Ana Silva, responded on Friday, calling the plan "reckless" and "cruel."')
    assert not (quotes["type"] == "partial").any(), listing(quotes)
    assert quotes["text"].str.contains("reckless").sum() == 1, listing(quotes)
    # a quotation of its own stays (after 'called X': the small clause, a mixed quote)
    _, quotes = run('The mayor, Ana Silva, called the plan "reckless."')
    check(find(quotes, 'the plan "reckless."'), quotes, type="mixed", speaker="Ana Silva")
    _, quotes = run('The mayor, Ana Silva, rejected what she called "reckless" cuts.')
    check(find(quotes, "reckless"), quotes, type="partial", speaker="Ana Silva")


def test_round5_call_for_keeps_its_object():
    # 'called for X, "..."': the object of 'call for' is not skipped as an adjunct
    _, quotes = run('Mayor Ana Silva called for a new levy, "to fix the roads before winter."')
    assert not (quotes["type"] == "direct").any(), listing(quotes)


def test_round5_short_exclamation_inside_the_sentence_is_direct():
    # a short quotation closed by its own '!' or '?' is a whole utterance even when the sentence goes on
    _, quotes = run('The crowd chanted "Build it now!" as the mayor, Ana Silva, walked in.')
    check(find(quotes, "Build it now!"), quotes, type="direct")
    _, quotes = run('Mayor Ana Silva asked "Who pays?" and left the room.')
    check(find(quotes, "Who pays?"), quotes, type="direct", speaker="Ana Silva")
    # a short phrase without its own end punctuation stays partial
    _, quotes = run('Mayor Ana Silva promised "a fair deal" to the farmers on Monday.')
    assert not (quotes["type"] == "direct").any(), listing(quotes)


def test_possessive_s_is_no_contracted_subject():
    # "Lee's" is a possessive, not "Lee is": no clause starts at "the mayor's plan ..."
    _, quotes = run("Chief Tom Brandt said the mayor's plan.")
    assert quotes.empty, listing(quotes)
