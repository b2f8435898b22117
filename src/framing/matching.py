"""The dictionary engine: every match of every lexicon term, and rates per unit.

Tokens
    A token is a run of word characters with inner hyphens and apostrophes kept
    (``framing.lexicon.TOKEN_PATTERN``: "cease-fire", "don't", "Korea's" are one
    token each); punctuation and spaces separate tokens. ``n_tokens`` of a unit is
    the number of such tokens. Terms are tokenized the same way, so the term
    ``U.S.`` is the two-token phrase "u s" and matches "U.S." in a text.

Matching
    Case-insensitive by default. A term matches a run of tokens: exact words,
    words ending in ``*`` match any token with that prefix (``nuclear*``), and a
    possessive ``'s`` on a text token is ignored ("Korea's" matches ``korea``).
    Within one lexicon, matches never overlap: scanning left to right, at each
    token the longest matching term wins ("human rights" beats "rights"; at equal
    length an exact word beats a wildcard, a longer prefix a shorter one) and the
    scan resumes after it. Different lexicons are matched independently. A term
    listed under several categories yields one match row per category.

Negation
    With ``negation_window=N`` (default 3), a match is ``negated`` when one of the
    N tokens before it is a negator ("not", "no", "never", "without", "nor",
    "cannot", a contraction in "n't"; see :data:`NEGATORS`, :data:`NT_FORMS`). The window stops at sentence or
    clause punctuation (``. ! ? ; :`` followed by white space; not the period of
    "U.S." or "Mr."). Negated matches are kept and flagged. Phrases never span
    such a boundary either.

Rates
    :meth:`DictionaryMatcher.rates` gives per unit ``n_tokens`` and, for every
    category of every lexicon, ``<lexicon>.<category>`` = 1,000 x (sum of match
    weights) / ``n_tokens`` (NaN for a unit without tokens). Negated matches ARE
    included in rates by default (a frame mentioned in the negative, "this is not
    a crisis", is still invoked); ``count_negated=False`` leaves them out. With
    ``counts=True`` each category also gets ``<lexicon>.<category>.n`` (number of
    matches) and ``<lexicon>.<category>.negated`` (number of negated matches).
    ``match_and_rate(units, reuse_sentences=True)`` sums a document unit's rates from
    its sentence units' matches instead of scanning its text again, wherever that
    gives exactly the scan's values (no phrase or negation window can reach across a
    sentence join); the pipeline scores documents this way.
"""

from __future__ import annotations

import re
import operator
from itertools import compress, count, filterfalse, groupby
from operator import itemgetter
from typing import Sequence

import numpy as np
import pandas as pd

from ._gc import gc_paused as _gc_paused
from .errors import ParameterError
from .lexicon import TOKEN_PATTERN, Lexicon, load_lexicons, term_patterns

NEGATORS = ("not", "no", "never", "without", "nor", "cannot", "neither", "none", "nothing", "n't")
# what "n't" in the negators stands for: the contractions of English (and a few spelt without apostrophe)
NT_FORMS = ("ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't", "don't", "hadn't", "hasn't",
            "haven't", "isn't", "mightn't", "mustn't", "needn't", "oughtn't", "shan't", "shouldn't", "wasn't",
            "weren't", "won't", "wouldn't", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "couldnt",
            "shouldnt", "wouldnt", "havent", "hasnt")
MATCH_COLUMNS = ["doc_id", "unit_id", "lexicon", "category", "term", "match", "start", "end", "weight", "negated"]
# TOKEN_PATTERN with possessive quantifiers: the same tokens (backtracking into a word can
# only shorten a match, never yield another one), found ~15% faster
_FAST_PATTERN = r"\w++(?:[-'\u2019]\w++)*+"
_SPLIT_RE = re.compile(f"({_FAST_PATTERN})")
_TOKEN_RE = re.compile(_FAST_PATTERN)
_STOP_CHARS = frozenset(".!?;:")
# characters that never belong to a token and often end a sentence ("said.", "it?\u201d", "(2004).")
_TRAIL_CHARS = " \t\n\r\f\v\u00a0.!?;:,\"'()[]{}*\u2018\u2019\u201c\u201d\u00bb\u00ab\u2026-\u2013\u2014"
_SPACE = frozenset(" \t\n\r\f\v\u00a0")


# words usually followed by a period that does not end a sentence ("Mr. Kim", "U.S.", "Inc.")
_ABBREVIATIONS = frozenset("mr mrs ms dr prof st gen sen rep gov lt col sgt capt jr sr inc co corp ltd vs etc "
                           "jan feb mar apr jun jul aug sep sept oct nov dec".split())


def _is_boundary(before: str, sep: str) -> bool:
    """Does ``sep`` (after the token ``before``) end a sentence or clause?

    It must hold ``. ! ? ; :`` and white space; a period after a single letter or a
    common abbreviation ("U.S. officials", "Mr. Kim") does not count.
    """
    if _STOP_CHARS.isdisjoint(sep) or _SPACE.isdisjoint(sep):
        return False
    if sep[0] == "." and (len(before) == 1 or before.lower() in _ABBREVIATIONS) and _STOP_CHARS.isdisjoint(sep[1:]):
        return False
    return True


def _crosses_at(src: str, sp: str, raw: list, i: int, n: int, p: int) -> bool:
    """Does the phrase of tokens ``i .. i+n-1`` (token ``i`` at offset ``p``) span a sentence or clause boundary?

    ``sp`` is the text with its non-token characters blanked (:func:`_spaced_bytes`), ``raw``
    its tokens, ``src`` the text the separators are read from.
    """
    for k in range(i, i + n - 1):
        e = p + len(raw[k])
        p = sp.find(raw[k + 1], e)  # only spaces lie between two tokens of ``sp``
        if (p - e != 1 or src[e] != " ") and _is_boundary(raw[k], src[e:p]):
            return True
    return False


