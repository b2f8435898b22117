"""Scraped boilerplate in news text: link lines, share/follow prompts, ads, cookie notices.

:func:`find_boilerplate` returns ``(start, end, reason)`` spans of whole lines that
later stages skip (the ``excluded`` column of the documents table). Detection is
line based: a line is boilerplate when it *starts* with one of the patterns below and
is short enough to be a scraped widget rather than prose (``MAX_LINE_CHARS``; link
lines carry a headline, so they may be longer than prompts, ``MAX_PROMPT_WORDS``).
The text itself is never changed: spans are offsets into it, stripped of the
line's surrounding whitespace.

Patterns (case-insensitive, at the start of a line) and their reasons:

=================  =============================================================
``link``           "More news:", "More stories:", "Related:", "Related articles:",
                   "Read more:", "Read also:", "See also:", "Also read:",
                   "Recommended:", "Latest news:", "Top stories:", "Trending:",
                   "Watch:" / "Listen:" *followed by a colon*
``share``          "Share this (article|story|on ...)", "Share on Facebook", "Share via ...", a line
                   that is only a share-button label ("Twitter", "Facebook", "Email", "Print",
                   "Comments", "WhatsApp"...)
``follow``         "Follow us on ...", "Follow @...", "Follow Jane Doe on Twitter ...",
                   "Twitter: @name", "Like us on Facebook"
``click``          "Click here to ...", "Click to ..."
``advertisement``  a line that is only "Advertisement", "Sponsored", "Ad", "Promoted"...
``cookie``         "We use cookies ...", "This site uses cookies ...", "Accept (all) cookies"
``subscribe``      "Subscribe to our ...", "Subscribe now/today/here", "Sign up for our newsletter",
                   "Get our newsletter"
``caption``        "Image copyright ...", "Image caption ...", "Photo credit ...", "Photo: ...",
                   "Photo by ...", "(AP Photo/...)", "Media playback is ...", a line that is
                   only an agency credit ("Getty Images", "Reuters", "AFP", "AP", "EPA")
``copyright``      "Copyright (c)/© 2019 ...", "(c) 2019 ...", "© 2019", "All rights reserved"
``continue``       "Continue reading", "Story continues below", "Scroll to continue"
``code``           scraped page code: a line that is only a brace, or one CSS declaration
                   ("width:100%;")
=================  =============================================================

Add site-specific patterns with ``find_boilerplate(text, extra_patterns={"reason": regex})``.
"""

from __future__ import annotations

import functools
import re
from typing import Mapping

MAX_LINE_CHARS = 300  # longer lines are prose, never boilerplate
MAX_PROMPT_WORDS = 25  # prompts (share, follow, subscribe, cookie...) are short

