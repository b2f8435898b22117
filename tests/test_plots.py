"""Figures: fonts, widths, byte-identical reruns, sidecar files, safe names, greyscale cues."""

from __future__ import annotations

import re
import zlib

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from framing import plots  # noqa: E402
from framing.errors import ParameterError  # noqa: E402

MEANS = pd.DataFrame({"side": ["US", "DPRK", "unknown"], "n": [5, 4, 1], "mean": [0.2, -0.3, 0.05],
                      "lo": [0.0, -0.5, np.nan], "hi": [0.4, -0.1, np.nan]})


def pdf_objects(data: bytes) -> bytes:
    """The PDF with every Flate stream decompressed (fonts may sit in streams)."""
    out = [data]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            pass
    return b"\n".join(out)


def draw(kind: str):
    plots.use_style("paper")
    if kind == "means":
        return plots.plot_group_means(MEANS, "side"), MEANS
    if kind == "heatmap":
        d = pd.DataFrame({"speaker": ["A", "A", "B", "B"], "frame": ["war", "peace"] * 2, "rate": [1.0, 2.5, 0.0, np.nan]})
        return plots.plot_heatmap(d, "speaker", "frame", "rate"), d
    if kind == "shares":
        d = pd.DataFrame({"side": ["US", "US", "DPRK"], "cue": ["neutral", "hostile", "neutral"], "share": [0.6, 0.4, 1.0]})
        return plots.plot_stacked_shares(d, "side", "cue"), d
    if kind == "counts":
        d = pd.DataFrame({"speaker": list("aabbbc"), "side": list("xxyyyx")})
        return plots.plot_counts(d, "speaker", hue="side"), d
    if kind == "distribution":
        d = pd.DataFrame({"g": list("aaabbb"), "v": [0.1, 0.5, -0.2, 0.0, 0.3, 0.9]})
        return plots.plot_distribution(d, "v", "g", seed=3), d
    if kind == "timeline":
        d = pd.DataFrame({"period": pd.to_datetime(["2025-01-01", "2025-02-01"] * 2), "g": list("aabb"),
                          "mean": [0.1, 0.2, -0.1, 0.0], "lo": [0, 0.1, -0.2, -0.1], "hi": [0.2, 0.3, 0, 0.1]})
        return plots.plot_timeline(d, "period", "mean", hue="g", lo="lo", hi="hi"), d
    if kind == "profile":
        d = pd.DataFrame({"frame": ["war", "peace"] * 2, "side": list("xxyy"), "rate": [1, 2, 3, 4.0],
                          "lo": [0.5, 1, 2, 3.0], "hi": [2, 3, 4, 5.0]})
        return plots.plot_profile(d, "frame", "side"), d
    if kind == "terms":
        d = pd.DataFrame({"side": list("xxxyyz"), "term": ["peace", "talks", "deal", "war", "threat", "aid"],
                          "zscore": [3.0, 2.0, 1.0, 4.0, 2.5, 1.5]})
        axes = plots.plot_top_terms(d, "side", top=2)
        assert [a.get_title() for a in axes] == ["x", "y", "z"]
        assert [t.get_text() for t in axes[0].get_yticklabels()] == ["peace", "talks"]
        return axes[0], d
    raise AssertionError(kind)


KINDS = ["means", "heatmap", "shares", "counts", "distribution", "timeline", "profile", "terms"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_plot_saves_in_every_format_identically(tmp_path, kind):
    ax, data = draw(kind)
    first = plots.save_figure(ax.figure, tmp_path / "a" / kind, data=data, caption="A caption.")
    ax, data = draw(kind)
    second = plots.save_figure(ax.figure, tmp_path / "b" / kind, data=data, caption="A caption.")
    assert [p.suffix for p in first] == [".pdf", ".svg", ".png", ".csv", ".txt"]
    for p, q in zip(first, second):
        assert p.read_bytes() == q.read_bytes(), f"{p.name} differs between runs"


@pytest.mark.parametrize("width, points", [("single", 252.0), ("double", 518.4), (5.0, 360.0)])
def test_pdf_width_and_truetype_fonts(tmp_path, width, points):
    ax, data = draw("means")
    plots.save_figure(ax.figure, tmp_path / "f", data=data, caption="c", formats=["pdf", "png"], width=width)
    raw = (tmp_path / "f.pdf").read_bytes()
    box = re.search(rb"/MediaBox \[\s*([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s*\]", raw)
    assert float(box.group(3)) - float(box.group(1)) == pytest.approx(points)
    body = pdf_objects(raw)
    assert b"/Type3" not in body
    assert b"/FontFile2" in body  # TrueType program embedded
    assert b"CreationDate" not in raw
    # PNG at 300 dpi: pixel width = inches * 300
    from PIL import Image

    with Image.open(tmp_path / "f.png") as im:
        assert im.size[0] == round(points / 72 * 300)
        assert im.info.get("dpi", (0,))[0] == pytest.approx(300, abs=1)


def test_svg_has_no_date_and_csv_txt_sidecars(tmp_path):
    ax, data = draw("means")
    plots.save_figure(ax.figure, tmp_path / "m", data=data, caption="Mean  sentiment\nby side.")
    svg = (tmp_path / "m.svg").read_text()
    assert "<dc:date>" not in svg
    back = pd.read_csv(tmp_path / "m.csv")
    assert back["side"].tolist() == ["US", "DPRK", "unknown"]
    assert back["mean"].tolist() == [0.2, -0.3, 0.05]
    assert (tmp_path / "m.txt").read_text() == "Mean sentiment by side.\n"


def test_no_temporary_files_left(tmp_path):
    ax, data = draw("counts")
    plots.save_figure(ax.figure, tmp_path / "c", data=data, caption="c")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", "c.pdf", "c.png", "c.svg", "c.txt"]


def test_failed_save_leaves_nothing(tmp_path, monkeypatch):
    ax, data = draw("counts")
    fig = ax.figure

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(fig, "savefig", boom)
    with pytest.raises(RuntimeError):
        plots.save_figure(fig, tmp_path / "c", data=data, caption="c")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd", "etc_passwd"),
    ("Kim Jong Un", "Kim_Jong_Un"),
    ("CON", "_CON"),
    ("nul.txt", "_nul.txt"),
    ("", "unnamed"),
    ("..", "unnamed"),
    ("a/b\\c:d", "a_b_c_d"),
    ("Nauert\u202e", "Nauert"),
    ("Zo\u00eb K\u00f6nig", "Zoe_Konig"),
])
def test_safe_filename(name, expected):
    assert plots.safe_filename(name) == expected