# ASCII bytes -> themselves when they can belong to a token (word characters, "-", "'"), else a space
_TOKEN_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'")
_ASCII_TOKENS = bytes(c if c in _TOKEN_BYTES else 32 for c in range(256))
# a hyphen or apostrophe that does not join two word characters (it then separates tokens);
# one pattern per character, so that the regex engine skips to it as a literal prefix
_LOOSE_HYPHEN = re.compile(rb"-(?:(?![A-Za-z0-9_])|(?<![A-Za-z0-9_]-))")
_LOOSE_APOSTROPHE = re.compile(rb"'(?:(?![A-Za-z0-9_])|(?<![A-Za-z0-9_]'))")
_ASCII_BYTES = bytes(range(128))
_WORD_RE = re.compile(r"\w")
_CHUNK_CHARS = 1 << 15  # texts are blanked and split in chunks of about this many characters (cache-sized)


def _non_ascii(text: str) -> str:
    """The characters of ``text`` outside ASCII, in order."""
    return text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")


def _batchable(text: str) -> bool:
    """Are all word characters of ``text`` ASCII (so that :func:`_spaced_bytes` tokenizes it)?"""
    return text.isascii() or _WORD_RE.search(_non_ascii(text)) is None


def _blank_units(texts: list) -> list[int]:
    """Indices of the ``texts`` that :func:`_spaced_bytes` tokenizes (the others: the regex)."""
    ok = list(map(str.isascii, texts))
    for k in list(compress(count(), map(operator.not_, ok))):  # the few texts with other characters
        ok[k] = _batchable(texts[k])
    return list(compress(count(), ok))


def _spaced_bytes(text: str) -> bytes:
    """``text`` as ASCII bytes with every character outside a token turned into a space.

    For text whose word characters are all ASCII (others, such as "£" or curly quotes,
    are separators anyway). Same length as ``text``; its ``split()`` gives exactly the
    tokens of ``_SPLIT_RE`` (``\\w+(?:[-']\\w+)*``) and a token's offset in it is its
    offset in ``text``. All in C: ``bytes.translate`` and two literal-prefixed regexes.
    """
    b = text.encode("ascii") if text.isascii() else text.encode("ascii", "replace")  # one "?" per other character
    b = b.translate(_ASCII_TOKENS)
    if b"-" in b:
        b = _LOOSE_HYPHEN.sub(b" ", b)
    if b"'" in b:  # after the hyphens: a loose hyphen next to it is a space now, still not a word character
        b = _LOOSE_APOSTROPHE.sub(b" ", b)
    return b


def _blank_gaps(parts: list) -> str:
    """The text of ``_SPLIT_RE.split`` parts with the separators blanked (see :func:`_spaced_bytes`)."""
    return "".join([p if k & 1 else " " * len(p) for k, p in enumerate(parts)])


def _hit_offsets(sp: str, raw: list, hits: list) -> dict:
    """Offsets of the tokens ``hits`` (ascending indices into ``raw``) in the blanked text ``sp``.

    Every token equal to a hit token is itself a hit, so the next occurrence of a hit's
    token as a whole word after the previous hit is that hit.
    """
    pad = " " + sp + " "
    find = pad.find
    at = {}
    p = 0
    for i in hits:
        t = raw[i]
        p = find(" " + t + " ", p)  # in ``pad``, the space before the token: its offset in ``sp``
        at[i] = p
        p += len(t) + 1
    return at


