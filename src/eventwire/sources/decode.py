"""The bottom of the sources: bytes to text, and what is wrong with an input. Nothing here raises on bad
bytes: text that is mostly UTF-8 keeps its stray bytes as replacement characters, other text is read in the
encoding it declares or resembles."""

from __future__ import annotations

import re

import charset_normalizer

from eventwire import errors
from eventwire.errors import InputError
from eventwire.records import Rejection

SNIFF = 8192  # leading bytes that tell a format
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CHAOS_TIE = 0.01
_SURROGATE = re.compile("[\ud800-\udfff]")
_REPLACEMENT = "\ufffd"


def decode(data: bytes, declared: str | None = None) -> str:
    """The text of ``data``: by its byte-order mark; else UTF-8, kept with replacement characters for stray
    bytes when the rest is UTF-8; else the charset declared (HTTP or <meta>), else the best guess."""
    bom = next(((mark, encoding) for mark, encoding in BOMS if data.startswith(mark)), None)
    if bom is not None:
        return data[len(bom[0]) :].decode(bom[1], errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    if _mostly_utf8(lenient):
        return lenient
    meta = _DECLARED.search(data[:4096])
    guesses = [c for c in (declared, meta.group(1).decode("ascii") if meta else None) if c]
    for encoding in [*guesses, *_guess(data), "cp1252"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return lenient  # no encoding fits every byte: UTF-8 with the misfits replaced


def _mostly_utf8(lenient: str) -> bool:
    """Whether UTF-8 read more characters beyond ASCII than it had to replace: a UTF-8 page with a stray
    byte, not a Windows-1252 one (whose accented letters are all invalid UTF-8)."""
    replaced = lenient.count(_REPLACEMENT)
    wide = sum(1 for c in lenient if c > "\x7f") - replaced
    return wide > replaced


def _guess(data: bytes) -> list[str]:
    """charset-normalizer's guess, or Windows-1252 (news' commonest legacy encoding) if it fits as well."""
    results = charset_normalizer.from_bytes(data[:65536])
    best = results.best()
    if best is None:
        return []
    close = [r.encoding for r in results if r.chaos <= best.chaos + _CHAOS_TIE]
    return ["cp1252"] if "cp1252" in close else [best.encoding]


def clean_text(text: str) -> str:
    """Lone surrogates ("\\ud800" in JSON) as replacement characters: they cannot be stored or encoded."""
    return _SURROGATE.sub(_REPLACEMENT, text)


def check_content(data: bytes) -> None:
    if not data.strip():
        raise InputError(errors.EMPTY, "file is empty")
    if b"\x00" in data[:SNIFF] and not data.startswith(tuple(mark for mark, _ in BOMS)):
        raise InputError(
            errors.BINARY, "binary file (NUL bytes), expected text, HTML, JSON Lines, a feed or WARC"
        )


def rejection(origin: str, err: InputError) -> Rejection:
    return Rejection(origin=origin, stage="source", code=err.code, message=err.message)
