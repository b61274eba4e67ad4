"""Coded errors that say what went wrong and what to do next.

Codes: EW1xx an input, EW2xx the NLP model, EW3xx configuration, EW4xx the store, EW5xx evaluation,
EW6xx execution, EW7xx serving.
"""

from __future__ import annotations


class EventwireError(Exception):
    """An error a person can act on: ``str(err)`` is one line naming the code, the subject and the fix."""

    def __init__(self, code: str, message: str, subject: str | None = None) -> None:
        self.code = code
        self.subject = subject
        self.message = message
        super().__init__(f"{subject}: {message} [{code}]" if subject else f"{message} [{code}]")


class InputError(EventwireError):
    """One input cannot be read or holds no article; the rest of the run goes on."""


# Input problems, each with its code; the subject is the input's name.
MISSING = "EW101"
EMPTY = "EW102"
BINARY = "EW103"
UNREADABLE = "EW104"
NO_TEXT = "EW105"
TOO_BIG = "EW106"
TRUNCATED = "EW107"
BAD_FEED = "EW108"
PRIVATE_ADDRESS = "EW110"
FETCH_FAILED = "EW111"
# Model, configuration, store, evaluation and execution.
MODEL_NOT_INSTALLED = "EW201"
BAD_CONFIG = "EW301"
UNKNOWN_ANNOTATOR = "EW302"
BAD_STORE_URL = "EW401"
BAD_EXPORT = "EW402"
BAD_FILTER = "EW403"
UNKNOWN_EVALUATOR = "EW501"
BAD_EVAL_DATA = "EW502"
PARTITION_FAILED = "EW601"
BAD_ENGINE = "EW602"
PORT_BUSY = "EW701"