class _Compiled:
    """The lookup structures of a set of lexicons (built once per matcher)."""

    def __init__(self, lexicons: list[Lexicon], case_sensitive: bool):
        self.lexicons = lexicons
        self.columns: list[tuple[str, str]] = []
        col_of: dict[tuple[str, str], int] = {}
        for lex in lexicons:
            for cat in lex.categories:
                col_of[(lex.name, cat)] = len(self.columns)
                self.columns.append((lex.name, cat))
        self.exact: dict[str, list] = {}
        self.wild: dict[str, list] = {}
        self.anchor_exact: dict[str, list] = {}
        self.anchor_wild: dict[str, list] = {}
        self.cont_pairs: set[tuple[str, str]] = set()
        cont_wild: set[tuple] = set()
        for li, lex in enumerate(lexicons):
            groups: dict[tuple, list] = {}
            first_term: dict[tuple, str] = {}
            for term, cat, weight in lex.entries[["term", "category", "weight"]].itertuples(index=False):
                pats = term_patterns(term, case_sensitive=case_sensitive)
                payload, col = groups.setdefault(pats, []), col_of[(lex.name, cat)]
                if all(c != col for c, _w, _k in payload):  # "U.S." and "u.s" in one category: count once
                    payload.append((col, float(weight), cat))
                first_term.setdefault(pats, term)
            for pats, payload in groups.items():
                for a, b in zip(pats, pats[1:]):  # neighbouring words of phrases (see _joins_exact)
                    if a[1] or b[1]:
                        cont_wild.add((a, b))
                    else:
                        self.cont_pairs.add((a[0], b[0]))
                (tok, prefix), rest = pats[0], pats[1:]
                # sort key: longest first, exact before wildcard, longer prefix first
                key = (-len(pats), prefix, -len(tok), sum(p for _, p in pats))
                last_word = None if pats[-1][1] else pats[-1][0]  # None: the last word is a wildcard
                anchor = _anchor(pats)
                if anchor:
                    # a phrase starting with a function word ("the public", "to blame") is looked
                    # up from its first content word, so that "the" is not a hit everywhere
                    cand = (key, li, len(pats), pats, anchor, first_term[pats], tuple(payload), last_word)
                    word, wild = pats[anchor]
                    (self.anchor_wild if wild else self.anchor_exact).setdefault(word, []).append(cand)
                    continue
                cand = (key, li, len(pats), rest, first_term[pats], tuple(payload), last_word)
                (self.wild if prefix else self.exact).setdefault(tok, []).append(cand)
        # wildcard prefixes grouped by their first HEAD characters: a token is checked only
        # against the few prefixes that share its head (shorter prefixes: always)
        self.by_head: dict[str, tuple[str, ...]] = {}
        self.short: tuple[str, ...] = tuple(sorted({k for k in (*self.wild, *self.anchor_wild) if len(k) < _HEAD}))
        heads: dict[str, set] = {}
        for k in (*self.wild, *self.anchor_wild):
            if len(k) >= _HEAD:
                heads.setdefault(k[:_HEAD], set()).add(k)
        self.by_head = {h: tuple(sorted(v)) for h, v in heads.items()}
        self.has_anchors = bool(self.anchor_exact or self.anchor_wild)
        self.cont_wild: tuple = tuple(sorted(cont_wild))
        self.n_lex = len(lexicons)

    def resolve(self, tok: str):
        """What can match at a token equal to ``tok``: None, or ``(regular, anchored)``.

        ``regular``: per lexicon, ``(lexicon index, by_second, others, single)`` for terms
        starting with ``tok``: ``by_second`` maps the second word of phrases whose second
        word is exact to their candidates, ``others`` lists the remaining phrases,
        ``single`` is the best one-word candidate (or None). ``anchored``: phrases whose
        first content word is ``tok`` (they start up to a few words earlier). Candidate
        lists are sorted by preference (longest first, exact before wildcard).
        """
        base = tok[:-2] if tok.endswith("'s") and len(tok) > 2 else None
        if (base is None and not self.short and tok not in self.exact and tok not in self.anchor_exact
                and tok[:_HEAD] not in self.by_head):
            return None  # the common case: nothing can match here
        found = self._lookup(tok, base, self.exact, self.wild)
        anchored = self._lookup(tok, base, self.anchor_exact, self.anchor_wild) if self.has_anchors else []
        if not found and not anchored:
            return None
        regular = None
        if found:
            found.sort(key=lambda c: c[0])
            out = []
            for li in sorted({c[1] for c in found}):
                mine = [c[:1] + c[2:] for c in found if c[1] == li]  # (key, n, rest, term, payload, last_word)
                by_second: dict[str, list] = {}
                others = []
                for c in mine:
                    if c[1] > 1:
                        first = c[2][0]
                        if first[1]:
                            others.append(c)
                        else:
                            by_second.setdefault(first[0], []).append(c)
                single = next((c for c in mine if c[1] == 1), None)
                out.append((li, by_second or None, tuple(others) or None, single))
            regular = tuple(out)
        if anchored:
            anchored.sort(key=lambda c: c[0])
        gate = None
        if regular is not None and not anchored and all(
                single is None and others is None for _li, _bs, others, single in regular):
            # only phrases with an exact second word start here ("people want", "has to"):
            # the scan skips this token unless the next one is such a second word
            seconds = {w for _li, by_second, _o, _s in regular for w in by_second}
            gate = frozenset(seconds | {w + "'s" for w in seconds})
        return regular, tuple(anchored) or None, gate

    def _lookup(self, tok: str, base: str | None, exact: dict, wild: dict) -> list:
        found = list(exact.get(tok, ()))
        if base is not None:
            found += exact.get(base, ())
        if wild:
            keys = self.by_head.get(tok[:_HEAD], ())
            for k in (*self.short, *keys) if self.short else keys:
                if tok.startswith(k):
                    c = wild.get(k)
                    if c:
                        found += c
        return found


_HEAD = 3

# function words that never anchor a phrase lookup (see _anchor)
_FUNCTION_WORDS = frozenset(
    "a an the to of in on at for from by with as and or but not no nor is are was were be been will would "
    "shall should can could may might must has have had do does did it its this that these those he she "
    "they we i you his her their our my your more most all any some out up".split())


def _word_ok(tok: str, pattern: tuple) -> bool:
    """Can ``tok`` match the phrase word ``pattern`` (``(word, is_prefix)``), a possessive allowed?"""
    word, wild = pattern
    if wild:
        return tok.startswith(word)
    return tok == word or (tok.endswith("'s") and tok[:-2] == word)


def _may_continue(last: str, first: str, pairs: set, wild_pairs: tuple) -> bool:
    """Could a phrase have ``last`` and ``first`` as neighbouring words (possessives allowed)?"""
    lasts = (last, last[:-2]) if last.endswith("'s") else (last,)
    firsts = (first, first[:-2]) if first.endswith("'s") else (first,)
    if any((a, b) in pairs for a in lasts for b in firsts):
        return True
    return any(_word_ok(last, a) and _word_ok(first, b) for a, b in wild_pairs)


def _anchor(pats: tuple) -> int:
    """Index of the first word of a phrase to look it up by: 0 unless it starts with function words."""
    if len(pats) < 2:
        return 0
    for k, (word, wild) in enumerate(pats):
        if wild or word not in _FUNCTION_WORDS:
            return k
    return 0


def _full_ok(toks: list, s: int, pats: tuple) -> bool:
    """Do the tokens from ``s`` match all of a phrase's word patterns?"""
    last = len(pats) - 1
    for k, (p, prefix) in enumerate(pats):
        t = toks[s + k]
        if prefix:
            if not t.startswith(p):
                return False
        elif t != p and not (k == last and t.endswith("'s") and t[:-2] == p):
            return False
    return True


def _rest_ok(toks: list, i: int, rest: tuple, end: int) -> bool:
    """Do the tokens after ``i`` (and before ``end``) match a phrase's remaining word patterns?"""
    if i + len(rest) >= end:
        return False
    last = len(rest) - 1
    for k, (p, prefix) in enumerate(rest):
        t = toks[i + 1 + k]
        if prefix:
            if not t.startswith(p):
                return False
        elif t != p and not (k == last and t.endswith("'s") and t[:-2] == p):
            return False
    return True


