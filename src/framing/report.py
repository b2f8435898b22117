"""HTML for people: a run's ``index.html`` and highlighted quote tables.

Everything that comes from a corpus (titles, quotes, speaker names) or from the
user (parameters, file names) is HTML-escaped, so a scraped page cannot inject
script into a report.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Sequence

import pandas as pd

FIGURE_FORMATS = ("png", "svg", "pdf")

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
.ok{color:#006d2c}.failed{color:#b30000;font-weight:bold}
.figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:1.2em}
figure{margin:0;border:1px solid #eee;padding:.5em}figure img{width:100%;height:auto}
figcaption{font-size:.85em}figcaption .links{display:block;margin-top:.3em}
code{background:#f4f4f4;padding:0 .2em}
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _rel(target: Path, start: Path) -> str:
    """A relative URL from folder ``start`` to ``target`` (posix, percent-safe)."""
    from urllib.parse import quote

    rel = os.path.relpath(Path(target).resolve(), Path(start).resolve())
    return quote(Path(rel).as_posix())


def figure_groups(folder: Path) -> dict[str, list[Path]]:
    """Figures in ``folder`` (one entry per stem having a pdf, svg or png), grouped
    by notebook prefix (the ``NN`` before the first ``_``)."""
    stems: dict[str, Path] = {}
    if folder.is_dir():
        for f in sorted(folder.iterdir()):
            if f.suffix.lstrip(".") in FIGURE_FORMATS and not f.name.startswith("."):
                stems.setdefault(f.stem, folder / f.stem)
    groups: dict[str, list[Path]] = {}
    for stem, base in sorted(stems.items()):
        prefix = stem.split("_", 1)[0] if stem[:2].isdigit() else "other"
        groups.setdefault(prefix, []).append(base)
    return groups


def render_index(record: dict, *, figures_dir: Path, index_dir: Path, results: Sequence | None = None) -> str:
    """The HTML text of a run's index page (see :func:`write_index`)."""
    run = record.get("run", "")
    rows = []
    for r in results or []:
        r = r if isinstance(r, dict) else r.__dict__
        links = []
        if r.get("html"):
            links.append(f'<a href="{_rel(Path(r["html"]), index_dir)}">HTML</a>')
        if r.get("output"):
            links.append(f'<a href="{_rel(Path(r["output"]), index_dir)}">ipynb</a>')
        rows.append(
            f"<tr><td>{_e(r['notebook'])}</td><td class=\"{_e(r['status'])}\">{_e(r['status'])}</td>"
            f"<td>{float(r['seconds']):.1f} s</td><td>{' '.join(links)}</td><td>{_e(r.get('error', ''))}</td></tr>"
        )
    params = "".join(f"<tr><th>{_e(k)}</th><td><code>{_e(v)}</code></td></tr>"
                     for k, v in sorted(record.get("parameters", {}).items()))
    figs = []
    for prefix, bases in figure_groups(figures_dir).items():
        figs.append(f"<h3>{_e(prefix)}</h3><div class=\"figs\">")
        for base in bases:
            show = next((base.with_suffix(f".{f}") for f in ("png", "svg") if base.with_suffix(f".{f}").exists()), None)
            caption_file = base.with_suffix(".txt")
            caption = caption_file.read_text(encoding="utf-8").strip() if caption_file.exists() else ""
            links = [f'<a href="{_rel(base.with_suffix("." + f), index_dir)}">{f.upper()}</a>'
                     for f in ("pdf", "svg", "png", "csv") if base.with_suffix(f".{f}").exists()]
            img = f'<img src="{_rel(show, index_dir)}" alt="{_e(base.name)}" loading="lazy">' if show else ""
            figs.append(f"<figure id=\"{_e(base.name)}\">{img}<figcaption><b>{_e(base.name)}</b>. {_e(caption)}"
                        f"<span class=\"links\">{' · '.join(links)}</span></figcaption></figure>")
        figs.append("</div>")
    figure_stems = {b.name for bases in figure_groups(figures_dir).values() for b in bases}
    tables = sorted(f for f in figures_dir.glob("*.csv") if f.stem not in figure_stems) if figures_dir.is_dir() else []
    table_links = "".join(f'<li><a href="{_rel(f, index_dir)}">{_e(f.name)}</a></li>' for f in tables)
    n_ok = sum(1 for r in (results or []) if (r if isinstance(r, dict) else r.__dict__)["status"] == "ok")
    versions = ", ".join(f"{_e(k)} {_e(v)}" for k, v in record.get("versions", {}).items() if v)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'; base-uri 'none'">
