"""Quotations and their speakers: transparent string rules, no model.

:func:`extract_quotes` returns one row per quote (columns in docs/tables.md). Steps, per
document:

1. **Marks.** Paragraphs (as in :mod:`framing.segment`, boilerplate skipped) are scanned
   for quotation marks: straight and curly doubles, guillemets, curly and straight singles.
   Apostrophes ("don't", "Korea's", "'90s", "farmers' union") never open a quote; a
   quote never crosses a paragraph, except that an opening mark left open at the end of a
   paragraph continues when the next paragraph opens with a mark (multi-paragraph quotes).
2. **Cues.** Each sentence (split so that quoted text is never cut) is searched for the
   reporting cues of :mod:`framing.cues` ("said", "lashed out", "according to"). The
   subject before the cue (over auxiliaries, "who ..." clauses and appositives) or the
   name after an inverted cue ("said Russel, who ...") is the *mention*. The content is a
   quote next to the cue (``direct``), a short quote in "called it 'x'" (``partial``), or
   the reported clause after the cue / before ", X said" (``indirect``, or ``mixed`` when
   it holds quoted words).
3. **Quotes without a cue** in their sentence continue the speaker of a colon-ended cue
   ("X said:") or of the direct quote just before (``previous``); quoted words in a
   headline "Speaker: ... 'words'" are the headline speaker's (``headline``); short
   quoted names or titles with no cue (scare quotes) are left out; anything else is kept
   unattributed (``speaker == ""``).
4. **Speakers.** Names lose titles ("Secretary of State Mike Pompeo" -> "Mike Pompeo",
   descriptor "Secretary of State"); a bare surname or "Mr X" joins an earlier full name
   only when exactly one earlier full name fits; pronouns go to the nearest earlier
   compatible entity (he/she: a person, it/they: an organisation), definite nominals
   ("the ministry", "the statement", "the spokesman") to an earlier entity they describe;
   indefinite sources ("a source, who asked not to be named", "officials") become
   "anonymous source" / "anonymous officials". ``speaker_how`` records the rule.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from operator import attrgetter
from dataclasses import dataclass, field
from typing import Iterable

import pandas as pd

from .cues import CueLexicon, cue_lexicon

QUOTE_COLUMNS = [
    "doc_id", "quote_id", "start", "end", "fragments", "text", "type",
    "cue", "cue_start", "cue_end", "cue_lemma", "cue_class",
    "mention", "mention_start", "mention_end", "speaker", "speaker_how", "descriptor",
    "paragraph", "sentence",
]
FRAGMENT_SEP = " "
MAX_QUOTE_CHARS = 4000
FOLLOW_ON_WORDS = 150  # words allowed between a quote and the one it continues (same paragraph)

# ------------------------------------------------------------------ word lists

DOUBLE_OPEN = "\u201c\u201e\u00ab"
DOUBLE_CLOSE = "\u201d\u00bb"
SINGLE_OPEN = "\u2018\u2039"
SINGLE_CLOSE = "\u2019\u203a"
ALL_MARKS = "\"'" + DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\u201f\u201b"
MASK = "\x01"

TITLES = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother
president vice secretary minister prime deputy chancellor premier senator sen rep representative
congressman congresswoman gov governor lt mayor judge justice chief general gen col colonel maj
major capt captain sgt sergeant adm admiral cmdr commander officer detective inspector sheriff
ambassador envoy speaker chairman chairwoman chair chairperson ceo cfo coo cto director head leader
king queen prince princess duke duchess emperor pope bishop archbishop cardinal imam rabbi sheikh
coach manager attorney prosecutor commissioner superintendent spokesman spokeswoman spokesperson
former acting interim incoming outgoing assistant associate executive state of the us u.s. uk
foreign finance defence defense interior justice home health education treasury trade energy
labour labor economy agriculture transport environment culture sports opposition party majority
minority house senate democratic republican democrat gop labour conservative liberal
white national federal regional city county district supreme high court general's attorney-general
""".split())
ORG_WORDS = frozenset("""
ministry department union bank agency committee party campaign council government administration
office house court commission group association institute university news times post corp corporation
inc company co ltd plc llc federation organization organisation fund service network board senate
congress parliament assembly police army navy forces military foundation center centre club journal
press reuters bureau authority cabinet coalition alliance movement church tribune guardian channel
television tv radio magazine newspaper daily express mail herald telegraph society trust league team
fc airlines airways motors holdings industries systems technologies labs studios records pictures
entertainment agency kremlin pentagon whitehouse secretariat council commission embassy consulate
institution regime junta opposition prosecutors police ministry watchdog regulator exchange
""".split())
COUNTRIES = frozenset("""
us usa u.s. u.s.a. america united states uk u.k. britain england scotland wales ireland france germany
italy spain portugal russia china japan india pakistan iran iraq syria israel egypt turkey ukraine
poland canada mexico brazil argentina australia korea north south taiwan vietnam cuba venezuela
eu europe nato un beijing moscow washington pyongyang seoul tokyo london paris berlin brussels tehran
kiev kyiv jerusalem ankara delhi islamabad kabul afghanistan saudi arabia qatar libya sudan nigeria
kenya ethiopia africa greece sweden norway denmark finland netherlands belgium switzerland austria
""".split())
PERSON_NOMINALS = frozenset("""
official officials spokesman spokeswoman spokesperson spokesmen spokespeople source sources aide aides
adviser advisers advisor advisors minister ministers secretary president senator senators lawmaker
lawmakers leader leaders chief director executive executives analyst analysts expert experts diplomat
diplomats officer officers man woman men women person people witness witnesses lawyer lawyers attorney
attorneys prosecutor prosecutors judge candidate nominee governor mayor chairman chairwoman ceo founder
member members resident residents voter voters doctor doctors professor researcher researchers
scientist scientists economist economists critic critics supporter supporters activist activists
campaigner campaigners manager coach player players singer actor actress author writer insider insiders
negotiator negotiators ambassador envoy insider representative representatives staffer staffers
strategist strategists pollster pollsters observer observers neighbour neighbor neighbours neighbors
victim victims friend friends father mother son daughter wife husband boss student students teacher
teachers worker workers farmer farmers owner owners investor investors trader traders dealer dealers
""".split())
ORG_NOMINALS = frozenset("""
statement ministry department agency government administration campaign company firm committee council
union party bank court police report study survey poll newspaper paper network team club group office
organisation organization commission regime board agency embassy military army white house kremlin
document letter memo filing lawsuit complaint ruling order indictment release announcement website
""".split())
ANON_HEADS = frozenset("source sources official officials insider insiders person people aide aides diplomat diplomats".split())
PRONOUNS = {"he": "person", "she": "person", "they": "plural", "it": "org", "we": "plural", "i": "person"}
DETERMINERS = frozenset("the a an this that these those his her its their our one another some several two three many most all both each every few more such".split())
INDEFINITE = frozenset("a an one some several two three many another".split())
AUX = frozenset("""
has have had was is were are be been being will would could can should may might must shall did does do
also later then once again previously repeatedly recently reportedly publicly privately earlier
separately quickly just already still never often initially first last further subsequently always sometimes usually ever
not n't ve 's 'd 'll ’s ’d ’ll
""".split())
DAYS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday yesterday today tonight morning afternoon evening
night week month year weekend
""".split())
STOP_NP = frozenset("""
and or but nor so yet because although though while whereas if unless when whenever where after before since
until as than that which who whom whose what why how whether to in on at by with from into onto upon about
over under for against between among through during without within across behind beyond toward towards
also not no yes there here then now just even only very too quite rather however meanwhile moreover
said says say told tells added adds is was were are be been has have had do does did will would could can
should may might must shall it he she they we i you him them me us
""".split())
_PAST_IRREGULAR = frozenset("""went came made took gave got knew thought saw found left won lost began ran became brought
bought felt kept held meant paid put set sent spent stood led met sought fought taught caught built heard let rose fell
grew drew threw broke chose drove sold cut hit""".split())
NAME_LIKE = frozenset("will may can bill mark rich so don rand long young grant hope joy faith said".split())
CLAUSE_VERBS = frozenset("""
is was were are be been has have had will would could can should may might must shall did does do
isn't wasn't weren't aren't hasn't haven't hadn't won't wouldn't couldn't can't cannot shouldn't didn't
doesn't don't ’s 's ’re 're ’ve 've ’ll 'll ’d 'd
went came made took gave got knew thought told said saw found left won lost began ran wrote became brought
bought felt kept held meant paid put set sent spent stood understood led met sought fought taught caught
built heard let read rose fell grew drew threw flew broke spoke chose drove rode sold hid shut cut hit hurt
""".split())
SUBJECT_START = frozenset("""
the a an this that these those his her its their our my your some no every each all many most few
he she it they we i you there one both either neither any another such
""".split())
SAY_LIKE = frozenset("""say tell add claim insist argue warn note explain declare suggest acknowledge admit predict write
tweet state contend maintain assert allege complain boast vow promise concede continue reply respond answer agree deny
stress emphasize emphasise report testify confirm announce recall observe remark reiterate repeat indicate
""".split())
NOUNISH = frozenset("""call retort claim promise demand report joke boast vow pledge charge answer comment reply
request quip plea protest rant cheer cry warning attack jab shout""".split())
PARTIAL_CUES = frozenset("call describe dub label brand term characterize characterise".split())
NEEDS_OBJECT = frozenset("tell inform assure remind warn urge promise advise".split())
PARTICIPLE_OK = frozenset("add say warn note insist argue explain claim stress vow continue suggest predict".split())
CUE_LIKE = frozenset("said says told added announced noted claimed declared warned insisted vowed argued explained stressed".split())
NOUN_THAT = frozenset("idea suggestion notion claim claims fact possibility view belief hope fear report reports news argument assertion".split())

# a word is a maximal run of word characters and of -'’&. joiners followed by a letter or digit:
# written as \w* runs (fast in re) instead of an alternation per character
_TOKEN = re.compile(r"\x01+|(?:[A-Za-z]\.){2,}|\d+(?:[.,]\d+)+|[^\W_]\w*(?:[-'’&.](?=[^\W_])\w*)*|\S", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]")
_SPACE = re.compile(r"\s+")


# ------------------------------------------------------------------ segmentation


def _paragraph_spans(text: str, title, excluded) -> tuple[list[tuple[int, int, bool]], bool]:
    """Paragraphs as in framing.segment (``(start, end, excluded)``, headline split off)."""
    try:
        from .segment import _doc_paragraphs  # same paragraphs as the sentences table
    except ImportError:  # pragma: no cover - segment not available
        _doc_paragraphs = None
    if _doc_paragraphs is not None:
        return _doc_paragraphs(text, title, excluded)
    spans, pos = [], 0
    for m in re.finditer(r"\n\s*\n|$", text):
        s, e = pos, m.start()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e, False))
        pos = m.end()
        if m.end() >= len(text):
            break
    return spans, bool(title) and text.startswith(str(title))


_ALNUM = re.compile(r"[^\W_]")  # one character c with c.isalnum()


def _sentence_index(text: str, paras: list[tuple[int, int, bool]], has_title: bool,
                    until: int | None = None) -> tuple[list[int], list[int]]:
    """Starts of the sentences table's sentences (and their indices), for locating quotes;
    with ``until``, only those of the paragraphs starting at or before that offset."""
    try:
        from .segment import split_sentences
    except ImportError:  # pragma: no cover
        split_sentences = None
    starts: list[int] = []
    has_alnum = _ALNUM.search
    for p, (s, e, excl) in enumerate(paras):
        if excl:
            continue
        if until is not None and s > until:
            break
        spans = [(s, e)] if (has_title and p == 0) or split_sentences is None else split_sentences(text, s, e)
        for a, b in spans:
            if has_alnum(text, a, b) is not None:
                starts.append(a)
    return starts, list(range(len(starts)))


# ------------------------------------------------------------------ quotation marks


@dataclass
class Marked:
    """A span between quotation marks: ``open`` is the opening mark, ``close`` the closing one
    (or the paragraph end when left open); ``inner`` the text between."""

    open: int
    close: int
    inner_start: int
    inner_end: int
    closed: bool
    kind: str  # "double" | "single"
    chain: int = -1  # index of the quote chain (multi-paragraph quotes share one)
    used: bool = False
    close_len: int = 1  # 2 for a doubled-apostrophe mark ''

    @property
    def stop(self) -> int:
        """End of the closing mark (the paragraph end when left open)."""
        return self.close + self.close_len if self.closed else self.close


def _is_open_ctx(text: str, i: int, lo: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    return prev.isspace() or prev in "([{\u2014\u2013-/:;,\u201c\u2018\"'" or i == lo


def _next_nonspace(text: str, i: int, hi: int) -> str:
    return text[i + 1] if i + 1 < hi else " "


_SINGLE_MARK = re.compile("['\u2018\u2019\u2039\u203a\u201b]")
MAX_SINGLE_CHARS = 1500
_DOUBLE_MARK = re.compile("''|``|[\"\u201c\u201d\u201e\u00ab\u00bb\u201f]")
_APOS_OPEN = re.compile(r"(?:\d\d(?:s|\b)|em\b|til\b|n['’]|cause\b|tis\b|twas\b|round\b|bout\b)", re.IGNORECASE)
# (the expressions below start with one character class, so that re skips to candidates)
# _DOUBLE_MARK's matches: '' or `` or one double mark
_DOUBLE_MARK_FAST = re.compile(
    "['`\"\u201c\u201d\u201e\u00ab\u00bb\u201f](?:(?<=')'|(?<=`)`|(?<=[\"\u201c\u201d\u201e\u00ab\u00bb\u201f]))"
) if _DOUBLE_MARK.pattern == "''|``|[\"\u201c\u201d\u201e\u00ab\u00bb\u201f]" else _DOUBLE_MARK
_ANY_MARK = re.compile("[`\"\u201c\u201d\u201e\u00ab\u00bb\u201f'\u2018\u2019\u2039\u203a\u201b](?:(?<=`)`|(?<!`))")
# the single marks find_marked can use: all but a ' or ’ between two letters or digits
# ("don't", "Korea's"), which can neither open (no space before) nor close (a letter after)
_SINGLE_MARK_USED = re.compile(
    "['\u2019\u2018\u2039\u203a\u201b](?:(?<=[\u2018\u2039\u203a\u201b])|(?<![^\\W_]['\u2019])|(?![^\\W_]))")


# words that cannot follow a plural possessive ("farmers' union"): after s' they show a closing mark
_FUNCTION_WORD = re.compile(
    r"(?:for|to|and|or|but|nor|in|on|at|of|by|with|from|as|into|than|that|which|who|when|while|if|because|"
    r"after|before|since|until|is|was|are|were|be|been|has|have|had|will|would|could|should|can|may|might|"
    r"must|said|says|he|she|they|it|we|i|you|this|these|those|the|a|an|so|then|not)\b")


def find_marked(text: str, lo: int, hi: int) -> list[Marked]:
    """Quoted spans in ``text[lo:hi]`` (one paragraph): doubles first, then singles outside them."""
    if _ANY_MARK.search(text, lo, hi) is None:
        return []
    out: list[Marked] = []
    open_at = None
    width = 1
    for m in _DOUBLE_MARK_FAST.finditer(text, lo, hi):
        i = m.start()
        ch = m.group()
        w = len(ch)
        nxt = _next_nonspace(text, i + w - 1, hi)
        can_open = _is_open_ctx(text, i, lo) and not nxt.isspace()
        prev = text[i - 1] if i > lo else " "
        can_close = not prev.isspace() or nxt.isspace() or nxt in ".,;:!?)" or i + w >= hi
        if ch in DOUBLE_OPEN or ch in ("\u201f", "``"):
            if open_at is not None and not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)" or i + w >= hi):
                # an opening mark typed where the closing one belongs: “Yes,“ he said
                out.append(Marked(open_at, i, open_at + width, i, True, "double", close_len=w))
                open_at = None
                continue
            if open_at is not None:
                out.append(Marked(open_at, i, open_at + width, i, False, "double"))
            open_at, width = i, w
            continue
        if ch in DOUBLE_CLOSE:
            if open_at is not None:
                out.append(Marked(open_at, i, open_at + width, i, True, "double", close_len=w))
                open_at = None
            elif can_open and not can_close:  # a closing mark used as an opener
                open_at, width = i, w
            continue
        # straight double mark (or '')
        if open_at is None:
            if can_open or not can_close:
                open_at, width = i, w
        else:
            out.append(Marked(open_at, i, open_at + width, i, True, "double", close_len=w))
            open_at = None
    if open_at is not None:
        out.append(Marked(open_at, hi, open_at + width, hi, False, "double"))
    # single marks outside double spans
    starts = [d.open for d in out]  # sorted, non-overlapping
    stops = [d.stop - 1 for d in out]
    singles = []
    # (the mark at the paragraph start counts whatever is before it: it may open a quote)
    first = [lo] if lo < hi and text[lo] in "'\u2019" else []
    for i in first + [m.start() for m in _SINGLE_MARK_USED.finditer(text, lo + len(first), hi)]:
        x = bisect.bisect_right(starts, i) - 1
        if x < 0 or i > stops[x]:
            singles.append(i)
    # positions (indices into singles) that end a search for a closing mark: a valid closing
    # mark, or an opening curly mark (which starts a new quote)
    stoppers: list[int] = []
    for j, c in enumerate(singles):
        ch = text[c]
        if ch in "\u2018\u2039":
            stoppers.append(j)
            continue
        if ch not in "'\u2019\u203a":
            continue
        after = text[c + 1] if c + 1 < hi else " "
        if after.isalnum():
            continue  # don't, Korea's
        if text[c - 1] == "s" and after == " " and c + 2 < hi and text[c + 2].islower() \
                and _FUNCTION_WORD.match(text, c + 2, hi) is None:
            continue  # farmers' union (but "'... further measures' for now" closes the quote)
        stoppers.append(j)
    k = 0
    while k < len(singles):
        i = singles[k]
        ch = text[i]
        nxt = _next_nonspace(text, i, hi)
        if ch in "'\u2018\u2039\u201b" and _is_open_ctx(text, i, lo) and (nxt.isalnum() or nxt in "\u2026.") \
                and not _APOS_OPEN.match(text, i + 1):
            x = bisect.bisect_right(stoppers, k)
            if x < len(stoppers):
                j = stoppers[x]
                c = singles[j]
                if text[c] not in "\u2018\u2039" and c - i <= MAX_SINGLE_CHARS:
                    out.append(Marked(i, c, i + 1, c, True, "single"))
                    k = j + 1
                    continue
        k += 1
    out.sort(key=lambda m: m.open)
    # trim inner spans to something with words; drop empty ones
    keep = []
    for m in out:
        if m.inner_end - m.inner_start > MAX_QUOTE_CHARS:
            m.inner_end = m.inner_start + MAX_QUOTE_CHARS
        if not m.closed:
            while m.inner_end > m.inner_start and text[m.inner_end - 1].isspace():
                m.inner_end -= 1
        if _WORD.search(text, m.inner_start, m.inner_end) if m.inner_end > m.inner_start else False:
            keep.append(m)
    return keep


# ------------------------------------------------------------------ tokens and noun phrases


class Tok:
    """A token of a (masked) sentence: text, offsets, lower-case form, flags."""

    __slots__ = ("text", "start", "end", "low", "is_quote", "cap")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.low = text.lower()
        c = text[0]
        self.is_quote = c == MASK
        self.cap = c.isupper()

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Tok({self.text!r}, {self.start}, {self.end})"


# a token with the white space before it: only white space lies between tokens (``\S`` is
# the last alternative), so the offsets follow from the lengths, without a match object each
# (the same alternatives written without repeats of groups where re allows: faster)
_TOKEN_WS = re.compile(
    r"(\s*)(\x01+|[A-Za-z]\.[A-Za-z]\.(?:[A-Za-z]\.)*|\d+[.,]\d+(?:[.,]\d+)*"
    r"|[^\W_]\w*(?:[-'’&.](?=[^\W_])\w*(?:[-'’&.](?=[^\W_])\w*)*|)|\S)"
) if _TOKEN.pattern == r"\x01+|(?:[A-Za-z]\.){2,}|\d+(?:[.,]\d+)+|[^\W_]\w*(?:[-'’&.](?=[^\W_])\w*)*|\S" \
    else re.compile(r"(\s*)(" + _TOKEN.pattern + ")")


def tokens(masked: str, lo: int, hi: int) -> list[Tok]:
    """The tokens of ``masked[lo:hi]`` (fields set directly: no ``__init__`` call per token)."""
    out = []
    append, new = out.append, object.__new__
    pos = lo
    for space, g in _TOKEN_WS.findall(masked, lo, hi):
        t = new(Tok)
        t.text = g
        t.start = s = pos + len(space)
        t.end = pos = s + len(g)
        t.low = g.lower()
        c = g[0]
        t.is_quote = c == MASK
        t.cap = c.isupper()
        append(t)
    return out


_TOK_START = attrgetter("start")


def _is_wordlike(t: Tok) -> bool:
    return bool(_WORD.match(t.text)) or t.text[0].isdigit()


def _np_token_ok(t: Tok) -> bool:
    """May this token be part of a speaker noun phrase? (A function of its text: cached.)"""
    return _np_text_ok(t.text)


@lru_cache(maxsize=1 << 16)
def _np_text_ok(text: str) -> bool:
    t = Tok(text, 0, len(text))  # (low, cap, is_quote as tokens() sets them)
    if t.is_quote:
        return False
    if not _is_wordlike(t):
        return t.text in ("-", "&", "’s", "'s") or t.text == "."
    low = t.low
    if low in STOP_NP and low not in ("of", "for", "at") and not (t.cap and low in NAME_LIKE):
        return False
    if not t.cap and low in CLAUSE_VERBS:
        return False
    if low.endswith("ly") and not t.cap and len(low) > 4 and low not in ("family", "daily", "ally", "italy", "assembly"):
        return False
    return True


_TIME_PREP = frozenset("on last this late early earlier later next in during at since".split())
_TIME_NOUN = DAYS | frozenset("""
ago january february march april may june july august september october november december week weeks month months
year years day days hours minute minutes time
""".split())


def _skip_back(toks: list[Tok], j: int) -> int:
    """Index of the last token before ``j`` (inclusive) that is not an auxiliary, adverb,
    time expression ("on Monday", "two weeks ago", "last month") or parenthesis ("(R-Texas)")."""
    while j >= 0:
        t = toks[j]
        low = t.low
        if low in AUX or low in ("however", "too", "instead", "meanwhile", "nonetheless", "though", "cannot", "long",
                                 "always", "often", "never", "already", "just", "still", "also", "even", "once", "can't", "can’t", "won't", "won’t", "didn't", "didn’t", "doesn't", "doesn’t",
                                 "wouldn't", "wouldn’t", "couldn't", "couldn’t", "hasn't", "hasn’t", "haven't", "haven’t"):
            j -= 1
        elif low.endswith("ly") and not t.cap and len(low) > 4 and low not in ("family", "ally", "assembly"):
            j -= 1
        elif low in _TIME_NOUN:
            i = j - 1
            while i >= 0 and (toks[i].low in _TIME_PREP or toks[i].text[0].isdigit() or toks[i].low in (
                    "two", "three", "four", "five", "six", "several", "few", "a", "than", "less", "more", "about", "the",
                    "this", "that", "last", "earlier", "later", "one")):
                i -= 1
            j = i
        elif t.text == ")":
            i = j - 1
            while i >= 0 and toks[i].text != "(" and j - i < 12:
                i -= 1
            if i < 0 or toks[i].text != "(":
                return j
            j = i - 1
        else:
            return j
    return j


def subject_before(toks: list[Tok], k: int, masked: str) -> tuple[int, int, str] | None:
    """The subject noun phrase ending before token ``k`` (the cue): ``(i, j, how)`` token range.

    Skips auxiliaries and time words between subject and cue, and a ", who ...," clause or
    appositive right before the cue (returning the noun before it).
    """
    j = _skip_back(toks, k - 1)
    if j < 0:
        return None
    if toks[j].text in (",", "-", "\u2013", "\u2014"):  # "X, who ..., said" / "X - the ... - said"
        sep = toks[j].text
        skipped = -1  # the comma before a skipped state or age
        for i in range(j - 1, max(-1, j - 40), -1):
            if toks[i].text == sep or (sep == "," and toks[i].text in ("-", "\u2013", "\u2014")):
                inner = toks[i + 1] if i + 1 < j else None
                if inner is None:
                    break
                if sep == "," and i + 2 < j and (inner.cap or inner.low in PRONOUNS) and not toks[i + 2].cap \
                        and (toks[i + 2].low in CLAUSE_VERBS or toks[i + 2].low.endswith("ed")):
                    break  # "..., Carson rejected the notion ..., saying": a clause, not an appositive
                if sep == "," and i > 2 and j - i - 1 - sum(x.text == "." for x in toks[i + 1:j]) == 1 \
                        and (inner.text.isdigit() or (inner.cap and not _descriptor_head(toks, i))):
                    skipped = skipped if skipped >= 0 else i
                    continue  # "Cory James, 22, of Flint, Mich., said": a state or an age, look further back
                b = i - 1
                while sep == "," and b >= 2 and toks[b].text.isdigit() and toks[b - 1].text == ",":
                    b -= 2  # the age in "Name, 22, of Flint,"
                jb = _skip_back(toks, b)
                if 1 <= jb < b and toks[jb].text == ",":
                    jb = _skip_back(toks, jb - 1)  # "Sanders, meanwhile, who ..., said": past the aside
                np = _np_back(toks, jb)
                if np is not None:
                    return np[0], np[1], "apposition:" + str(i + 1) + ":" + str(j)
                break
            if toks[i].text in ";:" or (toks[i].text == "." and i > 0 and toks[i - 1].low.isalpha()
                                         and not toks[i - 1].cap and len(toks[i - 1].text) > 3):
                break
        if skipped >= 1 and sep == ",":
            # "Sen. Ron Johnson, R-Wis., said": the name before the party-state (or age) is the subject
            np = _np_back(toks, _skip_back(toks, skipped - 1))
            if np is not None:
                return np[0], np[1], "apposition:" + str(skipped + 1) + ":" + str(j)
        return None
    if toks[j].low in ("who", "which", "that") and j >= 2 and toks[j - 1].text == ",":
        # "Sanders, who says ...": the noun before the relative pronoun
        np = _np_back(toks, _skip_back(toks, j - 2))
        if np is not None:
            return np[0], np[1], f"relative:{j}"
        return None
    if toks[j].text == "who" and j >= 1:
        # "a Lincoln impersonator who promises ...", "Reed - who previously said ...": the antecedent
        b = j - 1 if toks[j - 1].text not in ("-", "\u2013", "\u2014") or j < 2 else j - 2
        np = _np_back(toks, _skip_back(toks, b))
        if np is not None and np[1] == b + 1:
            return np[0], np[1], f"relative:{j}"
        return None
    np = _np_back(toks, j)
    if np is None:
        return None
    head = _postmodified_head(toks, np[0])
    if head is not None:
        return head[0], head[1], f"postmod:{np[1]}"
    return np[0], np[1], ""


_KEEP_VERBS = frozenset(("maintain", "continue", "answer", "remember", "cheer", "read", "post", "charge"))  # a non-speech sense with a noun object
_SPLIT_TYPES = ("mixed",)  # (also "direct": +13 TP, +16 FP, F1 unchanged; not adopted)
_MODALS = frozenset("would will could can may might should must is was are were has had".split())
_NP_PREP = frozenset("on in from with at".split())  # prepositions inside a speaker phrase after a quotation
_POSTMOD = frozenset("familiar close briefed knowledgeable privy involved".split())


def _postmodified_head(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """The noun phrase before a post-modifier ending at token ``i`` ("a source [familiar with]
    the talks", "people [close to] the minister", "an official [with knowledge of] the plan"),
    or None."""
    if i < 3 or toks[i - 1].low not in ("with", "to", "on", "of", "in"):
        return None
    m = i - 2
    if toks[m].low == "knowledge" and toks[m - 1].low == "with":
        m -= 1
    elif toks[m].low not in _POSTMOD:
        return None
    np = _np_back(toks, m - 1)
    if np is None or toks[np[1] - 1].cap or toks[np[1] - 1].low not in PERSON_NOMINALS:
        return None
    return np


_ADJUNCT_START = frozenset("""in on at during after before from to with through via later earlier afterwards
yesterday today tonight last this late early again also""".split())


def _trailing_adjunct(toks: list[Tok], k: int) -> bool:
    """Are the tokens from ``k`` to the sentence end only an adjunct of the attribution
    ("..., she said in a video message to the convention.", "..., he said on Monday.")?"""
    end = len(toks)
    while end > k and toks[end - 1].text in (".", "!", "?", "\u2026"):
        end -= 1
    if end <= k or end - k > 14:
        return False
    first = toks[k]
    if not (first.low in _ADJUNCT_START or first.low in DAYS or (first.low.endswith("ly") and not first.cap)):
        return False
    for x in range(k, end):
        t = toks[x]
        if t.is_quote or t.text in (",", ";", ":", "(", "\u2014", "\u2013") or t.low == "that" \
                or (not t.cap and t.low in CLAUSE_VERBS):
            return False
        if t.low == "to" and x + 1 < end and not (toks[x + 1].cap or toks[x + 1].low in DETERMINERS):
            return False  # "she said to go home": an infinitive, not an adjunct
    return True


def _adjunct_then_participle(toks: list[Tok], k: int) -> bool:
    """'<clause>, she said [on Tuesday], adding that ...': from ``k``, at most an adjunct, then a
    comma and a participle clause (which has the same subject)."""
    for c in range(k, min(len(toks) - 1, k + 15)):
        if toks[c].text == ",":
            nxt = toks[c + 1]
            return not nxt.cap and nxt.low.endswith("ing") and len(nxt.low) > 5 \
                and (c == k or _trailing_adjunct(toks[:c], k))
        if toks[c].is_quote or toks[c].text in (".", ";", ":", "!", "?"):
            return False
    return False


_ADJUNCT_PREP = frozenset("in on at during with to after before from for by via through over into".split())


def _that_after_adjunct(toks: list[Tok], j: int, cue_starts=(), *, with_object: bool = False) -> int:
    """Index of the "that" after a prepositional adjunct starting at token ``j`` ("[in a heated
    argument with Keyworth] that ...") or, for a cue that takes an object (``with_object``: tell,
    warn ...), after its object ("told [a town hall in Salem, New Hampshire on Monday] that"),
    else ``j``."""
    if j >= len(toks) or not (toks[j].low in _ADJUNCT_PREP or with_object):
        return j
    for x in range(j + 1, min(len(toks), j + 13)):
        t = toks[x]
        if t.low == "that":
            return x if x > j + 1 else j
        if t.text == "," and with_object and x + 1 < len(toks) and toks[x + 1].cap and toks[x - 1].cap:
            continue  # "Salem, New Hampshire"
        if t.is_quote or t.start in cue_starts or not (_np_token_ok(t) or t.low in DETERMINERS or t.low in _ADJUNCT_PREP):
            return j
    return j


def _quote_after_adjunct(toks: list[Tok], j: int, cue_starts=()) -> int:
    """Index of the comma or colon before a quotation after a short prepositional adjunct
    starting at token ``j`` ('pointed out [in December], "Q"', 'argued [on Twitter]: "Q"'), else ``j``."""
    if j >= len(toks) or toks[j].low not in _ADJUNCT_PREP:
        return j
    for x in range(j + 1, min(len(toks) - 1, j + 8)):
        t = toks[x]
        if t.text in (",", ":"):
            return x if toks[x + 1].is_quote else j
        if t.is_quote or t.start in cue_starts or not (_np_token_ok(t) or t.low in DETERMINERS or t.low in _ADJUNCT_PREP):
            return j
    return j


def _verb_after(toks: list[Tok], attr_end: int) -> bool:
    """'<subject>, officials said, was aimed at ...': a finite verb right after the attribution
    in the middle of the sentence (so the words before it are the clause's subject)."""
    i = next((x for x, t in enumerate(toks) if t.start >= attr_end), None)
    if i is None or i + 1 >= len(toks) or toks[i].text != ",":
        return False
    nxt = toks[i + 1]
    if nxt.low in CLAUSE_VERBS and nxt.low not in ("said", "told"):
        return True
    # '<fronted phrase>, the panel concluded, the tax must rise ...': a clause after it
    return (nxt.low in SUBJECT_START or nxt.cap) and nxt.low not in ("who", "which", "a", "an") \
        and is_clause(toks, i + 1, quote_verb=True)


_GROUP_PRONOUNS = frozenset("several others many some most both few".split())


def _clause_after_lead(toks: list[Tok]) -> bool:
    """A clause after a short fronted phrase and its comma ("Given Sanders' success, his
    endorsements will carry ...", "In 2012, the party lost ...")?"""
    for c in range(1, min(len(toks) - 1, 10)):
        if toks[c].text == ",":
            return not toks[c + 1].is_quote and is_clause(toks, c + 1, limit=30, quote_verb=True)
        if toks[c].is_quote or toks[c].text in (";", ":", "."):
            return False
    return False


def _pronoun_verb(toks: list[Tok], v: int) -> bool:
    """A present-tense verb right after he/she ("He describes himself as ...", "she
    routinely calls ...")."""
    low = toks[v].low
    if len(low) <= 3 or not low.endswith("s") or low.endswith(("ss", "'s", "’s", "us", "is")):
        return False
    b = _skip_back(toks, v - 1)
    return b >= 0 and toks[b].low in ("he", "she") and all(x.low.endswith("ly") for x in toks[b + 1:v])


_CONTRACTED = frozenset("he she it who that there".split())


def _contracted_subject(prev: Tok, cue: Tok) -> bool:
    """"He's said", "she’s told": a pronoun contracted with "has" before a past participle cue."""
    return prev.low[:-2] in _CONTRACTED and (cue.low.endswith("ed") or cue.low in ("said", "told", "written"))


def _descriptor_head(toks: list[Tok], i: int) -> bool:
    """Is the token before the comma at ``i`` the lower-case head of a descriptor
    ("The mayor, Lopez, said"), so that the capitalised word after the comma is a name
    (not a state or a place as in "of Flint, Mich., said")?"""
    t = toks[i - 1]
    return _is_wordlike(t) and not t.cap and t.low not in STOP_NP and not t.text[0].isdigit()


def _appositive_name(toks: list[Tok], a: int, b: int) -> bool:
    """Are tokens ``a:b`` a proper name used as an appositive ("Lopez", "Maria de la Cruz")?"""
    words = [t for t in toks[a:b] if t.text != "."]
    if not 1 <= len(words) <= 5 or not words[0].cap or words[0].low in _SENT_START_WORDS:
        return False
    if all(w.low.rstrip(".") in TITLES for w in words):
        return False
    return all(w.cap or w.low in ("de", "la", "van", "von", "bin", "al", "del", "da", "du") for w in words)


def _np_back(toks: list[Tok], j: int) -> tuple[int, int] | None:
    """Noun phrase ending at token ``j`` (inclusive), walking left: ``(i, j+1)``."""
    if j < 0:
        return None
    last = toks[j]
    if last.low in PRONOUNS or last.low in ("who",):
        return (j, j + 1) if last.low in PRONOUNS else None
    if last.low in _GROUP_PRONOUNS and (j == 0 or toks[j - 1].text in (",", ";") or toks[j - 1].low in ("and", "but")):
        return j, j + 1  # "Several said ...", "Others argued ...": a group named earlier
    if not _np_token_ok(last) or last.low in ("of", "for", "at", "-", "&", ".", "’s", "'s") or last.low in DETERMINERS:
        return None
    if not last.cap and (last.low.endswith("ed") or last.low.endswith("ing")) and last.low not in PERSON_NOMINALS \
            and not (j > 0 and toks[j - 1].low == "those"):  # "those surveyed said": people
        return None  # a verb, not a noun: "a court document filed", "she began"
    i = j
    n = 0
    while i - 1 >= 0 and n < 9:
        t = toks[i - 1]
        low = t.low
        if low in DETERMINERS:
            if low == "that" and not (i < len(toks) and toks[i].low in PERSON_NOMINALS | ORG_NOMINALS):
                break
            i -= 1
            break
        if low == "and" and i - 2 >= 0 and toks[i - 2].cap and toks[i].cap:
            i -= 1
            n += 1
            continue
        if t.text == "-" and i - 2 >= 0 and toks[i - 2].end < t.start and t.end < toks[i].start:
            break  # a spaced hyphen is a dash, not part of a name
        if not _np_token_ok(t):
            break
        i -= 1
        n += 1
    # a noun phrase must not start with a preposition / connector
    while i < j and toks[i].low in ("of", "for", "at", "-", "&", ".", "’s", "'s"):
        i += 1
    # drop sentence-initial connectors that are capitalised ("But", "And")
    while i < j and toks[i].low in ("but", "and", "so", "yet", "however", "meanwhile", "still", "now", "later", "earlier",
                                    "yesterday", "today", "instead", "separately", "also", "then", "previously"):
        i += 1
    return i, j + 1


def np_after(toks: list[Tok], k: int) -> tuple[int, int] | None:
    """Noun phrase starting at token ``k`` (inverted ``said X``), stopping at punctuation."""
    i = k
    while i < len(toks) and (toks[i].low in DAYS or toks[i].low in ("on", "late", "early", "last", "this")
                             and i + 1 < len(toks) and toks[i + 1].low in DAYS):
        i += 1
    if i >= len(toks):
        return None
    first = toks[i]
    if first.low in PRONOUNS:
        return i, i + 1
    if not _np_token_ok(first) or first.low in ("of", "for", "at") or first.text in ".&-":
        return None
    if first.low in DETERMINERS or first.cap or first.low in PERSON_NOMINALS or first.low in ORG_NOMINALS \
            or any(t.cap for t in toks[i + 1:i + 4]) or (first.low in TITLES and first.low not in ("of", "the")):
        j = i + 1
        while j < len(toks) and j - i < 10:
            t = toks[j]
            if t.low in DAYS or (t.low in ("on", "in") and j + 1 < len(toks) and toks[j + 1].low in DAYS):
                break
            if t.low in ("of", "for", "at") and not (j + 1 < len(toks) and (toks[j + 1].cap or toks[j + 1].low in DETERMINERS
                                                                          or toks[j + 1].low in TITLES)):
                break
            if t.low == "and" and j + 1 < len(toks) and toks[j + 1].cap and toks[j - 1].cap:
                j += 1
                continue
            if not _np_token_ok(t) or t.text == ".":
                if t.text == "." and (toks[j - 1].low in TITLES or (len(toks[j - 1].text) == 1 and toks[j - 1].cap)) \
                        and j + 1 < len(toks) and toks[j + 1].cap:  # "Sen." / "William J. Bennett"
                    j += 1
                    continue
                break
            if t.low in DETERMINERS and t.low not in ("the", "a", "an"):
                break
            j += 1
        while j > i + 1 and toks[j - 1].low in ("of", "for", "at", "-", "&", "the", "a", "an"):
            j -= 1
        return i, j
    return None


# adverbs that may stand between a coordinator and its verb ("and then left")


_ADVERBIAL_SUBORDINATORS = frozenset("as while when whereas because although though until unless once".split())
_CONTRACTION = re.compile("['’](?:s|re|ll|d|ve|m)$")
_ADDRESSEE_FIRST = frozenset("tell inform assure remind notify".split())  # the addressee always comes first
_NOT_ADDRESSEE = _ADVERBIAL_SUBORDINATORS | frozenset("""of in on at with to for from by about over into after before during and or but
what who whom which whose how why where when that story stories""".split())


def _modifier_quote(text: str, m: Marked, nxt: Tok) -> bool:
    """A quotation not closed by its own punctuation and followed directly by a lower-case word
    ('the "Avatar" star', '"Q" for the victory'): it does not end at the speaker phrase."""
    return not nxt.cap and bool(_WORD.match(nxt.text)) and nxt.low not in PRONOUNS and nxt.low not in SUBJECT_START \
        and text[m.inner_start:m.inner_end].rstrip(ALL_MARKS + " \t\n")[-1:] not in ",.!?\u2026;:-\u2014"


def _clause_after_addressee(toks: list[Tok], a: int, b: int) -> int | None:
    """The token (between ``a`` and ``b``) where a reported clause starts after a short
    addressee noun phrase ('told [reporters] [the plan would fail]'), or None."""
    for c in range(a + 1, min(b, a + 6)):
        t, before = toks[c], toks[c - 1]
        low = _CONTRACTION.sub("", t.low)  # "he's" -> "he"
        if not (low in SUBJECT_START or low in PRONOUNS) or t.low in ("one", "such", "all", "both", "each", "every", "any") \
                or (c + 1 < b and toks[c + 1].low in _TIME_NOUN):
            continue  # (not 'this week', 'that night': a time adverbial after the addressee)
        if before.low in DETERMINERS or not all(_is_wordlike(x) and x.low not in _NOT_ADDRESSEE for x in toks[a:c]):
            return None  # 'told the story of an older supporter who ...', 'told him and his aides to ...'
        return c if is_clause(toks, c) or low != t.low else None
    return None


# a pronoun with its finite verb contracted ("she's ready", "it's over", "I'm done"): a clause on its own
_CONTRACTED_CLAUSE = frozenset(
    p + a + e for e, subjects in (("s", "he she it that there"), ("re", "you we they"), ("m", "i"),
                                  ("ve", "i you we they"), ("ll", "i you he she it we they that there"),
                                  ("d", "i you he she it we they that there"))
    for p in subjects.split() for a in ("'", "\u2019"))


def is_clause(toks: list[Tok], k: int, limit: int = 14, *, quote_verb: bool = False) -> bool:
    """Do the tokens from ``k`` look like a finite clause ("the talks had failed")?

    ``quote_verb``: a quotation after the subject counts as the rest of the clause
    (``the period "is really quite generous."``)."""
    if k >= len(toks):
        return False
    first = toks[k]
    if first.is_quote:
        return True
    if not (first.low in SUBJECT_START or first.cap or first.text[0].isdigit() or first.low.endswith("s")
            or _np_token_ok(first)):
        return False
    if first.low in ("to", "for", "with", "about", "on", "in", "at", "by", "from", "as", "of"):
        return False
    if first.low in _CONTRACTED_CLAUSE:
        return True
    prev = first if first.low in ("he", "she", "it") else None  # "he gets ...", not "British sprinters"
    coordinated = False  # after "and"/"or"/"but" and adverbs such as "then" only
    for x in range(k + 1, min(len(toks), k + limit)):
        t = toks[x]
        low = t.low
        if t.text in (";", ":", "\u2014", "\u2013") or (t.text == "." and prev is not None and prev.low not in TITLES):
            return False
        if t.text == ",":
            nxt = toks[x + 1].low if x + 1 < len(toks) else ""
            if nxt not in ("who", "which", "a", "an", "the", "whose"):
                return False
        if t.is_quote:
            return quote_verb
        if coordinated and (low in CLAUSE_VERBS or low.endswith("ed")) \
                and not (x + 1 < len(toks) and toks[x + 1].low in _MODALS):  # ("the dead and injured had been")
            return False  # 'Rubio and (then) defended Cruz': a verb coordinated with the cue, no subject of its own
        coordinated = low in ("and", "or", "but") or (coordinated and low in _COORD_ADVERBS)
        if low in CLAUSE_VERBS:
            return True
        if len(low) > 3 and low.endswith("ed") and prev is not None and prev.low not in DETERMINERS and not t.cap:
            return True
        if len(low) > 2 and low.endswith("s") and not t.cap and prev is not None and (prev.low in ("he", "she", "it") or prev.cap) \
                and not low.endswith("ss") and not low.endswith("'s") and not low.endswith("’s"):
            return True
        prev = t
    return False


# ------------------------------------------------------------------ entities


@lru_cache(maxsize=1 << 16)
def _norm(s: str) -> str:
    return " ".join(s.replace(".", "").split()).lower()


@dataclass
class Entity:
    name: str
    kind: str  # person | org | plural | unknown
    descriptors: list[str] = field(default_factory=list)
    keys: set = field(default_factory=set)


@dataclass
class Mention:
    text: str
    start: int
    end: int
    speaker: str = ""
    how: str = ""
    descriptor: str = ""
    kind: str = ""


class EntityBook:
    """Entities named in one document, in order of first mention, with alias merging."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.by_key: dict[str, Entity] = {}
        self.history: list[tuple[int, Entity, bool]] = []  # (offset, entity, was a speaker/subject)
        self.nominal_memo: dict[str, Entity] = {}
        self.surnames: set[str] = set()
        self.run_cache: dict[str, tuple | None] = {}

    def _full_names(self) -> list[Entity]:
        return [e for e in self.entities if e.kind == "person" and len(e.name.split()) >= 2]

    def surname_known(self, key: str) -> bool:
        """Is ``key`` the last word of a full personal name seen so far?"""
        return key in self.surnames

    def add_name(self, name: str, kind: str, pos: int, *, titled: bool = False, salient: bool = False,
                 descriptor: str = "") -> Entity:
        key = _norm(name)
        ent = self.by_key.get(key)
        if ent is None:
            words = name.split()
            if kind == "person" and len(words) == 1:
                cands = [e for e in self._full_names() if _norm(e.name.split()[-1]) == key]
                if not cands:
                    cands = [e for e in self._full_names() if _norm(e.name.split()[0]) == key]
                if len(cands) == 1:
                    ent = cands[0]
            elif kind in ("person", "unknown") and len(words) >= 2:
                # a full name after a bare surname: keep them apart (the text does not say they are one)
                pass
            if ent is None:
                ent = Entity(name, kind)
                self.entities.append(ent)
                if kind == "person" and len(words) >= 2:
                    self.surnames.add(_norm(words[-1]))
            self.by_key[key] = ent
            ent.keys.add(key)
        if ent.kind == "unknown" and kind != "unknown":
            ent.kind = kind
        if descriptor and descriptor not in ent.descriptors:
            ent.descriptors.append(descriptor)
        self.history.append((pos, ent, salient))
        return ent

    def resolve_pronoun(self, pron: str, pos: int) -> Entity | None:
        want = PRONOUNS.get(pron.lower(), "")
        other = {"he": "f", "she": "m"}.get(pron.lower(), "")  # the gender a he/she cannot refer to
        best = None
        for hist_pos, ent, salient in reversed(self.history):
            if hist_pos >= pos:
                continue
            if want == "person" and ent.kind in ("person", "unknown"):
                if other and _gender(ent) == other:
                    continue  # "she" after "Mr Kim": not him
                if salient:
                    return ent
                best = best or ent
            elif want == "org" and ent.kind == "org":
                if salient:
                    return ent
                best = best or ent
            elif want == "plural" and ent.kind in ("org", "plural"):
                if salient:
                    return ent
                best = best or ent
            if best is not None and pos - hist_pos > 1500:
                break
        return best

    def resolve_nominal(self, head: str, phrase: str, pos: int) -> Entity | None:
        memo = self.nominal_memo.get(phrase)
        if memo is not None:
            return memo
        org = head in ORG_NOMINALS
        found = None
        for hist_pos, ent, salient in reversed(self.history):
            if hist_pos >= pos:
                continue
            words = set(_norm(ent.name).split()) | {w for d in ent.descriptors for w in _norm(d).split()}
            if head in words:
                found = ent
                break
        if found is None and head in ("statement", "report", "letter", "release", "announcement", "document"):
            for want_salient in (True, False):
                for hist_pos, ent, salient in reversed(self.history):
                    if hist_pos < pos and ent.kind == "org" and (salient or not want_salient):
                        found = ent
                        break
                if found is not None:
                    break
        if found is None and not org and head in ("president", "leader", "minister", "secretary", "governor", "mayor",
                                                     "senator", "chairman", "spokesman", "spokeswoman", "spokesperson"):
            found = None
        if found is not None:
            self.nominal_memo[phrase] = found
        return found


_GENDER_WORDS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
                 "spokesman": "m", "spokeswoman": "f", "congressman": "m", "congresswoman": "f",
                 "businessman": "m", "businesswoman": "f", "chairwoman": "f", "sir": "m", "dame": "f", "lady": "f"}


def _gender(ent: Entity) -> str:
    """"m" / "f" when the document titles the person ("Mr", "Mrs", "Ms", "spokeswoman"), else ""."""
    found = ""
    for d in ent.descriptors:
        for w in d.lower().split():
            g = _GENDER_WORDS.get(w, "")
            if g and found and g != found:
                return ""
            found = found or g
    return found


# ------------------------------------------------------------------ mentions -> speakers


def _descriptor_and_name(words: list[str]) -> tuple[str, str]:
    """Split "US Secretary of State Mike Pompeo" into ("US Secretary of State", "Mike Pompeo")."""
    j = len(words)
    i = j
    if words and words[-1].lower().strip(".,’'s") in ORG_WORDS and words[-1][:1].isupper():
        # an organisation keeps its capitalised words: "Foreign Ministry", "Department of Defense"
        while i > 0 and (words[i - 1][:1].isupper() or (words[i - 1] in ("of", "for", "and", "&") and i > 1
                                                         and words[i - 2][:1].isupper())):
            i -= 1
        return " ".join(words[:i]).strip(" ,"), " ".join(words[i:j])
    while i > 0:
        w = words[i - 1]
        lw = w.lower().rstrip(".")
        if w in ("of", "&") and i >= 2 and i < j and words[i - 2][:1].isupper() \
                and words[i - 2].lower().rstrip(".,") not in TITLES:
            i -= 1  # "Bank of America", "Procter & Gamble": one name
            continue
        if not (w[:1].isupper() or w[:1].isdigit()) or lw in TITLES or lw in ("the", "a", "an"):
            break
        i -= 1
    if i == j:
        return " ".join(words), ""
    return " ".join(words[:i]).strip(" ,"), " ".join(words[i:j])


def _title_then_name(words: list[str]) -> bool:
    """Are ``words`` the end of a title followed by a personal name ("state Hillary Clinton")?"""
    if not words:
        return False
    desc, name = _descriptor_and_name(words)
    return bool(desc) and desc.split()[-1].lower().rstrip(".,") in TITLES and len(name.split()) >= 2 \
        and _classify_name(name, "") == "person"


_COMMON_NOUNS = PERSON_NOMINALS | ORG_NOMINALS | frozenset("experts economists critics police officials".split())


def _common_noun_capitalised(words: list[str]) -> bool:
    """Is the only capitalised word of a mention a common noun ("Analysts", "Government", "Police")?"""
    caps = [w for w in words if w[:1].isupper()]
    return len(caps) == 1 and caps[0].lower().strip(".,") in _COMMON_NOUNS and not caps[0].isupper()


_NAME_RE = r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+)"


@lru_cache(maxsize=4096)
def _role_patterns(phrase: tuple) -> tuple:
    """The two patterns of :func:`_described_entity` for one role phrase (compiled once)."""
    ph = r"\s+".join(re.escape(w) for w in phrase)
    return (re.compile(r"(?i:\b" + ph + r")\s+" + _NAME_RE + r"\b(?!\s*[,.]?\s*(?:said|says)\b)"),
            re.compile(_NAME_RE + r",\s+(?i:the\s+)(?:[\w'’-]+\s+){0,3}?(?i:" + ph
                       + r")(?=\s*[,.;)]|\s+who\b)"))  # not "Echoing Rice, the prime minister said"


def _described_entity(text: str, phrase: list[str], s: int, book: EntityBook) -> Entity | None:
    """The entity an earlier sentence gives the role ``phrase`` (lower-case words of "the prime
    minister"): "Prime Minister Tony Blair", "prime minister Tony Blair" or "Tony Blair, the
    (British) prime minister," - the nearest before ``s`` (within 5,000 characters), else None.
    A person's role (minister, spokesman) never goes to an organisation."""
    if not phrase or phrase[-1] in ("statement", "report", "letter", "release", "document", "study", "survey", "poll"):
        return None
    window_start = max(0, s - 5000)
    window = text[window_start:s]
    if phrase[-1] not in window.lower():
        return None
    found = None
    for pat in _role_patterns(tuple(phrase)):
        for mt in pat.finditer(window):
            if found is None or mt.start() > found[0]:
                found = (mt.start(), mt.group(1))
    if found is None:
        return None
    words = found[1].split()
    cut = max((i + 1 for i, w in enumerate(words[:-1]) if w.endswith(".") and len(w) > 4), default=0)
    words = [w for w in words[cut:] if w.lower() not in _SENT_START_WORDS]  # not "Talks. Yukos"
    person_role = phrase[-1] in PERSON_NOMINALS or phrase[-1] in TITLES
    for a in range(len(words)):  # the longest known name in the run
        ent = book.by_key.get(_norm(" ".join(words[a:])))
        if ent is not None:
            return None if person_role and ent.kind == "org" else ent
    got = _name_of_run(" ".join(words)) if words else None
    if got is None:
        return None
    name, kind, desc = got
    if person_role and kind == "org":
        return None
    return book.add_name(name, "person" if person_role else ("org" if kind == "org" else kind), window_start + found[0],
                         descriptor=desc)


def _classify_name(name: str, descriptor: str) -> str:
    words = name.replace("’s", "").replace("'s", "").split()
    lows = [w.lower().strip(".,") for w in words]
    if any(w in ORG_WORDS for w in lows) or _norm(name) in COUNTRIES or all(w in COUNTRIES for w in lows):
        return "org"
    if len(words) == 1 and len(words[0]) >= 2 and words[0].isupper():
        return "org"  # KCNA, NRA
    if descriptor:
        dl = descriptor.lower().split()
        if dl and (dl[-1] in ORG_WORDS or dl[-1] in ("agency", "network", "newspaper", "channel", "broadcaster")):
            return "org"
        return "person"
    return "person" if len(words) >= 2 else "unknown"


def resolve_mention(text: str, masked: str, span: tuple[int, int], book: EntityBook, *, salient=True,
                    appositive: str = "") -> Mention:
    """Turn the mention ``text[span]`` into a speaker with the rule that decided."""
    s, e = span
    raw = text[s:e]
    words = raw.split()
    m = Mention(raw, s, e)
    if not words:
        return m
    low = [w.lower().strip(",.") for w in words]
    if len(words) == 1 and low[0] in PRONOUNS:
        if low[0] in ("i", "we"):
            return m
        ent = book.resolve_pronoun(low[0], s)
        if ent is not None:
            m.speaker, m.how, m.kind = ent.name, "pronoun", ent.kind
            book.history.append((s, ent, True))
        return m
    # strip a leading determiner
    det = low[0] if low[0] in DETERMINERS else ""
    core_words = words[1:] if det else words
    core_low = low[1:] if det else low
    if not core_words and det in _GROUP_PRONOUNS:
        m.speaker, m.how, m.kind = det, "adjacent", "plural"  # "Several said": the group as written
        return m
    # "a spokesman for the ministry": speaker is the organisation
    role_head = ""  # "the secretary of state": the role's head word is "secretary"
    for cut, w in enumerate(core_low):
        if w in ("for", "of", "at") and cut > 0 and core_low[cut - 1] in PERSON_NOMINALS and core_words[cut - 1].islower():
            org_words = [x for x in core_words[cut + 1:] if x.lower() not in ("the", "a", "an")]
            desc = " ".join(core_words[:cut])
            if _title_then_name(org_words):
                break  # "former secretary of state Hillary Clinton": a title, then the person's name
            if org_words and any(x[:1].isupper() for x in org_words):
                org = " ".join(org_words)
                ent = book.add_name(org, "org", s, salient=salient, descriptor=desc)
                m.speaker, m.how, m.descriptor, m.kind = ent.name, "adjacent", desc, "org"
                return m
            if org_words and all(x.lower() in TITLES for x in org_words):
                role_head = core_low[cut - 1]  # "secretary of state", "minister of finance": one role
                break
            core_words, core_low = core_words[:cut], core_low[:cut]
            break
    if not core_words:
        return m
    has_cap = any(w[:1].isupper() and w.lower().rstrip(".") not in TITLES for w in core_words)
    if has_cap and _common_noun_capitalised(core_words):
        has_cap = False  # "Analysts said" / "the Government said": a common noun, not a name
    head = role_head or core_low[-1].rstrip(".,")
    if not has_cap and len(core_words) == 1 and core_words[0][:1].isupper() and head in ("labour", "labor", "treasury",
                                                                                         "senate", "gop"):
        has_cap = True  # "Labour said", "the Treasury said": an organisation's name, not a title
    if not has_cap:
        phrase = " ".join(core_low)
        if det in INDEFINITE or (not det and head.endswith("s") and head in PERSON_NOMINALS):
            if head in ANON_HEADS:
                name = "anonymous " + ("sources" if head in ("sources",) else "officials" if head == "officials"
                                       else head if head.endswith("s") else head)
                ent = book.add_name(name, "plural" if head.endswith("s") else "person", s, salient=False)
                m.speaker, m.how, m.descriptor, m.kind = ent.name, "adjacent", phrase, ent.kind
                return m
            m.speaker, m.how, m.kind = phrase, "adjacent", "plural" if head.endswith("s") else "person"
            return m
        if det in ("the", "this", "that", "its", "their", "his", "her") or not det:
            ent = _described_entity(text, core_low, s, book) if det == "the" else None
            if ent is not None and (len(core_low) >= 2 or book.resolve_nominal(head, phrase, s) is None):
                # "Tony Blair, the prime minister, ..." ... "the prime minister said": the entity the text describes so
                if phrase not in ent.descriptors:
                    ent.descriptors.append(phrase)
                m.speaker, m.how, m.kind, m.descriptor = ent.name, "nominal", ent.kind, phrase
                book.history.append((s, ent, True))
                return m
            if head in ORG_NOMINALS and len(core_low) >= 2 and det == "the" and head not in ("statement", "report"):
                # "the health ministry": a named organisation without capitals
                ent = book.add_name(phrase, "org", s, salient=salient)
                m.speaker, m.how, m.kind = ent.name, "adjacent", "org"
                return m
            ent = book.resolve_nominal(head, phrase, s)
            if ent is not None and ent.name[:1].islower() and _norm(ent.name) != phrase:
                ent = None  # "the shadow chancellor" is not the earlier "the chancellor" (nor the reverse)
            if ent is not None:
                m.speaker, m.how, m.kind, m.descriptor = ent.name, "nominal", ent.kind, phrase
                book.history.append((s, ent, True))
                return m
            kind = "org" if head in ORG_NOMINALS else "person"
            ent = book.add_name(phrase, kind, s, salient=salient)
            m.speaker, m.how, m.kind = ent.name, "adjacent", kind
            return m
        m.speaker, m.how = ("those " + phrase if det == "those" else phrase), "adjacent"  # "those surveyed"
        return m
    desc, name = _descriptor_and_name(core_words)
    name = name.replace("’s", "").replace("'s", "").strip(" ,.-")
    if not name:
        desc, name = "", " ".join(core_words).strip(" ,.-")
    if not name:
        return m
    titled = bool(desc) and desc.split()[-1].lower().rstrip(".") in TITLES
    if desc.lower().rstrip(".") in ("mr", "mrs", "ms", "miss", "mx", "dr"):
        desc = ""
    if appositive:
        appositive = re.sub(r"^(?:who|which)\s+(?:is|was|are|were|has been|had been|served as|serves as)\s+", "", appositive)
        if appositive.split()[0].lower() not in ("who", "whose", "which"):
            desc = (desc + ", " if desc else "") + appositive
    kind = _classify_name(name, desc)
    if kind == "unknown" and titled:
        kind = "person"
    if kind == "unknown":
        kind = "person"  # a speaker named by one capitalised word is most often a person
    ent = book.add_name(name, kind, s, titled=titled, salient=salient, descriptor=desc.strip())
    m.speaker, m.how, m.descriptor, m.kind = ent.name, "adjacent", desc.strip(), ent.kind
    return m


_CAP_RUN = re.compile(r"(?<![\w\x01])(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Prof)\.?\s+)?[A-Z][\w’'-]*"
                      r"(?:\s+(?:of\s+|de\s+|van\s+|von\s+|al-|(?:Mr|Mrs|Ms)\.\s+)?[A-Z][\w’'-]*)*")
_SENT_START_WORDS = frozenset("the a an but and in on at as after before when while if this that these those it he she they we i said says stated added continued asked wrote although though because since however meanwhile yet still also now then yesterday today despite".split())


@lru_cache(maxsize=65536)
def _name_of_run(run: str) -> tuple[str, str, str] | None:
    """``(name, kind, descriptor)`` of a capitalised run of words, or None."""
    words = run.split()
    if words and words[0].lower() in _SENT_START_WORDS:
        words = words[1:]
    if not words:
        return None
    desc, name = _descriptor_and_name(words)
    name = name.replace("’s", "").replace("'s", "").strip(" ,.-")
    low = name.lower()
    if not name or low in TITLES or low in DAYS:
        return None
    kind = _classify_name(name, desc)
    if kind == "unknown" and desc and desc.split()[-1].lower().rstrip(".") in ("mr", "mrs", "ms", "dr", "president",
                                                                                  "senator", "sen", "rep", "gov"):
        kind = "person"
    return name, kind, desc


# _CAP_RUN as written above, and the same expression with its look-behind moved after the
# first (capital) letter, so that re skips to capitals instead of trying every position
_CAP_RUN_SOURCE = (r"(?<![\w\x01])(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Prof)\.?\s+)?[A-Z][\w’'-]*"
                   r"(?:\s+(?:of\s+|de\s+|van\s+|von\s+|al-|(?:Mr|Mrs|Ms)\.\s+)?[A-Z][\w’'-]*)*")
_T = r"\.?\s+[A-Z]"
_CAP_RUN_FAST = re.compile(
    r"[A-Z](?<![\w\x01].)(?:(?<=M)(?:r|rs|s)" + _T + r"|(?<=D)r" + _T + r"|(?<=S)en" + _T + r"|(?<=R)ep" + _T
    + r"|(?<=G)(?:ov|en)" + _T + r"|(?<=L)t" + _T + r"|(?<=C)ol" + _T + r"|(?<=P)rof" + _T + r")?[\w’'-]*"
    r"(?:\s+(?:of\s+|de\s+|van\s+|von\s+|al-|(?:Mr|Mrs|Ms)\.\s+)?[A-Z][\w’'-]*)*"
) if _CAP_RUN.pattern == _CAP_RUN_SOURCE else _CAP_RUN
del _T


def _register_names(text: str, masked: str, lo: int, hi: int, book: EntityBook, subject_end: int) -> None:
    """Record capitalised names in ``masked[lo:hi]`` (a sentence) as entities, subjects as salient."""
    _register_found(_names_in(_CAP_RUN_FAST.finditer(masked, lo, hi)), book, subject_end)


def _names_in(matches) -> list[tuple[int, str, str, str]]:
    """``(offset, name, kind, descriptor)`` of the capitalised runs ``matches`` that are names."""
    out = []
    for m in matches:
        got = _name_of_run(m.group())
        if got is not None:
            out.append((m.start(), *got))
    return out


def _paragraph_names(masked: str, sents: list[tuple[int, int]]) -> list[list[tuple[int, str, str, str]]]:
    """:func:`_names_in` of each sentence of one paragraph (``sents``, in order), from one scan
    of the paragraph (per sentence when a run would cross a sentence end)."""
    if len(sents) <= 1:
        if not sents:
            return []
        ss, se = sents[0]
        return [_names_in(_CAP_RUN_FAST.finditer(masked, ss, se))]
    out: list[list] = [[] for _ in sents]
    x = 0
    ss, se = sents[0]
    for m in _CAP_RUN_FAST.finditer(masked, sents[0][0], sents[-1][1]):
        a = m.start()
        while a >= se:
            x += 1
            ss, se = sents[x]
        if a < ss or m.end() > se:  # a run across a sentence end: scan each sentence alone
            return [_names_in(_CAP_RUN_FAST.finditer(masked, s, e)) for s, e in sents]
        got = _name_of_run(m.group())
        if got is not None:
            out[x].append((a, *got))
    return out


def _register_found(found: list[tuple[int, str, str, str]], book: EntityBook, subject_end: int) -> None:
    """Add the names ``found`` in a sentence (see :func:`_names_in`) to ``book``."""
    for start, name, kind, desc in found:
        if kind == "unknown":
            key = name.lower()
            if key not in book.by_key and not book.surname_known(key):
                continue
            kind = "person"
        book.add_name(name, kind, start, salient=start < subject_end, descriptor=desc)


# ------------------------------------------------------------------ the extractor


@dataclass
class Quote:
    fragments: list
    type: str
    cue: tuple | None = None  # (start, end)
    mention: Mention | None = None
    paragraph: int = 0
    how: str = ""
    marks: list = field(default_factory=list)  # Marked spans covered


def _strip_span(text: str, s: int, e: int, chars: str = " \t\n\r,;:") -> tuple[int, int]:
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    return s, e


def _is_dash(t: Tok, masked: str) -> bool:
    """An em or en dash, or a hyphen with spaces around it."""
    return t.text in ("\u2014", "\u2013") or (t.text == "-" and masked[t.start - 1:t.start] == " "
                                                and masked[t.end:t.end + 1] == " ")


def _paired_dash(toks: list[Tok], i: int, masked: str) -> int:
    """Index of the dash closing an aside opened by the dash at ``i`` (within 20 tokens, no
    quotation or sentence punctuation between), else -1."""
    for x in range(i + 2, min(len(toks) - 1, i + 21)):
        t = toks[x]
        if t.is_quote or t.text in (";", ".", "!", "?", ":"):
            return -1
        if _is_dash(t, masked) and t.text == toks[i].text:
            return x
    return -1


_QUOTE_GOES_ON = frozenset("said says told added he she they it i we".split())  # '"Q," he said' is handled by the cue
_CONTINUES_SENTENCE = frozenset("that would could should will can might must may is was are were has had have".split())  # "Q," he said, that ...
_COORD_ADVERBS = frozenset("then later also again quickly".split())  # '... and then said that ...'
_ADVERBIAL_GOES_ON = frozenset("because compared before after if unless since despite given than rather".split())
SPEECH_NOUNS = frozenset("""claim claims assertion assertions accusation accusations allegation allegations promise
pledge vow call calls insistence contention argument suggestion prediction threat demand complaint boast admission
denial warning conclusion charge view belief assessment position observation remark comment statement explanation
announcement acknowledgment acknowledgement declaration hope fear insinuation""".split())
_TO_NOUNS = frozenset("promise pledge vow call calls threat demand".split())
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
_CONTRACTED_POSS = frozenset("he's she's it's that's there's what's who's let's here's he’s she’s it’s that’s there’s what’s who’s let’s here’s".split())
_FINITE = frozenset("is was are were has have had will would can could should may might must does did do".split())
_SUBORDINATORS = frozenset("if when because that who which while as since unless whether although though where".split())


def _complement_end(text: str, toks: list[Tok], c: int, end: int, finite: int) -> int:
    """End (offset, at most ``end``) of a noun's complement starting at token ``c``: 'his call
    for "a freeze" on hiring [angered unions]', 'her claim that she "never saw it" [was false]'.
    The complement has ``finite`` finite verbs of its own (1 for a that-clause, 0 for an
    infinitive or object); the next finite verb after a noun, not coordinated and not in a
    subordinate clause, is the sentence's main verb, and the complement ends before it (an
    infinitive or object also at a comma)."""
    seen, pending = 0, 0
    for i in range(c, len(toks)):
        t = toks[i]
        if t.start >= end:
            break
        if not finite and i > c and (t.text == "," or (t.is_quote and text[t.start:t.end].rstrip(ALL_MARKS)[-1:] == ",")):
            return t.end if t.is_quote else t.start
        low = t.low
        if low in _SUBORDINATORS and i > c:
            pending += 1
            continue
        verb = not t.cap and (low in _FINITE or (low.endswith("ed") and len(low) > 4))
        if not verb or i == c:
            continue
        prev = toks[i - 1].low
        if prev in AUX or prev in _FINITE or prev in DETERMINERS or prev in ("be", "been", "being", "to", "not", "and", "or", "but") \
                or prev.endswith("ly") or toks[i - 1].is_quote and low.endswith("ed"):
            continue
        if pending:
            pending -= 1
            continue
        seen += 1
        if seen > finite:
            return toks[i - 1].end
    return end


_BELIEF_PRESENT = frozenset("thinks believes feels fears hopes worries expects suspects figures".split())  # '... thinks the issue is a "litmus test"'
def _glued_quotation(text: str, between: str, m: Marked) -> bool:
    """Is the quotation ``m`` part of the journalist's syntax (a word right before its mark,
    'blamed the violence on a "disturbed person"') after a quote's attribution ``between``,
    rather than the quoted speech going on? Titles ('said on "Meet the Press."') are not."""
    b = between.rstrip()
    if not b[-1:].isalnum() or "\n" in between:
        return False
    last = b.split()[-1]
    if last[:1].isupper() or last.lower() in _GLUE_GOES_ON or last.lower().endswith(("'s", "’s")):
        return False  # '..., she said, and "B"', '... when "B"', 'Obama "B"': the quoted words go on
    words = text[m.inner_start:m.inner_end].split()
    content = [w for w in words if w.lower() not in _TITLE_SMALL]
    if not words or (len(words) <= 6 and all(w[:1].isupper() or w[:1].isdigit() for w in content)):
        return False  # a title: 'said on "Meet the Press."'
    return True


_GLUE_GOES_ON = frozenset("and or but when if because that to as saying says said like".split())
_TITLE_SMALL = frozenset("the a an of and or in on at to for with from by".split())


_ASKED_LEAD = frozenset("when if after once but and so".split())  # 'But when asked whether ...'
_FRONTING_PREP = frozenset("in by after while when before since without upon".split())
_IN_WORDS = re.compile(r"\b[Ii]n (?:(his|her|their|its|(?:[A-Z][\w.-]*\s){0,3}[A-Z][\w.-]*(?:'s|’s|’|'))(?: own)? words"
                       r"|the words of ((?:[A-Z][\w.-]*\s){0,3}[A-Z][\w.-]*)),?\s*$")
_LONG_MIXED = 5  # words of the journalist's around a long quotation that make its reported clause a mixed quote
_FRONTED = frozenset("while after when although though as since because before once if whereas".split())
_FRONT_SUBJECT = frozenset("the a an this that these those his her its their our my some many most".split())


def _not_appositive(t: Tok) -> bool:
    """Can a comma-delimited phrase starting with ``t`` not be an appositive of the noun before
    it ('..., and it has cut ...,' / '..., forcing cuts to parks,')?"""
    return t.low in ("and", "but", "or", "yet", "so") or (not t.cap and t.low.endswith("ing") and len(t.low) > 5)


def _new_report(toks: list[Tok], j: int, cue_starts) -> bool:
    """'... bodies, which he called "a cartel"': a pronoun or a short capitalised name at token
    ``j``, then a reporting cue: a report with its own subject."""
    if j >= len(toks):
        return False
    if toks[j].low in ("he", "she", "they", "we", "i"):
        c = j + 1
    else:
        c = j
        while c < len(toks) and c < j + 3 and toks[c].cap and not toks[c].is_quote:
            c += 1
        if c == j:
            return False
    if c < len(toks) and toks[c].low in ("also", "later", "then", "has", "had", "have", "would", "will"):
        c += 1
    return c < len(toks) and toks[c].start in cue_starts and not toks[c].low.endswith("ing")


def _semicolon_goes_on(toks: list[Tok], i: int, cue_starts) -> bool:
    """'Some of the women said they had spoken out at hearings; helped marshal protesters; and
    put together ...': after a semicolon the report goes on unless the clause that follows has
    its own reporting cue ('...; Smith said ...') or is the journalist's ('; however, ...')."""
    if not cue_starts:
        return False
    j = i + 1
    while j < len(toks) and toks[j].text not in (";",) and not (toks[j].text in (".", "!", "?")):
        if toks[j].start in cue_starts or toks[j].is_quote:
            return False
        j += 1
    return i + 1 < len(toks) and toks[i + 1].low not in ("however", "but", "meanwhile", "still", "yet")


_INVERTED_AUX = frozenset("has have had was were is are did does do".split())


def _writers_clause(toks: list[Tok], j: int) -> bool:
    """Does a clause the writer adds to a report start at token ``j`` (after a comma)? A
    comparison with inversion ('as has the mayor of Miami'), a concession ('even though
    turnout was low', 'although ...') or 'but' with a subject of its own ('but she has ...')."""
    low, nxt = toks[j].low, toks[j + 1].low
    if low == "even" and nxt == "though" and j + 2 < len(toks):
        j += 1
        low, nxt = "though", toks[j + 1].low
    subject = nxt in SUBJECT_START or toks[j + 1].cap or is_clause(toks, j + 1)  # not 'a crucial, although brief, chance'
    return (low == "as" and nxt in _INVERTED_AUX) or (low in ("although", "though") and subject) \
        or (low == "but" and nxt in ("he", "she", "they", "it", "we", "i"))


def _content_end(masked: str, toks: list[Tok], k: int, send: int, cue_starts=(), *, text: str | None = None,
                 adverbial: bool = False) -> int:
    """End of a reported clause starting at token ``k``: the sentence end, or before
    ", adding", ", saying", ", according to", ", X said" (another cue with its own subject);
    with ``text``, also right after a quotation inside the clause that closes on its own
    comma or full stop ('... was "learning on the job," while ...')."""
    quoted = False  # a quotation already inside the clause: what follows may be the journalist's
    # 'While he said he would not criticize Cruz, he did ...': a cue inside a fronted adverbial
    # clause; its content ends at the comma before the main clause's subject
    # ('But if Carson implied ..., he did', 'Years after Clinton claimed ..., Obama won': the subordinator
    # within the sentence's first three words)
    # ('If we understand Lee when she says ..., it would seem': the sentence opens with it, no comma yet)
    f = next((x for x in range(min(3, k)) if toks[x].low in _FRONTED), None)
    fronted = (f is not None and not any(x.low in _FRONTED or x.text == "," for x in toks[f + 1:k])
               and not any(x.text == "," for x in toks[:f])) \
        or (bool(toks) and toks[0].low in _FRONTED and not any(x.text == "," for x in toks[1:k]))
    aside_end = -1  # '... Bill Clinton — often the easiest person to provoke — has been ...': a paired dash
    for i in range(k, len(toks)):
        t = toks[i]
        if i <= aside_end:
            continue
        if i > k and _is_dash(t, masked):
            aside_end = _paired_dash(toks, i, masked)
            if aside_end > i:
                continue
        if fronted and t.text == "," and i > k + 1 and i + 1 < len(toks) \
                and (toks[i + 1].low in PRONOUNS or toks[i + 1].cap or toks[i + 1].low in _FRONT_SUBJECT
                     or toks[i + 1].text[0].isdigit()):
            return t.start  # (the main clause's subject: 'he', 'Obama', 'the pope', '27 percent')
        if t.is_quote:
            quoted = True
            if text is not None and i > k and i + 1 < len(toks) and not toks[i + 1].is_quote:
                b = t.end - 1
                while b > t.start and text[b] in ALL_MARKS:
                    b -= 1
                coordinated = text[b] == "," and toks[i + 1].low == "and" and i + 2 < len(toks) \
                    and (toks[i + 2].is_quote or toks[i + 2].low == "that")  # '... "loves China," and "..."'
                # with ``adverbial`` (a reported clause): '... is "peanuts," compared to ...' goes on
                goes_on = adverbial and text[b] == "," and toks[i + 1].low in _ADVERBIAL_GOES_ON
                if text[b] in ",.!?" and toks[i + 1].low not in _QUOTE_GOES_ON and not coordinated and not goes_on:
                    return t.end
            continue
        if quoted and i + 1 < len(toks):
            nxt = toks[i + 1].low
            # '... "sarcastic" in his comments, which raised concerns': a relative clause on the quote
            if t.text == "," and nxt in ("which", "who", "whom", "whose", "where"):
                return t.start
            # '... him a "nice guy" and he didn't ...': a new clause with its own subject
            if t.low in ("and", "but") and nxt in ("he", "she", "they", "we", "i", "it"):
                return t.start
            # '... the merger "a terrible deal" and ranked Fiorina ...': a second predicate after the quotation
            if t.low == "and" and toks[i - 1].is_quote and not toks[i + 1].cap and (
                    (nxt.endswith("ed") and len(nxt) > 4) or nxt in ("has", "had", "have", "was", "is")
                    or toks[i + 1].start in cue_starts or (nxt.endswith("ing") and len(nxt) > 5)):
                return t.start
            # '... he's "excited where we stand" as he faces a test ...': the journalist's circumstance
            if t.low in ("as", "while", "when") and nxt in ("he", "she", "they") and toks[i - 1].is_quote:
                return t.start
        if t.text in (",", ";", "\u2014", "\u2013") and i + 1 < len(toks):
            nxt = toks[i + 1].low
            if nxt in ("adding", "saying", "according", "noting", "arguing", "insisting", "warning", "explaining", "claiming"):
                return t.start
            if t.text == "," and i > k + 3 and nxt.endswith("ing") and len(nxt) > 5 and not toks[i + 1].cap \
                    and i + 2 < len(toks) and toks[i + 2].low in DETERMINERS | {"to", "for", "him", "her", "them", "it"}:
                return t.start  # '..., throwing a wrench in ...': a participle clause on the report
            if t.text == ";" and not _semicolon_goes_on(toks, i, cue_starts):
                return t.start
            if t.text in ("\u2014", "\u2013") and i > k + 2:
                return t.start
            if cue_starts and t.text == "," and not (toks[k].low in _FRONTED and not any(x.text == "," for x in toks[k:i])):
                # ", Rubio fired back: ..." - a new subject and cue after the comma (not the main clause
                # after a subordinate clause that opens the report: 'that after the rape, Clinton called her')
                for c in range(i + 2, min(len(toks), i + 7)):
                    if toks[c].start in cue_starts and not toks[c].low.endswith("ing"):
                        if all(_np_token_ok(x) or x.low in DETERMINERS for x in toks[i + 1:c]) and toks[i + 1].low not in STOP_NP:
                            return t.start
                        break
        if t.text == "," and i > k + 1 and cue_starts and i + 2 < len(toks) \
                and toks[i + 1].low in ("which", "whom", "who", "what") and toks[i + 2].low != "is" \
                and _new_report(toks, i + 2, cue_starts):
            return t.start  # '... bodies, which he called "a cartel"': a relative clause with its own report
        if t.text == "," and i > k + 2 and i + 2 < len(toks) and toks[i + 1].low == "and" \
                and toks[i + 2].low in ("he", "she", "they", "we", "i"):
            return t.start  # '... reconsider, and he decided ...': a new clause with its own subject
        if t.text == "," and i + 1 < len(toks) and toks[i + 1].low == "meaning" and i > k + 2:
            return t.start  # '..., meaning she will not campaign with him': the journalist's inference
        if t.text == "," and not quoted and i > k + 2 and i + 2 < len(toks) and _writers_clause(toks, i + 1) \
                and not any(x.is_quote for x in toks[i + 1:]):
            return t.start  # '..., as has the mayor' / '..., even though ...' / '..., but she has ...'
        if t.text == "(" and i + 1 < len(toks) and toks[i + 1].low in ("see",):
            return t.start
        if t.text == "-" and i > k + 2 and masked[t.start - 1:t.start] == " " and masked[t.end:t.end + 1] == " ":
            return t.start  # a spaced hyphen used as a dash
        if t.low in ("and", "but", "while") and i > k + 1 and i + 1 < len(toks):
            nxt = toks[i + 1]
            if not nxt.cap and (nxt.low in CUE_LIKE or nxt.start in cue_starts
                                 or (t.low != "and" and nxt.low.endswith("ed") and len(nxt.low) > 4)):
                # '... and said ...' / '..., but accepted ...': a new report or the journalist's contrast
                # (a coordinated '... and wanted ...' stays in the reported clause)
                return t.start
    end = send
    while end > 0 and masked[end - 1] in " .!?\n\t\r…":
        end -= 1
    return end


_SENT_END = re.compile(r"(?:[.!?…]+[)\]]*|(?<=\x01)(?=\s))\s+")
# the same matches, written to start with one character class (re then skips to candidates)
_SENT_END_FAST = re.compile(r"[.!?…\s](?:(?<=[.!?…])[.!?…]*[)\]]*\s+|(?<=\x01\s)\s*)") \
    if _SENT_END.pattern == r"(?:[.!?…]+[)\]]*|(?<=\x01)(?=\s))\s+" else _SENT_END
_LAST_WORD = re.compile(r"([\w.’']+)$")
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sr jr st mt ft gen sen rep gov lt col capt cmdr adm sgt maj rev hon pres supt det insp
u.s u.k u.n e.u no nos vs v inc corp co ltd bros jan feb mar apr jun jul aug sep sept oct nov dec
ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa
tenn tex va vt wash wis wyo d.c a.m p.m e.g i.e etc approx est dept univ
""".split())


def _sentences(text: str, masked: str, lo: int, hi: int, cues: re.Pattern | None = None) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, never cutting inside quoted text (masked), nor
    between a quotation ending in ? or ! and its attribution ('"Why?" Lichtman said.')."""
    out = []
    cur = lo
    for m in _SENT_END_FAST.finditer(masked, lo, hi):
        a, b = m.span()
        if b >= hi:
            break
        nxt = masked[b]
        punct = masked[a:b].strip() if masked[a] in ".!?…" else ""  # (white space after a quote: no punctuation)
        if not punct:  # after a quote: only if the quote ended with . ! ?
            if not (nxt.isupper() or nxt == MASK):
                continue
            q_end = a
            b2 = q_end - 1
            while b2 > lo and text[b2] in ALL_MARKS:
                b2 -= 1
            inner_last = text[b2]
            if inner_last not in ".!?":
                continue
            if cues is not None and inner_last in "?!":
                c = cues.search(masked, b, min(hi, b + 70))
                if c is not None and not any(ch in ".!?\x01" for ch in masked[b:c.start()]) \
                        and len(masked[b:c.start()].split()) <= 6 and masked[c.start()].islower():
                    continue
        else:
            if not (nxt.isupper() or nxt == MASK or nxt.isdigit() or nxt in "(["):
                continue
            if punct == ".":
                w = _LAST_WORD.search(masked, max(cur, a - 30), a)
                word = w.group(1).lower() if w else ""
                if word in ABBREVIATIONS \
                        or (len(word) == 1 and word.isalpha()):
                    continue
        out.append((cur, a + len(punct)))
        cur = b
    if cur < hi:
        out.append((cur, hi))
    return out


_CUE_BEFORE, _CUE_AFTER = r"(?<![\w'’-])", r"(?![\w'’-])"
_NOT_MASK = re.compile("[^\x01]")


def _cue_scanner(lex: CueLexicon) -> re.Pattern | None:
    r"""For the cue pattern ``(?<![\w'’-])FORMS(?![\w'’-])`` of :mod:`framing.cues`, whose
    forms all end in a letter (and hold no MASK): ``[^\w'’-](FORMS)(?![\w'’-])``, which
    consumes the character before a cue instead of testing it by look-behind, so that re
    skips through words (group 1 = the cue; a cue at offset 0 needs ``pattern.match``).
    None for any other pattern. Cached on the lexicon."""
    cache = getattr(lex, "__dict__", None)
    if cache is None:  # (a lexicon without an instance dict: no cache, no scanner)
        return None
    got = cache.get("_quotes_scanner", False)
    if got is not False:
        return got
    got = None
    source = lex.pattern.pattern
    try:
        from .cues import _trie_pattern
    except ImportError:  # pragma: no cover
        _trie_pattern = None
    if _trie_pattern is not None and source.startswith(_CUE_BEFORE) and source.endswith(_CUE_AFTER) \
            and lex.pattern.flags == re.compile("").flags:
        forms = set(lex.lookup) | {f[:1].upper() + f[1:] for f in lex.lookup}
        body = source[len(_CUE_BEFORE):-len(_CUE_AFTER)]
        if forms and body == _trie_pattern(forms) \
                and all(f and re.fullmatch(r"[\w'’-]", f[-1]) and MASK not in f for f in forms):
            got = re.compile(r"[^\w'’-](" + body + ")" + _CUE_AFTER)
    cache["_quotes_scanner"] = got
    return got


_TAG = re.compile(r"<[A-Za-z][\w:-]*(?:\s+[\w:-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))+\s*/?>")


def _blank_tags(text: str) -> str:
    """``text`` with markup tags that have attributes (``<a href="...">``) blanked out, offsets kept."""
    if "=" not in text or "<" not in text:
        return text
    return _TAG.sub(lambda m: " " * len(m.group()), text)


def _without_nested_partials(quotes: list[Quote]) -> list[Quote]:
    """Drop a partial quote whose words lie inside a mixed or indirect quote of the same
    paragraph ('responded, calling the charge "pathetic" and "dangerous."': one quote)."""
    if len(quotes) < 2 or not any(q.type == "partial" for q in quotes):
        return quotes
    outer = [(q.fragments[0][0], q.fragments[-1][1]) for q in quotes if q.type in ("mixed", "indirect")]
    return [q for q in quotes if q.type != "partial"
            or not any(a <= q.fragments[0][0] and q.fragments[-1][1] <= b for a, b in outer)]


class _Doc:
    """Extraction state for one document."""

    def __init__(self, doc_id: str, text: str, title, excluded, cues: CueLexicon, merge_paragraphs: bool = False):
        self.doc_id, self.text, self.cues = doc_id, text, cues
        self.merge_paragraphs = merge_paragraphs
        self.paras, self.has_title = _paragraph_spans(text, title, excluded)
        self.book = EntityBook()
        self.quotes: list[Quote] = []
        self._glued: Marked | None = None  # the last quotation refused as a continuation (_glued_quotation)

    # ---- marks
    def _mark_paragraphs(self) -> list[list[Marked]]:
        # '<tweet author="@x">': markup is no text (attribute quotes are no quotation marks)
        text = self._plain = _blank_tags(self.text)
        marks = [find_marked(text, s, e) if not excl else [] for s, e, excl in self.paras]
        # multi-paragraph chains: a paragraph ending inside an open double mark continues
        chain = 0
        for p, ms in enumerate(marks):
            for m in ms:
                if m.chain < 0:
                    m.chain = chain
                    chain += 1
            if ms and not ms[-1].closed and ms[-1].kind == "double" and p + 1 < len(marks):
                nxt = marks[p + 1]
                s2 = self.paras[p + 1][0]
                if nxt and nxt[0].open == s2 and not self.paras[p + 1][2]:
                    nxt[0].chain = ms[-1].chain
        return marks

    def run(self) -> list[Quote]:
        text = self.text
        marks = self._mark_paragraphs()
        chains: dict[int, list[Marked]] = {}
        for ms in marks:
            for m in ms:
                chains.setdefault(m.chain, []).append(m)
        chain_quote: dict[int, Quote] = {}
        masked = self._mask([m for ms in marks for m in ms])
        n_single = sum(m.kind == "single" for ms in marks for m in ms)
        double_style = sum(m.kind == "double" for ms in marks for m in ms) > max(2, 2 * n_single)
        pending_colon: Mention | None = None  # "X said:" ending a paragraph
        pending_cue: tuple | None = None
        last_direct: Quote | None = None  # last attributed direct quote (for continuation)
        last_para_with_direct = -2
        for p, (ps, pe, excl) in enumerate(self.paras):
            if excl:
                continue
            ms = marks[p]
            is_title = self.has_title and p == 0
            para_quotes: list[Quote] = []
            claimed: set[int] = set()
            sents = [(ps, pe)] if is_title else _sentences(text, masked, ps, pe, self.cues.pattern)
            sents_here = sents
            self._masked_cache = masked  # (as _sentence sets it)
            names_cues = zip(_paragraph_names(masked, sents), self._paragraph_cues(masked, sents))
            for (ss, se), (names, hits) in zip(sents, names_cues):
                if names:
                    _register_found(names, self.book, ss + 40)
                if hits:  # (_sentence returns at once without a cue)
                    self._sentence(p, ss, se, masked, ms, claimed, para_quotes, chains, chain_quote, hits)
            # headline: "Speaker: ... 'words' ..."
            if is_title:
                self._headline(ps, pe, masked, ms, claimed, para_quotes)
            # quotes without a cue
            for m in ms:
                if id(m) in claimed or m.used:
                    continue
                q = chain_quote.get(m.chain)
                if q is not None:  # later part of a multi-paragraph quote
                    if m not in q.marks:
                        q.fragments.append([m.inner_start, m.inner_end])
                        q.marks.append(m)
                    m.used = True
                    continue
                words_of = self._in_words_of(m, masked, ps)
                if words_of is not None:  # '..., in Forbes' words, "they are ..."': a source of its own
                    q = Quote([[m.inner_start, m.inner_end]], "direct", (words_of.start, words_of.end), words_of, p, marks=[m])
                    m.used = True
                    chain_quote[m.chain] = q
                    para_quotes.append(q)
                    continue
                prev_q = self._previous_direct(para_quotes, m)
                if prev_q is not None:
                    # "A," she said. "B." : one attribution with several fragments
                    prev_q.fragments.append([m.inner_start, m.inner_end])
                    prev_q.marks.append(m)
                    m.used = True
                    chain_quote[m.chain] = prev_q
                    continue
                before = masked[ps:m.open].rstrip()
                colon = None
                if before.endswith(":"):
                    sents = [x for x in _sentences(text, masked, ps, pe, self.cues.pattern) if x[0] < len(before) + ps]
                    colon = self._colon_attribution(sents[-1][0] if sents else ps, ps + len(before) - 1, masked)
                in_sentence = None
                if colon is None:
                    in_sentence = self._cue_in_sentence(m, masked, sents_here)
                    if in_sentence is None and (self._glued is m or not self._standalone(m, masked, ps, pe)):
                        continue
                q = Quote([[m.inner_start, m.inner_end]], "direct", paragraph=p, marks=[m])
                if in_sentence is not None:
                    colon = in_sentence[:2]
                    if in_sentence[2] is not None:
                        a, b = in_sentence[2]
                        q.type, q.fragments = "mixed", [[a, b]]
                        q.marks = [x for x in ms if a <= x.open < b and not x.used and id(x) not in claimed]
                        for x in q.marks:
                            x.used = True
                if colon is not None and colon[0] is not None:
                    q.mention, q.cue = colon
                    m.used = True
                    chain_quote[m.chain] = q
                    para_quotes.append(q)
                    continue
                m.used = True
                chain_quote[m.chain] = q
                # attribute: colon cue before, or the previous direct quote's speaker
                same_para = [x for x in para_quotes[-8:] if x.mention is not None and x.mention.speaker
                             and max(f[1] for f in x.fragments) <= m.open]
                bare = (None, None)
                if m.open > ps and masked[ps:m.open].rstrip().endswith("."):
                    prior = [x for x in sents_here if x[1] <= m.open]
                    if prior:
                        bare = self._bare_cue(prior[-1][0], prior[-1][1], masked)
                after_bare = self._bare_cue_after(m, masked, sents_here)
                if after_bare[0] is None:
                    after_bare = self._signature_after(p, m, masked)
                if after_bare[0] is not None:
                    bare = after_bare
                if bare[0] is not None:
                    q.mention, q.cue = bare
                elif pending_colon is not None and m.open == ps:
                    q.mention, q.cue, q.how = pending_colon, pending_cue, pending_colon.how
                elif same_para and m.open - max(max(f[1] for f in x.fragments) for x in same_para) < 300:
                    # 'Coan argues that his client ... . "Q"': the paragraph's speaker goes on
                    prev = max(same_para, key=lambda x: max(f[1] for f in x.fragments)).mention
                    q.mention = Mention("", 0, 0, prev.speaker, "previous", prev.descriptor, prev.kind)
                elif last_direct is not None and last_direct.mention is not None and last_direct.mention.speaker \
                        and (last_para_with_direct >= p - 1) and self._starts_para_or_follows_quote(m, masked, ps):
                    prev = last_direct.mention
                    q.mention = Mention("", 0, 0, prev.speaker, "previous", prev.descriptor, prev.kind)
                    q.cue = None
                    if self.merge_paragraphs:
                        # one attribution over consecutive quote paragraphs (PolNeAR's convention)
                        last_direct.fragments.append([m.inner_start, m.inner_end])
                        last_direct.marks.append(m)
                        chain_quote[m.chain] = last_direct
                        last_para_with_direct = p
                        continue
                if (q.mention is None or (m.kind == "single" and double_style and q.mention.how == "previous")) \
                        and _subhead(self.text, masked, m, ps, pe):
                    # "'A change warrior.'" alone as a paragraph: a subheading, not a quotation (also after a
                    # quote paragraph when it is in single marks and the article quotes in double marks)
                    continue
                para_quotes.append(q)
            # continuation bookkeeping
            pending_colon, pending_cue = self._colon_cue(ps, pe, masked, sents_here)
            direct_here = [q for q in para_quotes if q.type == "direct"]
            if direct_here:
                last = max(direct_here, key=lambda q: q.fragments[0][0])
                if last.mention is not None and last.mention.speaker:
                    last_direct = last
                    last_para_with_direct = p
                else:
                    last_direct = None
            elif para_quotes or (pe - ps) > 0:
                last_direct = None if p > last_para_with_direct else last_direct
            self.quotes.extend(_without_nested_partials(para_quotes))
        return self.quotes

    def _mask(self, ms: list[Marked]) -> str:
        """The document text with every quoted span (marks included) masked."""
        text = getattr(self, "_plain", self.text)
        if not ms:
            return text
        parts, pos = [], 0
        for m in ms:
            end = m.stop
            if m.open < pos:
                continue
            parts.append(text[pos:m.open])
            parts.append(MASK * (end - m.open))
            pos = end
        parts.append(text[pos:])
        return "".join(parts)

    def _cue_in_sentence(self, m: Marked, masked: str, sents) -> tuple | None:
        """(mention, cue, mixed span or None) of a reporting cue with a subject earlier in
        ``m``'s sentence ("Zimmerman wrote in the description that he plans to 'fight ...'").
        A short quotation gets the reported clause around it as a mixed quote."""
        sent = next(((a, b) for a, b in sents if a <= m.open < b), None)
        if sent is None or m.open - sent[0] > 400:
            return None
        ss, se = sent
        words = self.text[m.inner_start:m.inner_end].split()
        if not words or (_mostly_title_case(words) and len(words) <= 6):
            return None
        toks = tokens(masked, ss, se)
        index = {t.start: i for i, t in enumerate(toks)}
        qi = index.get(m.open)
        if qi is None or (qi > 0 and toks[qi - 1].low in ("so-called", "dubbed", "titled", "entitled", "named",
                                                           "nicknamed", "called", "film", "book", "song", "album",
                                                           "movie", "show", "slogan", "hashtag", "headline", "term")):
            return None
        self._masked_cache = masked
        hits = [h.start() for h in self.cues.pattern.finditer(masked, ss, m.open)]
        participle = None  # ', calling on Congress to pay "their fair share"': the clause of a participle cue
        for start in reversed(hits):
            k = index.get(start)
            if k is None or toks[k].text[0].isupper() or (k > 0 and toks[k - 1].low in DETERMINERS):
                continue
            if participle is None and k > 1 and ((toks[k].low.endswith("ing") and toks[k - 1].text == ",")
                                                 or (toks[k - 1].low in ("and", "but") and not toks[k].low.endswith("ing"))):
                # ', calling on ...' / '... and calls her "..."': its speaker is the subject of an earlier cue
                participle = (start, k)
                continue
            if k > 0 and toks[k - 1].cap and toks[k - 1].low.endswith(("'s", "’s")) and toks[k - 1].low not in _CONTRACTED_POSS \
                    and toks[k].low in SPEECH_NOUNS:
                continue  # "Pike's promise to ...": a noun (see _noun_cue_in_sentence)
            subj = subject_before(toks, k, masked)
            if subj is None:
                continue
            i, j, _ = subj
            men = resolve_mention(self.text, masked, (toks[i].start, toks[j - 1].end), self.book)
            if not men.speaker:
                continue
            if participle is not None:
                start, k = participle
            cue_end = self._cue_at(toks, k)
            # the reported clause around the quotation: a short quotation is always a mixed quote of it; a
            # long one when the journalist's words around it are at least _LONG_MIXED ('Sanders said the
            # candidate sees the convention as ... "the divisive, doom and gloom, fear-mongering" offered ...')
            c = k + 1
            while c < len(toks) and toks[c].start < cue_end:
                c += 1
            if c < len(toks) and toks[c].low == "that":
                c += 1
            elif participle is not None and c < len(toks) and toks[c].low in ("on", "upon", "for"):
                c += 1  # 'calling on Congress to ...
            if c >= len(toks) or c > qi:
                return (men, (start, cue_end), None) if len(words) >= 5 else None
            e = _content_end(masked, toks, c, se, text=self.text, adverbial=True)
            s0, e0 = _strip_span(self.text, toks[c].start, e)
            if not (s0 <= m.open and m.inner_end <= e0 + 1):
                # the cue's clause ends before the quotation ('Lee proposed a debate - but the
                # campaign rejected it as "ludicrous"'): a verb nearer the quotation may report it
                if len(words) >= 5:
                    return men, (start, cue_end), None
                return self._verb_in_sentence(m, masked, toks, qi, se, len(words), after=e0)
            span = (s0, max(e0, m.stop))
            if len(words) >= 5 and len(masked[s0:m.open].split()) + len(masked[m.stop:e0].split()) < _LONG_MIXED:
                span = None  # 'told reporters that "<a long quotation>"': the quotation is the content
            return men, (start, cue_end), span
        noun = self._noun_cue_in_sentence(m, masked, toks, qi, se)
        if noun is not None:
            return noun
        return self._verb_in_sentence(m, masked, toks, qi, se, len(words))

    def _noun_cue_in_sentence(self, m: Marked, masked: str, toks: list[Tok], qi: int, se: int):
        """'her claim that she "never sent" ...', 'his call for "a total ban" on ...', 'Lee's
        promise to be "neutral"': a speech noun after a possessive, with its that-clause,
        infinitive or object holding the quotation; the possessor is the speaker and the
        complement a mixed quote (no ``cue`` recorded, as for other cue-less reports)."""
        for v in range(qi - 1, max(0, qi - 25), -1):
            t = toks[v]
            if t.is_quote or t.text in (".", ";", ":", "!", "?"):
                return None
            if t.low not in SPEECH_NOUNS or v + 1 > qi:
                continue
            nxt = toks[v + 1].low
            if not (nxt == "that" or (nxt == "to" and t.low in _TO_NOUNS) or (nxt == "for" and t.low in ("call", "calls"))):
                return None
            p = v - 1
            while p >= 0 and v - p <= 3 and not toks[p].cap and toks[p].low not in DETERMINERS \
                    and toks[p].low not in _POSSESSIVE_PRONOUNS and _np_token_ok(toks[p]) and not toks[p].low.endswith(("'s", "’s")):
                p -= 1  # "her recent evidence-free assertion": adjectives between possessor and noun
            if p < 0:
                return None
            poss = toks[p]
            if poss.low in _POSSESSIVE_PRONOUNS:
                ent = self.book.resolve_pronoun(_POSSESSIVE_PRONOUNS[poss.low], poss.start)
                if ent is None:
                    return None
                men = Mention(poss.text, poss.start, poss.end, ent.name, "pronoun", "", ent.kind)
            elif poss.low.endswith(("'s", "’s")) and poss.cap and poss.low not in _CONTRACTED_POSS:
                a = p
                while a - 1 >= 0 and p - a < 4 and toks[a - 1].cap and _np_token_ok(toks[a - 1]) \
                        and toks[a - 1].low not in DETERMINERS:
                    a -= 1
                if a == p and a > 0 and toks[a - 1].low in ("the",):
                    return None  # "the company's claim": too often not a person's words
                men = resolve_mention(self.text, masked, (toks[a].start, poss.end - 2), self.book)
                if not men.speaker:
                    return None
            else:
                return None
            c = v + 2 if nxt in ("that", "for") else v + 1
            if c > qi:
                return None
            e = _content_end(masked, toks, c, se, self._cue_starts_all(masked, toks), text=self.text, adverbial=True)
            e = _complement_end(self.text, toks, c, e, 1 if nxt == "that" else 0)
            s0, e0 = _strip_span(self.text, toks[c].start, e)
            if not (s0 <= m.open and m.inner_end <= e0 + 1):
                return None
            if s0 == m.open and max(e0, m.stop) == m.stop:
                return men, None, None  # 'his call for "a total ban."': the quotation is the whole complement
            return men, None, (s0, max(e0, m.stop))
        return None

    def _cue_starts_all(self, masked: str, toks: list[Tok]) -> set:
        return {mm.start() for mm in self.cues.pattern.finditer(masked, toks[0].start, toks[-1].end)} if toks else set()

    def _verb_in_sentence(self, m: Marked, masked: str, toks: list[Tok], qi: int, se: int, n_words: int, after: int = -1):
        """No reporting cue: a named subject's past-tense verb before the quote
        ("Cruz questioned Trump's 'New York values'") makes the object phrase a mixed quote."""
        for v in range(qi - 1, 0, -1):
            t = toks[v]
            if t.start < after:
                return None  # (only verbs after an earlier cue's clause)
            if t.cap or t.is_quote or not (t.low.endswith("ed") or t.low in _PAST_IRREGULAR or _pronoun_verb(toks, v)
                                           or t.low in _BELIEF_PRESENT) \
                    or t.low in AUX:
                continue
            if toks[v - 1].low in DETERMINERS or toks[v - 1].low in ("to", "be", "been", "being", "was", "were", "is", "are") \
                    or toks[v - 1].low.endswith(("'s", "’s")):
                continue  # "Trump's attempted seizures": an adjective
            subj = subject_before(toks, v, masked)
            if subj is None or (subj[2].startswith("relative") and toks[int(subj[2].split(":")[1]) - 1].text != ","):
                return None  # (not 'a banker who gave large checks to "super PACs"')
            i, j, _ = subj
            named = any((x.cap and x.low not in DETERMINERS) or x.low in ("he", "she", "they") for x in toks[i:j])
            if not named and not (toks[i].low == "the" and toks[j - 1].low in PERSON_NOMINALS | ORG_NOMINALS):
                return None
            men = resolve_mention(self.text, masked, (toks[i].start, toks[j - 1].end), self.book)
            if not men.speaker or not (named or men.how == "nominal"):
                return None  # "the mogul offered ...": only when the noun phrase refers back to a named speaker
            if n_words >= 5:
                return men, None, None
            c = v + 1
            if c > qi:
                return None
            e = _content_end(masked, toks, c, se, text=self.text)
            s0, e0 = _strip_span(self.text, toks[c].start, e)
            if not (s0 <= m.open and m.inner_end <= e0 + 1):
                return None
            return men, None, (s0, max(e0, m.stop))
        return None

    def _previous_direct(self, para_quotes: list[Quote], m: Marked) -> Quote | None:
        """The attributed direct quote just before ``m`` in its paragraph, if nothing else is between."""
        best = None
        recent = para_quotes[-8:]
        for q in recent:
            if q.type == "indirect":
                continue  # '"A," Clark said, noting that ... "B."'
            if any(x is not q and x.type == "direct" and q.fragments[0][0] <= x.fragments[0][0]
                   and x.fragments[-1][1] <= q.fragments[-1][1] for x in recent):
                continue  # '"A," Sanders said, according to CNN. "B."': B goes on A, not the outer report
            end = max(f[1] for f in q.fragments)
            if end <= m.open and (best is None or end > max(f[1] for f in best.fragments)):
                best = q
        if best is None or best.type not in ("direct", "mixed") or best.mention is None or not best.mention.speaker:
            return None
        between = self.text[max(f[1] for f in best.fragments):m.open]
        if len(between) > 600 or len(between.split()) > FOLLOW_ON_WORDS:
            return None  # the attribution sentence goes on about something else
        if between.rstrip().endswith(":") and _WORD.search(between) and "\n" not in between:
            return None  # 'From Bush's Facebook post: "..."': a colon introduces another source
        gap = self.text[max(0, max(f[1] for f in best.fragments) - 3):m.open]
        if best.type == "direct" and _glued_quotation(self.text, between, m):
            self._glued = m
            return None  # '"...," she said. She blamed it on a "disturbed person"': the journalist's own clause
        if best.type in _SPLIT_TYPES and between.rstrip()[-1:].isalnum() and re.search(r"[.!?]\W*\s+\S", gap):
            return None  # 'the FBI confirmed it was "...". The agency declined to detail the "specific focus"'
        return best

    def _in_words_of(self, m: Marked, masked: str, ps: int) -> Mention | None:
        """The source named by 'in X's words,' / 'in the words of X,' right before the quotation ``m``."""
        found = _IN_WORDS.search(masked, max(ps, m.open - 120), m.open)
        if found is None:
            return None
        a, b = found.span(1) if found.group(1) else found.span(2)
        name = self.text[a:b]
        if name.lower() in _POSSESSIVE_PRONOUNS:
            ent = self.book.resolve_pronoun(_POSSESSIVE_PRONOUNS[name.lower()], a)
            return Mention(name, a, b, ent.name, "pronoun", "", ent.kind) if ent is not None else None
        b -= 2 if name.endswith(("'s", "’s")) else 1 if name.endswith(("'", "’")) else 0
        men = resolve_mention(self.text, masked, (a, b), self.book)
        return men if men.speaker else None

    def _starts_para_or_follows_quote(self, m: Marked, masked: str, ps: int) -> bool:
        before = masked[ps:m.open].strip()
        return not before or before.endswith(MASK) or before[-1] in ".!?"

    def _standalone(self, m: Marked, masked: str, ps: int, pe: int) -> bool:
        """Is an unclaimed quote a quotation of its own (not a scare quote or title)?"""
        inner = self.text[m.inner_start:m.inner_end]
        words = inner.split()
        before = masked[ps:m.open].rstrip()
        after_end = m.stop
        after = masked[after_end:pe].lstrip()
        if len(words) <= 6 and inner.rstrip()[-1:] not in ".!?" \
                and _mostly_title_case([w if not w[:1].isdigit() else "N" for w in words]):
            return False  # '"Tales From the Crypt," an HBO series', 'roles in "Apollo 13,"': titles
        if re.match(r",?\s*by\s+[A-Z]", self.text[m.stop:m.stop + 40]) or re.match(r"\s*by\s+[A-Z]", after):
            return False  # '"Sam Mendes leaves 'Chocolate Factory'," by Times' Michael Paulson': a headline cited
        starts = not before or before[-1] in ".!?:" or before.endswith(MASK)
        ends = not after or after[0] in ".!?" or after[0] == MASK or (inner.rstrip()[-1:] in ".!?" and (not after or after[0].isupper()))
        if starts and (ends or len(words) >= 6 or inner.rstrip()[-1:] in ",.!?"):
            return len(words) >= 2 or inner.rstrip()[-1:] in ".!?"
        if len(words) >= 8 and not _mostly_title_case(words):
            return True
        return False

    def _colon_cue(self, ps: int, pe: int, masked: str, sents=None) -> tuple[Mention | None, tuple | None]:
        """A paragraph ending with "X said:" (no quote after) introduces the next paragraph's quote."""
        tail = masked[ps:pe].rstrip()
        if not tail.endswith((":", ".")):
            return None, None
        if sents is None:
            sents = _sentences(self.text, masked, ps, pe, self.cues.pattern)
        if tail.endswith(":"):
            return self._colon_attribution(sents[-1][0] if sents else ps, ps + len(tail) - 1, masked)
        if tail.endswith(".") and sents:
            return self._bare_cue(sents[-1][0], ps + len(tail), masked)
        return None, None

    def _bare_cue(self, lo: int, hi: int, masked: str) -> tuple[Mention | None, tuple | None]:
        """A sentence ``masked[lo:hi]`` that is only an attribution, "Sam Lau said in a statement.",
        introduces the quote that follows it."""
        tail = masked[lo:hi].rstrip()
        ps = lo
        if len(tail) > 250 or self.cues.pattern.search(masked, lo, hi) is None:
            return None, None
        if True:
            toks = tokens(masked, lo, ps + len(tail) - 1)
            if not toks or len(toks) > 25 or any(t.is_quote for t in toks):
                return None, None
            hits = {h.start(): h.end() for h in self.cues.pattern.finditer(masked, lo, ps + len(tail))}
            if len(hits) != 1:
                return None, None
            for k in range(len(toks) - 1, max(0, len(toks) - 8), -1):
                if toks[k].start in hits and not toks[k].cap:
                    rest = toks[k + 1:]
                    if any(t.low in CLAUSE_VERBS or t.low == "that" or t.text == "," for t in rest):
                        return None, None
                    subj = subject_before(toks, k, masked)
                    if subj is None:
                        return None, None
                    i, j, _ = subj
                    men = resolve_mention(self.text, masked, (toks[i].start, toks[j - 1].end), self.book)
                    return (men, (toks[k].start, hits[toks[k].start])) if men.speaker else (None, None)
        return None, None

    def _bare_cue_after(self, m: Marked, masked: str, sents) -> tuple[Mention | None, tuple | None]:
        """'"... that are missing." Trump said.': a quotation closed by its own full stop (or ? !)
        and followed by a sentence that is only an attribution belongs to that attribution."""
        if not m.closed or self.text[m.inner_start:m.inner_end].rstrip()[-1:] not in (".", "!", "?", "\u2026"):
            return None, None
        nxt = next(((a, b) for a, b in sents if a >= m.stop), None)
        if nxt is None or masked[m.stop:nxt[0]].strip():
            return None, None
        return self._bare_cue(nxt[0], nxt[1], masked)

    def _signature_after(self, p: int, m: Marked, masked: str) -> tuple[Mention | None, tuple | None]:
        """A quotation that fills its paragraph, followed by a paragraph that is only a dash and
        a name ('"Q." / - Hillary Clinton.'): the name signs the quotation."""
        ps, pe, _ = self.paras[p]
        if p + 1 >= len(self.paras) or self.paras[p + 1][2] or masked[ps:m.open].strip() \
                or masked[m.stop:pe].strip(" .\t\r\n"):
            return None, None
        ns, ne, _ = self.paras[p + 1]
        sig = re.match(r"\s*[-\u2014\u2013]+\s*([A-Z][^\n.,;:!?\"\u201c\u201d]{1,60}?)[.,]?\s*$", self.text[ns:ne])
        if sig is None or len(sig.group(1).split()) > 6:
            return None, None
        men = resolve_mention(self.text, masked, (ns + sig.start(1), ns + sig.end(1)), self.book)
        return (men, None) if men.speaker else (None, None)

    def _colon_attribution(self, lo: int, hi: int, masked: str) -> tuple[Mention | None, tuple | None]:
        """Who introduces a quote with the sentence ``masked[lo:hi]`` ending in a colon:
        the subject of its cue ("X said:", "Said X:"), else the sentence's subject."""
        toks = tokens(masked, lo, hi)
        if not toks or len(toks) > 60:
            return None, None
        self._masked_cache = masked
        cue_starts = getattr(self, "_cue_starts", set())
        self._cue_starts = {m.start() for m in self.cues.pattern.finditer(masked, lo, hi)}
        try:
            for k in range(len(toks) - 1, -1, -1):
                if toks[k].start not in self._cue_starts:
                    continue
                c = self._cue_at(toks, k)
                span = None
                if k == 0 or toks[k - 1].is_quote:
                    np = np_after(toks, k + len(self.text[toks[k].start:c].split()))
                    if np is not None:
                        span = (toks[np[0]].start, toks[np[1] - 1].end)
                else:
                    subj = subject_before(toks, k, masked)
                    if subj is not None:
                        i, j, _ = subj
                        span = (toks[i].start, toks[j - 1].end)
                if span is not None:
                    return resolve_mention(self.text, masked, span, self.book), (toks[k].start, c)
            last = len(toks) - 1
            if toks[last].text == ")":  # "Rep. Trey Gowdy (R-S.C.):" - the name before its parenthesis
                last = next((x - 1 for x in range(last - 1, max(-1, last - 12), -1) if toks[x].text == "("), last)
            np = _np_back(toks, last)
            if np is not None and np[1] - np[0] <= 6 and any(t.cap for t in toks[np[0]:np[1]]) \
                    and (np[0] == 0 or toks[np[0] - 1].low in ("-", "\u2013", "\u2014", ",", "(", "from")
                         or toks[np[0] - 1].is_quote):
                # "... - Michael P. McDonald: "Q"" / "More from Jones: "Q""
                men = resolve_mention(self.text, masked, (toks[np[0]].start, toks[np[1] - 1].end), self.book)
                if men.speaker:
                    return men, None
            span = self._sentence_subject(masked, toks, len(toks))
            if span is not None:
                men = resolve_mention(self.text, masked, span, self.book)
                return (men, None) if men.speaker else (None, None)
            return None, None
        finally:
            self._cue_starts = cue_starts

    def _cue_at(self, toks: list[Tok], k: int) -> int | None:
        """End offset of a cue starting at token ``k``, else None."""
        m = self.cues.pattern.match(self._masked_cache, toks[k].start) if hasattr(self, "_masked_cache") else None
        return m.end() if m else None

    # ---- per sentence
    def _cue_spans(self, masked: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """``[m.span() for m in self.cues.pattern.finditer(masked, lo, hi)]``, faster: masked
        quotations are skipped (no cue form holds a MASK, and a cue's look-behind and
        look-ahead see the same non-word character at a mask as at the ends of a search)."""
        if _cue_scanner(self.cues) is None:
            return [m.span() for m in self.cues.pattern.finditer(masked, lo, hi)]
        out: list[tuple[int, int]] = []
        pos = lo
        while pos < hi:
            k = masked.find(MASK, pos, hi)
            if k < 0:
                out.extend(self._cue_spans_unmasked(masked, pos, hi))
                break
            if k > pos:
                out.extend(self._cue_spans_unmasked(masked, pos, k))
            m = _NOT_MASK.search(masked, k, hi)
            if m is None:
                break
            pos = m.start()
        return out

    def _cue_spans_unmasked(self, masked: str, lo: int, hi: int) -> list[tuple[int, int]]:
        fast = _cue_scanner(self.cues)
        out = []
        if lo == 0:  # no character before the first match to consume
            m = self.cues.pattern.match(masked, 0, hi)
            if m is not None:
                out.append(m.span())
                lo = m.end()
        else:
            lo -= 1
        out.extend(m.span(1) for m in fast.finditer(masked, lo, hi))
        return out

    def _paragraph_cues(self, masked: str, sents: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """The cue matches ``(start, end)`` of each sentence of one paragraph (``sents``, in
        order), exactly as a search of each sentence alone finds them, from one scan."""
        if len(sents) <= 1:
            return [self._cue_spans(masked, ss, se) for ss, se in sents]
        out: list[list] = [[] for _ in sents]
        x = 0
        ss, se = sents[0]
        for a, b in self._cue_spans(masked, ss, sents[-1][1]):
            while a >= se:
                x += 1
                ss, se = sents[x]
            # a match across a sentence end, or a sentence end that is no space (where the
            # cue's look-ahead could see a letter): search each sentence alone
            if a < ss or b > se or (b == se and x + 1 < len(sents) and not masked[se].isspace()):
                return [self._cue_spans(masked, s, e) for s, e in sents]
            out[x].append((a, b))
        return out

    def _sentence(self, p, ss, se, masked, ms, claimed, para_quotes, chains, chain_quote, cue_hits=None):
        text = self.text
        self._masked_cache = masked
        if cue_hits is None:
            cue_hits = [(m.start(), m.end()) for m in self.cues.pattern.finditer(masked, ss, se)]
        if not cue_hits:
            return
        by_pos = {m.open: m for m in ms if ss <= m.open < se} if ms else {}
        self._cue_starts = {a for a, _ in cue_hits}
        toks = tokens(masked, ss, se)
        tok_index = dict(zip(map(_TOK_START, toks), range(len(toks))))
        covered_until = ss  # indirect content already taken (skip cues inside it)
        last_speaker: Mention | None = None
        for cs, ce in cue_hits:
            k = tok_index.get(cs)
            if k is None:
                continue
            form = text[cs:ce]
            lemma, cls = self.cues.get(form)
            if cs < covered_until:
                continue
            if k <= 2 and lemma != "according to" and (
                    (k <= 1 and toks[k].low.endswith("ing") and (k == 0 or toks[0].low in _FRONTING_PREP))
                    or (toks[k].low == "asked" and all(x.low in _ASKED_LEAD for x in toks[:k]))):
                q = self._fronted_participle(p, masked, toks, k, by_pos)
                if q is not None:
                    for m in q[0].marks:
                        claimed.add(id(m))
                        m.used = True
                    covered_until = max(covered_until, q[1])
                    para_quotes.append(q[0])
                    continue
            if text[cs].isupper() and lemma != "according to" and not (k == 0 and ce < se and masked[ce] == " "
                                                                        and ":" in masked[ce:min(se, ce + 60)]):
                continue  # "State Department", "Call" in a title
            prev_low = toks[k - 1].low if k > 0 else ""
            if prev_low in ("the", "a", "an", "his", "her", "its", "their", "this", "that", "our", "my") and lemma != "according to":
                continue  # a noun: "the report", "a call"
            q = self._attribution(p, ss, se, masked, toks, k, cs, ce, lemma, by_pos, claimed, last_speaker)
            if q is None:
                continue
            quote, end_used = q
            if quote.mention is not None and quote.mention.speaker:
                last_speaker = quote.mention
            if quote.type == "direct" and quote.marks:
                earlier = chain_quote.get(quote.marks[0].chain)
                if earlier is not None and earlier is not quote:
                    # the attribution of a multi-paragraph quote begun in an earlier paragraph
                    for m in quote.marks:
                        claimed.add(id(m))
                        m.used = True
                        if m not in earlier.marks:
                            earlier.marks.append(m)
                            earlier.fragments.append([m.inner_start, m.inner_end])
                    earlier.mention, earlier.cue = quote.mention, quote.cue
                    continue
            for m in quote.marks:
                claimed.add(id(m))
                m.used = True
                if quote.type == "direct":
                    chain_quote[m.chain] = quote
            # direct quote: also attach the other paragraphs of a multi-paragraph chain
            if quote.type == "direct" and quote.marks:
                chain = chains.get(quote.marks[0].chain, [])
                if len(chain) > 1:
                    frs = []
                    for m in chain:
                        if m.used and m not in quote.marks:
                            continue
                        frs.append([m.inner_start, m.inner_end])
                        m.used = True
                        if m not in quote.marks:
                            quote.marks.append(m)
                        chain_quote[m.chain] = quote
                    extra = [f for f in quote.fragments if f not in frs]
                    quote.fragments = sorted(frs + extra)
            if quote.type in ("indirect", "mixed"):
                covered_until = max(covered_until, end_used)
            para_quotes.append(quote)

    def _fronted_participle(self, p, masked, toks, k, by_pos):
        """'Conceding that a deal would come "down the line," Lee warned ...', 'In declaring the
        statements "not Christian," the pope ...': a participle cue opening the sentence reports
        the words up to the comma before the main clause, whose subject is the speaker. Only
        with quoted words (a mixed quote); returns (quote, end offset) or None."""
        text, n = self.text, len(toks)
        c = k + 1
        asker = None
        if toks[k].low == "asked":  # 'When asked (by Reed) whether ...': the question; the asker speaks
            if c < n and toks[c].low == "by":
                np = np_after(toks, c + 1)
                if np is None:
                    return None
                z = np[0]
                while z < np[1] and toks[z].low not in ("if", "whether", "to", "how", "what", "why", "about", "when"):
                    z += 1
                asker, c = (np[0], z), z
            if c >= n or toks[c].low not in ("if", "whether", "to", "how", "what", "why", "about", "when", "who"):
                return None
        if c < n and toks[c].low in ("that", "on", "upon", "about"):
            c += 1
        for x in range(c + 1, min(n - 1, c + 40)):
            t = toks[x]
            closes = t.is_quote and text[t.start:t.end].rstrip(ALL_MARKS)[-1:] == ","
            if t.text in (".", ";", ":", "!", "?") or (t.start in self._cue_starts and not t.low.endswith("ing")
                                                        and toks[k].low != "asked"):
                return None
            if t.text != "," and not closes:
                continue
            y = x + 1
            while y < n and (toks[y].low in ("though", "however", "meanwhile", "too", "then") or toks[y].text == ","):
                y += 1
            z = y + 1 if y < n and toks[y].low in DETERMINERS else y
            while z < n and z - y < 7 and _np_token_ok(toks[z]) and not toks[z].is_quote and (toks[z].cap or not (
                    toks[z].low in AUX or toks[z].low in _FINITE or toks[z].low in CLAUSE_VERBS or toks[z].low.endswith(("ed", "ly"))
                    or toks[z].start in self._cue_starts or toks[z].low in ("again", "also", "still", "then", "did"))):
                z += 1  # the subject: up to its verb ('the pope again showed', 'Ann Lee did suggest')
            if z == y or z >= n or toks[z].is_quote or toks[z].text in ",.;:!?" or toks[z].cap:
                return None
            np = (y, z)
            e = t.end if closes else toks[x - 1].end
            marks_ = [m for m in by_pos.values() if toks[c].start <= m.open < e and not m.used]
            if not marks_:
                return None
            if toks[k].low == "asked":  # the one asked is the main clause's subject, not the speaker
                men = resolve_mention(text, masked, (toks[asker[0]].start, toks[asker[1] - 1].end), self.book) \
                    if asker is not None else None
                if men is not None and not men.speaker:
                    return None
            else:
                men = resolve_mention(text, masked, (toks[np[0]].start, toks[np[1] - 1].end), self.book)
                if not men.speaker:
                    return None
            s0, e0 = _strip_span(text, toks[c].start, e)
            return Quote([[s0, max(e0, e if closes else e0)]], "mixed", (toks[k].start, toks[k].end), men, p,
                         marks=marks_), e
        return None

    def _attribution(self, p, ss, se, masked, toks, k, cs, ce, lemma, by_pos, claimed, last_speaker):
        text = self.text
        n = len(toks)
        # index of the token after the cue
        after = k
        while after < n and toks[after].start < ce:
            after += 1
        if lemma == "according to":
            return self._according(p, ss, se, masked, toks, k, after, cs, ce, by_pos, claimed)
        if after < n and toks[after].low in CLAUSE_VERBS and toks[after].low not in ("told", "said") and not toks[after].cap:
            return None  # a noun: "the state was", "his tweet has"
        if k > 0 and (toks[k - 1].low.endswith("’s") or toks[k - 1].low.endswith("'s")) \
                and not _contracted_subject(toks[k - 1], toks[k]):
            return None  # "Trump's tweet"
        if lemma in NOUNISH and toks[k].low in (lemma, lemma + "s") and k > 0 and (
                toks[k - 1].low in DETERMINERS or (k > 1 and toks[k - 2].low in ("a", "an", "the", "his", "her", "their", "its"))):
            return None  # a noun: "a wake-up call", "a snappy retort", "near-constant calls"
        if k > 0 and toks[k - 1].low in ("was", "were", "been", "being", "is", "are", "be") and not toks[k].low.endswith("ing"):
            return None  # passive: "it was said that", "he was told"
        if after + 1 < n and toks[after].low in ("down", "off", "out", "up") and toks[after + 1].low == "by":
            return None  # a phrasal verb in the passive: "was booed and shouted down by supporters"
        # ---------- speaker mention
        mention_span = None  # as written (may include ", who ...")
        np_span = None  # the noun phrase resolved to a speaker
        appositive = ""
        inverted = False
        quote_before = None
        restrictive = False  # 'a Lincoln impersonator who promises that ...': a cue in a restrictive relative clause
        # "..., adding that", "a statement saying", "by saying": the -ing cue takes the sentence's speaker
        participle = k > 0 and toks[k].low.endswith("ing") and toks[k - 1].low not in (
            "is", "was", "were", "are", "be", "been", "am", "’s", "'s", "’re", "'re", "keeps", "kept", "started", "began",
            "continued", "not", "also", "repeatedly", "publicly", "privately", "still")
        # "... and said ..." / "... and then said ...": a cue coordinated with an earlier predicate
        coordinated = k > 0 and not toks[k].low.endswith("ing") and (toks[k - 1].low in ("and", "but") or (
            k > 1 and toks[k - 1].low in _COORD_ADVERBS and toks[k - 2].low in ("and", "but")))
        subj = None if (participle or coordinated) else subject_before(toks, k, masked)
        contracted = k > 0 and not (participle or coordinated) and _contracted_subject(toks[k - 1], toks[k])
        if contracted:  # "He's said he ...": the pronoun without its "'s"
            subj = None
            np_span = mention_span = (toks[k - 1].start, toks[k - 1].end - 2)
        if not (participle or coordinated) and k > 1:
            # '"Q," the bespectacled, 71-year-old diplomat said': everything between quote and cue
            q = k - 1
            while q >= 0 and k - q <= 14 and not toks[q].is_quote and (
                    toks[q].text == "," or _np_token_ok(toks[q]) or toks[q].low in DETERMINERS
                    or (toks[q].low in _NP_PREP and q > 0 and _is_wordlike(toks[q - 1]))):
                q -= 1  # (a preposition inside the phrase: '"Q," a message on the website reads')
            mq = by_pos.get(toks[q].start) if q >= 0 and toks[q].is_quote else None
            if mq is not None and q + 1 < k and _modifier_quote(text, mq, toks[q + 1]):
                q = -1  # 'the "Avatar" star posted': the quotation modifies the subject's noun; it was not said
            if q >= 0 and toks[q].is_quote:
                i = q + 1
                while i < k and toks[i].text in (",", "-", "\u2014"):
                    i += 1
                j = _skip_back(toks, k - 1)
                while j > i and toks[j].text == ",":
                    j -= 1
                if i <= j and any(t.text[0].isalpha() for t in toks[i:j + 1]):
                    subj = (i, j + 1, "")
                    prep = next((x for x in range(i + 1, j) if toks[x].low in _NP_PREP), None)
                    if prep is not None:  # 'Kirsten Pfeifer from the association': the head before the preposition
                        subj = (i, prep, f"postmod:{j + 1}")
        if subj is not None and subj[2].startswith("apposition") and toks[k - 1].text == "," \
                and _not_appositive(toks[int(subj[2].split(":")[1])]) and lemma not in NEEDS_OBJECT:
            np = np_after(toks, after)
            if np is not None and (np[1] >= n or toks[np[1]].text in (",", ".", "!", "?", ";")):
                subj = None  # '<clause>, forcing cuts, said Olsen.': a clause then an inverted cue, no appositive
        if subj is not None and _naming_participle(toks, subj, k, after, lemma, text, by_pos):
            return None  # 'a 2002 psychology class called "Perception"': a name, not speech
        if subj is not None:
            i, j, how = subj
            np_span = mention_span = (toks[i].start, toks[j - 1].end)
            if how.startswith("relative"):
                restrictive = toks[int(how.split(":")[1]) - 1].text != ","
                # "a source, who asked not to be named, told ...": the relative clause is an aside
                nxt_comma = next((x for x in range(after, n) if toks[x].text == ","), None)
                if nxt_comma is not None and nxt_comma + 1 < n and toks[nxt_comma + 1].start in self._cue_starts:
                    return None
                r = int(how.split(":")[1])
                mention_span = (toks[r].start, toks[r].end)  # "who", as written at the cue
            elif how.startswith("apposition"):
                _, a, b = how.split(":")
                a, b = int(a), int(b)
                app_s, app_e = toks[a].start, toks[b - 1].end
                appositive = text[app_s:app_e].strip()
                if toks[a].low in ("who", "whose", "which"):
                    mention_span = (toks[i].start, app_e)
                elif not toks[j - 1].cap and _appositive_name(toks, a, b):
                    # "The mayor, Lopez, said": the name in apposition is the speaker, the noun phrase its descriptor
                    lead = i + 1 if toks[i].low in ("the", "a", "an") else i
                    appositive = text[toks[lead].start:toks[j - 1].end] if lead < j else ""
                    np_span, mention_span = (app_s, app_e), (toks[i].start, app_e)
            elif how.startswith("postmod"):
                # "a source familiar with the talks said": the post-modifier is part of the mention as written
                mention_span = (toks[i].start, toks[int(how.split(":")[1]) - 1].end)
            if i > 0 and toks[i - 1].is_quote or (i > 1 and toks[i - 1].text in ",\u2014-" and toks[i - 2].is_quote):
                qt = toks[i - 1] if toks[i - 1].is_quote else toks[i - 2]
                quote_before = by_pos.get(qt.start)
                if quote_before is not None and qt is toks[i - 1] and _modifier_quote(text, quote_before, toks[i]):
                    quote_before = None
            elif i > 0 and toks[i - 1].text == "," and (after >= n or toks[after].text in (".", ",", "!", "?", ";")
                                                         or _trailing_adjunct(toks, after)
                                                         or _adjunct_then_participle(toks, after)) \
                    and not (after + 1 < n and toks[after].text == "," and toks[after + 1].is_quote):
                inverted = True  # "<clause>, the minister said." (not "..., Ryan said, "Q"")
        elif contracted:
            pass
        elif participle or coordinated:
            # ", adding that ..." / "..., and said that ...": the sentence's speaker
            if last_speaker is not None and last_speaker.end > last_speaker.start:
                np_span = mention_span = (last_speaker.start, last_speaker.end)
            else:
                np_span = mention_span = self._sentence_subject(masked, toks, k)
            if mention_span is None:
                return None
        elif k > 0 and (toks[k - 1].is_quote or (k > 1 and toks[k - 1].text in ",\u2014-" and toks[k - 2].is_quote)) \
                or (k > 1 and toks[k - 1].text == "," and lemma not in PARTIAL_CUES) or k == 0:
            # "Q, said X, <appositive>" / "<clause>, said X."
            if k > 0 and (toks[k - 1].is_quote or toks[k - 2].is_quote):
                qt = toks[k - 1] if toks[k - 1].is_quote else toks[k - 2]
                quote_before = by_pos.get(qt.start)
                if quote_before is not None and not quote_before.used and _title_after_lead(text, masked, ss, quote_before):
                    quote_before = None  # 'X, host of MSNBC's "Morning Joe," suggested ...': a title, then the cue
            np = np_after(toks, after)
            if np is None:
                return None
            a, b = np
            if quote_before is None and b < n and toks[b].text not in (",", ".", "!", "?", ";", ":") \
                    and not _trailing_adjunct(toks, b):
                return None
            np_span = mention_span = (toks[a].start, toks[b - 1].end)
            inverted = True
            if b < n and toks[b].text == ",":
                end = b + 1
                while end < n and toks[end].text not in (",", ".", ";", ")") and not toks[end].is_quote:
                    end += 1
                if end > b + 1:
                    appositive = text[toks[b + 1].start:toks[end - 1].end]
                    if toks[b + 1].low in ("who", "whose"):
                        mention_span = (mention_span[0], toks[end - 1].end)
            after = b
            if quote_before is None and b + 1 < n and toks[b].text in (":", ",") and toks[b + 1].is_quote:
                inverted = False  # "Said Stone: "Q""
        else:
            return None
        if mention_span is None or not _WORD.search(text[mention_span[0]:mention_span[1]]):
            return None
        # ---------- content
        cue = (cs, ce)

        def make(fr, typ, marks_):
            men = resolve_mention(text, masked, np_span, self.book, appositive=appositive)
            men.text, men.start, men.end = text[mention_span[0]:mention_span[1]], mention_span[0], mention_span[1]
            return Quote([list(f) for f in fr], typ, cue, men, p, marks=marks_)

        if quote_before is not None and not quote_before.used and _title_after_lead(text, masked, ss, quote_before):
            quote_before = None  # 'Speaking on ABC's "This Week," Carson said ...': a title, not a quotation
        if quote_before is not None and not quote_before.used:
            frs = [[quote_before.inner_start, quote_before.inner_end]]
            marks_ = [quote_before]
            # interrupted quote: "Q1," he said, "Q2"
            j = after
            while j < n and (toks[j].low in DAYS or toks[j].low in ("on", "in", "a", "statement", "later", "an", "interview")):
                j += 1
            if j + 1 < n and toks[j].text in (",", ":") and toks[j + 1].is_quote:
                q2 = by_pos.get(toks[j + 1].start)
                if q2 is not None and not q2.used:
                    frs.append([q2.inner_start, q2.inner_end])
                    marks_.append(q2)
            elif j + 2 < n and toks[j].text == "," and toks[j + 1].low in _CONTINUES_SENTENCE \
                    and not _WORD.search(masked[ss:quote_before.open]) and se is not None:
                # '"It's our bad luck," he said, that both men ...': the sentence the quotation
                # began goes on without marks after the attribution; one mixed quote
                second = self._second_part(masked, toks, toks[j].start, se)
                if second is not None:
                    return make([[quote_before.open, quote_before.stop], second], "mixed", marks_), second[1]
            # words of the sentence before the quote: '<clause> "Q," X said' is one mixed quote
            lead = masked[ss:quote_before.open]
            if _WORD.search(lead) and lead.strip()[-1:] not in (".", "!", "?", ":", "(") and not _lead_has_report(lead, ss, self._cue_starts):
                lead_s, _ = _strip_span(text, ss, quote_before.open)
                lead_s = _skip_connective(text, lead_s, quote_before.open)
                if not _WORD.search(masked[lead_s:quote_before.open].replace(MASK, "")) is None:
                    frs[0] = [lead_s, quote_before.stop]
                    marks_ = [m for m in by_pos.values() if lead_s <= m.open < quote_before.stop and not m.used] + marks_[1:]
                    return make(frs, "mixed", marks_), ce
            return make(frs, "direct", marks_), ce
        if inverted:
            # "<clause>, X said." : the content is the sentence before the comma
            q = self._clause_before(p, ss, masked, toks, min(mention_span[0], cs), cue, np_span, appositive, by_pos, lemma,
                                    attr_end=ce if mention_span[1] <= cs else None, se=se)
            if q is not None:
                q[0].mention.text, q[0].mention.start, q[0].mention.end = (
                    text[mention_span[0]:mention_span[1]], mention_span[0], mention_span[1])
            return q
        # content after the cue: fillers, then a quote or a clause
        j = after
        filler = 0
        if lemma in NEEDS_OBJECT or lemma in ("say", "add", "announce", "explain", "write", "state", "report", "post", "tweet"):
            # "told reporters", "told ABC News", "said in a statement on Sunday"
            while j < n and filler < 12 and toks[j].low not in ("that", ":") and not toks[j].is_quote:
                t = toks[j]
                if t.text in (",", ".", ";", "(") or t.low in CLAUSE_VERBS:
                    break
                if lemma not in NEEDS_OBJECT and filler == 0 and t.low not in ("in", "on", "at", "during", "to", "after",
                                                                                   "later", "earlier", "afterwards", "then",
                                                                                   "separately", "previously", "yesterday",
                                                                                   "today", "tonight", "recently",
                                                                                   "before", "from", "with", "through",
                                                                                   "via", "last", "this", "again",
                                                                                   "repeatedly", "also", "publicly",
                                                                                   "privately", "late", "early") \
                        and t.low not in DAYS and not t.low.endswith("ly"):
                    break
                j += 1
                filler += 1
            if filler and j < n and toks[j].low not in ("that", ":") and not toks[j].is_quote and toks[j].text != ",":
                # the filler was the start of the clause itself ("said the plan ...") unless an object ("told Y ...")
                if lemma in NEEDS_OBJECT and filler <= 4 and is_clause(toks, j):
                    pass
                elif toks[after].low in DAYS and lemma not in NEEDS_OBJECT:
                    # "said Friday the plan was dead": a day (and part of it), then the clause
                    d = after + 1
                    while d < j and toks[d].low in ("morning", "afternoon", "evening", "night"):
                        d += 1
                    j = d if d < j and toks[d].low not in CLAUSE_VERBS and is_clause(toks, d) else after
                elif lemma in _ADDRESSEE_FIRST:
                    # 'told reporters the plan would fail': the addressee, then the reported clause;
                    # 'told his advisers as he worked on ...': an addressee and no reported clause
                    c = _clause_after_addressee(toks, after, j)
                    if c is None and any(t.low in _ADVERBIAL_SUBORDINATORS for t in toks[after:j]):
                        return None
                    j = after if c is None else c
                else:
                    j = after
            elif lemma in _ADDRESSEE_FIRST and filler > 4 and j < n and toks[j].is_quote:
                # 'assured me he's going to keep it "classy"': a clause after the addressee runs up to
                # the quotation, which is part of it
                c = _clause_after_addressee(toks, after, j)
                if c is not None:
                    j = c
        else:
            while j < n and filler < 3 and (toks[j].low in DAYS or toks[j].low.endswith("ly") and len(toks[j].low) > 4
                                           or toks[j].low in ("again", "also", "on", "last", "this")):
                j += 1
                filler += 1
        adjunct_from = j
        if j < n and toks[j].low != "that" and not toks[j].is_quote:
            # "declared in a heated argument with Keyworth that ...": an adjunct, then the reported clause
            j = _that_after_adjunct(toks, j, self._cue_starts, with_object=lemma in NEEDS_OBJECT)
            if lemma not in PARTIAL_CUES:  # ('calls for reform, "to make ..."': the object of 'call for')
                j = _quote_after_adjunct(toks, j, self._cue_starts)
        # allow ", however," / "repeatedly"
        if j < n and toks[j].text in (",", ":") and j + 1 < n and toks[j + 1].is_quote:
            j += 1
        if j < n and toks[j].is_quote:
            m = by_pos.get(toks[j].start)
            if m is None or m.used:
                return None
            if j > after and toks[j - 1].low.endswith(("'s", "’s")) and _scare_quote(text, m, toks, j):
                return None  # 'he said on MSNBC's "Morning Joe."': a programme, not the words said
            # a short quote after call/describe: partial
            end_tok = j + 1
            rest_is_end = end_tok >= n or toks[end_tok].text in (".", "!", "?", ",", ";") or toks[end_tok].is_quote
            words = len(text[m.inner_start:m.inner_end].split())
            if lemma in PARTIAL_CUES:
                return make([[m.inner_start, m.inner_end]], "partial", [m]), m.close
            # '"What a night!" and said ...' / '"self-deportation," which ...': punctuation inside
            # the closing mark ends the quoted statement; the words after it are the journalist's
            closed = text[m.inner_start:m.inner_end].rstrip()[-1:] in (",", ".", "!", "?")
            if not rest_is_end:
                # '"the judge and the jury" in his handling of ...': the clause goes on after the quote
                end = _content_end(masked, toks, j, se, self._cue_starts, text=self.text)
                s0, e0 = _strip_span(text, m.open, end)
                if not closed and len(masked[m.stop:e0].split()) >= 2:
                    marks_ = [x for x in by_pos.values() if s0 <= x.open < e0 and not x.used]
                    return make([[s0, e0]], "mixed", marks_), e0
                if words <= 4 and text[m.inner_start:m.inner_end].rstrip()[-1:] not in ("!", "?"):
                    return make([[m.inner_start, m.inner_end]], "partial", [m]), m.close
            frs = [[m.inner_start, m.inner_end]]
            marks_ = [m]
            m2 = self._resumed_after(toks, j, by_pos)
            if m2 is not None:  # 'Fallon fired back: "Q1," he wrote, "Q2."': one quotation
                frs.append([m2.inner_start, m2.inner_end])
                marks_.append(m2)
                return make(frs, "direct", marks_), m2.close
            return make(frs, "direct", marks_), m.close
        object_only = lemma in PARTIAL_CUES and j < n and toks[j].low in ("for", "on", "up", "off", "in")
        if object_only:
            j += 1  # "called for ..." is not naming
        if lemma in PARTIAL_CUES and not object_only:
            # "called the offer 'insulting'": a short quote within a few words
            for jj in range(j, min(n, j + 7)):
                t = toks[jj]
                if t.text in (".", ";", "!", "?"):
                    break
                if t.is_quote:
                    m = by_pos.get(t.start)
                    if m is not None and not m.used and len(self.text[m.inner_start:m.inner_end].split()) <= 8:
                        if jj > j:
                            # "called the agreement 'an historic step forward' in global efforts to ...":
                            # when the sentence goes on, the object phrase with the quote is a mixed quote
                            end = _content_end(masked, toks, j, se, self._cue_starts, text=self.text)
                            s0, e0 = _strip_span(text, toks[j].start, end)
                            rest = [w for w in masked[m.stop:e0].split() if w.lower().strip(".,") not in DAYS
                                    and w.lower() not in ("on", "in", "at", "last", "this")]
                            if len(rest) >= 3:
                                marks_ = [x for x in by_pos.values() if s0 <= x.open < e0 and not x.used]
                                return make([[s0, e0]], "mixed", marks_), e0
                            # "called the plan 'a disaster'": the speaker says the plan is "a disaster"; the
                            # small clause (object + quoted predicate) is what is reported: a mixed quote
                            return make([[toks[j].start, m.stop]], "mixed", [m]), m.stop
                        return make([[m.inner_start, m.inner_end]], "partial", [m]), m.close
                    break
            return None
        has_that = j < n and toks[j].low == "that"
        if has_that:
            j += 1
        elif j < n and toks[j].low in ("to",) and lemma in ("say",):
            return None
        if j >= n:
            return None
        if j - after > 0 and not has_that and filler and lemma not in NEEDS_OBJECT:
            pass
        if lemma in _KEEP_VERBS and not has_that and not (toks[j].low in PRONOUNS or toks[j].cap or toks[j].is_quote):
            return None  # 'maintained an energetic pace', 'continued its investigation': not speech
        if object_only or (not has_that and not is_clause(toks, j, quote_verb=lemma in SAY_LIKE)):
            return self._object_with_quote(p, masked, toks, j, se, by_pos, make)
        if has_that and j < n and toks[j].low in ("is", "was", "will", "would", "has"):
            return None  # "said that was ..." (demonstrative)
        if not has_that and toks[j].low in _TIME_NOUN and j + 1 < n and toks[j + 1].low in _MODALS and toks[k].low.endswith("ed"):
            return None  # "A megamerger announced Monday would turn ...": a participle, not a report
        # noun + that: "bristled at the idea that ..." (content belongs to the noun)
        if has_that and any(t.low in NOUN_THAT for t in toks[after:j]) \
                and (j - 1 <= adjunct_from or toks[j - 2].low in NOUN_THAT):
            return None
        start = toks[j].start
        end = _content_end(masked, toks, j, se, self._cue_starts, text=self.text, adverbial=True)
        if restrictive:  # 'Republicans who agree that the prison should close [were irritated]': before the main verb
            end = _complement_end(text, toks, j, end, 1)
        s, e = _strip_span(text, start, end)
        if e - s < 3:
            return None
        marks_ = [m for m in by_pos.values() if s <= m.open and m.stop <= e + 1 and not m.used]
        if restrictive and not marks_:
            return None  # 'voters who say the economy ...': a description of a group, reported only with quoted words
        typ = "mixed" if marks_ else "indirect"
        if marks_ and len(marks_) == 1:
            m = marks_[0]
            outside = text[s:m.open].strip() + text[m.stop:e].strip()
            if not _WORD.search(outside):
                return make([[m.inner_start, m.inner_end]], "direct", marks_), e
        return make([[s, e]], typ, marks_), e

    def _resumed_after(self, toks: list[Tok], j: int, by_pos) -> Marked | None:
        """The quotation resuming the one at token ``j`` after a short attribution of the same
        speaker ('"Q1," he wrote, "Q2."'), or None."""
        n = len(toks)
        for c in range(j + 2, min(n - 2, j + 6)):
            if toks[c].start not in self._cue_starts:
                continue
            subj = toks[j + 1:c]
            if not subj or not (len(subj) == 1 and subj[0].low in PRONOUNS or all(t.cap for t in subj)):
                return None
            e = c + 1
            while e < n and toks[e].start < (self._cue_at(toks, c) or toks[c].end):
                e += 1
            if e + 1 < n and toks[e].text == "," and toks[e + 1].is_quote:
                m2 = by_pos.get(toks[e + 1].start)
                return m2 if m2 is not None and not m2.used else None
            return None
        return None

    def _object_with_quote(self, p, masked, toks, j, se, by_pos, make):
        """"questioned Trump's "New York values"": an object phrase holding quoted words is a mixed quote."""
        text = self.text
        n = len(toks)
        for jj in range(j, min(n, j + 15)):
            t = toks[jj]
            if t.text in (".", ";", "!", "?", ":") or (t.start in self._cue_starts and not t.text[0].isupper()):
                return None  # another cue comes first ("lashed out at what it called 'x'")
            if t.is_quote:
                m = by_pos.get(t.start)
                if m is None or m.used or _scare_quote(text, m, toks, jj):
                    return None
                end = _content_end(masked, toks, j, se, self._cue_starts, text=self.text)
                s, e = _strip_span(text, toks[j].start, end)
                if e <= m.open:
                    return None
                return make([[s, e]], "mixed", [x for x in by_pos.values() if s <= x.open < e and not x.used]), e
        return None

    def _second_part(self, masked, toks, attr_end: int, se: int) -> list | None:
        """'<clause>, X said, <more>': the words after the attribution, as a second fragment."""
        i = next((x for x, t in enumerate(toks) if t.start >= attr_end), None)
        if i is None or toks[i].text != "," or i + 2 >= len(toks):
            return None
        if toks[i + 1].low.endswith("ing") or toks[i + 1].low in ("who", "which", "according"):
            return None
        if toks[i + 1].low in ("a", "an", "the") and not is_clause(toks, i + 1, quote_verb=True):
            return None  # '..., X said, a day after the vote': an appositive, not more of the report
        e = _content_end(masked, toks, i + 1, se, self._cue_starts, text=self.text)
        s0, e0 = _strip_span(self.text, toks[i + 1].start, e)
        return [s0, e0] if len(masked[s0:e0].split()) >= 2 else None

    def _clause_before(self, p, ss, masked, toks, mention_start, cue, mention_span, appositive, by_pos, lemma,
                       attr_end: int | None = None, se: int | None = None):
        """"<clause>, X said." / "<clause>, said X.": the clause from the sentence start
        (and the rest of the sentence when the attribution sits in its middle)."""
        text = self.text
        s = ss
        e = mention_start if mention_start < cue[0] else cue[0]
        # back over the comma before the mention/cue
        while e > s and text[e - 1] in " ,\u2014-\n":
            e -= 1
        s, e = _strip_span(text, s, e, " \t\n\r,;:\u2014-")
        s = _skip_connective(text, s, e)
        if e - s < 8:
            return None
        local = tokens(masked, s, e)
        if not local or not (is_clause(local, 0, limit=30, quote_verb=True) or _clause_after_lead(local)
                             or (attr_end is not None and _verb_after(toks, attr_end))):
            return None
        marks_ = [m for m in by_pos.values() if s <= m.open < e and not m.used]
        typ = "mixed" if marks_ else "indirect"
        if len(marks_) == 1:
            m = marks_[0]
            outside = text[s:m.open].strip() + text[m.stop:e].strip()
            if not _WORD.search(outside):
                men = resolve_mention(text, masked, mention_span, self.book, appositive=appositive)
                return Quote([[m.inner_start, m.inner_end]], "direct", cue, men, p, marks=marks_), cue[1]
        men = resolve_mention(text, masked, mention_span, self.book, appositive=appositive)
        frs = [[s, e]]
        if attr_end is not None and se is not None:
            second = self._second_part(masked, toks, attr_end, se)
            if second is not None:
                frs.append(second)
                marks_ = [m for m in by_pos.values() if (s <= m.open < e or second[0] <= m.open < second[1]) and not m.used]
                typ = "mixed" if marks_ else "indirect"
        return Quote(frs, typ, cue, men, p, marks=marks_), (frs[-1][1] if len(frs) > 1 else cue[1])

    def _according(self, p, ss, se, masked, toks, k, after, cs, ce, by_pos, claimed):
        text = self.text
        n = len(toks)
        np = np_after(toks, after)
        if np is None:
            return None
        a, b = np
        mention_span = (toks[a].start, toks[b - 1].end)
        cue = (cs, ce)
        if k > 0 and toks[k - 1].is_quote:
            # '"Q," according to X.'
            m = by_pos.get(toks[k - 1].start)
            if m is None or m.used:
                return None
            men = resolve_mention(text, masked, mention_span, self.book)
            lead = masked[ss:m.open]
            if _WORD.search(lead.replace(MASK, "")) and lead.strip()[-1:] not in (".", "!", "?", ":") \
                    and not _title_after_lead(text, masked, ss, m):
                # 'She later compared it to a "root canal," according to his memoir': one mixed quote
                lead_s, _ = _strip_span(text, ss, m.open)
                marks_ = [x for x in by_pos.values() if lead_s <= x.open < m.stop and not x.used]
                return Quote([[lead_s, m.stop]], "mixed", cue, men, p, marks=marks_), ce
            return Quote([[m.inner_start, m.inner_end]], "direct", cue, men, p, marks=[m]), ce
        # "According to X, <clause>"
        if k == 0 or (k == 1 and toks[0].low in ("but", "and", "yet")):
            j = b
            if j < n and toks[j].text == ",":
                j += 1
            if j >= n:
                return None
            s = toks[j].start
            e = _content_end(masked, toks, j, se, self._cue_starts, text=self.text)
        else:
            # "<clause>, according to X."
            if not (toks[k - 1].text == ","):
                return None
            s = ss
            e = toks[k - 1].start
            if b < n and toks[b].text not in (".", ",", "!", "?", ";"):
                return None
            second = self._second_part(masked, toks, toks[b - 1].end, se)
            if second is not None:
                # "Among the precedents at risk, according to Ms. Epstein, are 16 ..."
                s0, e0 = _strip_span(text, s, e)
                marks_ = [m for m in by_pos.values() if (s0 <= m.open < e0 or second[0] <= m.open < second[1]) and not m.used]
                men = resolve_mention(text, masked, mention_span, self.book)
                return Quote([[s0, e0], second], "mixed" if marks_ else "indirect", cue, men, p, marks=marks_), second[1]
        s, e = _strip_span(text, s, e)
        if e - s < 3:
            return None
        marks_ = [m for m in by_pos.values() if s <= m.open < e and not m.used]
        # '"Q," Walker said, according to an AP account': quoted words inside make it mixed even
        # when the inner attribution has taken them
        if not marks_ and any(s <= m.open < e and m.used for m in by_pos.values()):
            return None  # '"Q," Walker said, according to an AP account': the quote has its speaker already
        typ = "mixed" if marks_ or any(s <= m.open < e for m in by_pos.values()) else "indirect"
        men = resolve_mention(text, masked, mention_span, self.book)
        if len(marks_) == 1:
            m = marks_[0]
            outside = text[s:m.open].strip() + text[m.stop:e].strip()
            if not _WORD.search(outside):
                return Quote([[m.inner_start, m.inner_end]], "direct", cue, men, p, marks=marks_), e
        return Quote([[s, e]], typ, cue, men, p, marks=marks_), e

    def _sentence_subject(self, masked, toks, k) -> tuple[int, int] | None:
        """The subject of the sentence's first verb before token ``k`` (for ", adding that ...")."""
        for v in range(1, k):
            t = toks[v]
            low = t.low
            verbish = low in CLAUSE_VERBS or (low.endswith("ed") and not t.cap) or (t.start in self._cue_starts)
            if not verbish or toks[v - 1].low == "to":
                continue  # "Continuing to explain ..., Carson rejected": not the infinitive
            subj = subject_before(toks, v, masked)
            if subj is None:
                return None
            a, b, _ = subj
            if b - a > 8:
                return None
            return toks[a].start, toks[b - 1].end
        return None

    def _headline(self, ps, pe, masked, ms, claimed, para_quotes):
        text = self.text
        m = re.match(r"\s*([^:\n]{2,60}?):\s+\S", text[ps:pe])
        if not m:
            return
        spk = m.group(1).strip()
        if not spk[:1].isupper() or len(spk.split()) > 6:
            return
        s = ps + m.start(1)
        for mk in ms:
            if id(mk) in claimed or mk.used or mk.open < ps + m.end(1):
                continue
            men = resolve_mention(text, masked, (s, s + len(spk)), self.book, salient=False)
            if men.speaker:
                men.how = "headline"
            words = len(text[mk.inner_start:mk.inner_end].split())
            typ = "partial" if words <= 4 else "direct"
            q = Quote([[mk.inner_start, mk.inner_end]], typ, None, men, 0, marks=[mk])
            mk.used = True
            claimed.add(id(mk))
            para_quotes.append(q)


_CONNECTIVE = re.compile(r"(?:But|And|However|Still|Yet|Meanwhile|Moreover|Indeed|Nevertheless|Nonetheless|Separately"
                         r"|Furthermore|In particular|In addition|Also)\b,?\s+(?=\S)")


def _skip_connective(text: str, s: int, e: int) -> int:
    """Start of a reported clause after a sentence-initial connective of the journalist's
    ('But the plan is dead, officials said' -> 'the plan is dead')."""
    m = _CONNECTIVE.match(text, s, e)
    return m.end() if m and e - m.end() >= 8 else s


def _lead_has_report(lead: str, lo: int, cue_starts) -> bool:
    """Does the sentence before a quotation (``lead``, starting at offset ``lo``) already hold
    another attributed quotation ('"A," she said, but ..., "B," said Kunin'), so that the words
    before are not one reported clause?"""
    first = lead.find(MASK)
    return first >= 0 and any(lo + first < c < lo + len(lead) for c in cue_starts)


def _naming_participle(toks: list[Tok], subj: tuple, k: int, after: int, lemma: str, text: str, by_pos) -> bool:
    """'a class called "Perception"', 'an ad dubbed "Playing Trump"': a past participle of a
    naming verb right after a common noun and right before a quotation names the thing."""
    if lemma not in ("call", "dub", "name", "title", "term", "label", "brand") or not toks[k].low.endswith("ed"):
        return False
    if after >= len(toks) or not toks[after].is_quote or k == 0:
        return False
    i, j, how = subj
    head = toks[j - 1]
    if j != k or head.cap or head.low in PRONOUNS or head.low in PERSON_NOMINALS:
        return False  # 'Trump called "..."', 'the senator called "..."': a speaker
    return True


def _subhead(text: str, masked: str, m: Marked, ps: int, pe: int) -> bool:
    """Is ``m`` a short quotation standing alone as a paragraph with nobody named
    ("'A change warrior.'" between sections): a subheading rather than a quotation?"""
    if not m.closed or masked[ps:m.open].strip() or masked[m.stop:pe].strip(" .\t\r\n"):
        return False  # (an open mark may go on in the next paragraph)
    return len(text[m.inner_start:m.inner_end].split()) <= 6


def _scare_quote(text: str, m: Marked, toks: list[Tok], jj: int) -> bool:
    """A quoted name or title rather than quoted speech ("the so-called 'Iron Broom'", "the film 'Summer Tides'")."""
    prev = toks[jj - 1].low if jj > 0 else ""
    if prev in ("so-called", "dubbed", "titled", "entitled", "nicknamed", "named", "film", "book", "song", "album",
                "movie", "show", "series", "program", "programme", "slogan", "hashtag", "headline", "article", "play",
                "novel", "poem", "column", "essay", "segment", "podcast", "report", "documentary", "episode", "as"):
        return True
    words = text[m.inner_start:m.inner_end].split()
    if jj > 0 and toks[jj - 1].low.endswith(("'s", "’s")) and len(words) <= 6 and _mostly_title_case(words + ["X"]):
        return True  # 'on MSNBC's "Morning Joe."', 'ABC's "This Week"': a programme or a title
    return len(words) <= 6 and _mostly_title_case(words) and text[m.inner_end - 1:m.inner_end] not in ".!?,"


def _title_after_lead(text: str, masked: str, ss: int, m: Marked) -> bool:
    """A short Title-Case quotation after words of its sentence ('Speaking on ABC's "This Week,"')."""
    lead = masked[ss:m.open]
    if not _WORD.search(lead) or lead.strip()[-1:] in (".", "!", "?", ":"):
        return False
    words = text[m.inner_start:m.inner_end].split()
    if len(words) == 1 and words[0][:1].isupper() and re.search(r"(?:['’]s|\bon|\bin)\s*$", lead):
        return True  # 'Wednesday on Fox News Channel's "Hannity," Gingrich said': a one-word show title
    return len(words) <= 6 and _mostly_title_case(words)


def _mostly_title_case(words: list[str]) -> bool:
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= max(2, 0.7 * len(words))


# ------------------------------------------------------------------ public entry point


def _rows(doc_id: str, text: str, quotes: list[Quote], sent_starts, speaker_map) -> list[tuple]:
    """One tuple per quote, values in ``QUOTE_COLUMNS`` order (``cue_lemma`` and ``cue_class``
    left ""). ``sent_starts``: the sentence starts (:func:`_sentence_index`), or a function
    giving them up to an offset."""
    picked = []
    seen = set()
    for q in sorted(quotes, key=lambda q: min(f[0] for f in q.fragments) if q.fragments else 0):
        frs = []
        for s, e in sorted(q.fragments):
            s, e = max(0, int(s)), min(len(text), int(e))
            if e > s and (not frs or s >= frs[-1][1]):
                frs.append([s, e])
        if not frs:
            continue
        start = frs[0][0]
        if start in seen:
            continue
        seen.add(start)
        picked.append((q, frs, start))
    if callable(sent_starts) and picked:
        sent_starts = sent_starts(max(start for _, _, start in picked))
    rows = []
    for q, frs, start in picked:
        men = q.mention or Mention("", 0, 0)
        speaker, how = men.speaker, men.how if men.speaker else ""
        if speaker and speaker_map:
            canon = speaker_map.get(_norm(speaker))
            if canon is not None and canon != speaker:
                speaker, how = canon, "table"
        cue = ""
        cue_start = cue_end = -1
        if q.cue is not None:
            cue_start, cue_end = q.cue
            cue = text[cue_start:cue_end]
        has_mention = men.end > men.start
        rows.append((
            doc_id, f"{doc_id}:q{start}", start, frs[-1][1], frs,
            FRAGMENT_SEP.join(text[s:e] for s, e in frs) if len(frs) > 1 else text[start:frs[0][1]],
            q.type, cue, cue_start, cue_end, "", "",
            men.text if has_mention else "",
            men.start if has_mention else -1,
            men.end if has_mention else -1,
            speaker or "",
            how if speaker else "",
            men.descriptor or "",
            q.paragraph,
            max(0, bisect.bisect_right(sent_starts, start) - 1),
        ))
    return rows


def _speaker_map(speakers) -> dict[str, str]:
    if speakers is None:
        return {}
    table = speakers
    if not isinstance(table, pd.DataFrame):
        from .speakers import load_speakers

        table = load_speakers(speakers)
    out: dict[str, str] = {}
    for name, aliases in zip(table["speaker"], table.get("aliases", [[]] * len(table))):
        out[_norm(str(name))] = str(name)
        if isinstance(aliases, str):
            aliases = [a for a in aliases.split("|") if a.strip()]
        for alias in aliases if aliases is not None else []:
            out.setdefault(_norm(str(alias)), str(name))
    return out


def _empty() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype=object) for c in QUOTE_COLUMNS})
    for c in ("start", "end", "cue_start", "cue_end", "mention_start", "mention_end", "paragraph", "sentence"):
        df[c] = df[c].astype("int64")
    return df


def quotes_in_text(text: str, *, doc_id: str = "doc", title=None, excluded=None, cues=None, speakers=None) -> pd.DataFrame:
    """Quotes of one text (a convenience wrapper around :func:`extract_quotes`)."""
    docs = pd.DataFrame({"doc_id": [doc_id], "text": [text], "title": [title or ""], "excluded": [excluded or []]})
    return extract_quotes(docs, cues=cues, speakers=speakers)


def extract_quotes(documents: pd.DataFrame, *, speakers=None, cues=None, continuations: str = "separate") -> pd.DataFrame:
    """One row per quotation in ``documents`` (a documents table), with its speaker.

    Columns (docs/tables.md): ``doc_id``, ``quote_id`` (``f"{doc_id}:q{start}"``), ``start``,
    ``end``, ``fragments`` (list of ``[start, end]``), ``text``, ``type`` (direct, partial,
    mixed, indirect), ``cue``/``cue_start``/``cue_end``/``cue_lemma``/``cue_class`` (-1 offsets
    and "" without a cue), ``mention``/``mention_start``/``mention_end``, ``speaker`` (``""``
    when the text names none), ``speaker_how`` (adjacent, pronoun, nominal, previous,
    headline, table), ``descriptor``, ``paragraph``, ``sentence``.

    ``speakers``: an optional speaker table (DataFrame from ``load_speakers`` or a path),
    applied with :func:`framing.speakers.apply_speakers` - the same single path as
    ``framing quotes --speakers``: ``speaker`` becomes the table's canonical name,
    ``speaker_how`` keeps the rule that found the speaker in the text, and
    ``speaker_found`` (the extracted name), ``table_match`` (name, alias, title or ""),
    ``side``, ``role`` and the table's extra columns are added. ``cues``: a cue-verb CSV path or DataFrame
    (columns form, lemma, class) replacing the built-in list. ``continuations``: a cue-less
    quote paragraph continuing the previous paragraph's quote is a quote of its own with
    ``speaker_how="previous"`` (``"separate"``, default) or one more fragment of that quote
    (``"merge"``, the convention of PolNeAR-style annotations). Skips ``excluded`` spans.
    """
    if continuations not in ("separate", "merge"):
        from .errors import ParameterError

        raise ParameterError(f"continuations must be 'separate' or 'merge', not {continuations!r}")
    lex = cue_lexicon(cues)
    speaker_map: dict = {}  # the table is applied once, at the end, by apply_speakers
    table = _speaker_table(speakers)
    if documents is None or len(documents) == 0:
        return _with_speakers(_empty(), table)
    titles = documents["title"] if "title" in documents.columns else [""] * len(documents)
    excluded = documents["excluded"] if "excluded" in documents.columns else [None] * len(documents)
    titles = titles.tolist() if isinstance(titles, pd.Series) else titles  # (plain lists: faster than Series)
    excluded = excluded.tolist() if isinstance(excluded, pd.Series) else excluded
    rows: list[tuple] = []
    for doc_id, text, title, excl in zip(documents["doc_id"].tolist(), documents["text"].tolist(), titles, excluded):
        if not isinstance(text, str) or not text:
            continue
        title = title if isinstance(title, str) else ""
        excl = list(excl) if excl is not None and not isinstance(excl, float) else []
        doc = _Doc(str(doc_id), text, title, excl, lex, merge_paragraphs=continuations == "merge")
        quotes = doc.run()
        if quotes:
            def starts(until, text=text, doc=doc):  # the sentences up to the last quote's start
                return _sentence_index(text, doc.paras, doc.has_title, until)[0]

            rows.extend(_rows(str(doc_id), text, quotes, starts, speaker_map))
    if not rows:
        return _with_speakers(_empty(), table)
    df = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    lemmas = [lex.get(c) if c else ("", "") for c in df["cue"]]
    df["cue_lemma"] = [l for l, _ in lemmas]
    df["cue_class"] = [c for _, c in lemmas]
    return _with_speakers(df.reset_index(drop=True), table)


def _speaker_table(speakers) -> pd.DataFrame | None:
    """The speaker table given to ``extract_quotes`` (loaded and checked before any work), or None."""
    if speakers is None:
        return None
    from .speakers import _as_table

    return _as_table(speakers)


def _with_speakers(df: pd.DataFrame, table) -> pd.DataFrame:
    """``df`` with the speaker table applied (framing.speakers.apply_speakers), or as is."""
    if table is None:
        return df
    from .speakers import apply_speakers

    return apply_speakers(df, table)
