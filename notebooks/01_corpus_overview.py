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
# # 01 Corpus overview
#
# What is in the corpus: documents, words, outlets, sections and dates; the boilerplate
# (scraped link blocks) left out of the analysis; how many quotations each document has and
# how much of the text is quoted; who is quoted most.
#
# Run it from JupyterLab (top to bottom) or in batch with `framing run 01`. All paths are
# resolved from the project root. Figures go to `out_dir` (default `figures/<run>/`), each
# as PDF, SVG and PNG with a CSV of the plotted data and a caption file.

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

# %% [markdown]
# ## The corpus in numbers

# %%
summary = agg.corpus_summary(data.documents, data.sentences, data.quotes)
summary

# %%
per_doc = agg.quotes_per_document(data.documents, data.quotes)
per_doc.describe().loc[["mean", "min", "50%", "max"], ["words", "quotes", "share_quoted"]].round(3)

# %% [markdown]
# ## Quotations by type and side

# %%
hue = P["group_by"] if P["group_by"] in data.quotes.columns and P["unit"] == "quote" else None
ax = plots.plot_counts(data.quotes, "type", hue=hue, hue_order=agg.group_order(data.quotes, hue) if hue else None,
                       xlabel="quotations")
plots.save_figure(ax.figure, OUT / "01_quote_types", data=data.quotes.groupby(["type"] + ([hue] if hue else []), dropna=False).size().rename("n").reset_index(), **FIG,
    caption=f"Quotations found in the corpus ({P['run']}) by type (direct, partial, mixed, indirect)"
            + (f" and {hue}" if hue else "") + f"; {len(data.quotes)} quotations in {len(data.documents)} documents.")

# %% [markdown]
# ## Who is quoted most

# %%
top = agg.mark_unnamed(agg.top_speakers(data.quotes, P["top_n"]))
top

# %%
ax = plots.plot_counts(top, "speaker", count="quotes", hue="side", hue_order=agg.group_order(data.quotes, "side"),
                       xlabel="quotations")
plots.save_figure(ax.figure, OUT / "01_top_speakers", data=top, **FIG,
    caption=f"The {len(top)} most quoted speakers in the corpus ({P['run']}), by number of attributed quotations; "
            "colour and hatching mark the side from the speaker table. Unattributed quotations are left out; "
            "'(unnamed)' marks a description the articles gave instead of a name (it pools different people "
            "or organisations across articles).")

# %% [markdown]
# ## Documents by outlet, section and date

# %%
for column in ("outlet", "section"):
    levels = data.documents[column].replace("", pd.NA).dropna()
    if levels.nunique() >= 1:
        counts = per_doc.assign(**{column: per_doc[column].replace("", "(none)")}).groupby(column).agg(
            documents=("doc_id", "size"), quotes=("quotes", "sum"), words=("words", "sum")).reset_index()
        display(counts)
        ax = plots.plot_counts(counts, column, count="documents", xlabel="documents")
        plots.save_figure(ax.figure, OUT / f"01_documents_by_{column}", data=counts, **FIG,
            caption=f"Documents per {column} in the corpus ({P['run']}); the CSV also gives quotations and words.")

# %%
dated = per_doc.dropna(subset=["date"])
if dated["date"].nunique() > 1:
    timeline = agg.add_period(dated, P["period"]).groupby("period").agg(
        documents=("doc_id", "size"), quotes=("quotes", "sum")).reset_index()
    ax = plots.plot_timeline(timeline, "period", "documents", ylabel=f"documents per {P['period']}")
    plots.save_figure(ax.figure, OUT / "01_documents_over_time", data=timeline, **FIG,
        caption=f"Documents per {P['period']} in the corpus ({P['run']}); {len(per_doc) - len(dated)} undated documents left out.")
else:
    print("fewer than two distinct dates: no timeline")

# %% [markdown]
# ## Boilerplate left out
#
# Spans the loader recognised as scraped boilerplate (e.g. "More news: ..." link lines); every later stage skips them.

# %%
boiler = agg.boilerplate_spans(data.documents)
boiler.head(P["top_n"])
