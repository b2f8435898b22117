"""Figures for papers: plot functions and one ``save_figure``.

Every ``plot_*`` function takes a tidy DataFrame and column names, draws on ``ax``
(a new single-column figure when ``None``) and returns the Axes, like seaborn.
Groups get a colour from the Okabe-Ito palette (safe for colour-blind readers)
*and* a marker or hatch pattern, so figures survive greyscale printing.

:func:`save_figure` writes PDF (TrueType fonts embedded, no Type 3), SVG and PNG
(300 dpi) at single (3.5 in) or double (7.2 in) column width, byte-identical on
rerun, plus ``<stem>.csv`` with the plotted data and ``<stem>.txt`` with a caption.

Example::

    from framing import plots
    plots.use_style("paper")
    ax = plots.plot_group_means(table, "side")
    plots.save_figure(ax.figure, "figures/sentiment_by_side", data=table,
                      caption="Mean compound sentiment of quotes by side (95% CI).")
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

#: Okabe & Ito (2008) colour-blind-safe palette, in the order used for groups.
OKABE_ITO = [
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#000000",  # black
]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "<", ">", "h", "p"]
HATCHES = ["", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++", "|||", "**"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1))]

WIDTHS = {"single": 3.5, "double": 7.2}
STYLES = ("paper", "slides")
FORMATS = ("pdf", "svg", "png")
PNG_DPI = 300

# file metadata that would otherwise change on every run (dates) is dropped
_METADATA = {
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "framing", "Producer": "framing"},
    "svg": {"Date": None, "Creator": "framing"},
    "png": {"Software": "framing"},
}
_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


# --------------------------------------------------------------------------- style


def use_style(name: str = "paper") -> None:
    """Apply ``framing.paper`` or ``framing.slides`` (``plt.style.use("framing.<name>")``)."""
    from .errors import ParameterError

    if name not in STYLES:
        raise ParameterError(f"style: unknown value {name!r}; use one of {', '.join(STYLES)}")
    import matplotlib.pyplot as plt

    plt.style.use(f"framing.{name}")


def group_styles(groups: Iterable) -> dict:
    """A colour, marker, hatch and line style per group, in the order given.

    The same order always gives the same styles, so a group keeps its look across
    the figures of a paper when the groups are passed in the same order.
    """
    out = {}
    for i, g in enumerate(dict.fromkeys(groups)):
        out[g] = {
            "color": OKABE_ITO[i % len(OKABE_ITO)],
            "marker": MARKERS[i % len(MARKERS)],
            "hatch": HATCHES[i % len(HATCHES)],
            "linestyle": LINESTYLES[i % len(LINESTYLES)],
        }
    return out


def _font_scale() -> float:
    """How much larger the current style's text is than the paper style's 8 pt."""
    import matplotlib as mpl

    size = mpl.rcParams["font.size"]
    return max(1.0, float(size) / 8.0) if isinstance(size, (int, float)) else 1.0


def new_figure(width: str | float | None = None, height: float | None = None, *, aspect: float = 0.72,
               nrows: int = 1, ncols: int = 1, **kwargs):
    """A figure sized for a column (``"single"``, ``"double"`` or inches; default the
    style's width: 3.5 in for paper, 7.2 in for slides) and its axes."""
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    if width is None:
        width = float(mpl.rcParams["figure.figsize"][0])
    w = _width_inches(width)
    h = height if height is not None else w * aspect
    return plt.subplots(nrows, ncols, figsize=(w, h), **kwargs)


def _axes(ax, *, height_per_item: float | None = None, n_items: int = 0, width: str | float | None = None):
    if ax is not None:
        return ax
    height = None
    if height_per_item is not None and n_items:
        k = _font_scale()
        height = min(9.0, max(1.6 * k, (0.6 + height_per_item * n_items) * k))
    _, ax = new_figure(width, height)
    return ax


def _width_inches(width: str | float) -> float:
    from .errors import ParameterError

    if isinstance(width, str):
        if width not in WIDTHS:
            raise ParameterError(f"width: unknown value {width!r}; use 'single', 'double' or inches")
        return WIDTHS[width]
    w = float(width)
    if not 0.5 <= w <= 20:
        raise ParameterError(f"width: {w} inches is out of range (0.5-20)")
    return w


def _order(values: pd.Series, order: Sequence | None) -> list:
    if order is not None:
        return [o for o in order if o in set(values)]
    return list(dict.fromkeys(values))


def _shorten(label, n: int = 32) -> str:
    s = str(label)
    return s if len(s) <= n else s[: n - 1] + "\u2026"


def _label(column) -> str:
    """A column name or frame id as text in a paper: ``cue_class`` -> ``cue class``,
    ``human_interest`` -> ``human interest`` (the CSV beside the figure keeps the ids)."""
    return str(column).replace("_", " ")


def _legend(ax, title: str | None):
    """A legend outside the axes on the right, so it never hides data."""
    return ax.legend(title=None if title is None else _label(title), loc="upper left",
                     bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)


def _check_columns(data: pd.DataFrame, *cols) -> None:
    from .errors import ParameterError

    missing = [c for c in cols if c is not None and c not in data.columns]
    if missing:
        raise ParameterError(f"plot: column(s) {missing} not in the data (columns: {list(data.columns)})")


# --------------------------------------------------------------------------- plots


def plot_counts(data: pd.DataFrame, x: str, *, count: str | None = None, hue: str | None = None,
                order: Sequence | None = None, hue_order: Sequence | None = None, top: int | None = None,
                xlabel: str | None = None, ax=None):
    """Horizontal bars of counts per category of ``x`` (``count`` column, or rows counted).

    With ``hue``, bars are dodged per hue level, each with its own colour and hatch.
    """
    _check_columns(data, x, count, hue)
    if data.empty:
        return annotate_empty(_axes(ax))
    if count is None:
        keys = [x] + ([hue] if hue else [])
        table = data.groupby(keys, sort=False, dropna=False).size().rename("n").reset_index()
        count = "n"
    else:
        table = data
    totals = table.groupby(x, sort=False)[count].sum().sort_values(ascending=False, kind="stable")
    cats = _order(pd.Series(totals.index), order)
    if top:
        cats = cats[:top]
    ax = _axes(ax, height_per_item=0.18 if not hue else 0.3, n_items=len(cats))
    y = np.arange(len(cats))
    hues = _order(table[hue], hue_order) if hue else [None]
    styles = group_styles(list(hue_order) if hue and hue_order is not None else hues)
    # dodge only when some category has several hue levels (a speaker has one side)
    dodge = bool(hue) and bool((table[table[count] != 0].groupby(x)[hue].nunique() > 1).any())
    height = 0.8 / max(1, len(hues)) if dodge else 0.8
    for j, h in enumerate(hues):
        sub = table if h is None else table[table[hue] == h]
        vals = sub.groupby(x, sort=False)[count].sum().reindex(cats).fillna(0).to_numpy()
        st = styles[h]
        offset = (j - (len(hues) - 1) / 2) * height if dodge else 0.0
        ax.barh(y + offset, vals, height=height, color=st["color"], hatch=st["hatch"],
                edgecolor="black", linewidth=0.4, label=None if h is None else _shorten(h))
    ax.set_yticks(y, [_shorten(c) for c in cats])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel or ("count" if count == "n" else _label(count)))
    ax.set_ylabel("")
    if hue and len(hues) > 1:
        _legend(ax, hue)
    return ax


