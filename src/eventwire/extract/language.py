"""Language identification with py3langid, whose model ships inside the package."""

from __future__ import annotations

import functools

from py3langid.langid import MODEL_FILE, LanguageIdentifier

_SAMPLE = 3000  # characters: plenty for a confident guess, and keeps it fast on long pages
_MIN_CONFIDENCE = 0.5


@functools.cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the guess is weak (e.g. very short text)."""
    if not text.strip():
        return None
    code, confidence = _identifier().classify(text[:_SAMPLE])
    return str(code) if confidence >= _MIN_CONFIDENCE else None
