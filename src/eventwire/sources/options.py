"""The options every source reads, built once from Settings."""

from __future__ import annotations

from dataclasses import dataclass

from eventwire import __version__


@dataclass(frozen=True, slots=True)
class SourceOptions:
    max_bytes: int = 50_000_000
    timeout: float = 30.0
    deadline: float = 60.0  # seconds for a whole fetch, redirects included
    max_redirects: int = 5
    allow_private: bool = False
    feed_full_story_words: int = 150
    published: str | None = None  # for inputs that carry no publication date
    user_agent: str = f"eventwire/{__version__} (news event coding; +https://pypi.org/project/eventwire/)"
