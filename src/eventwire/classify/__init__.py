"""Sentence classifiers trained by ``eventwire train events``: the PLOVER type and the CAMEO pentaclass of an
event sentence, from its words and the triggers the lexicon found in it."""

from eventwire.classify.model import Classifier, features, load_classifier

__all__ = ["Classifier", "features", "load_classifier"]