def _token_cache(comp: _Compiled) -> dict:
    """token -> candidates (None when nothing can match there), resolved on first sight."""
    exact, anchor_exact, by_head, short, resolve = comp.exact, comp.anchor_exact, comp.by_head, comp.short, comp.resolve
    head = _HEAD

    # the wildcard prefixes a token may start with, by its first HEAD characters (str.startswith takes a tuple)
    prefixes = {h: keys + short for h, keys in by_head.items()}

    class _TokenCache(dict):
        __slots__ = ()

        def __missing__(self, tok: str):
            if (tok in exact or tok in anchor_exact or tok.endswith("'s")
                    or tok.startswith(prefixes.get(tok[:head], short))):
                value = self[tok] = resolve(tok)
                return value
            self[tok] = None  # the common case, decided without a call
            return None

    return _TokenCache()


def _as_units(units) -> pd.DataFrame:
    if isinstance(units, pd.DataFrame):
        if "text" not in units.columns:
            raise ParameterError("units table lacks column 'text'; build it with framing.sentence_units/quote_units")
        return units
    if isinstance(units, str):
        units = [units]
    texts = list(units)
    return pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "unit_id": [str(i) for i in range(len(texts))],
                         "text": texts})


class DictionaryMatcher:
    """Match lexicons against units; scikit-learn style (configure, then call).

    ``lexicons``: names of built-ins, dictionary paths, :class:`Lexicon` objects or
    ``{category: [terms]}`` dicts. See the module docstring for tokens, matching
    rules, negation and rates.
    """

    def __init__(self, lexicons=("news_frames",), *, case_sensitive: bool = False, negation_window: int = 3,
                 negators: Sequence[str] = NEGATORS, count_negated: bool = True):
        if negation_window < 0:
            raise ParameterError(f"negation_window must be >= 0, not {negation_window}")
        self.lexicons = lexicons
        self.case_sensitive = case_sensitive
        self.negation_window = int(negation_window)
        self.negators = tuple(negators)
        self.count_negated = count_negated
        self._compiled_cache: _Compiled | None = None

    def __repr__(self) -> str:
        return f"DictionaryMatcher({self.lexicons!r}, negation_window={self.negation_window})"

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_compiled_cache"] = None
        return state

    def _compiled(self) -> _Compiled:
        if self._compiled_cache is None:
            self._compiled_cache = _Compiled(load_lexicons(self.lexicons), self.case_sensitive)
        return self._compiled_cache

    def _vocabulary(self) -> dict:
        """The token -> candidates cache, kept across calls (cleared past 2M distinct tokens)."""
        comp = self._compiled()
        cache = getattr(comp, "cache", None)
        if cache is None or len(cache) > 2_000_000:
            cache = comp.cache = _token_cache(comp)
        return cache

    @property
    def columns(self) -> list[str]:
        """The rate columns, ``<lexicon>.<category>``, in order."""
        return [f"{lex}.{cat}" for lex, cat in self._compiled().columns]

    # -- the pass -------------------------------------------------------------------
    def scan(self, units, *, offsets: bool = True) -> tuple[list, np.ndarray]:
        """One pass over ``units``: (match records, n_tokens per unit).

        A record is ``(unit index, lexicon index, payload, term, start, end, negated)``
        with unit-text offsets (0, 0 when ``offsets=False``); ``payload`` lists the
        term's ``(column, weight, category)``. See :meth:`match` and :meth:`rates`.
        """
        return self._scan_texts(_as_units(units)["text"].tolist(), offsets)

    def _scan_texts(self, texts: list, offsets: bool = True, rows: list | None = None) -> tuple[list, np.ndarray]:
        """:meth:`scan` of a list of texts (records name ``rows[k]`` for text ``k`` when given).

        Texts whose word characters are all ASCII (nearly all news text: "£", dashes and
        curly quotes are separators) are joined by newlines and blanked at C speed
        (:func:`_spaced_bytes`: every character outside a token becomes a space), so that
        one ``str.split()`` gives their tokens and numpy their offsets and counts; a token
        -> candidates cache is consulted once per token from C (``map``/``compress``), and
        Python code runs only at tokens where a term can start. Other texts are tokenized
        one by one with the regex. Both give the same tokens, hence the same records.
        """
        comp = self._compiled()
        case_sensitive = self.case_sensitive
        window = self.negation_window
        neg_words = self._negators()
        crosses = _crosses_at
        cache = self._vocabulary()
        lookup = cache.__getitem__  # resolves (and remembers) unseen tokens through __missing__
        rest_ok = _rest_ok
        full_ok = _full_ok
        hit_offsets = _hit_offsets
        n_lex = comp.n_lex
        records: list[tuple] = []
        record = records.append
        if not all(map(str.__instancecheck__, texts)):
            texts = [t if isinstance(t, str) else ("" if t is None or t != t else str(t)) for t in texts]
        ids = rows if rows is not None else range(len(texts))
        n_tokens = np.zeros(len(texts), dtype=np.int64)

        def unit_matches(u: int, toks: list, raw: list, lo: int, hi: int, hits: list, at: dict | None, src: str,
                         sp: str, base: int) -> None:
            """Record the matches of one unit, tokens ``lo .. hi-1`` of ``toks`` (normalized) and
            ``raw`` (as in ``src``); ``hits`` the indices of its tokens where a term can start,
            ``at`` their offsets in ``sp``/``src`` (None: found here), ``base`` the unit's offset there."""
            extra = None
            starts = []
            for i in hits:
                regular, anchored, gate = cache[toks[i]]
                if gate is not None:
                    if i + 1 < hi and toks[i + 1] in gate:
                        starts.append((i, regular))
                    continue
                if anchored is not None:
                    for c in anchored:
                        s0 = i - c[4]
                        if s0 >= lo and s0 + c[2] <= hi and full_ok(toks, s0, c[3]):
                            if at is None:
                                at = hit_offsets(sp, raw, hits)
                            p0 = at.get(s0)
                            if p0 is None:
                                p0 = at[i]
                                for k in range(i - 1, s0 - 1, -1):
                                    p0 = sp.rfind(raw[k], 0, p0)
                                at[s0] = p0
                            if crosses(src, sp, raw, s0, c[2], p0):
                                continue
                            if extra is None:
                                extra = {}
                            extra.setdefault(s0, []).append(c)
                if regular is not None:
                    starts.append((i, regular))
            if extra is not None:
                known_starts = dict(starts)
                starts = [(i, known_starts.get(i)) for i in sorted(set(known_starts).union(extra))]
            elif not starts:
                return
            free = [0] * n_lex
            chosen = []
            for i, regular in starts:
                ex = extra.get(i) if extra is not None else None
                if regular is not None:
                    for li, by_second, others, single in regular:
                        if i < free[li]:
                            continue
                        best = None
                        if by_second is not None and i + 1 < hi:
                            t2 = toks[i + 1]
                            group = by_second.get(t2)
                            if group is None and t2[-2:] == "'s":
                                group = by_second.get(t2[:-2])
                            if group is not None:
                                for c in group:
                                    if c[1] == 2 or rest_ok(toks, i, c[2], hi):
                                        if at is None:
                                            at = hit_offsets(sp, raw, hits)
                                        if crosses(src, sp, raw, i, c[1], at[i]):
                                            continue
                                        best = c
                                        break
                        if others is not None:
                            for c in others:
                                if best is not None and c[0] >= best[0]:
                                    break
                                if rest_ok(toks, i, c[2], hi):
                                    if at is None:
                                        at = hit_offsets(sp, raw, hits)
                                    if crosses(src, sp, raw, i, c[1], at[i]):
                                        continue
                                    best = c
                                    break
                        if best is None:
                            best = single
                        if ex is not None:
                            for c in ex:
                                if c[1] == li and (best is None or c[0] < best[0]):
                                    best = (c[0], c[2], None, c[5], c[6], c[7])
                                    break
                        if best is None:
                            continue
                        free[li] = i + best[1]
                        chosen.append((i, li, best))
                if ex is not None:
                    for c in ex:
                        li = c[1]
                        if i < free[li]:
                            continue
                        free[li] = i + c[2]
                        chosen.append((i, li, (c[0], c[2], None, c[5], c[6], c[7])))
            if not chosen:
                return
            if at is None and (offsets or window):
                at = hit_offsets(sp, raw, hits)
            for i, li, best in chosen:
                if offsets:
                    n = best[1]
                    p = at[i]
                    start = p - base
                    last = toks[i + n - 1]
                    if n == 1:
                        end = start + len(last)
                    else:
                        for k in range(i + 1, i + n):
                            p = sp.find(raw[k], p + len(raw[k - 1]))
                        end = p - base + len(raw[i + n - 1])
                    last_word = best[5]
                    if last_word is not None and last != last_word:
                        end -= 2  # matched through the possessive's base word: leave "'s" out
                else:
                    start = end = 0
                negated = False
                if window and not neg_words.isdisjoint(toks[i - window:i] if i - lo >= window else toks[lo:i]):
                    p = at[i]
                    k = i - 1
                    while k >= lo and k >= i - window:
                        t = raw[k]
                        pk = sp.rfind(t, 0, p)
                        e = pk + len(t)
                        if (p - e != 1 or src[e] != " ") and _is_boundary(t, src[e:p]):
                            break
                        if toks[k] in neg_words:
                            negated = True
                            break
                        p = pk
                        k -= 1
                record((u, li, best[4], best[3], start, end, negated))

        batch = _blank_units(texts)
        alone = sorted(set(range(len(texts))).difference(batch)) if len(batch) < len(texts) else []
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))[batch] + 1 if batch else None
        if batch:  # chunks of about _CHUNK_CHARS characters (each unit + 1 for the newline joining them)
            ends = np.cumsum(lengths)
            cuts = np.searchsorted(ends, np.arange(_CHUNK_CHARS, int(ends[-1]), _CHUNK_CHARS), side="right")
            bounds = [0, *np.unique(cuts[(cuts > 0) & (cuts < len(batch))]).tolist(), len(batch)]
        else:
            bounds = []
        for c0, c1 in zip(bounds, bounds[1:]):
            chunk = batch[c0:c1]
            joined = "\n".join([texts[j] for j in chunk])
            low = joined if case_sensitive else joined.lower()
            if len(low) != len(joined):  # a character whose lower case is longer: cannot happen for these
                alone = sorted(alone + chunk)  # texts (no non-ASCII word character), kept for safety
                continue
            if "\u2019" in low:
                low = low.replace("\u2019", "'")
            spb = _spaced_bytes(low)
            sp = spb.decode("ascii")
            toks = tuple(sp.split())  # a tuple of strings: the garbage collector untracks it at first sight
            is_tok = np.frombuffer(spb, dtype=np.uint8) != 32
            first = is_tok.copy()
            first[1:] &= ~is_tok[:-1]
            tok_starts = np.flatnonzero(first)
            ubeg = np.zeros(len(chunk), dtype=np.int64)
            np.cumsum(lengths[c0:c1 - 1], out=ubeg[1:])
            ft = np.searchsorted(tok_starts, ubeg)  # each unit's first token
            fe = np.append(ft[1:], len(tok_starts))
            n_tokens[chunk] = fe - ft
            hits = list(compress(count(), map(lookup, toks)))
            if not hits:
                continue
            harr = np.asarray(hits, dtype=np.int64)
            hunit = np.searchsorted(ft, harr, side="right") - 1
            at = dict(zip(hits, tok_starts[harr].tolist()))
            cuts_h = [0, *(np.flatnonzero(np.diff(hunit)) + 1).tolist(), len(hits)]
            ft_l, fe_l, ubeg_l = ft.tolist(), fe.tolist(), ubeg.tolist()
            for a, b, j in zip(cuts_h, cuts_h[1:], hunit[cuts_h[:-1]].tolist()):
                unit_matches(ids[chunk[j]], toks, toks, ft_l[j], fe_l[j], hits[a:b], at, low, sp, ubeg_l[j])
        if alone:
            split = _SPLIT_RE.split
            for k in alone:
                text = texts[k]
                low = text if case_sensitive else text.lower()
                if "\u2019" in low:
                    low = low.replace("\u2019", "'")
                if len(low) == len(text):
                    src = low
                    parts = split(low)
                    toks = raw = parts[1::2]
                else:  # a rare character whose lower case is longer: keep the original's offsets
                    src = text.replace("\u2019", "'")
                    parts = split(src)
                    raw = parts[1::2]
                    toks = [t.lower() for t in raw]
                n_tokens[k] = len(toks)
                hits = list(compress(count(), map(lookup, toks)))
                if hits:
                    unit_matches(ids[k], toks, raw, 0, len(toks), hits, None, src, _blank_gaps(parts), 0)
            if batch:  # back to the texts' order, as if scanned one by one (the sort is stable)
                if rows is None:
                    records.sort(key=itemgetter(0))
                else:
                    where = {r: k for k, r in enumerate(rows)}
                    records.sort(key=lambda rec: where[rec[0]])
        return records, n_tokens

    @staticmethod
    def _expand(records: list[tuple], texts: list, frags: list | None) -> dict:
        """Match records (one per matched span) -> columns (one row per category of the term)."""
        if not records:
            return {k: [] for k in ("unit", "lexicon", "col", "term", "match", "start", "end", "weight", "negated")}
        from .units import to_document_offset

        us, lis, payloads, terms, ss, es, negs = zip(*records)
        matched = [texts[u][s:e] for u, s, e in zip(us, ss, es)]
        u_arr = np.fromiter(us, dtype=np.int64, count=len(us))
        s_arr = np.fromiter(ss, dtype=np.int64, count=len(ss))
        e_arr = np.fromiter(es, dtype=np.int64, count=len(es))
        if frags is not None:
            first = np.zeros(len(texts), dtype=np.int64)
            multi = []
            for k in set(us):  # only the units with matches
                fr = frags[k]
                if fr is not None and len(fr):
                    first[k] = int(fr[0][0])
                    if len(fr) > 1:
                        multi.append(k)
            ds, de = s_arr + first[u_arr], e_arr + first[u_arr]
            if multi:
                for r in np.flatnonzero(np.isin(u_arr, multi)):
                    fr = frags[u_arr[r]]
                    ds[r], de[r] = to_document_offset(fr, int(s_arr[r])), to_document_offset(fr, int(e_arr[r]))
        else:
            ds, de = s_arr, e_arr
        sizes = np.fromiter(map(len, payloads), dtype=np.int64, count=len(payloads))
        if (sizes == 1).all():
            firsts = list(map(itemgetter(0), payloads))
            cols = list(map(itemgetter(0), firsts))
            weights = list(map(itemgetter(1), firsts))
            return {"unit": u_arr, "lexicon": list(lis), "col": cols, "term": list(terms), "match": matched,
                    "start": ds, "end": de, "weight": weights, "negated": list(negs)}
        rep = np.repeat(np.arange(len(records)), sizes)
        cols = [c for p in payloads for c, _w, _cat in p]
        weights = [w for p in payloads for _c, w, _cat in p]
        take = lambda seq: [seq[r] for r in rep]  # noqa: E731
        return {"unit": u_arr[rep], "lexicon": take(lis), "col": cols, "term": take(terms), "match": take(matched),
                "start": ds[rep], "end": de[rep], "weight": weights, "negated": take(negs)}

    # -- tables ------------------------------------------------------------------------
    def _match_frame(self, units: pd.DataFrame, records: list) -> pd.DataFrame:
        comp = self._compiled()
        frags = units["fragments"].tolist() if "fragments" in units.columns else None
        found = self._expand(records, units["text"].tolist(), frags)
        idx = np.asarray(found["unit"], dtype=np.int64)
        cols = np.asarray(found["col"], dtype=np.int64)
        names = np.array([lex for lex, _ in comp.columns] or [""], dtype=object)
        cats = np.array([cat for _, cat in comp.columns] or [""], dtype=object)
        doc = units["doc_id"].to_numpy() if "doc_id" in units.columns else np.arange(len(units)).astype(str)
        uid = units["unit_id"].to_numpy() if "unit_id" in units.columns else doc
        empty = np.array([], dtype=object)
        df = pd.DataFrame({
            "doc_id": doc[idx] if len(idx) else empty,
            "unit_id": uid[idx] if len(idx) else empty,
            "lexicon": names[cols] if len(cols) else empty,
            "category": cats[cols] if len(cols) else empty,
            "term": found["term"],
            "match": found["match"],
            "start": np.asarray(found["start"], dtype=np.int64),
            "end": np.asarray(found["end"], dtype=np.int64),
            "weight": np.asarray(found["weight"], dtype=float),
            "negated": np.asarray(found["negated"], dtype=bool),
        })
        return df[MATCH_COLUMNS]

    def _rate_frame(self, units: pd.DataFrame, records: list, n_tokens: np.ndarray, counts: bool) -> pd.DataFrame:
        comp = self._compiled()
        n_units, n_cols = len(n_tokens), len(comp.columns)
        if records:
            us, _lis, payloads, _terms, _s, _e, negs = zip(*records)
            sizes = np.fromiter(map(len, payloads), dtype=np.int64, count=len(payloads))
            idx = np.repeat(np.fromiter(us, dtype=np.int64, count=len(us)), sizes)
            negated = np.repeat(np.fromiter(negs, dtype=bool, count=len(negs)), sizes)
            if (sizes == 1).all():  # the usual case: each term in one category
                firsts = list(map(itemgetter(0), payloads))
                cols = np.fromiter(map(itemgetter(0), firsts), dtype=np.int64, count=len(firsts))
                weights = np.fromiter(map(itemgetter(1), firsts), dtype=float, count=len(firsts))
            else:
                cols = np.fromiter((c for p in payloads for c, _w, _k in p), dtype=np.int64, count=int(sizes.sum()))
                weights = np.fromiter((w for p in payloads for _c, w, _k in p), dtype=float, count=int(sizes.sum()))
        else:
            idx = cols = np.zeros(0, dtype=np.int64)
            weights = np.zeros(0)
            negated = np.zeros(0, dtype=bool)
        flat = idx * n_cols + cols
        size = n_units * n_cols
        w = weights if self.count_negated else np.where(negated, 0.0, weights)
        sums = np.bincount(flat, weights=w, minlength=size).reshape(n_units, n_cols) if size else np.zeros((n_units, n_cols))
        with np.errstate(divide="ignore", invalid="ignore"):
            rates = sums * 1000.0 / n_tokens[:, None]
        rates[n_tokens == 0, :] = np.nan
        out = {}
        for c in ("doc_id", "unit_id", "unit"):
            if c in units.columns:
                out[c] = units[c].to_numpy()
        out["n_tokens"] = n_tokens
        names = self.columns
        for k, name in enumerate(names):
            out[name] = rates[:, k]
        if counts:
            n = np.bincount(flat, minlength=size).reshape(n_units, n_cols) if size else np.zeros((n_units, n_cols), int)
            nn = (np.bincount(flat[negated], minlength=size).reshape(n_units, n_cols) if size
                  else np.zeros((n_units, n_cols), int))
            for k, name in enumerate(names):
                out[f"{name}.n"] = n[:, k].astype(np.int64)
                out[f"{name}.negated"] = nn[:, k].astype(np.int64)
        df = pd.DataFrame(out, index=range(n_units))
        if counts:
            order = [c for c in df.columns if c not in names and not c.endswith((".n", ".negated"))]
            for name in names:
                order += [name, f"{name}.n", f"{name}.negated"]
            df = df[order]
        return df

    def match(self, units) -> pd.DataFrame:
        """Every match: doc_id, unit_id, lexicon, category, term, match, start, end, weight, negated."""
        units = _as_units(units)
        with _gc_paused():
            records, _ = self.scan(units)
        return self._match_frame(units, records)

    def rates(self, units, *, counts: bool = False) -> pd.DataFrame:
        """Per unit: doc_id, unit_id, unit, n_tokens and ``<lexicon>.<category>`` rates per 1,000 tokens."""
        units = _as_units(units)
        with _gc_paused():
            records, n_tokens = self.scan(units, offsets=False)
        return self._rate_frame(units, records, n_tokens, counts)

    def match_and_rate(self, units, *, counts: bool = False,
                       reuse_sentences: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
        """``(matches, rates)`` from a single pass.

        ``reuse_sentences=True``: a ``document`` unit whose text is its ``sentence``
        units joined (as :func:`framing.units.document_units` builds it) is not scanned
        again; its rates and counts are summed from its sentences' matches, exactly
        (same values, bit for bit, as a scan: see :meth:`sentence_documents`), and the
        match table leaves out its rows (they would repeat its sentences' rows).
        """
        units = _as_units(units)
        if not reuse_sentences:
            with _gc_paused():
                records, n_tokens = self.scan(units)
            return self._match_frame(units, records), self._rate_frame(units, records, n_tokens, counts)
        with _gc_paused():
            records, extra, n_tokens = self._scan_reusing(units)
        return self._match_frame(units, records), self._rate_frame(units, records + extra, n_tokens, counts)

    def sentence_documents(self, units: pd.DataFrame) -> dict[int, list[int]]:
        """Document units whose matches are exactly their sentence units' matches.

        Returns ``{document row: [sentence rows]}`` (positions in ``units``). A document
        unit qualifies when its text is the texts of the ``sentence`` units of its
        ``doc_id`` joined by ``FRAGMENT_SEP`` and nothing the matcher does can reach
        across a join: at each join either the separator ends a clause (phrases and
        negation windows stop there), or the next sentence's first word cannot continue
        any phrase of the lexicons and the previous sentence's last ``negation_window``
        words hold no negator.
        """
        from .units import FRAGMENT_SEP

        if (not {"unit", "doc_id", "text"} <= set(units.columns) or not FRAGMENT_SEP
                or not FRAGMENT_SEP.isspace()):
            return {}
        kinds, docs, texts = units["unit"].tolist(), units["doc_id"].tolist(), units["text"].tolist()
        sents: dict = {}
        # sentence rows by document, in row order (runs of one document grouped from C)
        for d, rows in groupby(compress(count(), map("sentence".__eq__, kinds)), key=docs.__getitem__):
            sents.setdefault(d, []).extend(rows)
        if not sents:
            return {}
        comp = self._compiled()
        neg_words = self._negators()
        plan: dict[int, list[int]] = {}
        for i in compress(count(), map("document".__eq__, kinds)):
            rows = sents.get(docs[i])
            text = texts[i]
            if not rows or not isinstance(text, str):
                continue
            pieces = list(map(texts.__getitem__, rows))
            if not all(map(str.__instancecheck__, pieces)) or FRAGMENT_SEP.join(pieces) != text:
                continue
            if not self.case_sensitive and len(text.lower()) != len(text):
                continue
            if self._joins_exact(pieces, comp, neg_words, FRAGMENT_SEP):
                plan[i] = rows
        return plan

    def _negators(self) -> frozenset:
        neg_words = frozenset(w if self.case_sensitive else w.lower() for w in self.negators)
        if "n't" in neg_words:
            neg_words = neg_words | frozenset(NT_FORMS)
        return neg_words

    def _joins_exact(self, pieces: list, comp: _Compiled, neg_words: frozenset, sep_text: str) -> bool:
        """Can no phrase or negation window span a join between consecutive ``pieces``?"""
        for k in range(len(pieces) - 1):
            piece = pieces[k]
            stripped = piece.rstrip(_TRAIL_CHARS)
            if stripped and (stripped[-1].isalnum() or stripped[-1] == "_"):
                # the usual case, decided from the end of the piece alone: ". " or "? " after a word
                trail = piece[len(stripped):]
                if trail and not _STOP_CHARS.isdisjoint(trail):
                    if trail[0] != ".":
                        continue
                    chunk = stripped.rsplit(None, 1)[-1]
                    if chunk.isalpha():  # one word: it is the last token
                        if len(chunk) > 1 and chunk.lower() not in _ABBREVIATIONS:
                            continue
                    else:
                        last = _TOKEN_RE.findall(chunk)
                        if last and len(last[-1]) > 1 and last[-1].lower() not in _ABBREVIATIONS:
                            continue
            if not self._join_exact(piece, pieces[k + 1], comp, neg_words, sep_text):
                return False
        return True

    def _join_exact(self, piece: str, after: str, comp: _Compiled, neg_words: frozenset, sep_text: str) -> bool:
        """Can no phrase or negation window span the join of ``piece`` and ``after``?"""
        window = self.negation_window
        norm = (lambda x: x) if self.case_sensitive else str.lower
        split, search = _SPLIT_RE.split, _TOKEN_RE.search
        parts = split(norm(piece[-60:]).replace("\u2019", "'"))
        if len(parts) < 2 * window + 3 or len(parts) < 5:  # too few whole words in the tail: the whole piece
            parts = split(norm(piece).replace("\u2019", "'"))
            if len(parts) < 3:
                return False
        toks, trail = parts[1::2][-window - 1:], parts[-1]
        low = norm(after[:80]).replace("\u2019", "'")
        head = search(low)
        if head is None or head.end() == len(low):  # no whole first word in the slice: the piece
            low = norm(after).replace("\u2019", "'")
            head = search(low)
            if head is None:
                return False
        sep = trail + sep_text + low[:head.start()]
        if _is_boundary(toks[-1], sep):
            return True
        if _may_continue(toks[-1], head.group(), comp.cont_pairs, comp.cont_wild):
            return False
        return not (window and (len(toks) < window or not neg_words.isdisjoint(toks[-window:])))

    def _scan_reusing(self, units: pd.DataFrame) -> tuple[list, list, np.ndarray]:
        """(records of scanned units, records of documents summed from sentences, n_tokens)."""
        plan = self.sentence_documents(units)
        if not plan:
            records, n_tokens = self.scan(units)
            return records, [], n_tokens
        texts = units["text"].tolist()
        scan_rows = list(filterfalse(plan.__contains__, range(len(texts))))
        records, sub_tokens = self._scan_texts(list(map(texts.__getitem__, scan_rows)), rows=scan_rows)
        n_tok = [0] * len(texts)
        for i, n in zip(scan_rows, sub_tokens.tolist()):
            n_tok[i] = n
        by_unit: dict[int, list] = {}
        for u, group in groupby(records, key=itemgetter(0)):  # records come unit by unit
            by_unit.setdefault(u, []).extend(group)
        extra = []
        for d, rows in plan.items():
            n_tok[d] = sum(map(n_tok.__getitem__, rows))
            for r in rows:
                got = by_unit.get(r)
                if got:
                    extra += [(d, *rec[1:]) for rec in got]
        n_tokens = np.asarray(n_tok, dtype=np.int64)
        return records, extra, n_tokens


def match_lexicons(units, lexicons=("news_frames",), **kwargs) -> pd.DataFrame:
    """``DictionaryMatcher(lexicons, **kwargs).match(units)``: the match table."""
    return DictionaryMatcher(lexicons, **kwargs).match(units)


def tokenize(text: str, *, lower: bool = True) -> list[str]:
    """The tokens of ``text`` as the matcher sees them (lower-cased by default)."""
    text = text.replace("\u2019", "'")
    return _SPLIT_RE.split(text.lower() if lower else text)[1::2]


def keywords_in_context(matches: pd.DataFrame, documents: pd.DataFrame, *, width: int = 40) -> pd.DataFrame:
    """Matches with ``left`` and ``right`` context (``width`` characters) from the documents' text."""
    texts = dict(zip(documents["doc_id"], documents["text"]))
    left, right = [], []
    for doc_id, s, e in zip(matches["doc_id"], matches["start"], matches["end"]):
        t = texts.get(doc_id, "")
        left.append(" ".join(t[max(0, s - width):s].split()))
        right.append(" ".join(t[e:e + width].split()))
    out = matches.copy()
    out["left"] = left
    out["right"] = right
    return out


def highlight(text: str, matches: pd.DataFrame, *, start: int = 0, end: int | None = None,
              html: bool = True) -> str:
    """``text[start:end]`` with its matches marked, for notebooks and reports.

    ``matches`` are rows of a match table for this document (offsets index ``text``).
    With ``html=True`` each match becomes ``<mark title="lexicon.category">...</mark>``
    (text escaped; negated matches get ``class="negated"``); otherwise ``[match|category]``.
    Overlapping matches (different lexicons) are marked once, by the first.
    """
    import html as _html

    end = len(text) if end is None else end
    spans = sorted(((int(s), int(e), f"{lx}.{c}", bool(n)) for s, e, lx, c, n in
                    zip(matches["start"], matches["end"], matches["lexicon"], matches["category"], matches["negated"])
                    if int(s) >= start and int(e) <= end), key=lambda x: (x[0], -x[1]))
    out, pos = [], start
    esc = _html.escape if html else (lambda x: x)
    for s, e, label, neg in spans:
        if s < pos:
            continue
        out.append(esc(text[pos:s]))
        if html:
            cls = ' class="negated"' if neg else ""
            out.append(f'<mark title="{_html.escape(label)}"{cls}>{esc(text[s:e])}</mark>')
        else:
            out.append(f"[{text[s:e]}|{label.split('.', 1)[-1]}{' (negated)' if neg else ''}]")
        pos = e
    out.append(esc(text[pos:end]))
    return "".join(out)