<title>framing run {_e(run)}</title><style>{_CSS}</style></head>
<body>
<h1>framing run <code>{_e(run)}</code></h1>
<p>{n_ok} of {len(results or [])} notebooks succeeded. Recorded in <a href="run.json">run.json</a>
(parameters, input hashes, package versions). Finished {_e(record.get('finished', ''))}.</p>
<h2>Notebooks</h2>
<table><tr><th>notebook</th><th>status</th><th>time</th><th>executed</th><th>error</th></tr>{''.join(rows)}</table>
<h2>Figures</h2>
{''.join(figs) or '<p>No figures were written.</p>'}
{f"<h2>Tables</h2><ul>{table_links}</ul>" if table_links else ""}
<h2>Parameters</h2>
<table>{params}</table>
<p><small>{versions}</small></p>
</body></html>
"""


def write_index(path: str | os.PathLike, record: dict, *, figures_dir: str | os.PathLike, results: Sequence | None = None) -> Path:
    """Write a run's ``index.html``: status of each notebook with links to the
    executed notebook (HTML and ipynb), every figure with its caption and links to
    each format and its data, and the parameters. Written atomically."""
    from ._io import atomic_write

    path = Path(path)
    text = render_index(record, figures_dir=Path(figures_dir), index_dir=path.parent, results=results)
    with atomic_write(path) as fh:
        fh.write(text)
    return path


# --------------------------------------------------------------------------- quote tables


def highlight_spans(text: str, spans: Sequence[tuple]) -> str:
    """``text`` as HTML with each ``(start, end, title[, css_class])`` span (offsets in
    ``text``) wrapped in ``<mark>``; overlapping spans are merged (titles and classes
    joined); every piece of text is escaped."""
    norm = []
    for span in spans:
        s, e, t = int(span[0]), int(span[1]), str(span[2])
        cls = str(span[3]) if len(span) > 3 else ""
        if e > s:
            norm.append((max(0, s), min(len(text), e), t, cls))
    merged: list[list] = []
    for s, e, t, cls in sorted(norm):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            if t not in merged[-1][2]:
                merged[-1][2].append(t)
            merged[-1][3].add(cls)
        else:
            merged.append([s, e, [t], {cls}])
    out, pos = [], 0
    for s, e, titles, classes in merged:
        out.append(html.escape(text[pos:s]))
        cls = " ".join(sorted(c for c in classes if c))
        klass = f' class="{html.escape(cls, quote=True)}"' if cls else ""
        out.append(f'<mark{klass} title="{html.escape("; ".join(titles), quote=True)}">{html.escape(text[s:e])}</mark>')
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def sentiment_spans(text: str, scorer=None) -> list[tuple[int, int, str, str]]:
    """Spans of the words that moved a text's VADER score (valence after negation,
    boosters and the other rules != 0), as ``(start, end, title, "pos"|"neg")``."""
    import re

    if scorer is None:
        from .sentiment import VaderScorer

        scorer = VaderScorer()
    explained = scorer.explain(text)
    chunks = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    if len(chunks) != len(explained):  # emoji replaced: tokens no longer line up with the text
        return []
    spans = []
    for (start, chunk), row in zip(chunks, explained.itertuples(index=False)):
        if not row.valence or not row.token:
            continue
        i = chunk.find(row.token)
        if i < 0:
            continue
        title = f"VADER {row.valence:+.2f}" + ("" if pd.isna(row.lexicon) else f" (lexicon {row.lexicon:+.1f})")
        spans.append((start + i, start + i + len(row.token), title, "pos" if row.valence > 0 else "neg"))
    return spans


def quote_spans(quote: dict, matches: pd.DataFrame) -> list[tuple[int, int, str]]:
    """Matches of one quote as spans in the quote's ``text`` (document offsets mapped
    through its ``fragments``; separator width from :mod:`framing.units`)."""
    from .units import FRAGMENT_SEP

    spans = []
    pos = 0
    bases = []
    for s, e in quote["fragments"]:
        bases.append((int(s), int(e), pos))
        pos += int(e) - int(s) + len(FRAGMENT_SEP)
    for m in matches.itertuples(index=False):
        for s, e, base in bases:
            if s <= int(m.start) and int(m.end) <= e:
                label = f"{m.lexicon}.{m.category}" + (" (negated)" if bool(getattr(m, "negated", False)) else "")
                spans.append((base + int(m.start) - s, base + int(m.end) - s, label, "frame"))
                break
    return spans


HIGHLIGHT_CSS = [
    {"selector": "mark", "props": [("padding", "0 1px")]},
    {"selector": "mark.frame", "props": [("background-color", "#F0E442"), ("outline", "1px solid #999")]},
    {"selector": "mark.pos", "props": [("background-color", "#cde9f8"), ("border-bottom", "2px solid #0072B2")]},
    {"selector": "mark.neg", "props": [("background-color", "#f8d5c2"), ("border-bottom", "2px dotted #D55E00")]},
    {"selector": "td", "props": [("text-align", "left"), ("vertical-align", "top")]},
]


def highlight_quotes(quotes: pd.DataFrame, matches: pd.DataFrame, *, columns: Sequence[str] = ("speaker", "side", "compound"),
                     text: str = "text", unit_id: str = "quote_id", sentiment: bool = True, caption: str | None = None):
    """A pandas Styler of ``quotes`` whose ``text`` shows dictionary matches (yellow,
    boxed) and, with ``sentiment``, the words that moved the VADER score (blue with a
    solid underline: positive; orange with a dotted underline: negative). Hover a
    word for its lexicon category or valence. Every cell is HTML-escaped."""
    by_unit = {k: g for k, g in matches.groupby("unit_id", sort=False)} if len(matches) else {}
    scorer = None
    if sentiment:
        from .sentiment import VaderScorer

        scorer = VaderScorer()
    shown = []
    for q in quotes.to_dict("records"):
        m = by_unit.get(q[unit_id])
        spans = list(quote_spans(q, m)) if m is not None else []
        if scorer is not None:
            spans += sentiment_spans(q[text], scorer)
        row = {c: q.get(c, "") for c in columns}
        row[text] = highlight_spans(q[text], spans)
        shown.append(row)
    df = pd.DataFrame(shown, columns=[*columns, text])
    for c in columns:  # escape every column except the pre-escaped HTML text
        df[c] = df[c].map(lambda v: html.escape(f"{v:.3f}" if isinstance(v, float) else str(v)))
    styler = df.style.hide(axis="index").set_table_styles(HIGHLIGHT_CSS)
    if caption:
        styler = styler.set_caption(html.escape(caption))
    return styler
