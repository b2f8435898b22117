"""VADER sentiment with the original rules, faster, per quote, sentence and document.

The reference is the original implementation, the PyPI package ``vaderSentiment``
3.3.2 (Hutto & Gilbert 2014), whose lexicon files we read from the installed
package: no download. :class:`VaderScorer` re-implements its rules so that
``neg``, ``neu``, ``pos`` and ``compound`` are *identical* (same floats after the
same rounding) to ``SentimentIntensityAnalyzer().polarity_scores`` on every input,
quirks included, while running several times faster (see ``bench/bench_sentiment.py``).
NLTK's port is not the reference: it differs on a few percent of news sentences
and scores a sentiment word inside quotation marks as neutral.

Variants
    ``"reference"``  the original lexicon and rules, exactly;
    ``"news"``       the same rules with ``framing/data/vader_news.tsv`` applied:
                     news vocabulary missing from VADER (violence, disaster,
                     conflict, economy), and a few entries removed that are
                     mostly names or technical terms in news ("united", "gross").

Scores table (``score_units``): ``doc_id``, ``unit_id``, ``unit``, ``n_tokens``
(VADER's whitespace tokens), ``neg``, ``neu``, ``pos``, ``compound``.
A document is never scored as one long text: its score aggregates its sentences
(see :func:`aggregate_sentences`).
"""

from __future__ import annotations

import functools
import math
import string
from dataclasses import dataclass
from importlib import resources
from itertools import compress
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

import pandas as pd

from .errors import InputError, ParameterError

VARIANTS = ("reference", "news")
SCORE_COLUMNS = ["doc_id", "unit_id", "unit", "n_tokens", "neg", "neu", "pos", "compound"]
REFERENCE_VERSION = "3.3.2"  # the vaderSentiment release whose rules are reproduced

# --- constants of the original (vaderSentiment 3.3.2) ---------------------------------
B_INCR = 0.293
B_DECR = -0.293
C_INCR = 0.733
N_SCALAR = -0.74

_NEGATE = frozenset(
    ["aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
     "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
     "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
     "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
     "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
     "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
     "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
     "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite"]
)  # fmt: skip

_BOOSTER: dict[str, float] = {
    **dict.fromkeys(
        ["absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
         "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially",
         "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping",
         "flippin", "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully",
         "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
         "incredible", "incredibly", "intensely", "major", "majorly", "more", "most",
         "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
         "thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably",
         "unusually", "utter", "utterly", "very"],
        B_INCR,
    ),
    **dict.fromkeys(
        ["almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of",
         "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly",
         "scarce", "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta", "sortof",
         "sort-of"],
        B_DECR,
    ),
}  # fmt: skip

# special-case idioms containing lexicon words, as token tuples (the original joins
# tokens with " " and compares strings; tokens never contain whitespace, so tuples match
# exactly the same sequences)
_SPECIAL: dict[tuple[str, ...], float] = {
    tuple(k.split()): v
    for k, v in {
        "the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0,
        "yeah right": -2, "kiss of death": -1.5, "to die for": 3, "beating heart": 3.5,
    }.items()
}  # fmt: skip
_BOOSTER_NGRAM: dict[tuple[str, ...], float] = {
    tuple(k.split()): v for k, v in _BOOSTER.items() if " " in k
}
_IDIOM_WORDS = frozenset(w for k in list(_SPECIAL) + list(_BOOSTER_NGRAM) for w in k)
_SO_THIS = ("so", "this")
# last / first words of the multi-word idioms and booster n-grams: a lexicon word can be
# touched by _special_idioms only if one of the three tokens ending at it is a last word,
# or it is itself a first word
_IDIOM_LAST = frozenset(k[-1] for k in list(_SPECIAL) + list(_BOOSTER_NGRAM) if len(k) > 1)
_IDIOM_FIRST = frozenset(k[0] for k in _SPECIAL if len(k) > 1)
# tokens that can change the valence of a lexicon word when among the three before it
# (besides any token containing "n't")
_CONTEXT = frozenset(_BOOSTER) | _NEGATE | {"no", "so", "this", "least"}
_PUNCT = string.punctuation
_NEUTRAL = (0.0, 1.0, 0.0, 0.0)
_EMPTY = (0.0, 0.0, 0.0, 0.0)


# --- lexicons -----------------------------------------------------------------------


