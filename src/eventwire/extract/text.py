"""Plain-text clean-up: line endings, spacing, blank lines, and a headline on the first line."""

from __future__ import annotations

import re

_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_TITLE_MAX = 200


def tidy(text: str) -> str:
    """Unify line endings and spaces, drop trailing spaces, keep at most one blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def split_title(text: str) -> tuple[str | None, str]:
    """A headline is a short first line standing alone, without final punctuation, above more text."""
    first, sep, rest = text.partition("\n\n")
    if (
        sep
        and rest.strip()
        and "\n" not in first
        and len(first) <= _TITLE_MAX
        and not first.endswith((".", "!", "?", ":", '"', "\u201d"))
    ):
        return first, rest.strip()
    return None, text
