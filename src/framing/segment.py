"""Paragraphs and sentences with character offsets, for news text, without any model.

A rule-based splitter (regular expressions plus word lists; no download, about
3 million words per second per core):

- **Paragraphs** are blocks separated by blank lines. Inside a block, single line
  breaks start a new paragraph when the text is written one paragraph per line (a
  line ending in ``. ! ? …`` or a closing quote, followed by a line starting with a
  capital, digit, quote or bullet), and after a short heading line (at most
  ``HEADING_WORDS`` words, no final punctuation) followed by a capitalised line. Hard-
  wrapped text (lines of similar width, 40-120 characters, mostly ending mid-sentence,
  some continuing in lower case) is kept together. Excluded (boilerplate)
  spans are always paragraphs of their own, flagged ``excluded``.
- **The headline**: when a document's ``title`` is the first line of its text, that
  line is paragraph 0, one sentence, ``is_title``.
- **Sentences** end at ``.``, ``!``, ``?`` or an ellipsis (with any closing quotes or
  brackets after them) followed by white space, *unless*:

  * the next word starts in lower case (``"Stop!" he said``; ``e.g. the``; the seed's
    stray ``meeting, . the statement``): a sentence never starts in lower case;
  * the period ends a title (``Mr``, ``Mrs``, ``Dr``, ``Gov``, ``Sen``, ``St``... see
    ``TITLES``), an always-followed abbreviation (``vs``, ``e.g``, ``i.e``, ``cf``), or
    an initial (one capital letter: ``George W. Bush``, ``J. K. Rowling``);
  * the period ends ``No``, ``Art``, ``p``... before a number (``No. 10``), or a month
    before a number (``Jan. 5``; ``Ant and Dec. Natalie`` splits);
  * the period ends a dotted acronym (``U.S.``, ``U.N.``, ``a.m.``), a company
    suffix (``Inc.``, ``Corp.``, ``Ltd.``) or ``Jr.``/``Sr.``, and the next word is not a typical
    sentence opener (``STARTERS``: The, He, But, In...): ``U.S. officials`` stays
    together, ``... in the U.S. The talks`` splits;
  * the "sentence" would be only a list number (``1. The first``).

  Decimals (``3.5%``, ``$1.2bn``) and dotted abbreviations never split because the
  period is not followed by white space. ``"... done." He said`` splits after the
  closing quotation mark; a detached ``"`` after a sentence end belongs to the sentence
  it closes (when that sentence has an odd number of ``"``). A blank line always ends a
  sentence.

Offsets always index the document text: ``text[start:end]`` is the sentence, without
surrounding white space. Sentences never overlap an excluded span.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import sys
import types
from typing import Iterable, Iterator

import pandas as pd

HEADING_WORDS = 10

TITLES = frozenset(
    """mr mrs ms mx messrs mmes dr drs prof profs gov govs sen sens rep reps gen gens col lt capt cmdr cdr
    adm maj sgt cpl pvt brig lieut comdr cmdt supt insp det rev revd fr hon pres st ste mt ft
    ald amb atty mme mlle mssrs""".split()
)
ALWAYS_FOLLOWED = frozenset("vs v e.g i.e cf viz approx ca incl esp resp c.f w.r.t".split())
NUMBER_ABBREVS = frozenset("no nos nr art arts sec secs vol vols fig figs p pp ch chap para paras tel ext op num".split())
MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
COMPANY = frozenset("inc corp ltd co cos plc llc llp bros lp pty".split())
NAME_SUFFIXES = frozenset("jr sr esq".split())
STARTERS = frozenset(
    """a an the he she it they we i you his her its their our my your this that these those there here
    but and or so yet nor in on at for with by from as after before when while if although though because
    since until unless however meanwhile moreover furthermore nevertheless nonetheless instead also still
    even then now thus therefore some many most much more few several other others another one two three
    both all each every any no not none such what which who whom whose why how where last next earlier
    later today yesterday tomorrow on under over about according despite during among between against
    officials police critics analysts experts investors shares sales prices asked speaking meanwhile
    mr mrs ms dr""".split()
)

_OPENERS = "\"'\u201c\u2018\u00ab([{\u2039"
_CLOSERS = "\"'\u201d\u2019\u00bb)]}\u203a"
_END = re.compile(r"([.!?\u2026\u203d]+)([\"'\u201d\u2019\u00bb)\]}\u203a]*)(\s+)")
_BLANK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT_WORD = re.compile(r"[\"'\u201c\u2018\u00ab(\[{\u2039]*([^\W_][\w'\u2019-]*)")
_BULLET = re.compile(r"(?:[-*\u2022\u00b7\u2013\u2014\u25aa\u25cf]\s|\d{1,2}[.)]\s)")
_TERMINAL = re.compile(r"[.!?\u2026][\"'\u201d\u2019\u00bb)\]]*$")


# spans remembered inside ``reuse_spans()`` (per thread / context; None outside)
_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("framing_segment_memo", default=None)


@contextlib.contextmanager
def reuse_spans() -> Iterator[None]:
    """Within the block, the paragraphs and sentence spans computed for a text are
    remembered, so a later stage asking for the same ones (quote extraction locating
    its sentences after :func:`segment`) gets them without splitting again.

    The results are the same with or without it; the memory is released at the end
    of the block (the pipeline opens one per chunk).
    """
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


# --------------------------------------------------------------------------- paragraphs


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between blank lines, stripped of white space."""
    out = []
    pos = start
    for m in _BLANK.finditer(text, start, end):
        _add_stripped(text, pos, m.start(), out)
        pos = m.end()
    _add_stripped(text, pos, end, out)
    return out


