"""Boilerplate lines: the seed's three link lines at exact offsets, each pattern, and prose left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing import find_boilerplate
from framing.errors import ParameterError

SEED = Path(__file__).resolve().parents[1] / "data" / "000_a750b09d9d126d2a.txt"


def test_seed_link_lines_exact_offsets():
    text = SEED.read_text(encoding="utf-8")
    spans = find_boilerplate(text)
    assert spans == [(1924, 2012, "link"), (2013, 2082, "link"), (2083, 2167, "link")]
    assert [text[s:e] for s, e, _ in spans] == [
        "More news: Russian Federation loses to Croatia, and Twitter users Putin their best jokes",
        "More news: New migrant policy shouldn't turn EU into fortress: Merkel",
        "More news: Johns Hopkins Hospital in Baltimore evacuated due to possible TB exposure",
    ]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("More news: Markets rally after vote", "link"),
        ("  Read more: How the vote works  ", "link"),
        ("READ MORE: The full story", "link"),
        ("Related: Budget passes Senate", "link"),
        ("Related articles: a, b, c", "link"),
        ("See also: Tax bill vetoed", "link"),
        ("Also read - Storm warning", "link"),
        ("Latest news \u00bb Weather", "link"),
        ("Watch: The moment the vote passed", "link"),
        ("Advertisement", "advertisement"),
        ("Sponsored content", "advertisement"),
        ("Share this on Facebook", "share"),
        ("Share this article", "share"),
        ("Follow us on Twitter for the latest updates", "follow"),
        ("Follow @ledger for more", "follow"),
        ("Click here to subscribe to our newsletter", "click"),
        ("We use cookies to improve your experience. Accept all?", "cookie"),
        ("Accept cookies", "cookie"),
        ("Subscribe to our newsletter for daily updates", "subscribe"),
        ("Sign up for our morning briefing", "subscribe"),
        ("Image copyright Getty Images", "caption"),
        ("Image caption The minister arrives", "caption"),
        ("Copyright \u00a9 2024 Daily Ledger. All rights reserved.", "copyright"),
        ("\u00a9 2024 Daily Ledger", "copyright"),
        ("Story continues below", "continue"),
        ("Continue reading the main story", "continue"),
        ("Follow Pam Key on Twitter @pamkeyNEN.", "follow"),
        ("Twitter: @Milbank.", "follow"),
        ("FACEBOOK.", "share"),
        ("Email", "share"),
        ("Getty.", "caption"),
        ("(AP Photo/Evan Vucci)", "caption"),
        ("Photo: Jane Doe for the Ledger", "caption"),
        ("width:100%;", "code"),
        ("}", "code"),
    ],
)
def test_patterns(line, reason):
    text = f"Prose before.\n{line}\nProse after."
    spans = find_boilerplate(text)
    assert len(spans) == 1
    s, e, got = spans[0]
    assert got == reason
    assert text[s:e] == line.strip()


@pytest.mark.parametrize(
    "text",
    [
        "More people than ever voted on Tuesday.",
        "Related stories were not found by the committee, she said, and more news is expected.",
        "He said he would read more about it later.",
        "Share prices fell sharply on Monday.",
        "Follow the money, the senator said.",
        "Copyright law was changed in 2019 to cover online news.",
        "Sign up for the scheme has been slow, officials said.",
        "Subscribe to the view that markets know best, and you will be disappointed.",
        "Advertisements for the product were banned last year.",
        "The report said: Read more carefully. " + "word " * 60,
        "Watch the video, he said.",
        "Markets rose. More news: this is mid-line and stays.",
        "Follow the leader on the road, he said.",
        "Twitter said it would ban the accounts.",
        "Reuters reported the deal on Monday.",
        "Email correspondence shows the plan was known.",
        "Photographs of the scene were published.",
        "AP reporters saw the crowd.",
        "Note: the vote is on Monday.",
    ],
)
def test_prose_is_not_boilerplate(text):
    assert find_boilerplate(text) == []


def test_long_prompt_line_is_prose():
    line = "Follow us on Twitter " + "and read the long explanation of everything " * 5
    assert find_boilerplate(line) == []


def test_extra_patterns():
    text = "Body.\nTAGS: politics, budget\n"
    assert find_boilerplate(text) == []
    assert find_boilerplate(text, extra_patterns={"tags": r"tags:"}) == [(6, 28, "tags")]
    with pytest.raises(ParameterError):
        find_boilerplate(text, extra_patterns={"not an id": "x"})


def test_crlf_lines():
    text = "Body.\r\nRead more: elsewhere\r\nEnd."
    (s, e, reason), = find_boilerplate(text)
    assert text[s:e] == "Read more: elsewhere" and reason == "link"
