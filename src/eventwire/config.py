"""Settings: packaged defaults, then a user TOML file, then environment variables, then ``--set``."""

from __future__ import annotations

import contextlib
import os
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.errors import BAD_CONFIG, EventwireError
from eventwire.sources.options import SourceOptions

ENVIRONMENT = {"EVENTWIRE_MODEL": "nlp.model", "EVENTWIRE_DB": "store.url"}
ENCODERS = ("", "minilm")  # events.encoder: none, or all-MiniLM-L6-v2 (classify/encoder.py)


@dataclass(frozen=True, slots=True)
class Settings:
    model: str
    batch_size: int
    annotators: tuple[str, ...]
    db: str
    sources: SourceOptions
    actor_files: tuple[str, ...] = ()
    event_confidence: float = 0.4  # events.min_confidence
    event_encoder: str = ""  # events.encoder

    @classmethod
    def from_flat(cls, flat: dict[str, Any]) -> Settings:
        published = flat["sources.published"]
        if published:
            try:
                date.fromisoformat(published)
            except ValueError as err:
                raise EventwireError(
                    BAD_CONFIG, f"not a date: {published!r}; give YYYY-MM-DD", "sources.published"
                ) from err
        confidence = flat["events.min_confidence"]
        if not 0.0 <= confidence <= 1.0:
            raise EventwireError(
                BAD_CONFIG, f"not a probability: {confidence}; give 0 to 1", "events.min_confidence"
            )
        return cls(
            event_confidence=confidence,
            event_encoder=check_encoder(flat["events.encoder"]),
            model=flat["nlp.model"],
            batch_size=flat["nlp.batch_size"],
            annotators=tuple(flat["pipeline.annotators"]),
            db=flat["store.url"],
            actor_files=tuple(flat["actors.files"]),
            sources=SourceOptions(
                max_bytes=flat["sources.max_bytes"],
                timeout=flat["sources.timeout"],
                deadline=flat["sources.deadline"],
                max_redirects=flat["sources.max_redirects"],
                allow_private=flat["sources.allow_private"],
                feed_full_story_words=flat["sources.feed_full_story_words"],
                published=flat["sources.published"] or None,
            ),
        )


def check_encoder(name: str) -> str:
    """``name`` when it is an encoder eventwire has (``events.encoder``)."""
    if name not in ENCODERS:
        choices = ", ".join(repr(known) for known in ENCODERS)
        raise EventwireError(BAD_CONFIG, f"unknown encoder {name!r}; give {choices}", "events.encoder")
    return name


def default_settings() -> dict[str, Any]:
    """The packaged defaults as a flat ``{"section.key": value}`` table."""
    text = resources.files("eventwire").joinpath("default_config.toml").read_text(encoding="utf-8")
    return _flatten(tomllib.loads(text))


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    flat = default_settings()
    if path is not None:
        try:
            user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise EventwireError(BAD_CONFIG, f"cannot read config: {err}", str(path)) from err
        _merge(flat, _flatten(user), str(path))
    env = {key: os.environ[var] for var, key in ENVIRONMENT.items() if os.environ.get(var)}
    _merge(flat, env, "environment")
    _merge(flat, overrides or {}, "--set")
    return Settings.from_flat(flat)


def parse_override(item: str) -> tuple[str, Any]:
    """``key=value`` from the command line; the value is read as TOML when it parses, else as a string."""
    key, sep, raw = item.partition("=")
    if not sep:
        raise EventwireError(BAD_CONFIG, "expected key=value, e.g. nlp.batch_size=32", item)
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return key.strip(), value


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _merge(flat: dict[str, Any], new: dict[str, Any], where: str) -> None:
    for key, value in new.items():
        if key not in flat:
            known = ", ".join(sorted(flat))
            raise EventwireError(BAD_CONFIG, f"unknown setting {key!r}; known settings: {known}", where)
        expected = type(flat[key])
        if expected is int and isinstance(value, str) and value.isdigit():
            value = int(value)
        if expected is float and isinstance(value, int | str) and not isinstance(value, bool):
            with contextlib.suppress(ValueError):
                value = float(value)
        if not isinstance(value, expected):
            raise EventwireError(
                BAD_CONFIG, f"{key} must be {expected.__name__}, got {type(value).__name__}", where
            )
        flat[key] = value
