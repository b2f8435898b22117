"""Units of analysis: the texts that get scored (quotes, sentences, documents).

A units table has one row per unit with columns

- ``doc_id``: the document;
- ``unit_id``: stable id of the unit (the quote_id, sentence id, or doc_id);
- ``unit``: ``"quote"``, ``"sentence"`` or ``"document"``;
- ``text``: the unit's text, ``FRAGMENT_SEP.join(doc_text[s:e] for s, e in fragments)``;
- ``fragments``: list of ``[start, end]`` character offsets into the document's ``text``.

Offsets found inside a unit's ``text`` map back to the document with
:func:`to_document_offset`, so every score and match can be traced to the article.
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

FRAGMENT_SEP = " "
UNIT_COLUMNS = ["doc_id", "unit_id", "unit", "text", "fragments"]


def join_fragments(doc_text: str, fragments: Sequence[Sequence[int]]) -> str:
    """The unit text of ``fragments`` of ``doc_text``."""
    return FRAGMENT_SEP.join(doc_text[s:e] for s, e in fragments)


def to_document_offset(fragments: Sequence[Sequence[int]], pos: int) -> int:
    """Map an offset in a unit's text to an offset in its document's text.

    An offset that falls on a separator maps to the end of the fragment before it.
    """
    consumed = 0
    for start, end in fragments:
        length = end - start
        if pos <= consumed + length:
            return start + (pos - consumed)
        consumed += length + len(FRAGMENT_SEP)
        if pos < consumed:
            return end
    return fragments[-1][1] if len(fragments) else pos


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=UNIT_COLUMNS)


def quote_units(quotes: pd.DataFrame) -> pd.DataFrame:
    """Units from an :func:`framing.extract_quotes` table (one per quote)."""
    rows = [
        {
            "doc_id": q.doc_id,
            "unit_id": q.quote_id,
            "unit": "quote",
            "text": q.text,
            "fragments": [list(map(int, f)) for f in q.fragments],
        }
        for q in quotes.itertuples(index=False)
    ]
    return _frame(rows)


def sentence_units(sentences: pd.DataFrame) -> pd.DataFrame:
    """Units from a :func:`framing.segment` table (one per sentence)."""
    rows = [
        {
            "doc_id": s.doc_id,
            "unit_id": s.sent_id,
            "unit": "sentence",
            "text": s.text,
            "fragments": [[int(s.start), int(s.end)]],
        }
        for s in sentences.itertuples(index=False)
    ]
    return _frame(rows)


def document_units(sentences: pd.DataFrame, docs: pd.DataFrame | None = None) -> pd.DataFrame:
    """One unit per document made of its sentences (boilerplate already left out).

    ``docs`` adds documents that have no sentence at all, as empty units.
    """
    rows = []
    for doc_id, group in sentences.groupby("doc_id", sort=False):
        fragments = [[int(s), int(e)] for s, e in zip(group["start"], group["end"])]
        rows.append(
            {
                "doc_id": doc_id,
                "unit_id": doc_id,
                "unit": "document",
                "text": FRAGMENT_SEP.join(group["text"]),
                "fragments": fragments,
            }
        )
    if docs is not None:
        seen = {r["doc_id"] for r in rows}
        rows += [
            {"doc_id": d, "unit_id": d, "unit": "document", "text": "", "fragments": []}
            for d in docs["doc_id"]
            if d not in seen
        ]
    return _frame(rows)
