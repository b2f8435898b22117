"""Reporting cues: the verbs (and "according to") that attribute speech, with a class.

The list is data, ``framing/data/cue_verbs.csv`` with columns ``form,lemma,class``: every
inflected form as written in news ("said", "lashed out", "adding"), its lemma ("say",
"lash out", "add") and how the verb frames the speaker:

- ``neutral``: said, told, added, noted, explained, according to
- ``assertive``: declared, insisted, vowed, stressed, warned, denied
- ``doubting``: claimed, alleged, purported
- ``hedging``: suggested, speculated, hinted
- ``conceding``: admitted, acknowledged, conceded
- ``hostile``: lashed out, bristled, slammed, blasted, accused, criticised
- ``emotive``: joked, quipped, gushed, lamented, pleaded

Researchers edit a copy and pass it as ``extract_quotes(docs, cues="my_cues.csv")``
(or ``framing quotes --cues my_cues.csv``); any class name is allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from .errors import InputError, ParameterError

CUE_COLUMNS = ["form", "lemma", "class"]


@lru_cache(maxsize=1)
def _builtin() -> pd.DataFrame:
    ref = resources.files("framing").joinpath("data/cue_verbs.csv")
    with ref.open("r", encoding="utf-8") as fh:
        return _check(pd.read_csv(fh, dtype=str, keep_default_na=False), "framing/data/cue_verbs.csv")


def _check(df: pd.DataFrame, source: str) -> pd.DataFrame:
    missing = [c for c in CUE_COLUMNS if c not in df.columns]
    if missing:
        raise InputError(f"cue list lacks column(s) {', '.join(missing)}; expected form,lemma,class", source=source)
    df = df[CUE_COLUMNS].astype(str).apply(lambda col: col.str.strip())
    empty = (df == "").any(axis=1).to_numpy().nonzero()[0]
    if len(empty):
        raise InputError("empty form, lemma or class; fill all three columns", source=source, line=int(empty[0]) + 2)
    df = df.assign(form=df["form"].str.lower()).drop_duplicates("form", keep="last")
    return df.reset_index(drop=True)


def cue_verbs(cues: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """The cue-verb table (``form``, ``lemma``, ``class``): built-in, or from a CSV path / DataFrame."""
    if cues is None:
        return _builtin().copy()
    if isinstance(cues, pd.DataFrame):
        return _check(cues, "cues DataFrame")
    path = Path(cues)
    if not path.is_file():
        raise InputError("cue list not found; give a CSV with columns form,lemma,class", source=path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (UnicodeDecodeError, pd.errors.ParserError) as err:
        raise InputError(f"cannot read the cue list ({err.__class__.__name__}); save it as UTF-8 CSV", source=path) from None
    return _check(df, str(path))


@dataclass
class CueLexicon:
    """Compiled cue forms: ``lookup[form] -> (lemma, class)`` and one regex finding them all."""

    lookup: dict[str, tuple[str, str]]
    pattern: re.Pattern = field(repr=False)

    @classmethod
    def from_table(cls, table: pd.DataFrame) -> "CueLexicon":
        lookup = {f: (l, c) for f, l, c in zip(table["form"], table["lemma"], table["class"])}
        # lower-case forms, plus a capitalised first letter (sentence-initial "According to")
        forms = set(lookup) | {f[:1].upper() + f[1:] for f in lookup}
        pattern = re.compile(rf"(?<![\w'’-]){_trie_pattern(forms)}(?![\w'’-])")
        return cls(lookup, pattern)

    def get(self, form: str) -> tuple[str, str]:
        return self.lookup.get(" ".join(form.lower().split()), ("", ""))


def _trie_pattern(words) -> str:
    """A regex alternation of ``words`` factored as a trie (fast in Python's re)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        end = "" in node
        alts = []
        for ch in sorted(k for k in node if k):
            piece = (r"\s+" if ch == " " else re.escape(ch)) + build(node[ch])
            alts.append(piece)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return "(?:" + build(trie) + ")"


@lru_cache(maxsize=1)
def _builtin_lexicon() -> CueLexicon:
    return CueLexicon.from_table(_builtin())


def cue_lexicon(cues=None) -> CueLexicon:
    """A compiled :class:`CueLexicon` for ``cues`` (None = built-in list, cached)."""
    if cues is None:
        return _builtin_lexicon()
    if isinstance(cues, CueLexicon):
        return cues
    if not isinstance(cues, (str, Path, pd.DataFrame)):
        raise ParameterError(f"cues must be a CSV path or a DataFrame with columns form,lemma,class, not {type(cues).__name__}")
    return CueLexicon.from_table(cue_verbs(cues))
