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
# # 04 How speakers are framed
#
# The reporting verbs journalists choose frame the speaker: who merely *says*, who
# *claims*, who *lashes out*. Cue verbs are grouped in classes (neutral, assertive,
# doubting, hostile, ...); this notebook compares the classes per group and per speaker,
# the most used verbs, and the descriptors (roles, appositives) attached to speakers.

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
quotes = data.quotes
G = P["group_by"] if P["group_by"] in data.quotes.columns else "side"
order = agg.group_order(quotes, G)
classes = [c for c in agg.group_order(quotes, "cue_class") if c]  # most frequent first, same colours in every figure
quotes[["speaker", "side", "cue", "cue_lemma", "cue_class"]].head()

# %% [markdown]
# ## Cue-verb classes per group

# %%
CI = dict(n_boot=P["n_boot"], seed=P["seed"], cluster=P["cluster"])  # intervals resample whole articles by default
cue_shares = agg.shares(quotes, "cue_class", G, min_n=P["min_quotes"], **CI)
ax = plots.plot_stacked_shares(cue_shares, G, "cue_class", order=order, category_order=classes, xlabel="share of quotations")
plots.save_figure(ax.figure, OUT / "04_cue_classes_by_group", data=cue_shares, **FIG,
    caption=f"Share of each class of reporting verb among the quotations of each {G} ({P['run']}); quotations without a "
            f"cue verb are left out. The CSV gives counts and {agg.interval_note(**CI)}.")
cue_shares

# %% [markdown]
# ## Evaluative cues with intervals
#
# The classes other than *neutral* (says, tells), share of each group's quotations with a 95% bootstrap interval.

# %%
evaluative = cue_shares[cue_shares["cue_class"] != "neutral"]
ax = plots.plot_profile(evaluative, "cue_class", G, value="share", order=[c for c in classes if c != "neutral"],
                        group_order=order, xlabel="share of quotations")
plots.save_figure(ax.figure, OUT / "04_evaluative_cues", data=evaluative, **FIG,
    caption=f"Share of the quotations of each {G} ({P['run']}) introduced by a non-neutral reporting verb, per class, with "
            f"{agg.interval_note(**CI)}.")

# %% [markdown]
# ## Cue-verb classes per speaker

# %%
attributed = agg.mark_unnamed(agg.filter_quotes(quotes, drop_unattributed=True, min_quotes=P["min_quotes"], group_by="speaker"))
speakers_top = agg.top_speakers(attributed, P["top_n"])["speaker"].tolist()
by_speaker = agg.shares(attributed[attributed["speaker"].isin(speakers_top)], "cue_class", "speaker")
ax = plots.plot_stacked_shares(by_speaker, "speaker", "cue_class", order=speakers_top, category_order=classes,
                               xlabel="share of quotations")
plots.save_figure(ax.figure, OUT / "04_cue_classes_by_speaker", data=by_speaker, **FIG,
    caption=f"Share of each class of reporting verb among the quotations of the {len(speakers_top)} most quoted speakers ({P['run']}).")

# %% [markdown]
# ## The verbs themselves

# %%
verbs = agg.shares(quotes, "cue_lemma", G)
top_verbs = verbs.sort_values("count", ascending=False, kind="stable").groupby(G, sort=False).head(P["top_n"])
axes = plots.plot_top_terms(top_verbs, G, term="cue_lemma", value="share", top=min(P["top_n"], 10), order=order,
                           xlabel="share of quotations")
plots.save_figure(axes[0].figure, OUT / "04_cue_verbs", data=top_verbs, **FIG,
    caption=f"Reporting verbs (lemmas) introducing the quotations of each {G} ({P['run']}): share of the group's quotations "
            f"with a cue verb, the {min(P['top_n'], 10)} most frequent per group; counts in the CSV.")
top_verbs

# %% [markdown]
# ## Descriptors
#
# How the articles introduce each speaker (roles, titles, appositives).

# %%
agg.descriptors(attributed, top=P["top_n"])
