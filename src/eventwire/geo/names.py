"""Name keys: one spelling for the many ways a place name is written."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[’'`ʼʻ‘]")
_SEPARATORS = re.compile(r"[-‐‑–—_.,/()]+")
_SPACES = re.compile(r"\s+")
# Arabic article transliterations and "the": "al-Bab" is also "Bab".
ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "at ", "az ", "an ", "ash ", "ed ", "es ", "ez ", "the ")
# Words that say what kind of place a name is: "Idlib province", "the city of Aleppo".
ADMIN_WORDS = {
    "province": "ADM1", "governorate": "ADM1", "state": "ADM1", "region": "ADM1", "oblast": "ADM1",
    "prefecture": "ADM1", "department": "ADM1", "county": "ADM2", "parish": "ADM2", "district": "ADM2",
    "city": "PPL", "town": "PPL", "village": "PPL", "municipality": "PPL", "township": "PPL",
}  # fmt: skip
_SUFFIX = re.compile(rf"\s+({'|'.join(ADMIN_WORDS)})$")
_PREFIX = re.compile(rf"^(?:the\s+)?({'|'.join(ADMIN_WORDS)})\s+of\s+")


def key(name: str) -> str:
    """Lower case, no diacritics, apostrophes or punctuation, single spaces: "Deir ez-Zor" → "deir ez zor"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _SEPARATORS.sub(" ", _APOSTROPHES.sub("", plain.casefold()))
    return _SPACES.sub(" ", plain).strip()


def without_article(name_key: str) -> str | None:
    for article in ARTICLES:
        if name_key.startswith(article) and len(name_key) > len(article) + 2:
            return name_key[len(article) :]
    return None


def is_latin(name_key: str) -> bool:
    return bool(name_key) and all(c.isascii() and (c.isalnum() or c == " ") for c in name_key)


def split_kind(name_key: str) -> tuple[str, str | None]:
    """("idlib province") → ("idlib", "ADM1"); ("the town of al bab") → ("al bab", "PPL")."""
    match = _PREFIX.match(name_key)
    if match:
        return name_key[match.end() :], ADMIN_WORDS[match.group(1)]
    match = _SUFFIX.search(name_key)
    if match and match.start() > 0:
        return name_key[: match.start()], ADMIN_WORDS[match.group(1)]
    return name_key, None