def test_save_figure_sanitises_the_stem_name(tmp_path):
    ax, data = draw("counts")
    stem = plots.figure_stem(tmp_path, "02_speaker", "../../x y")
    written = plots.save_figure(ax.figure, stem, data=data, caption="c", formats=["png"])
    assert [p.name for p in written] == ["02_speaker_x_y.png", "02_speaker_x_y.csv", "02_speaker_x_y.txt"]
    assert all(p.parent == tmp_path for p in written)


def test_bad_arguments(tmp_path):
    ax, data = draw("counts")
    with pytest.raises(ParameterError, match="formats"):
        plots.save_figure(ax.figure, tmp_path / "c", data=data, caption="c", formats=["jpg"])
    with pytest.raises(ParameterError, match="width"):
        plots.save_figure(ax.figure, tmp_path / "c", data=data, caption="c", width="triple")
    with pytest.raises(ParameterError, match="style"):
        plots.use_style("poster")
    with pytest.raises(ParameterError, match="column"):
        plots.plot_counts(data, "nope")


def test_groups_differ_by_marker_and_hatch_not_only_colour():
    styles = plots.group_styles(["a", "b", "c", "d", "e", "f", "g", "h"])
    assert len({s["marker"] for s in styles.values()}) == 8
    assert len({s["hatch"] for s in styles.values()}) == 8
    assert [s["color"] for s in styles.values()] == plots.OKABE_ITO
    ax, _ = draw("means")
    markers = [line.get_marker() for line in ax.lines if line.get_marker() not in ("None", "", None)]
    assert markers == ["o", "s", "^"]


def test_plotted_values_are_the_data():
    ax, data = draw("means")
    points = [line for line in ax.lines if line.get_marker() not in ("None", "", None)]
    assert [float(line.get_xdata()[0]) for line in points] == data["mean"].tolist()


def test_empty_data_gives_an_annotated_axes(tmp_path):
    plots.use_style("paper")
    ax = plots.plot_group_means(MEANS.iloc[0:0], "side")
    assert "no data" in ax.texts[0].get_text()
    plots.save_figure(ax.figure, tmp_path / "e", data=MEANS.iloc[0:0], caption="c", formats=["pdf"])
    assert (tmp_path / "e.pdf").exists()


def test_style_files_load_by_package_name():
    import matplotlib.pyplot as plt

    for name, size in (("paper", 8.0), ("slides", 14.0)):
        plt.style.use(f"framing.{name}")
        assert plt.rcParams["font.size"] == size
        assert plt.rcParams["pdf.fonttype"] == 42


@pytest.mark.parametrize("style", ["paper", "slides"])
def test_long_labels_fit_without_layout_warnings(tmp_path, style):
    import warnings

    plots.use_style(style)
    names = [f"State Department spokesperson number {i}" for i in range(12)]
    d = pd.DataFrame({"speaker": names, "side": ["US", "DPRK"] * 6, "n": range(1, 13), "mean": np.linspace(-0.5, 0.5, 12),
                      "lo": np.linspace(-0.7, 0.3, 12), "hi": np.linspace(-0.3, 0.7, 12)})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plots.plot_group_means(d, "speaker", hue="side")
        written = plots.save_figure(ax.figure, tmp_path / "long", data=d, caption="c", formats=["pdf"])
    assert written[0].exists()


def test_column_names_become_readable_axis_and_legend_titles():
    """Default titles come from column names with '_' as a space; given labels stay as written."""
    d = pd.DataFrame({"speaker": list("aab"), "cue_class": ["neutral", "doubting", "neutral"],
                      "share_of_quotes": [0.5, 0.5, 1.0]})
    ax = plots.plot_stacked_shares(d, "speaker", "cue_class", value="share_of_quotes", xlabel="share")
    assert ax.get_legend().get_title().get_text() == "cue class"
    assert ax.get_xlabel() == "share"
    t = pd.DataFrame({"period": [1, 2], "mean_compound": [0.1, 0.2]})
    ax = plots.plot_timeline(t, "period", "mean_compound")
    assert ax.get_ylabel() == "mean compound"
    assert plots.plot_timeline(t, "period", "mean_compound", ylabel="VADER compound").get_ylabel() == "VADER compound"


def test_frame_ids_are_shown_with_spaces_and_kept_as_ids_in_the_data():
    d = pd.DataFrame({"speaker": ["a", "a"], "frame": ["human_interest", "conflict"], "rate": [1.0, 2.0]})
    ax = plots.plot_heatmap(d, "speaker", "frame", "rate")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["human interest", "conflict"]
    p = pd.DataFrame({"frame": ["economic_consequences"], "side": ["x"], "rate": [1.0], "lo": [0.5], "hi": [1.5]})
    ax = plots.plot_profile(p, "frame", "side")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["economic consequences"]
    assert list(d["frame"]) == ["human_interest", "conflict"]