_LINK_HEADS = (
    r"(?:more|latest|other|top|related|recommended|trending|popular|further|also)\s+"
    r"(?:news|stories|articles|coverage|reading|links|videos?|content|headlines|on\s+this(?:\s+story)?)"
)
PATTERNS: dict[str, str] = {
    "link": (
        rf"(?:{_LINK_HEADS}|related|recommended|trending|read\s+(?:more|also|next|this)|see\s+also|also\s+read"
        r"|also\s+see|watch|listen|you\s+may\s+also\s+like|you\s+might\s+also\s+like|don'?t\s+miss)"
        r"\s*(?::|\s[-\u2013\u2014>\u00bb|]|\u00bb|>>)"
    ),
    "share": (
        r"share\s+(?:this|on|via|the\s+story|the\s+article|article|story)\b"
        r"|(?:share|tweet|e-?mail|print|comments?|twitter|facebook|whatsapp|linkedin|reddit|pinterest|messenger)"
        r"[\s.:|]*$"
    ),
    "follow": (
        r"(?:follow\s+(?:us|@\w+|(?:[\w.'-]+\s+){1,4}on\s+(?:twitter|facebook|instagram|x|linkedin|threads|tiktok|bluesky))"
        r"|like\s+us\s+on\s+facebook|(?:twitter|x|instagram|facebook|threads|bluesky)\s*:\s*@\w+)\b"
    ),
    "click": r"click\s+(?:here|to)\b",
    "advertisement": r"(?:advertisements?|advertising|sponsored(?:\s+content)?|promoted(?:\s+stories)?|ad|paid\s+content)\s*$",
    "cookie": r"(?:we\s+use\s+cookies|this\s+(?:web)?site\s+uses\s+cookies|accept\s+(?:all\s+)?cookies|cookie\s+(?:policy|settings))\b",
    "subscribe": (
        r"(?:subscribe\s+(?:to\s+(?:our|my|the\s+[\w ]{0,30}(?:newsletter|podcast|channel))|now|today|here|for\s+(?:free|unlimited|full))"
        r"|sign\s+up\s+(?:(?:for|to)\s+(?:our|my|the)\s+[\w ]{0,30}(?:newsletter|alerts|updates|emails?|briefing)|here|now)"
        r"|get\s+our\s+(?:free\s+)?newsletter)\b"
    ),
    "caption": (
        r"(?:image|photo|picture|video)\s+(?:copyright|caption|credit|source)\b|media\s+playback\s+is\b"
        r"|\(?(?:photo|image|picture)\s*(?::|by\b)|\(?ap\s+photo\b"
        r"|\(?(?:getty(?:\s+images)?|reuters|afp(?:/getty(?:\s+images)?)?|ap|epa|shutterstock)\)?[\s.]*$"
    ),
    "copyright": r"(?:copyright\s*(?:\u00a9|\(c\)|\d{4})|\(c\)\s*\d{4}|\u00a9\s*\d{4}|all\s+rights\s+reserved)",
    "continue": r"(?:continue\s+reading|story\s+continues\s+below|scroll\s+(?:down\s+)?to\s+continue)\b",
    "code": r"(?:[{}][\s.;]*$|[\w-]+\s*:\s*[\w#%.(),-]+\s*;\s*$)",
}
# reasons whose lines may be long (they carry a headline); the rest are short prompts
_LONG_OK = {"link"}


@functools.lru_cache(maxsize=8)
def _compiled(extra: tuple[tuple[str, str], ...] = ()) -> re.Pattern:
    parts = [f"(?P<{reason}>{regex})" for reason, regex in (*PATTERNS.items(), *extra)]
    return re.compile(r"[ \t\u00a0]*(?:" + "|".join(parts) + ")", re.IGNORECASE | re.MULTILINE)


def find_boilerplate(text: str, *, extra_patterns: Mapping[str, str] | None = None) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, reason)`` of boilerplate lines in ``text``, in order.

    ``start``/``end`` index ``text`` and exclude the line's surrounding whitespace, so
    ``text[start:end]`` is the line as written. ``extra_patterns`` maps a reason (a
    Python identifier) to a regex matched at the start of a line.
    """
    extra = tuple(sorted((extra_patterns or {}).items()))
    for reason, _ in extra:
        if not reason.isidentifier():
            from .errors import ParameterError

            raise ParameterError(f"boilerplate reason {reason!r} must be an identifier (letters, digits, _)")
    pattern = _compiled(extra)
    spans: list[tuple[int, int, str]] = []
    match = pattern.match
    n = len(text)
    line_start = 0
    while line_start < n:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = n
        m = match(text, line_start, line_end)
        if m is None:
            line_start = line_end + 1
            continue
        line = text[line_start:line_end]
        stripped = line.strip()
        reason = m.lastgroup or "boilerplate"
        if stripped and len(stripped) <= MAX_LINE_CHARS and (
            reason in _LONG_OK or len(stripped.split()) <= MAX_PROMPT_WORDS
        ):
            start = line_start + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped), reason))
        line_start = line_end + 1
    return spans
