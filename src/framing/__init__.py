"""framing: who is quoted in the news, saying what, in which frames.

The public API is flat; each name is imported on first use, so ``import framing``
does no work and the CLI starts fast. Stages, in data-flow order::

    load_corpus -> segment -> extract_quotes -> apply_speakers
               -> score_sentiment / match_lexicons / score_units -> aggregate -> plot_* / save_figure

Every stage takes and returns pandas DataFrames (one row per document, sentence,
quote, unit or match); see docs/tables.md for their columns.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> submodule that defines it
_API: dict[str, str] = {
    # paths and errors
    "project_root": "paths",
    "default_corpus": "paths",
    "FramingError": "errors",
    "InputError": "errors",
    "ParameterError": "errors",
    "write_table": "_io",
    # corpus
    "load_corpus": "corpus",
    "iter_documents": "corpus",
    "read_text_file": "corpus",
    "find_boilerplate": "boilerplate",
    "split_paragraphs": "segment",
    "split_sentences": "segment",
    "segment": "segment",
    "sentence_spans": "segment",
    "paragraphs": "segment",
    # quotes and speakers
    "extract_quotes": "quotes",
    "cue_verbs": "cues",
    "load_speakers": "speakers",
    "apply_speakers": "speakers",
    "draft_speakers": "speakers",
    "write_speakers": "speakers",
    # units and scoring
    "quote_units": "units",
    "sentence_units": "units",
    "document_units": "units",
    "VaderScorer": "sentiment",
    "score_sentiment": "sentiment",
    "aggregate_sentences": "sentiment",
    "Lexicon": "lexicon",
    "load_lexicon": "lexicon",
    "list_lexicons": "lexicon",
    "DictionaryMatcher": "matching",
    "match_lexicons": "matching",
    "keywords_in_context": "matching",
    "score_units": "scoring",
    "score_and_match": "scoring",
    "aggregate_rates": "scoring",
    "induce_lexicon": "induce",
    "distinctive_words": "induce",
    # evaluation
    "evaluate_quotes": "evaluate.quotes",
    "evaluate_scores": "evaluate.scores",
    # aggregates and figures
    "bootstrap_ci": "aggregate",
    "frame_profile": "aggregate",
    "save_figure": "plots",
    "use_style": "plots",
    # pipeline
    "process": "pipeline",
    "open_store": "pipeline",
    "methods_text": "methods",
    "analyze": "pipeline",
    "Tables": "pipeline",
    "run_notebooks": "runner",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"framing.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
