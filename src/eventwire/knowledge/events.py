"""What eventwire knows about events: the CAMEO → PLOVER table and the trigger lexicon.

``data/cameo_plover.tsv`` is derived from the PLOVER project's CAMEO2PLOVER table (CC BY-SA 4.0; see its
header). ``lang/<code>/triggers.tsv`` maps the words that report events to CAMEO codes, and through the
table to a PLOVER type, mode and context.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

PENTACLASSES = (
    "statement",
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)


# The CAMEO code an event of a type gets when it is not its trigger's own ("will visit" is an intent, 036).
TYPE_CAMEO = {
    "AGREE": "030",
    "CONSULT": "040",
    "SUPPORT": "050",
    "COOPERATE": "060",
    "AID": "070",
    "CONCEDE": "080",
    "RETREAT": "084",
    "ACCUSE": "112",
    "REQUEST": "100",
    "REJECT": "120",
    "THREATEN": "130",
    "PROTEST": "140",
    "MOBILIZE": "150",
    "SANCTION": "160",
    "COERCE": "170",
    "ASSAULT": "190",
}
# Cooperative acts announced for the future are intents to cooperate (AGREE); hostile ones are threats.
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
HOSTILE = frozenset({"SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "PROTEST"})
# Types whose parties act together ("X and Y met", "X and Y signed a deal"): coded as one event, X → Y.
RECIPROCAL = frozenset({"CONSULT", "COOPERATE", "AGREE"})


def pentaclass(cameo: str) -> int:
    """ConfliBERT's five classes of a CAMEO code: 0 statement (01), 1 verbal cooperation (02-05), 2 material
    cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20)."""
    root = int(cameo[:2])
    return 0 if root == 1 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@dataclass(frozen=True, slots=True)
class Code:
    """A CAMEO code with its PLOVER reading; ``plover`` is None for statements, which PLOVER does not code."""

    cameo: str
    plover: str | None
    mode: str | None
    context: str | None
    description: str


@dataclass(frozen=True, slots=True)
class Word:
    lemma: str
    pos: str | None  # "v" verb, "n" noun, None either


@dataclass(frozen=True, slots=True)
class Trigger:
    """A pattern of lemmas that reports an event: one word is the trigger, the others depend on it."""

    words: tuple[Word, ...]
    code: Code

    @property
    def text(self) -> str:
        return " ".join(w.lemma for w in self.words)


def _rows(name: str, package: str = "eventwire.knowledge", folder: str = "data") -> list[list[str]]:
    text = (
        resources.files(package).joinpath(f"{folder}/{name}" if folder else name).read_text(encoding="utf-8")
    )
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def cameo_codes() -> dict[str, Code]:
    codes = {}
    for cameo, plover, mode, context, description in _rows("cameo_plover.tsv"):
        codes[cameo] = Code(cameo, plover or None, mode or None, context or None, description)
    return codes


@functools.cache
def triggers(language: str = "en") -> dict[str, list[Trigger]]:
    """Lemma → the triggers any of whose words it is, most specific (most words) first.

    Raises ValueError when the lexicon codes one pattern twice, so that a lexicon edit cannot leave it
    ambiguous.
    """
    codes = cameo_codes()
    seen: dict[tuple[Word, ...], str] = {}
    by_lemma: dict[str, list[Trigger]] = {}
    for cameo, plover, mode, patterns in _rows("triggers.tsv", f"eventwire.lang.{language}", ""):
        base = codes[cameo]
        code = Code(cameo, plover or base.plover, mode or base.mode, base.context, base.description)
        for pattern in patterns.split(";"):
            words = tuple(_word(part) for part in pattern.split())
            key = tuple(sorted(words, key=lambda w: (w.lemma, w.pos or "")))
            if key in seen:
                raise ValueError(f"trigger {pattern!r} is coded as {seen[key]} and {cameo}")
            seen[key] = cameo
            trigger = Trigger(words, code)
            for lemma in {w.lemma for w in words}:
                by_lemma.setdefault(lemma, []).append(trigger)
    for options in by_lemma.values():
        options.sort(key=lambda t: -len(t.words))
    return by_lemma


def _word(part: str) -> Word:
    lemma, _, pos = part.partition("/")
    return Word(lemma.lower(), pos or None)