def plot_timeline(data: pd.DataFrame, x: str, y: str, *, hue: str | None = None, lo: str | None = None,
                  hi: str | None = None, order: Sequence | None = None, ylabel: str | None = None, ax=None):
    """Lines with markers over time (``x`` dates or periods), one per ``hue`` level,
    with a shaded interval when ``lo``/``hi`` are given."""
    _check_columns(data, x, y, hue, lo, hi)
    if data.empty:
        return annotate_empty(_axes(ax))
    ax = _axes(ax)
    hues = _order(data[hue], order) if hue else [None]
    styles = group_styles(hues)
    for h in hues:
        sub = data if h is None else data[data[hue] == h]
        sub = sub.sort_values(x, kind="stable")
        st = styles[h]
        xs = sub[x]
        ax.plot(xs, sub[y], color=st["color"], marker=st["marker"], linestyle=st["linestyle"],
                label=None if h is None else _shorten(h))
        if lo and hi:
            ax.fill_between(xs, sub[lo].astype(float), sub[hi].astype(float), color=st["color"],
                            alpha=0.2, linewidth=0)
    ax.set_xlabel(_label(x))
    ax.set_ylabel(ylabel or _label(y))
    if hue and len(hues) > 1:
        _legend(ax, hue)
    if pd.api.types.is_datetime64_any_dtype(data[x]):
        import matplotlib.dates as mdates

        loc = mdates.AutoDateLocator(maxticks=6)
        ax.xaxis.set_major_locator(loc)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    return ax


