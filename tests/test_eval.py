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


def test_eval_quotes_on_a_small_polnear_folder(tmp_path: Path, settings: Settings) -> None:
    text = (
        '"We will not leave," Amina Haddad said. "The camp is our home now."\n\n'
        'Critics called the plan "a disaster for the workers of the town".\n'
    )
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(text, encoding="utf-8")
    quote_end, said = text.index('," Amina') + 2, text.index("said")
    second, critics = text.index('"The camp'), text.index("Critics")
    content = text.index("the plan")
    (tmp_path / "attributions" / "story_ab12.ann").write_text(
        # One attribution whose content is split by "Amina Haddad said" (a discontinuous span).
        f"T1\tSource {quote_end + 1} {said - 1}\tAmina Haddad\n"
        f"T2\tCue {said} {said + 4}\tsaid\n"
        f"T3\tContent 0 {quote_end};{second} {text.index(chr(10))}\t…\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
        # A reported statement with a partial quotation inside it.
        f"T4\tSource {critics} {critics + 7}\tCritics\n"
        f"T5\tContent {content} {len(text) - 2}\t…\n"
        "E2\tAttribution:T2 Content:T5 Source:T4\n",
        encoding="utf-8",
    )
    result = evaluate("quotes", tmp_path, settings)
    # Both fragments of the split quote are gold direct quotes, found with their speaker; "a disaster …" is
    # a partial quotation of the critics' statement: right by overlap, wrong when strict.
    assert result.figures["direct_recall"] == 1.0
    assert result.figures["direct_precision"] == 1.0
    assert result.figures["direct_strict_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert result.figures["speaker_accuracy"] == 1.0


def test_eval_realnews_scores_as_the_reference_scorer(tmp_path: Path) -> None:
    """The port of shared/tools/score_events.py gives its figures, whole, on predictions that exercise each
    rule: overlap and same type, same sentence and type, detection only, roles by span and by name, swapped
    roles of a symmetric type, a role named only elsewhere, a missing article."""
    import json
    import subprocess
    import sys

    from conftest import SHARED
    from eventwire.eval.realnews import score

    scorer = SHARED.parent / "tools" / "score_events.py"
    if not scorer.exists():
        pytest.skip(f"{scorer} not present")
    text = "Police arrested Ann. Iran and Iraq met. Rebels shelled Korvan."

    def actor(words: str | None, start: int | None, name: str) -> dict[str, object]:
        end = start + len(words) if start is not None and words else None
        return {"text": words, "start": start, "end": end, "name": name, "code": "--- GOV"}

    def event(
        sentence: tuple[int, int], trigger: tuple[int, int], kind: str, **roles: object
    ) -> dict[str, object]:
        return {
            "sentence_start": sentence[0],
            "sentence_end": sentence[1],
            "trigger_start": trigger[0],
            "trigger_end": trigger[1],
            "type": kind,
            **roles,
        }

    police, ann, iran, iraq = (
        actor("Police", 0, "Pol"),
        actor("Ann", 16, "Ann"),
        actor("Iran", 21, "Ir"),
        actor("Iraq", 30, "Iq"),
    )
    gold = [
        {"id": "a", "url": "a", "political": True, "text": text, "events": [
            event((0, 20), (7, 15), "COERCE", source=police, target=ann),
            event((21, 39), (35, 38), "CONSULT", source=iran, target=iraq),
            event((40, 62), (47, 54), "ASSAULT", source=actor(None, None, "army"), target=None)]},
        {"id": "b", "url": "b", "political": False, "text": "Nothing here.", "events": []},
        {"id": "c", "url": "c", "political": True, "text": "Lost.", "events": []},
    ]  # fmt: skip
    predicted = [
        {"url": "a", "text": text, "actors": [{"id": "x", "name": "Iraq", "text": "Iraq", "aliases": []}],
         "events": [
             {"type": "COERCE", "start": 7, "end": 15, "source_start": 0, "source_end": 6, "source": None,
              "target_start": None, "target_end": None, "target": None, "confidence": 0.9},
             {"type": "CONSULT", "start": 35, "end": 38, "source": "x", "source_start": 30, "source_end": 34,
              "target_start": 21, "target_end": 25, "target": None, "negated": True},
             {"type": "PROTEST", "start": 47, "end": 54},
             {"type": "ASSAULT", "start": 40, "end": 46}]},
        {"url": "b", "text": "Nothing here.", "events": [{"type": "AID", "start": 0, "end": 7}]},
    ]  # fmt: skip
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold))
    (tmp_path / "pred.jsonl").write_text("\n".join(json.dumps(p) for p in predicted))
    done = subprocess.run(
        [sys.executable, str(scorer), str(tmp_path / "gold.jsonl"), str(tmp_path / "pred.jsonl"), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert score(gold, predicted) == json.loads(done.stdout)


def test_eval_events_gsr_casualties_and_reciprocal_parties(tmp_path: Path, settings: Settings) -> None:
    """The GSR evaluator reads dead and injured from PLOVER_GSR_CAMEO.json beside the data, and takes a party
    the markup gives as SRC/TAR in either role."""
    import json

    from eventwire.eval import events

    rows = [
        {"id": "G-1", "text": "Gunmen killed 23 people in the market.", "event_current": "ASSAULT"},
        {"id": "G-2", "text": "The minister met the envoy in Paris.", "event_current": "CONSULT"},
        {
            "id": "G-3",
            "text": "Iran and Iraq met in Geneva on Monday.",
            "event_current": "CONSULT",
            "actor": [{"text": "Iran"}, {"text": "Iraq"}],
            "markup": "(SRC/TAR: Iran) and (SRC/TAR: Iraq) (EVT: met) in Geneva on Monday.",
        },
    ]
    data = tmp_path / "plover_gsr.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "PLOVER_GSR_CAMEO.json").write_text(json.dumps([{"id": "G-1", "dead": "23"}, {"id": "G-2"}]))
    figures = events.evaluate(data, settings, cv=0).figures
    assert (figures["killed_agreement"], figures["killed_without_gold"]) == (1.0, 0)
    assert "injured_agreement" not in figures  # no gold injured
    assert figures["source_match"] == 1.0  # Iraq, the target of "Iran and Iraq met", is right too
