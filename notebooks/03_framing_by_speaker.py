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
# # 03 Framing by speaker
#
# How often each speaker and each group uses the words of each frame in the framing
# dictionaries (`lexicons`), as pooled rates per 1,000 tokens: a speaker x frame heatmap,
# the frame profile of each group with bootstrap intervals, and the words that most
# distinguish the groups (weighted log-odds with an informative Dirichlet prior).

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
cats = agg.rate_columns(units, P["lexicons"])
label = agg.category_labels(cats)
print(f"{len(units)} {P['unit']} units; {len(cats)} categories")

# %% [markdown]
# ## Speaker x frame

# %%
if P["unit"] == "quote":
    attributed = agg.mark_unnamed(agg.filter_quotes(units, drop_unattributed=True, min_quotes=P["min_quotes"], group_by="speaker"))
    speakers_top = agg.top_speakers(attributed, P["top_n"])["speaker"].tolist()
    rows, name = attributed[attributed["speaker"].isin(speakers_top)], "speaker"
else:
    rows, name, speakers_top = units, G, order
grid = agg.frame_profile(rows, cats, name, n_boot=0)
grid["frame"] = (grid["lexicon"] + "." + grid["category"]).map(label)
ax = plots.plot_heatmap(grid, name, "frame", "rate", row_order=speakers_top, label="per 1,000 tokens")
plots.save_figure(ax.figure, OUT / "03_frames_heatmap", data=grid, **FIG,
    caption=f"Framing dictionary matches per 1,000 tokens ({', '.join(P['lexicons'])}) in the quotations of each {name} "
            f"({P['run']}); rows ordered by number of quotations; blank cells: no units.")

# %% [markdown]
# ## Frame profile per group

# %%
CI = dict(n_boot=P["n_boot"], seed=P["seed"], cluster=P["cluster"])  # intervals resample whole articles by default
profile = agg.frame_profile(units, cats, G, min_n=P["min_quotes"], **CI)
profile["frame"] = (profile["lexicon"] + "." + profile["category"]).map(label)
ax = plots.plot_profile(profile, "frame", G, value="rate", group_order=order, xlabel="per 1,000 tokens")
plots.save_figure(ax.figure, OUT / "03_frame_profile", data=profile, **FIG,
    caption=f"Frame profile of each {G} ({P['run']}): dictionary matches per 1,000 tokens of {P['unit']} units, pooled over "
            f"units, with {agg.interval_note(**CI)}.")
profile.pivot_table(index="frame", columns=G, values="rate").round(2)

# %% [markdown]
# ## Distinctive words per group

# %%
words = agg.distinctive_terms(units, G, top=P["top_n"])
if len(words):
    axes = plots.plot_top_terms(words, G, top=min(P["top_n"], 10), order=order, xlabel="log-odds z-score")
    plots.save_figure(axes[0].figure, OUT / "03_distinctive_words", data=words, **FIG,
        caption=f"Words most distinctive of each {G} in {P['unit']} units ({P['run']}): weighted log-odds ratio z-scores "
                "with an informative Dirichlet prior (Monroe et al. 2008), each group against the rest.")
words