def plot_group_means(data: pd.DataFrame, group: str, *, mean: str = "mean", lo: str = "lo", hi: str = "hi",
                     hue: str | None = None, order: Sequence | None = None, hue_order: Sequence | None = None,
                     n: str | None = "n",
                     reference: float | None = 0.0, xlabel: str | None = None, ax=None):
    """Point estimates with interval bars, one row per group (a :func:`bootstrap_ci` table).

    Each point gets the marker and colour of its ``hue`` level (or of its group);
    ``n`` appends the group size to the labels; ``reference`` draws a dashed line.
    """
    _check_columns(data, group, mean, lo, hi, hue)
    if data.empty:
        return annotate_empty(_axes(ax))
    groups = _order(data[group], order)
    ax = _axes(ax, height_per_item=0.2, n_items=len(groups))
    hues = _order(data[hue], hue_order) if hue else groups
    styles = group_styles(list(hue_order) if hue and hue_order is not None else hues)
    y = {g: i for i, g in enumerate(groups)}
    if reference is not None:
        ax.axvline(reference, color="0.5", linewidth=0.6, linestyle="--", zorder=0)
    seen = set()
    for row in data.itertuples(index=False):
        r = dict(zip(data.columns, row))
        g = r[group]
        if g not in y:
            continue
        key = r[hue] if hue else g
        if key not in styles:
            continue
        st = styles[key]
        m, l, h = float(r[mean]), float(r[lo]), float(r[hi])
        if np.isfinite(l) and np.isfinite(h):
            ax.plot([l, h], [y[g], y[g]], color=st["color"], linewidth=1.2, solid_capstyle="butt")
        label = _shorten(key) if hue and key not in seen else None
        seen.add(key)
        ax.plot([m], [y[g]], marker=st["marker"], color=st["color"], markeredgecolor="black",
                markeredgewidth=0.4, linestyle="none", label=label)
    labels = []
    for g in groups:
        lab = _shorten(g)
        if n and n in data.columns:
            lab += f" (n={int(data.loc[data[group] == g, n].iloc[0])})"
        labels.append(lab)
    ax.set_yticks(range(len(groups)), labels)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlabel(xlabel or _label(mean))
    if hue and len(hues) > 1:
        _legend(ax, hue)
    return ax


def plot_distribution(data: pd.DataFrame, value: str, group: str, *, order: Sequence | None = None,
                      seed: int = 0, max_points: int = 400, xlabel: str | None = None, ax=None):
    """Box plot per group with the individual values as jittered points (seeded jitter)."""
    _check_columns(data, value, group)
    if data.empty:
        return annotate_empty(_axes(ax))
    groups = _order(data[group], order)
    ax = _axes(ax, height_per_item=0.3, n_items=len(groups))
    styles = group_styles(groups)
    rng = np.random.default_rng(seed)
    values = [data.loc[data[group] == g, value].dropna().to_numpy(dtype=float) for g in groups]
    bp = ax.boxplot(values, orientation="horizontal", positions=range(len(groups)), widths=0.55,
                    showfliers=False, patch_artist=True, medianprops={"color": "black"})
    for patch, g in zip(bp["boxes"], groups):
        patch.set_facecolor(styles[g]["color"])
        patch.set_alpha(0.35)
        patch.set_hatch(styles[g]["hatch"])
    for i, (g, vals) in enumerate(zip(groups, values)):
        if len(vals) > max_points:
            vals = rng.choice(vals, max_points, replace=False)
        jitter = rng.uniform(-0.18, 0.18, len(vals))
        ax.plot(vals, i + jitter, linestyle="none", marker=styles[g]["marker"], color=styles[g]["color"],
                markeredgecolor="black", markeredgewidth=0.3, markersize=3, alpha=0.8)
    ax.set_yticks(range(len(groups)), [f"{_shorten(g)} (n={len(v)})" for g, v in zip(groups, values)])
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlabel(xlabel or _label(value))
    return ax


