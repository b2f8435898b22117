# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 Sentiment by speaker
#
# VADER compound sentiment (-1 to 1) of each quotation (or of each sentence/document with
# `unit`), averaged by speaker and by `group_by` (side by default) with percentile bootstrap
# intervals (`n_boot` resamples, seeded by `seed`); the distributions behind the means; and
# the most positive and most negative quotations with their dictionary matches highlighted.

# %% tags=["parameters"]
# Parameters: papermill replaces these (framing run -p NAME VALUE); see docs/notebooks.md
corpus: str = ''  # corpus file or folder; '' for the bundled seed article (data/)
speakers: str = 'auto'  # speaker table (YAML/CSV) giving side and role; 'auto': speakers.yaml beside the corpus (data/speakers.yaml for the seed); 'none': no table
lexicons: list[str] = ['news_frames']  # dictionaries to score with: bundled names or file paths
unit: str = 'quote'  # unit of analysis: quote, sentence or document
group_by: str = 'side'  # column to compare: speaker, side, outlet, section or any metadata column
min_quotes: int = 1  # leave out groups with fewer units than this
include_speakers: list[str] = []  # only these speakers (canonical names); [] for all
date_from: str = ''  # first date included (YYYY-MM-DD); '' for no limit
date_to: str = ''  # last date included (YYYY-MM-DD); '' for no limit
period: str = 'month'  # time bins of timelines: day, week, month, quarter, year
top_n: int = 15  # how many speakers, words or quotes to show in rankings
formats: list[str] = ['pdf', 'svg', 'png']  # figure formats to write: any of pdf, svg, png
out_dir: str = ''  # folder for figures and tables; '' for figures/<run name of the corpus>
style: str = 'paper'  # figure style: paper (3.5 in columns) or slides
n_boot: int = 2000  # bootstrap resamples for intervals (0: no intervals)
cluster: str = 'doc_id'  # intervals resample whole groups of this column (quotes of one article are not independent); 'none' resamples single units
seed: int = 0  # random seed of bootstrap and samples

# %%
import pandas as pd
from IPython.display import display

import framing.aggregate as agg
from framing import plots, report
from framing.params import start

P = start(globals())  # check the parameters above, apply the figure style
OUT = P["out_dir"]
FIG = dict(formats=P["formats"])

# %%
data = agg.prepare(P)  # load, segment, quotes, speakers, scores (cached in .framing-cache); names skipped corpus members
data

# %%
units = data.units
G = P["group_by"]
order = agg.group_order(units, G)
print(f"{len(units)} {P['unit']} units; {G}: {', '.join(map(str, order))}")

# %% [markdown]
# ## Mean sentiment by group

# %%
CI = dict(n_boot=P["n_boot"], seed=P["seed"], cluster=P["cluster"])  # intervals resample whole articles by default
by_group = agg.bootstrap_ci(units, "compound", G, min_n=P["min_quotes"], **CI)
by_group

# %%
ax = plots.plot_group_means(by_group, G, order=order, xlabel="mean compound sentiment")
plots.save_figure(ax.figure, OUT / "02_sentiment_by_group", data=by_group, **FIG,
    caption=f"Mean VADER compound sentiment of {P['unit']} units by {G} in the corpus ({P['run']}), with "
            f"{agg.interval_note(**CI)}; n = units per group. Compound ranges from -1 (negative) to 1 (positive).")

# %% [markdown]
# ## Mean sentiment by speaker
#
# Only for quotation units; unattributed quotations are left out, as are speakers with fewer than `min_quotes` quotations.

# %%
if P["unit"] == "quote":
    attributed = agg.mark_unnamed(agg.filter_quotes(units, drop_unattributed=True, min_quotes=P["min_quotes"], group_by="speaker"))
    speakers_top = agg.top_speakers(attributed, P["top_n"])["speaker"].tolist()
    by_speaker = agg.bootstrap_ci(attributed[attributed["speaker"].isin(speakers_top)], "compound", ["speaker", "side"],
                                  min_n=P["min_quotes"], **CI)
    display(by_speaker)
    ax = plots.plot_group_means(by_speaker, "speaker", hue="side", order=speakers_top,
                                hue_order=agg.group_order(units, "side"), xlabel="mean compound sentiment")
    plots.save_figure(ax.figure, OUT / "02_sentiment_by_speaker", data=by_speaker, **FIG,
        caption=f"Mean VADER compound sentiment of the quotations of the {len(by_speaker)} most quoted speakers in the corpus "
                f"({P['run']}), with {agg.interval_note(**CI)}; markers and "
                "colours give the side. Speakers with one quotation (or one article) have no interval.")
else:
    print("unit is not 'quote': no speakers")

# %% [markdown]
# ## Distributions

# %%
dist = units[[c for c in ("unit_id", "quote_id", "doc_id", "speaker", G, "compound") if c in units.columns]].loc[:, lambda d: ~d.columns.duplicated()]
ax = plots.plot_distribution(dist, "compound", G, order=order, seed=P["seed"], xlabel="compound sentiment")
plots.save_figure(ax.figure, OUT / "02_sentiment_distribution", data=dist, **FIG,
    caption=f"Distribution of VADER compound sentiment of {P['unit']} units by {G} ({P['run']}): boxes show quartiles and "
            f"median, points the individual units (jittered vertically, seed {P['seed']}).")

# %%
dated = units.dropna(subset=["date"]) if "date" in units.columns else units.iloc[0:0]
if dated["date"].nunique() > 1:
    over_time = agg.aggregate(dated, "compound", G, period=P["period"], **CI)
    ax = plots.plot_timeline(over_time, "period", "mean", hue=G, lo="lo", hi="hi", order=order, ylabel="mean compound")
    plots.save_figure(ax.figure, OUT / "02_sentiment_over_time", data=over_time, **FIG,
        caption=f"Mean VADER compound sentiment per {P['period']} by {G} ({P['run']}), shaded: {agg.interval_note(**CI)}.")
else:
    print("fewer than two distinct dates: no timeline")

# %% [markdown]
# ## Most positive and most negative
#
# Framing-dictionary matches are boxed in yellow; the words that moved the VADER score are blue with a solid underline (positive) or orange with a dotted underline (negative), after negation and boosters ("not a great day": *great* counts as negative). Hover a word for its category or valence.

# %%
if P["unit"] == "quote":
    extremes = agg.extreme_units(units, "compound", n=max(1, P["top_n"] // 3))
    display(report.highlight_quotes(extremes, data.matches, columns=("end", "speaker", "side", "compound")))
else:
    print("highlighting is shown for quotation units")
