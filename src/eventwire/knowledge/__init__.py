"""What eventwire knows about actors: named actors with aliases (YAML), agent nouns and sectors.

The packaged ``data/actors.yaml`` is read first; user files (``--actors FILE``, setting ``actors.files``) add
entries or replace those of the same name, with no code change.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import BAD_CONFIG, EventwireError
from eventwire.knowledge.sectors import SECTORS

KINDS = frozenset({"person", "organisation", "group", "state"})
SPECIAL_COUNTRIES = frozenset({"IGO", "NGO"})


@dataclass(frozen=True, slots=True)
class KnownActor:
    name: str
    country: str | None
    sector: str | None
    kind: str
    aliases: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Agent:
    """What an agent noun says about the actor it heads: "troops" → military, a group."""

    sector: str
    kind: str


@functools.cache
def known_actors(files: tuple[str, ...] = ()) -> dict[str, KnownActor]:
    """Canonical name → actor: the packaged base, then each user file in order."""
    base = resources.files("eventwire.knowledge").joinpath("data/actors.yaml").read_text(encoding="utf-8")
    actors = {a.name: a for a in _parse(yaml.safe_load(base), "actors.yaml")}
    for path in files:
        try:
            entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as err:
            raise EventwireError(
                BAD_CONFIG, f"cannot read actors file: {err}".replace("\n", " "), path
            ) from err
        actors.update({a.name: a for a in _parse(entries, path)})
    return actors


@functools.cache
def agents() -> dict[str, Agent]:
    """Agent noun lemma → sector and kind."""
    text = resources.files("eventwire.knowledge").joinpath("data/agents.tsv").read_text(encoding="utf-8")
    rows = csv.reader(
        (line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t"
    )
    return {lemma: Agent(sector, kind) for lemma, sector, kind in rows}


def _parse(entries: Any, source: str) -> Iterable[KnownActor]:
    if not isinstance(entries, list):
        raise EventwireError(BAD_CONFIG, "an actors file is a YAML list of entries with a 'name'", source)
    for number, entry in enumerate(entries, 1):
        where = f"{source} entry {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise EventwireError(BAD_CONFIG, "each entry needs a 'name'", where)
        kind = entry.get("kind") or "organisation"
        sector = entry.get("sector")
        country = entry.get("country")
        aliases = entry.get("aliases") or []
        if kind not in KINDS:
            raise EventwireError(BAD_CONFIG, f"kind {kind!r} is not one of {', '.join(sorted(KINDS))}", where)
        if sector is not None and sector not in SECTORS:
            raise EventwireError(BAD_CONFIG, f"sector {sector!r} is not one of {', '.join(SECTORS)}", where)
        if country is not None and not (
            isinstance(country, str) and (len(country) == 3 or country in SPECIAL_COUNTRIES)
        ):
            raise EventwireError(
                BAD_CONFIG, f"country {country!r} is not an ISO 3166 alpha-3 code, IGO or NGO", where
            )
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise EventwireError(BAD_CONFIG, "'aliases' is a list of names", where)
        yield KnownActor(entry["name"], country, sector, kind, tuple(aliases))