def plot_heatmap(data: pd.DataFrame, row: str, col: str, value: str, *, row_order: Sequence | None = None,
                 col_order: Sequence | None = None, annotate: bool = True, fmt: str = "{:.1f}",
                 cmap: str = "cividis", label: str | None = None, ax=None):
    """A ``row`` x ``col`` grid of ``value`` (long format in), cells annotated with their
    values so the figure reads without colour. Missing cells stay blank."""
    _check_columns(data, row, col, value)
    if data.empty:
        return annotate_empty(_axes(ax))
    rows = _order(data[row], row_order)
    cols = _order(data[col], col_order)
    grid = data.pivot_table(index=row, columns=col, values=value, aggfunc="first", sort=False)
    grid = grid.reindex(index=rows, columns=cols)
    ax = _axes(ax, height_per_item=0.22, n_items=len(rows), width="double" if len(cols) > 4 else None)
    arr = grid.to_numpy(dtype=float)
    masked = np.ma.masked_invalid(arr)
    im = ax.imshow(masked, aspect="auto", cmap=cmap, interpolation="nearest")
    ax.set_xticks(range(len(cols)), [_shorten(_label(c), 24) for c in cols], rotation=45, ha="right",
                  rotation_mode="anchor")
    ax.set_yticks(range(len(rows)), [_shorten(r) for r in rows])
    ax.spines[:].set_visible(False)
    ax.tick_params(length=0)
    cbar = ax.figure.colorbar(im, ax=ax, shrink=0.8)
    cbar.set_label(label or _label(value))
    cbar.outline.set_linewidth(0.4)
    if annotate and arr.size:
        finite = arr[np.isfinite(arr)]
        mid = (finite.min() + finite.max()) / 2 if finite.size else 0
        for i in range(arr.shape[0]):
            for j in range(arr.shape[1]):
                v = arr[i, j]
                if np.isfinite(v):
                    ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize="x-small",
                            color="white" if v < mid else "black")
    return ax


def plot_profile(data: pd.DataFrame, category: str, group: str, *, value: str = "rate", lo: str | None = "lo",
                 hi: str | None = "hi", order: Sequence | None = None, group_order: Sequence | None = None,
                 xlabel: str | None = None, ax=None):
    """A profile per group across categories (e.g. frame rates per side): points with
    interval bars, dodged per group, one marker and colour per group."""
    _check_columns(data, category, group, value, lo, hi)
    if data.empty:
        return annotate_empty(_axes(ax))
    cats = _order(data[category], order)
    groups = _order(data[group], group_order)
    ax = _axes(ax, height_per_item=0.1 * max(2, len(groups)), n_items=len(cats))
    styles = group_styles(groups)
    step = 0.7 / max(1, len(groups))
    for j, g in enumerate(groups):
        sub = data[data[group] == g].set_index(category).reindex(cats)
        ys = np.arange(len(cats)) + (j - (len(groups) - 1) / 2) * step
        st = styles[g]
        if lo and hi:
            for yy, l, h in zip(ys, sub[lo].astype(float), sub[hi].astype(float)):
                if np.isfinite(l) and np.isfinite(h):
                    ax.plot([l, h], [yy, yy], color=st["color"], linewidth=1.0)
        ax.plot(sub[value].astype(float), ys, linestyle="none", marker=st["marker"], color=st["color"],
                markeredgecolor="black", markeredgewidth=0.4, label=_shorten(g))
    ax.set_yticks(range(len(cats)), [_shorten(_label(c)) for c in cats])  # frame ids: "human interest"
    ax.set_ylim(len(cats) - 0.5, -0.5)
    ax.set_xlabel(xlabel or _label(value))
    _legend(ax, group)
    return ax


