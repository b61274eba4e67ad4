from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.errors import EventwireError
from eventwire.eval import evaluate
from eventwire.eval.entities import parse_markup
from eventwire.eval.metrics import prf


def test_eval_parse_markup() -> None:
    assert parse_markup("[Iraqi|NORP] troops entered [Mosul|GPE].") == (
        "Iraqi troops entered Mosul.",
        [(0, 5, "NORP"), (21, 26, "GPE")],
    )
    assert parse_markup("No entities [here].") == ("No entities [here].", [])


@pytest.mark.parametrize(
    ("args", "expected"), [((1, 2, 4), (0.5, 0.25, 1 / 3)), ((0, 0, 3), (0.0, 0.0, 0.0))]
)
def test_eval_prf(args: tuple[int, int, int], expected: tuple[float, float, float]) -> None:
    assert prf(*args) == pytest.approx(expected)


def test_eval_entities_on_a_small_file(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "gold.txt"
    path.write_text("# comment\n[Turkish|NORP] troops entered [Idlib|GPE] on [Tuesday|DATE].\n")
    result = evaluate("entities", path, settings)
    # The model calls Idlib an ORG: 2 of 3 right with labels, 3 of 3 spans.
    assert result.figures == {
        "sentences": 1,
        "gold": 3,
        "predicted": 3,
        "precision": 0.6667,
        "recall": 0.6667,
        "f1": 0.6667,
        "span_precision": 1.0,
        "span_recall": 1.0,
        "span_f1": 1.0,
    }
    assert result.table().splitlines()[3].split() == ["span+label", "0.667", "0.667", "0.667", "3"]


def test_eval_entities_empty_data(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "gold.txt"
    path.write_text("# nothing marked\n")
    with pytest.raises(EventwireError, match="no marked-up sentences"):
        evaluate("entities", path, settings)