def _read_package_text(package: str, name: str) -> str:
    """A data file of an installed package, decoded as UTF-8 without newline translation."""
    return resources.files(package).joinpath(name).read_bytes().decode("utf-8")


@functools.lru_cache(maxsize=None)
def reference_lexicon() -> Mapping[str, float]:
    """VADER's word lexicon (``vader_lexicon.txt`` of the installed vaderSentiment), parsed as the original does."""
    lex: dict[str, float] = {}
    for line in _read_package_text("vaderSentiment", "vader_lexicon.txt").rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lex[word] = float(measure)
    return lex


@functools.lru_cache(maxsize=None)
def emoji_descriptions() -> Mapping[str, str]:
    """VADER's emoji table (``emoji_utf8_lexicon.txt``): emoji -> textual description."""
    table: dict[str, str] = {}
    for line in _read_package_text("vaderSentiment", "emoji_utf8_lexicon.txt").rstrip("\n").split("\n"):
        emoji, description = line.strip().split("\t")[0:2]
        table[emoji] = description
    return table


def read_news_additions(path=None) -> pd.DataFrame:
    """The news lexicon changes: columns ``term``, ``valence``, ``note``.

    ``path`` defaults to the packaged ``framing/data/vader_news.tsv`` (tab separated,
    ``#`` comment lines, header ``term valence note``). Valence is on VADER's -4..4
    scale; ``0`` means "not a sentiment word in news": the term is removed from the
    lexicon if VADER has it, and is not added otherwise.
    """
    if path is None:
        text = _read_package_text("framing", "data/vader_news.tsv")
        source = "framing/data/vader_news.tsv"
    else:
        source = str(path)
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"cannot read lexicon additions ({err}); give a UTF-8 TSV file", source=source) from None
    rows, header_seen = [], False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if not header_seen:
            header_seen = True
            if parts[:2] == ["term", "valence"]:
                continue
        if len(parts) < 2:
            raise InputError("expected 'term<TAB>valence<TAB>note'", source=source, line=n)
        term = parts[0].strip()
        try:
            valence = float(parts[1])
        except ValueError:
            raise InputError(f"valence {parts[1]!r} is not a number", source=source, line=n) from None
        if not term or term != term.lower() or any(c.isspace() for c in term):
            raise InputError(f"term {term!r} must be one lowercase word (VADER matches single tokens)", source=source, line=n)
        if not -4.0 <= valence <= 4.0:
            raise InputError(f"valence {valence} is outside VADER's -4..4 scale", source=source, line=n)
        rows.append((term, valence, parts[2].strip() if len(parts) > 2 else ""))
    df = pd.DataFrame(rows, columns=["term", "valence", "note"])
    dup = df["term"][df["term"].duplicated()]
    if len(dup):
        raise InputError(f"term {dup.iloc[0]!r} is listed twice", source=source)
    return df