def plot_stacked_shares(data: pd.DataFrame, group: str, category: str, *, value: str = "share",
                        order: Sequence | None = None, category_order: Sequence | None = None,
                        xlabel: str = "share", ax=None):
    """Horizontal 100% bars: the share of each ``category`` within each ``group``,
    each category with its own colour and hatch."""
    _check_columns(data, group, category, value)
    if data.empty:
        return annotate_empty(_axes(ax))
    groups = _order(data[group], order)
    cats = _order(data[category], category_order)
    ax = _axes(ax, height_per_item=0.25, n_items=len(groups))
    styles = group_styles(cats)
    grid = data.pivot_table(index=group, columns=category, values=value, aggfunc="sum", sort=False)
    grid = grid.reindex(index=groups, columns=cats).fillna(0.0)
    left = np.zeros(len(groups))
    for c in cats:
        vals = grid[c].to_numpy(dtype=float)
        st = styles[c]
        ax.barh(range(len(groups)), vals, left=left, color=st["color"], hatch=st["hatch"], edgecolor="black",
                linewidth=0.4, label=_shorten(c, 20), height=0.7)
        left += vals
    ax.set_yticks(range(len(groups)), [_shorten(g) for g in groups])
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlim(0, max(1.0, float(left.max()) if len(left) else 1.0))
    ax.set_xlabel(xlabel)
    _legend(ax, category)
    return ax


