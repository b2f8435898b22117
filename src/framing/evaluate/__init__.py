"""Agreement between the tool and human annotations.

- :func:`evaluate_quotes` (``evaluate/quotes.py``): quote extraction and speaker attribution
  against gold attributions (PolNeAR-style JSONL), by one-to-one Dice matching.
- :func:`evaluate_scores` (``evaluate/scores.py``): sentiment ratings and frame labels against
  human codes (correlations, precision/recall/F1, ROC AUC, Krippendorff's alpha).
"""

from __future__ import annotations

import importlib

_API = {"evaluate_quotes": "quotes", "evaluate_scores": "scores"}


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"framing.evaluate.{_API[name]}"), name)
