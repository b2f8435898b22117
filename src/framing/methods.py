"""A methods paragraph for a paper, written from a store's own record of the run.

``framing process`` records in ``STORE/manifest.json`` the versions, parameters and input
hashes of a run; its tables hold the counts. :func:`methods_text` turns both into a
Markdown paragraph a researcher can adapt, with the validation numbers measured for the
quote extractor and the references to cite, so that every number reported in a paper
comes from the run itself (``framing methods STORE``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

# measured by bench/eval_quotes.py on ../shared/corpora/polnear-train (840 articles),
# Dice >= 0.5, direct + mixed quotations; keep in step with the README's "Measured" table
VALIDATION = {
    "date": "2026-11-28",
    "articles": 840,
    "f1": 0.908,
    "precision": 0.893,
    "recall": 0.924,
    "speaker_accuracy": 0.930,
    "human_f1": 0.958,
    "human_speaker": 0.981,
}

REFERENCES = {
    "vader": "Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment "
             "analysis of social media text. Proceedings of ICWSM, 8(1), 216-225.",
    "polnear": "Newell, E., Margolin, D., & Ruths, D. (2018). An attribution relations corpus for political "
               "news. Proceedings of LREC 2018.",
    "news_frames": "Semetko, H. A., & Valkenburg, P. M. (2000). Framing European politics: A content analysis "
                   "of press and television news. Journal of Communication, 50(2), 93-109.",
    "policy_frames": "Boydstun, A. E., Card, D., Gross, J. H., Resnik, P., & Smith, N. A. (2014). Tracking the "
                     "development of media frames within and across policy issues. APSA 2014 Annual Meeting.",
}

_TYPES = ("direct", "mixed", "partial", "indirect")


def _lexicon_phrase(spec: str) -> tuple[str, str | None]:
    """``"news_frames (built-in, version 1.0: 5 categories, 484 terms)"`` and the reference key."""
    from .lexicon import _builtin_names, load_lexicon

    if spec in _builtin_names():
        lex = load_lexicon(spec)
        n_cat = len(lex.categories)
        return (f"`{spec}` (built-in, version {lex.version or 'unversioned'}: {n_cat} categories, "
                f"{lex.entries['term'].nunique()} terms)", spec if spec in REFERENCES else None)
    return f"`{Path(spec).name}` (the researchers' own dictionary)", None


def methods_facts(store: str | os.PathLike) -> dict:
    """The numbers :func:`methods_text` reports, read from a store (tables and manifest)."""
    from .pipeline import open_store

    t = open_store(store, tables=("quotes", "scores"))
    manifest = t.manifest or {}
    quotes, scores = t.quotes, t.scores
    docs = scores[scores["unit"] == "document"] if "unit" in scores.columns else pd.DataFrame()
    n_quotes = len(quotes)
    attributed = int((quotes["speaker"].fillna("") != "").sum()) if n_quotes else 0
    params = manifest.get("parameters", {})
    return {
        "framing_version": manifest.get("framing_version", "?"),
        "python": manifest.get("python", "?"),
        "packages": manifest.get("packages", {}),
        "code_version": manifest.get("code_version", ""),
        "inputs": manifest.get("inputs", {}),
        "n_documents": int(manifest.get("n_documents", len(docs))),
        "n_errors": int(manifest.get("n_errors", 0)),
        "n_words": int(docs["n_tokens"].sum()) if "n_tokens" in docs.columns else 0,
        "n_quotes": n_quotes,
        "by_type": {k: int((quotes["type"] == k).sum()) for k in _TYPES} if n_quotes else dict.fromkeys(_TYPES, 0),
        "attributed": attributed,
        "n_speakers": int(quotes.loc[quotes["speaker"].fillna("") != "", "speaker"].nunique()) if n_quotes else 0,
        "speaker_table": params.get("speakers"),
        "lexicons": list(params.get("lexicons") or []),
        "sentiment": params.get("sentiment", "reference"),
    }


def methods_text(store: str | os.PathLike) -> str:
    """A Markdown methods paragraph (plus references) describing the run that wrote ``store``."""
    f = methods_facts(store)
    v = VALIDATION
    share = 100 * f["attributed"] / f["n_quotes"] if f["n_quotes"] else 0.0
    types = ", ".join(f"{f['by_type'][k]:,} {k}" for k in _TYPES)
    cites = ["polnear", "vader"]
    parts = [
        f"We analysed {f['n_documents']:,} news {'article' if f['n_documents'] == 1 else 'articles'} "
        f"({f['n_words']:,} tokens) with framing "
        f"{f['framing_version']} (Python {f['python']}).",
        f"Quotations were identified and attributed to speakers with framing's transparent rule-based "
        f"extractor (reporting-verb cues, quotation marks, appositives, pronoun and nominal resolution; no "
        f"trained model). It found {f['n_quotes']:,} quotations ({types}); {share:.1f}% were attributed to "
        f"one of {f['n_speakers']:,} speakers, and quotations whose speaker the text does not name were left "
        f"unattributed rather than guessed.",
        f"On the PolNeAR corpus of political news (Newell et al., 2018; {v['articles']} articles annotated "
        f"by trained coders) the extractor finds direct and mixed quotations with precision "
        f"{v['precision']:.3f}, recall {v['recall']:.3f} and F1 {v['f1']:.3f} (character overlap, Dice >= "
        f"0.5), and names the right speaker for {100 * v['speaker_accuracy']:.1f}% of them; human "
        f"annotators agree at F1 {v['human_f1']:.3f} and {100 * v['human_speaker']:.1f}% on the speaker.",
    ]
    if f["speaker_table"]:
        parts.append(f"Speaker names were merged and assigned to sides with a researcher-edited speaker table "
                     f"(`{Path(str(f['speaker_table'])).name}`); speakers not in it were kept with side \"unknown\".")
    vader = f["packages"].get("vaderSentiment", "")
    variant = "" if f["sentiment"] == "reference" else f" in framing's `{f['sentiment']}` variant"
    parts.append(f"Sentiment is VADER's compound score (Hutto & Gilbert, 2014), computed with the original "
                 f"rules and lexicon (vaderSentiment {vader}){variant}, per sentence and per quotation; "
                 f"article scores aggregate their sentences.")
    if f["lexicons"]:
        phrases = []
        for spec in f["lexicons"]:
            text, ref = _lexicon_phrase(str(spec))
            phrases.append(text)
            if ref:
                cites.append(ref)
        parts.append("Frames were measured with dictionaries, " + "; ".join(phrases) + ", as matches per 1,000 "
                     "tokens, every match kept with its offsets so each rate can be traced to the words that "
                     "produced it.")
    if f["n_errors"]:
        parts.append(f"{f['n_errors']:,} input files could not be read and were left out (listed in the store's "
                     f"errors table).")
    repro = (f"Reproducibility: framing code version `{f['code_version']}`; input hashes "
             + ", ".join(f"{k} `{val}`" for k, val in sorted(f["inputs"].items())) + "." if f["inputs"] else "")
    refs = "\n".join(f"- {REFERENCES[k]}" for k in dict.fromkeys(cites))
    body = " ".join(parts)
    return (f"## Methods (draft written by `framing methods`; adapt it)\n\n{body}\n\n"
            + (f"{repro}\n\n" if repro else "") + f"### References\n\n{refs}\n")