def plot_top_terms(data: pd.DataFrame, group: str, *, term: str = "term", value: str = "zscore",
                   top: int = 10, order: Sequence | None = None, xlabel: str | None = None):
    """Small multiples: one panel per group with its ``top`` terms by ``value`` (e.g.
    distinctive words per side), bars in the group's colour and hatch.

    Returns the list of panel Axes (``axes[0].figure`` is the figure); double
    column width when there are more than two groups.
    """
    _check_columns(data, group, term, value)
    groups = _order(data[group], order)
    if data.empty or not groups:
        return [annotate_empty(_axes(None))]
    styles = group_styles(list(order) if order is not None else groups)
    ncols = min(len(groups), 3 if len(groups) > 2 else 2)
    nrows = -(-len(groups) // ncols)
    width = "double" if len(groups) > 2 else None
    rows_per_panel = min(top, int(data.groupby(group)[term].size().max()))
    k = _font_scale()
    height = min(9.0, max(1.6 * k, nrows * (0.5 + 0.14 * rows_per_panel) * k))
    fig, axes = new_figure(width, height, nrows=nrows, ncols=ncols, squeeze=False, sharex=True)
    flat = list(axes.flat)
    for ax, g in zip(flat, groups):
        sub = data[data[group] == g].sort_values(value, ascending=False, kind="stable").head(top)
        st = styles.get(g, group_styles([g])[g])
        y = np.arange(len(sub))
        ax.barh(y, sub[value].astype(float), color=st["color"], hatch=st["hatch"], edgecolor="black",
                linewidth=0.4, height=0.75)
        ax.set_yticks(y, [_shorten(t, 20) for t in sub[term]])
        ax.set_ylim(len(sub) - 0.5 if len(sub) else 0.5, -0.5)
        ax.set_title(_shorten(g, 28))
        ax.set_xlabel(xlabel or _label(value))
        ax.tick_params(axis="x", labelbottom=True)
    for ax in flat[len(groups):]:
        ax.set_visible(False)
    return flat[: len(groups)]


def annotate_empty(ax, message: str = "no data for these parameters"):
    """Mark an axes as intentionally empty (a figure is still written)."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


# --------------------------------------------------------------------------- saving


def safe_filename(name: str, *, max_len: int = 80) -> str:
    """A file name stem safe on every OS, from a speaker name or parameter value.

    Keeps letters, digits, ``-``, ``_`` and ``.`` (accents folded to ASCII), no path
    separators, no leading dots (no ``..``), no Windows reserved names; never empty.
    """
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^A-Za-z0-9._-]+", "_", s)
    s = re.sub(r"\.{2,}", "_", s)
    s = re.sub(r"_+", "_", s).strip("._-")
    s = s[:max_len].rstrip("._-")
    if not s:
        s = "unnamed"
    if s.split(".")[0].upper() in _WINDOWS_RESERVED:
        s = "_" + s
    return s


class SavedFiles(list):
    """The paths :func:`save_figure` wrote, shown briefly in a notebook."""

    def __repr__(self) -> str:
        if not self:
            return "SavedFiles([])"
        stem = self[0].with_suffix("")
        return f"saved {stem}.{{{','.join(p.suffix.lstrip('.') for p in self)}}}"


def figure_stem(out_dir: str | os.PathLike, *parts) -> Path:
    """``out_dir / "<part1>_<part2>..."`` with the name made safe by :func:`safe_filename`:
    use it when a file name contains a speaker name or a parameter value."""
    return Path(out_dir) / safe_filename("_".join(str(p) for p in parts))


def save_figure(fig, stem: str | os.PathLike, *, data: pd.DataFrame, caption: str,
                formats: Sequence[str] = FORMATS, width: str | float | None = None,
                height: float | None = None, close: bool | None = None) -> SavedFiles:
    """Write ``fig`` as ``<stem>.pdf/.svg/.png`` plus ``<stem>.csv`` (``data``, the
    plotted values) and ``<stem>.txt`` (``caption``, one paragraph).

    ``width`` is ``"single"`` (3.5 in), ``"double"`` (7.2 in) or inches; by default
    the figure's own width when it is double-column (as wide plots make it), else
    single; the height keeps the figure's aspect ratio unless given. PDFs embed TrueType fonts
    (never Type 3); no file carries a date, so reruns give identical bytes. Each file
    is written to a temporary name and renamed into place. The last path component
    of ``stem`` is sanitised with :func:`safe_filename`. ``close`` (default: unless
    the inline backend of a notebook will show and close it) closes the figure.
    Returns the written paths.
    """
    import matplotlib as mpl

    from ._io import atomic_path, atomic_write
    from .errors import ParameterError

    stem = Path(stem)
    folder, name = stem.parent, safe_filename(stem.name)
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ParameterError(f"formats: unknown format(s) {bad}; use any of {', '.join(FORMATS)}")
    if not isinstance(data, pd.DataFrame):
        raise ParameterError("save_figure: data= must be the DataFrame that was plotted")
    old_w, old_h = fig.get_size_inches()
    if width is None:
        width = "double" if abs(old_w - WIDTHS["double"]) < 0.01 else "single"
    w = _width_inches(width)
    h = height if height is not None else old_h * w / old_w
    fig.set_size_inches(w, h)
    written = SavedFiles()
    rc = {"pdf.fonttype": 42, "ps.fonttype": 42, "svg.hashsalt": "framing", "svg.fonttype": "path",
          "savefig.bbox": "standard"}
    with mpl.rc_context(rc):
        for fmt in dict.fromkeys(formats):
            target = folder / f"{name}.{fmt}"
            with atomic_path(target) as tmp:
                fig.savefig(tmp, format=fmt, dpi=PNG_DPI if fmt == "png" else None, metadata=_METADATA[fmt])
            written.append(target)
    table = data.copy()
    for c in table.columns:  # lists (e.g. fragments) as JSON-ish text; stable float text
        if table[c].dtype == object and table[c].map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
            table[c] = table[c].map(lambda v: str(list(v)) if isinstance(v, (list, tuple, np.ndarray)) else v)
    csv = folder / f"{name}.csv"
    with atomic_write(csv) as fh:
        table.to_csv(fh, index=False, lineterminator="\n")
    written.append(csv)
    txt = folder / f"{name}.txt"
    with atomic_write(txt) as fh:
        fh.write(" ".join(str(caption).split()) + "\n")
    written.append(txt)
    if close is None:
        close = "inline" not in mpl.get_backend().lower()
    if close:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return written