def _add_stripped(text: str, s: int, e: int, out: list) -> None:
    piece = text[s:e]
    stripped = piece.strip()
    if stripped:
        s += len(piece) - len(piece.lstrip())
        out.append((s, s + len(stripped)))


def _line_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = s
    while True:
        nl = text.find("\n", pos, e)
        if nl < 0:
            _add_stripped(text, pos, e, out)
            return out
        _add_stripped(text, pos, nl, out)
        pos = nl + 1


def _starts_paragraph(line: str) -> bool:
    """A line that can open a paragraph: capital, digit, opening quote or bullet."""
    if _BULLET.match(line):
        return True
    c = line.lstrip(_OPENERS)[:1]
    return bool(c) and (c.isupper() or c.isdigit() or (line[:1] in _OPENERS and not c.islower()))


def _split_block(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split one blank-line block at single line breaks that start paragraphs."""
    if text.find("\n", s, e) < 0:
        return [(s, e)]
    lines = _line_spans(text, s, e)
    if len(lines) == 1:
        return lines
    lengths = [le - ls for ls, le in lines]
    longest = max(lengths)
    # hard-wrapped prose: lines of similar width (40-120 characters) that mostly end mid-sentence
    ends = sum(1 for ls, le in lines[:-1] if _TERMINAL.search(text, ls, le))
    wrapped = (40 <= longest <= 120 and all(n >= 0.7 * longest for n in lengths[:-1])
               and ends * 2 < len(lines) - 1
               and (len(lines) == 2 or any(text[ns:ns + 1].islower() for ns, _ in lines[1:])))
    out = []
    cur = lines[0][0]
    for (ls, le), (ns, ne) in zip(lines, lines[1:]):
        line, nxt = text[ls:le], text[ns:ne]
        if _BULLET.match(nxt):
            brk = True
        elif wrapped:
            brk = False
        elif _TERMINAL.search(line):
            brk = _starts_paragraph(nxt)
        else:
            brk = len(line.split()) <= HEADING_WORDS and line[-1:] not in ",;:-" and _starts_paragraph(nxt)
        if brk:
            out.append((cur, le))
            cur = ns
    out.append((cur, lines[-1][1]))
    return out


def _norm_excluded(excluded) -> list[tuple[int, int]]:
    """``[(start, end)]`` from spans ``[start, end, reason]`` (a list, an array, or JSON text)."""
    if excluded is None:
        return []
    if isinstance(excluded, str):
        import json

        excluded = json.loads(excluded) if excluded.strip() else []
    spans = []
    for span in excluded:
        if span is None or len(span) < 2:
            continue
        s, e = int(span[0]), int(span[1])
        if e > s:
            spans.append((s, e))
    return sorted(spans)


def _paragraph_spans(text: str, excluded=None) -> list[tuple[int, int, bool]]:
    """``(start, end, is_excluded)`` for each paragraph of ``text`` in order.

    Excluded spans become paragraphs of their own (adjacent ones, separated only by
    white space, merged into one); the text around them is split as usual.
    """
    spans = _norm_excluded(excluded)
    out: list[tuple[int, int, bool]] = []
    for bs, be in _blocks(text, 0, len(text)):
        inside = [(max(s, bs), min(e, be)) for s, e in spans if s < be and e > bs]
        if not inside:
            out.extend((s, e, False) for s, e in _split_block(text, bs, be))
            continue
        # merge excluded spans separated only by white space
        merged: list[list[int]] = []
        for s, e in inside:
            if merged and (s <= merged[-1][1] or not text[merged[-1][1]:s].strip()):
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        pos = bs
        for s, e in merged:
            pieces: list[tuple[int, int]] = []
            _add_stripped(text, pos, s, pieces)
            for ps, pe in pieces:
                out.extend((a, b, False) for a, b in _split_block(text, ps, pe))
            out.append((s, e, True))
            pos = e
        pieces = []
        _add_stripped(text, pos, be, pieces)
        for ps, pe in pieces:
            out.extend((a, b, False) for a, b in _split_block(text, ps, pe))
    return out


def split_paragraphs(text: str, *, excluded=None) -> list[tuple[int, int]]:
    """Paragraph spans ``(start, end)`` of ``text`` (see the module docstring).

    ``excluded`` spans (``[start, end, ...]``) become paragraphs of their own.
    """
    return [(s, e) for s, e, _ in _paragraph_spans(text, excluded)]


# --------------------------------------------------------------------------- sentences


def _next_word(text: str, k: int) -> str:
    w = _NEXT_WORD.match(text, k)
    return w.group(1) if w else ""


def _period_ends(text: str, i: int, k: int, c: str, sent_start: int) -> bool:
    """Whether the period at ``i`` ends a sentence; the next one would start at ``k``
    with first letter ``c`` (not lower case)."""
    window = text[max(sent_start, i - 40):i]
    word = window.rsplit(None, 1)[-1] if window and not window[-1].isspace() else ""  # any Unicode space
    j = i - len(word)
    tok = word.lstrip(_OPENERS)
    if not tok:
        return True  # a lone period
    low = tok.lower()
    if low in ALWAYS_FOLLOWED or (low in TITLES and tok[0].isupper() and (len(tok) == 1 or tok[1:].islower())):
        return False  # "Mr. Smith" ("MS. Final", all capitals, is no title)
    if len(tok) == 1 and tok.isupper():  # an initial ("George W. Bush"), unless a clear opener follows ("World War I. But")
        nxt = _next_word(text, k)
        return len(nxt) > 1 and nxt.lower() in STARTERS and nxt[1:].islower()
    if c.isdigit() and (low in NUMBER_ABBREVS or low in MONTHS):
        return False
    if tok.isdigit() and len(tok) <= 2 and not text[sent_start:j].strip():
        return False  # a list number: "1. The first ..."
    if low in COMPANY or low in NAME_SUFFIXES or ("." in tok and _ACRONYM.fullmatch(tok)):
        return not c.isdigit() and _next_word(text, k).lower() in STARTERS
    return True


def _sentences_in_block(text: str, s: int, e: int, out: list) -> None:
    """Append the sentence spans of one block (no blank line inside) to ``out``."""
    cur = s
    for m in _END.finditer(text, s, e):
        k = m.end()
        if k >= e:
            break
        c = text[k]
        if c in _OPENERS:
            w = _NEXT_WORD.match(text, k)
            if w:
                c = text[w.start(1)]
        if c.islower():
            continue  # a sentence never starts in lower case
        punct = m.group(1)
        if punct == ".":
            if not m.group(2) and not _period_ends(text, m.start(), k, c, cur):
                continue  # (a period then a closing quote/bracket always ends: `done." He`)
        # "!", "?", an ellipsis or "..." before a capital: an ending
        end = m.start(3)
        if text.startswith('" ', k) or (text[k] == '"' and k + 1 == e):
            # a detached quotation mark ('... community. " A spokesman'): it closes the
            # sentence when that has an odd number of them
            if text.count('"', cur, end) % 2 == 1:
                end = k + 1
                k += 1
                while k < e and text[k].isspace():
                    k += 1
                if k >= e:
                    break
        out.append((cur, end))
        cur = k
    if cur < e:
        _add_stripped(text, cur, e, out)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text[start:end]``, as offsets into ``text``.

    A blank line always ends a sentence; see the module docstring for the rules.
    """
    end = len(text) if end is None else min(end, len(text))
    memo = _MEMO.get()
    if memo is not None:
        key = ("s", text, start, end)
        spans = memo.get(key)
        if spans is None:
            spans = memo[key] = tuple(_split_sentences(text, start, end))
        return list(spans)
    return _split_sentences(text, start, end)


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for bs, be in _blocks(text, max(start, 0), end):
        _sentences_in_block(text, bs, be, out)
    return out


# --------------------------------------------------------------------------- documents


def _title_split(text: str, paras: list[tuple[int, int, bool]], title) -> tuple[list[tuple[int, int, bool]], bool]:
    """Make the headline paragraph 0 when the text starts with the title."""
    title = "" if title is None or (isinstance(title, float) and title != title) else str(title).strip()
    if not title or not paras:
        return paras, False
    s, e, excl = paras[0]
    if excl or not text.startswith(title, s):
        return paras, False
    t_end = s + len(title)
    if t_end == e or not _WORD_CHAR.search(text, t_end, e):
        return paras, True  # the whole first paragraph (the title, maybe with a final ".")
    if text[t_end] != "\n" and not text.startswith("\r\n", t_end):
        return paras, False
    rest: list[tuple[int, int]] = []
    _add_stripped(text, t_end, e, rest)
    return [(s, t_end, False), *((a, b, False) for a, b in rest), *paras[1:]], True


def _doc_paragraphs(text: str, title, excluded) -> tuple[list[tuple[int, int, bool]], bool]:
    memo = _MEMO.get()
    if memo is None:
        return _title_split(text, _paragraph_spans(text, excluded), title)
    title = "" if title is None or (isinstance(title, float) and title != title) else str(title)
    key = ("p", text, title, tuple(_norm_excluded(excluded)))
    found = memo.get(key)
    if found is None:
        paras, has_title = _title_split(text, _paragraph_spans(text, excluded), title)
        found = memo[key] = (tuple(paras), has_title)
    return list(found[0]), found[1]


_WORD_CHAR = re.compile(r"[^\W_]")


def _has_word(text: str, s: int, e: int) -> bool:
    return _WORD_CHAR.search(text, s, e) is not None


def _columns(documents: pd.DataFrame) -> tuple[Iterable, Iterable, Iterable, Iterable]:
    n = len(documents)
    titles = documents["title"].tolist() if "title" in documents.columns else [""] * n
    excluded = documents["excluded"].tolist() if "excluded" in documents.columns else [None] * n
    return documents["doc_id"].tolist(), documents["text"].tolist(), titles, excluded


def sentence_spans(text: str, title=None, excluded=None) -> list[tuple[int, int, int, bool]]:
    """``(paragraph, start, end, is_title)`` of every sentence of one document, exactly
    the rows :func:`segment` makes for it (use this to locate offsets in sentences)."""
    out: list[tuple[int, int, int, bool]] = []
    if not isinstance(text, str) or not text:
        return out
    paras, has_title = _doc_paragraphs(text, title, excluded)
    has_word = _WORD_CHAR.search  # (_has_word, inlined: one call per sentence)
    for p, (s, e, excl) in enumerate(paras):
        if excl:
            continue
        if has_title and p == 0:
            if has_word(text, s, e) is not None:
                out.append((p, s, e, True))
            continue
        for a, b in split_sentences(text, s, e):
            if has_word(text, a, b) is not None:
                out.append((p, a, b, False))
    return out


def segment(documents: pd.DataFrame) -> pd.DataFrame:
    """The sentences table of a documents table (columns in docs/tables.md).

    Uses ``doc_id``, ``text`` and, when present, ``title`` (headline = paragraph 0)
    and ``excluded`` (boilerplate spans are left out). Sentences with no letter or
    digit (a stray ``.``) are dropped; indices count the sentences kept.
    """
    doc_col: list = []
    sid_col: list = []
    par_col: list = []
    num_col: list = []
    start_col: list = []
    end_col: list = []
    text_col: list = []
    title_col: list = []
    for doc_id, text, title, excluded in zip(*_columns(documents)):
        spans = sentence_spans(text, title, excluded)
        if not spans:
            continue
        n = len(spans)
        paras, starts, ends, titles = zip(*spans)
        doc_col += [doc_id] * n
        prefix = f"{doc_id}:s"
        sid_col += [f"{prefix}{i}" for i in range(n)]
        par_col += paras
        num_col += range(n)
        start_col += starts
        end_col += ends
        text_col += [text[a:b] for a, b in zip(starts, ends)]
        title_col += titles
    import numpy as np

    n = len(doc_col)
    ints = {c: np.fromiter(v, dtype=np.int64, count=n)
            for c, v in (("paragraph", par_col), ("sentence", num_col), ("start", start_col), ("end", end_col))}
    return pd.DataFrame({"doc_id": doc_col, "sent_id": sid_col, **ints, "text": text_col,
                         "is_title": np.fromiter(title_col, dtype=bool, count=n)},
                        columns=["doc_id", "sent_id", "paragraph", "sentence", "start", "end", "text", "is_title"])


def paragraphs(documents: pd.DataFrame) -> pd.DataFrame:
    """The paragraphs table: ``doc_id``, ``paragraph``, ``start``, ``end``, ``text``,
    ``is_title``, ``excluded`` (a boilerplate paragraph, skipped by :func:`segment`)."""
    cols: dict[str, list] = {k: [] for k in ("doc_id", "paragraph", "start", "end", "text", "is_title", "excluded")}
    for doc_id, text, title, excluded in zip(*_columns(documents)):
        if not isinstance(text, str) or not text:
            continue
        paras, has_title = _doc_paragraphs(text, title, excluded)
        for p, (s, e, excl) in enumerate(paras):
            cols["doc_id"].append(doc_id)
            cols["paragraph"].append(p)
            cols["start"].append(s)
            cols["end"].append(e)
            cols["text"].append(text[s:e])
            cols["is_title"].append(has_title and p == 0)
            cols["excluded"].append(excl)
    out = pd.DataFrame(cols)
    for c in ("paragraph", "start", "end"):
        out[c] = out[c].astype("int64")
    for c in ("is_title", "excluded"):
        out[c] = out[c].astype(bool)
    return out


class _CallableModule(types.ModuleType):
    """``framing.segment`` is both this module and its main function: once the module
    is imported (``from framing.segment import ...``), Python binds the package
    attribute to the module, so the module itself forwards calls to :func:`segment`."""

    def __call__(self, documents: pd.DataFrame) -> pd.DataFrame:
        return segment(documents)


sys.modules[__name__].__class__ = _CallableModule
