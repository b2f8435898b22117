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
# # 05 Validation
#
# Automatic quotation finding, speaker attribution and dictionary scoring make errors; a
# study should report how often. Without `coded_sheet` this notebook draws a seeded random
# sample of `sample_size` quotations and writes a coding sheet (CSV) with each quotation in
# context and what the tool found; fill in the `coder_*` columns (is it a quotation? who is
# the speaker? negative/neutral/positive?) and run again with `coded_sheet` pointing at the
# filled-in file to get agreement (percent agreement and Cohen's kappa for tone).

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
sample_size: int = 50  # quotes drawn for the coding sheet
coded_sheet: str = ''  # a filled-in coding sheet (CSV) to score agreement; '' for none

# %%
import pandas as pd
from IPython.display import display

import framing
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
sheet = agg.coding_sheet(data.quotes, data.documents, data.matches, n=P["sample_size"], seed=P["seed"])
sheet_path = framing.write_table(sheet, OUT / "05_coding_sheet.csv")
print(f"coding sheet with {len(sheet)} quotations: {sheet_path}")
sheet.drop(columns=["context"]).head()

# %%
ax = plots.plot_counts(sheet, "tool_tone", hue="tool_side", order=list(agg.TONES),
                       hue_order=agg.group_order(data.quotes, "side"), xlabel="sampled quotations")
plots.save_figure(ax.figure, OUT / "05_sample", data=sheet.groupby(["tool_tone", "tool_side"]).size().rename("n").reset_index(), **FIG,
    caption=f"The validation sample ({len(sheet)} quotations drawn at random with seed {P['seed']} from {len(data.quotes)} in "
            f"{P['run']}) by the tone the tool assigned (VADER compound at +/-0.05) and side.")

# %% [markdown]
# ## Agreement with a human coder

# %%
if P["coded_sheet"] is not None:
    coded = agg.load_coding_sheet(P["coded_sheet"])
    agreement = agg.coding_agreement(coded)
    display(agreement)
    ax = plots.plot_counts(agreement, "measure", count="agreement", xlabel="agreement (share of coded items)")
    plots.save_figure(ax.figure, OUT / "05_agreement", data=agreement, **FIG,
        caption=f"Agreement between the tool and a human coder on {int(agreement['n'].max())} coded quotations ({P['run']}): "
                "share of quotations confirmed, speakers matching and tones matching (Cohen's kappa in the CSV).")
else:
    print("no coded_sheet given: fill in the coding sheet above and rerun with coded_sheet set to it")