def variant_lexicon(variant: str = "reference", extra: Mapping[str, float] | None = None) -> dict[str, float]:
    """The word -> valence lexicon of a variant, with ``extra`` changes applied last.

    Changes (news additions, ``extra``) set a term's valence; valence 0 removes the
    term, so that it behaves like any word VADER does not know.
    """
    if variant not in VARIANTS:
        raise ParameterError(f"unknown VADER variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    lex = dict(reference_lexicon())
    changes: dict[str, float] = {}
    if variant == "news":
        changes.update(_news_changes())
    changes.update(_check_extra(extra))
    for term, valence in changes.items():
        if valence == 0.0:
            lex.pop(term, None)
        else:
            lex[term] = valence
    return lex


def _check_extra(extra: Mapping[str, float] | None) -> dict[str, float]:
    """User lexicon changes as ``{lowercase token: float valence}``, or ParameterError."""
    out: dict[str, float] = {}
    for term, valence in (extra or {}).items():
        if not isinstance(term, str) or not term or term != term.lower() or any(c.isspace() for c in term):
            raise ParameterError(f"extra term {term!r} must be one lowercase token (VADER looks up lowercased tokens)")
        try:
            out[term] = float(valence)
        except (TypeError, ValueError):
            raise ParameterError(f"extra term {term!r}: valence {valence!r} is not a number") from None
    return out


@functools.lru_cache(maxsize=None)
def _news_changes() -> dict[str, float]:
    df = read_news_additions()
    return dict(zip(df["term"], df["valence"].astype(float)))


# --- the scorer ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Tables:
    lex: dict[str, float]
    emojis: Mapping[str, str]
    emoji_chars: frozenset
    ascii_safe: bool  # no emoji key is an ASCII character: ASCII text needs no substitution


def _replace_emojis(text: str, emojis: Mapping[str, str]) -> str:
    """The original's emoji substitution: each emoji becomes its description, then strip."""
    out = []
    prev_space = True
    for ch in text:
        description = emojis.get(ch)
        if description is not None:
            if not prev_space:
                out.append(" ")
            out.append(description)
            prev_space = False
        else:
            out.append(ch)
            prev_space = ch == " "
    return "".join(out).strip()


def _strip_word(token: str) -> str:
    stripped = token.strip(_PUNCT)
    return stripped if len(stripped) > 2 else token


class VaderScorer:
    """VADER sentiment identical to vaderSentiment 3.3.2, several times faster.

    Parameters
    ----------
    variant : ``"reference"`` (the original lexicon) or ``"news"`` (plus
        ``framing/data/vader_news.tsv``, see ``docs/sentiment.md``).
    extra : optional ``{term: valence}`` changes applied on top of the variant
        (valence 0 removes a term). Terms are single lowercase tokens.
    cache_size : how many distinct texts to remember (repeated sentences, e.g.
        duplicated wire copy, are scored once); 0 disables the cache.

    The lexicon is read from the installed vaderSentiment package on first use.

    >>> VaderScorer().polarity_scores('He said it was "good".')
    {'neg': 0.0, 'neu': 0.58, 'pos': 0.42, 'compound': 0.4404}
    """

    def __init__(self, variant: str = "reference", *, extra: Mapping[str, float] | None = None, cache_size: int = 32768):
        if variant not in VARIANTS:
            raise ParameterError(f"unknown VADER variant {variant!r}; choose one of {', '.join(VARIANTS)}")
        if cache_size < 0:
            raise ParameterError(f"cache_size must be >= 0, got {cache_size}")
        self.variant = variant
        self.extra = _check_extra(extra) or None
        self.cache_size = cache_size
        self._tables_: _Tables | None = None
        self._cached = None

    def __repr__(self) -> str:
        extra = f", extra={len(self.extra)} terms" if self.extra else ""
        return f"VaderScorer(variant={self.variant!r}{extra})"

    def __getstate__(self):  # pickles small (for worker processes): tables rebuild lazily
        return {"variant": self.variant, "extra": self.extra, "cache_size": self.cache_size}

    def __setstate__(self, state):
        self.__init__(state["variant"], extra=state["extra"], cache_size=state["cache_size"])

    # -- lazily built state --
    @property
    def _tables(self) -> _Tables:
        if self._tables_ is None:
            emojis = emoji_descriptions()
            # only single characters can match: the original substitutes char by char
            chars = frozenset(k for k in emojis if len(k) == 1)
            self._tables_ = _Tables(
                variant_lexicon(self.variant, self.extra), emojis, chars, not any(c.isascii() for c in chars)
            )
        return self._tables_

    @property
    def lexicon(self) -> Mapping[str, float]:
        """The word -> valence lexicon in use, read-only (lookups are by lowercased token)."""
        return MappingProxyType(self._tables.lex)

    @property
    def fingerprint(self) -> str:
        """A short hash of everything that decides the scores (rules version, lexicon,
        emoji table, variant changes); a cache key for stored scores."""
        import hashlib

        h = hashlib.sha256(f"vader-rules {REFERENCE_VERSION}\n".encode())
        for term, valence in sorted(self._tables.lex.items()):
            h.update(f"{term}\t{valence!r}\n".encode())
        for emoji, description in sorted(self._tables.emojis.items()):
            h.update(f"{emoji}\t{description}\n".encode())
        return h.hexdigest()[:16]

    def _scorer(self):
        if self._cached is None:
            self._cached = functools.lru_cache(maxsize=self.cache_size)(self._score) if self.cache_size else self._score
        return self._cached

    def _memo_scorer(self):
        """A scorer remembering every text of one call: a document's sentences, usually
        also scored as sentence units, and quotes equal to sentences are scored once."""
        score, memo = self._scorer(), {}

        def scored(text: str):
            result = memo.get(text)
            if result is None:
                result = memo[text] = score(text)
            return result

        return scored

    # -- public scoring --
    def polarity_scores(self, text: str) -> dict[str, float]:
        """``{'neg', 'neu', 'pos', 'compound'}`` exactly as vaderSentiment's ``polarity_scores``."""
        neg, neu, pos, compound, _ = self._scorer()(_as_text(text))
        return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}

    def score_texts(self, texts: Iterable[str]) -> pd.DataFrame:
        """One row per text: ``n_tokens``, ``neg``, ``neu``, ``pos``, ``compound``."""
        score = self._memo_scorer()
        rows = [score(_as_text(t)) for t in texts]
        df = pd.DataFrame(rows, columns=["neg", "neu", "pos", "compound", "n_tokens"])
        df["n_tokens"] = df["n_tokens"].astype("int64")
        return df[["n_tokens", "neg", "neu", "pos", "compound"]]

    def score_units(self, units: pd.DataFrame) -> pd.DataFrame:
        """Scores per unit of a units table (see ``framing.units``).

        Quote and sentence units are scored as one text each. A ``document`` unit is
        split into its sentences (its ``fragments``, else :func:`_sentence_texts`)
        and gets :func:`aggregate_sentences` of their scores, never VADER on the
        whole text. Returns ``doc_id``, ``unit_id``, ``unit``, ``n_tokens``, ``neg``,
        ``neu``, ``pos``, ``compound`` in the order of ``units``.
        """
        missing = [c for c in ("doc_id", "unit_id", "text") if c not in units.columns]
        if missing:
            raise ParameterError(f"units table lacks column(s) {', '.join(missing)}; build it with framing.sentence_units/quote_units")
        score = self._memo_scorer()
        texts = units["text"].tolist()
        kinds = units["unit"].tolist() if "unit" in units.columns else ["sentence"] * len(units)
        if "document" in kinds:
            frags = units["fragments"].tolist() if "fragments" in units.columns else [None] * len(units)
            rows = [
                _aggregate_tuples([score(p) for p in _document_sentences(_as_text(t), fr)])
                if kind == "document"
                else score(t if type(t) is str else _as_text(t))
                for t, kind, fr in zip(texts, kinds, frags)
            ]
        else:
            rows = [score(t if type(t) is str else _as_text(t)) for t in texts]
        neg, neu, pos, compound, n_tokens = zip(*rows) if rows else ((),) * 5
        return pd.DataFrame(
            {
                "doc_id": units["doc_id"].to_numpy(),
                "unit_id": units["unit_id"].to_numpy(),
                "unit": kinds,
                "n_tokens": pd.array(n_tokens, dtype="int64"),
                "neg": pd.array(neg, dtype="float64"),
                "neu": pd.array(neu, dtype="float64"),
                "pos": pd.array(pos, dtype="float64"),
                "compound": pd.array(compound, dtype="float64"),
            },
            columns=SCORE_COLUMNS,
        )

    def explain(self, text: str) -> pd.DataFrame:
        """Which tokens produced the score: one row per VADER token.

        Columns ``index``, ``token`` (as VADER tokenised it), ``lexicon`` (the word's
        lexicon valence, NaN if none) and ``valence`` (after all rules: negation,
        boosters, caps, "but"...; the compound is ``normalize(sum(valence) +- punctuation)``).
        """
        text = _as_text(text)
        words, low, vals = self._valences(text)
        lex = self._tables.lex
        return pd.DataFrame(
            {
                "index": range(len(words)),
                "token": words,
                "lexicon": [lex.get(w, math.nan) for w in low],
                "valence": [float(v) for v in vals],
            }
        )

    # -- the rules --
    def _tokens(self, text: str) -> tuple[str, list[str], list[str]]:
        """(text after emoji substitution, VADER tokens, lowercased tokens)."""
        if text.isascii() and self._tables.ascii_safe:
            # ASCII: lowercasing keeps lengths and punctuation, so strip after lowering
            words = [_strip_word(t) for t in text.split()]
            return text, words, [w.lower() for w in words]
        if not self._tables.emoji_chars.isdisjoint(text):
            text = _replace_emojis(text, self._tables.emojis)
        words = [_strip_word(t) for t in text.split()]
        return text, words, [w.lower() for w in words]

    def _score(self, text: str) -> tuple[float, float, float, float, int]:
        """(neg, neu, pos, compound, n_tokens) for one text; the hot path."""
        if text.isascii() and self._tables.ascii_safe:
            low = text.lower().split()
            n = len(low)
            if not n:
                return (*_EMPTY, 0)
            low = [s if len(s := t.strip(_PUNCT)) > 2 else t for t in low]
            lex = self._tables.lex
            if lex.keys().isdisjoint(low):
                return (*_NEUTRAL, n)
            raw = text.split()  # case as written; isupper() is unaffected by stripping punctuation
        else:
            tables = self._tables
            if not tables.emoji_chars.isdisjoint(text):
                text = _replace_emojis(text, tables.emojis)
            raw = text.split()
            n = len(raw)
            if not n:
                return (*_EMPTY, 0)
            low = [_strip_word(t).lower() for t in raw]
            lex = tables.lex
            if lex.keys().isdisjoint(low):
                return (*_NEUTRAL, n)
        positions, vals = self._rules(raw, low, lex)
        return (*_final_scores(vals, n, text), n)

    def _valences(self, text: str) -> tuple[list[str], list[str], list[float]]:
        text, words, low = self._tokens(text)
        raw = text.split()
        vals = [0.0] * len(low)
        if low:
            positions, hit_vals = self._rules(raw, low, self._tables.lex)
            for p, v in zip(positions, hit_vals):
                vals[p] = v
        return words, low, vals

    @staticmethod
    def _rules(raw: Sequence[str], low: Sequence[str], lex: Mapping[str, float]) -> tuple[list[int], list[float]]:
        """Positions and final valences of the lexicon words (all other tokens are 0).

        A line-by-line equivalent of ``SentimentIntensityAnalyzer.polarity_scores``
        up to ``_but_check`` included, restricted to the tokens that can be non-zero.
        """
        n = len(low)
        last = n - 1
        cap_diff = None  # allcap_differential, computed only when a word is in capitals
        positions: list[int] = []
        vals: list[float] = []
        booster = _BOOSTER
        context, idiom_last = _CONTEXT, _IDIOM_LAST
        # only the tokens in the lexicon, found from C (most tokens are not)
        for i in compress(range(n), map(lex.__contains__, low)):
            w = low[i]
            if w in booster:
                continue
            if w == "kind" and i < last and low[i + 1] == "of":
                continue
            # fast path: no negation, booster, "no", "least", "so"/"this" or capitals at or
            # before the word: only an idiom can change its valence
            window = low[i - 3 : i] if i > 2 else low[:i]
            if w != "no" and context.isdisjoint(window) and "n't" not in " ".join(window) and not raw[i].isupper():
                if i > 2 and (w in idiom_last or w in _IDIOM_FIRST or window[2] in idiom_last or window[1] in idiom_last):
                    # what the rules below reduce to here: every check is false, every
                    # booster increment 0.0; the idioms are checked when the third word
                    # before is not itself a lexicon word (the original's loop skips it then)
                    valence = lex[w]
                    if window[0] not in lex:
                        valence = _special_idioms(valence, low, i, last)
                    positions.append(i)
                    vals.append(valence)
                    continue
                positions.append(i)
                vals.append(lex[w])
                continue
            valence = lex[w]
            if w == "no" and i != last and low[i + 1] in lex:
                valence = 0.0
            if (
                (i > 0 and low[i - 1] == "no")
                or (i > 1 and low[i - 2] == "no")
                or (i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor"))
            ):
                valence = lex[w] * N_SCALAR
            if raw[i].isupper():
                if cap_diff is None:
                    n_upper = sum(map(str.isupper, raw))
                    cap_diff = 0 < n - n_upper < n
                if cap_diff:
                    if valence > 0:
                        valence += C_INCR
                    else:
                        valence -= C_INCR
            for start_i in (0, 1, 2):
                j = i - (start_i + 1)
                if j < 0:
                    break
                prev = low[j]
                if prev in lex:
                    continue
                # scalar_inc_dec
                s = 0.0
                if prev in booster:
                    s = booster[prev]
                    if valence < 0:
                        s *= -1
                    if raw[j].isupper():
                        if cap_diff is None:
                            n_upper = sum(map(str.isupper, raw))
                            cap_diff = 0 < n - n_upper < n
                        if cap_diff:
                            if valence > 0:
                                s += C_INCR
                            else:
                                s -= C_INCR
                    if start_i == 1:
                        s = s * 0.95
                    elif start_i == 2:
                        s = s * 0.9
                valence = valence + s
                # _negation_check
                if start_i == 0:
                    if prev in _NEGATE or "n't" in prev:
                        valence = valence * N_SCALAR
                elif start_i == 1:
                    if prev == "never" and low[i - 1] in _SO_THIS:
                        valence = valence * 1.25
                    elif prev == "without" and low[i - 1] == "doubt":
                        pass
                    elif prev in _NEGATE or "n't" in prev:
                        valence = valence * N_SCALAR
                else:
                    if (prev == "never" and low[i - 2] in _SO_THIS) or low[i - 1] in _SO_THIS:
                        valence = valence * 1.25
                    elif prev == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
                        pass
                    elif prev in _NEGATE or "n't" in prev:
                        valence = valence * N_SCALAR
                    valence = _special_idioms(valence, low, i, last)
            # _least_check
            if i > 1 and low[i - 1] == "least" and low[i - 1] not in lex:
                if low[i - 2] != "at" and low[i - 2] != "very":
                    valence = valence * N_SCALAR
            elif i > 0 and low[i - 1] == "least" and low[i - 1] not in lex:
                valence = valence * N_SCALAR
            positions.append(i)
            vals.append(valence)
        if vals and "but" in low:
            _but_check(positions, vals, low.index("but"))
        return positions, vals


def _special_idioms(valence: float, low: Sequence[str], i: int, last: int) -> float:
    """The original's ``_special_idioms_check`` (called only when ``i > 2``)."""
    w3, w2, w1, w0 = low[i - 3], low[i - 2], low[i - 1], low[i]
    words = _IDIOM_WORDS
    nxt1 = low[i + 1] if last > i else None
    nxt2 = low[i + 2] if last > i + 1 else None
    if not (w0 in words or w1 in words or w2 in words or w3 in words):
        return valence
    special = _SPECIAL
    for seq in ((w1, w0), (w2, w1, w0), (w2, w1), (w3, w2, w1), (w3, w2)):
        if seq in special:
            valence = special[seq]
            break
    if nxt1 is not None and (w0, nxt1) in special:
        valence = special[(w0, nxt1)]
    if nxt2 is not None and (w0, nxt1, nxt2) in special:
        valence = special[(w0, nxt1, nxt2)]
    for seq in ((w3, w2, w1), (w3, w2), (w2, w1)):
        if seq in _BOOSTER_NGRAM:
            valence = valence + _BOOSTER_NGRAM[seq]
    return valence


def _but_check(positions: list[int], vals: list[float], bi: int) -> None:
    """The original's ``_but_check``, in place, including its quirk.

    The original walks the list and rescales ``sentiments[sentiments.index(value)]``,
    i.e. the *first* element equal to the value, which differs from the element at
    hand when an earlier one was rescaled to the same value. Zero entries cannot
    change anything, so only the lexicon positions are walked.
    """
    for k in range(len(vals)):
        v = vals[k]
        if v == 0:
            continue
        j = vals.index(v)
        p = positions[j]
        if p < bi:
            vals[j] = v * 0.5
        elif p > bi:
            vals[j] = v * 1.5


def _final_scores(vals: Sequence[float], n: int, text: str) -> tuple[float, float, float, float]:
    """The original's ``score_valence`` given the non-zero candidates among ``n`` tokens."""
    sum_s = float(sum(vals))
    ep_count = text.count("!")
    if ep_count > 4:
        ep_count = 4
    ep_amplifier = ep_count * 0.292
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    amp = ep_amplifier + qm_amplifier
    if sum_s > 0:
        sum_s += amp
    elif sum_s < 0:
        sum_s -= amp
    compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
    if compound < -1.0:
        compound = -1.0
    elif compound > 1.0:
        compound = 1.0
    pos_sum = 0.0
    neg_sum = 0.0
    nonzero = 0
    for s in vals:
        if s > 0:
            pos_sum += float(s) + 1
            nonzero += 1
        elif s < 0:
            neg_sum += float(s) - 1
            nonzero += 1
    neu_count = n - nonzero
    if pos_sum > math.fabs(neg_sum):
        pos_sum += amp
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= amp
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return (
        round(math.fabs(neg_sum / total), 3),
        round(math.fabs(neu_count / total), 3),
        round(math.fabs(pos_sum / total), 3),
        round(compound, 4),
    )


# --- units, documents, helpers ------------------------------------------------------


def _as_text(text) -> str:
    """Unit text as a str; missing values (None/NaN) score as the empty text."""
    if isinstance(text, str):
        return text
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return str(text)


def _document_sentences(text: str, fragments) -> list[str]:
    """A document unit's sentences: the pieces given by its ``fragments``, else a split of the text."""
    if fragments is not None and len(fragments) > 0:
        from .units import FRAGMENT_SEP

        parts, pos = [], 0
        lengths = [int(e) - int(s) for s, e in fragments]
        if sum(lengths) + len(FRAGMENT_SEP) * (len(lengths) - 1) == len(text):
            for length in lengths:
                parts.append(text[pos : pos + length])
                pos += length + len(FRAGMENT_SEP)
            return parts
    return _sentence_texts(text)


def _sentence_texts(text: str) -> list[str]:
    """Sentences of a text: ``framing.segment.split_sentences`` when available, else a simple split."""
    try:
        from .segment import split_sentences
    except ImportError:  # pragma: no cover - segment.py is another stage
        split_sentences = None
    if split_sentences is not None:
        return [text[s:e] for s, e in split_sentences(text)]
    import re

    return [m.group() for m in re.finditer(r"\S(?:.*?(?:[.!?]+[\"'\u201d\u2019)]*(?=\s)|$))", text, re.S)]


def _aggregate_tuples(rows: Sequence[tuple]) -> tuple[float, float, float, float, int]:
    """(neg, neu, pos, compound, n_tokens) of a document from its sentences' tuples."""
    rows = [r for r in rows if r[4] > 0]
    if not rows:
        return (*_EMPTY, 0)
    n = sum(r[4] for r in rows)
    neg = sum(r[0] * r[4] for r in rows) / n
    neu = sum(r[1] * r[4] for r in rows) / n
    pos = sum(r[2] * r[4] for r in rows) / n
    compound = sum(r[3] for r in rows) / len(rows)
    return (neg, neu, pos, compound, n)


def aggregate_sentences(scores: pd.DataFrame, by: str | Sequence[str] = "doc_id") -> pd.DataFrame:
    """Document (or any group) sentiment from sentence scores.

    Per group: ``compound`` is the mean of the sentences' compound scores (each
    sentence counts once, so a long article does not drift to +-1); ``neg``,
    ``neu``, ``pos`` are means weighted by the sentences' ``n_tokens`` (they stay
    proportions of the group's tokens and sum to ~1); ``n_tokens`` is the total and
    ``n_units`` the number of scored sentences. Sentences with no token are left out.
    Returns one row per group with ``unit = "document"`` and ``unit_id`` = the group
    key when grouping by ``doc_id``.
    """
    keys = [by] if isinstance(by, str) else list(by)
    need = set(keys) | {"n_tokens", "neg", "neu", "pos", "compound"}
    missing = sorted(need - set(scores.columns))
    if missing:
        raise ParameterError(f"scores table lacks column(s) {', '.join(missing)}; give VaderScorer.score_units output")
    df = scores[scores["n_tokens"] > 0]
    w = df["n_tokens"].astype(float)
    tmp = pd.DataFrame({k: df[k] for k in keys})
    for c in ("neg", "neu", "pos"):
        tmp[c] = df[c] * w
    tmp["compound"] = df["compound"]
    tmp["n_tokens"] = df["n_tokens"]
    g = tmp.groupby(keys, sort=False, dropna=False)
    out = g[["neg", "neu", "pos", "n_tokens"]].sum()
    for c in ("neg", "neu", "pos"):
        out[c] = out[c] / out["n_tokens"]
    out["compound"] = g["compound"].mean()
    out["n_units"] = g.size()
    out = out.reset_index()
    if keys == ["doc_id"]:
        out.insert(1, "unit_id", out["doc_id"])
        out.insert(2, "unit", "document")
    out["n_tokens"] = out["n_tokens"].astype("int64")
    return out[[c for c in out.columns if c not in ("neg", "neu", "pos", "compound", "n_tokens", "n_units")]
               + ["n_tokens", "n_units", "neg", "neu", "pos", "compound"]]


def score_sentiment(units: pd.DataFrame, *, variant: str = "reference", **kwargs) -> pd.DataFrame:
    """``VaderScorer(variant, **kwargs).score_units(units)``: scores per quote, sentence or document."""
    return VaderScorer(variant, **kwargs).score_units(units)
