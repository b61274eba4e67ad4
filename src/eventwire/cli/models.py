"""Commands over models and gold data: the gazetteer, training, and evaluation."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from eventwire.cli.base import main, settings_options
from eventwire.config import Settings


@main.group()
def gazetteer() -> None:
    """The place-name index places are resolved against (built from PyPI packages, no download)."""


@gazetteer.command(name="build")
@click.option("--path", type=click.Path(dir_okay=False, path_type=Path), help="Where to write the index.")
def gazetteer_build(path: Path | None) -> None:
    """Compile the index (about 15 s; also done on first use).

    Default path: $EVENTWIRE_DATA, else ~/.cache/eventwire."""
    from eventwire.geo.build import build
    from eventwire.geo.gazetteer import default_path

    target = build(path or default_path(), progress=sys.stderr.isatty())
    click.echo(f"eventwire: gazetteer index written to {target}", err=True)


@main.group()
def train() -> None:
    """Rebuild the models eventwire ships, from the training data in ../shared/data."""


@train.command(name="events")
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/data/events"),
    show_default=True,
    help="Folder with plover_gsr/, ngec_synthetic/, conflibert_cameo_train/ and realnews/.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The sentence classifier's file (default: the packaged one); the decision model goes beside it "
    "as decision.npz (decision-minilm.npz with --set events.encoder=minilm).",
)
@settings_options
def train_events(data: Path, out: Path | None, settings: Settings) -> None:
    """Train the sentence classifier (PLOVER type and CAMEO pentaclass heads, on the PLOVER gold, synthetic
    and ConfliBERT sentences), then the decision model over candidates (event, type, source and target
    heads, on the hand-coded real news); about 2 minutes, 5 with the minilm encoder."""
    from eventwire.annotators.events.decision import model_file
    from eventwire.classify.decision import train_decision
    from eventwire.classify.model import packaged_path
    from eventwire.classify.train import train as train_classifier
    from eventwire.eval.realnews import ANNOTATORS
    from eventwire.nlp import load_pipeline, settings_pipeline

    target = out or packaged_path()
    classifier, samples = train_classifier(data, target, load_pipeline(settings.model, (), ()))
    click.echo(
        f"eventwire: event classifier trained on {samples} sentences, {len(classifier.vocabulary)} features, "
        f"written to {target}",
        err=True,
    )
    nlp = settings_pipeline(settings, ANNOTATORS)
    decision_path = target.with_name(model_file(settings.event_encoder))
    model, articles = train_decision(data, decision_path, nlp, classifier, settings.event_encoder)
    click.echo(
        f"eventwire: event decision model trained on {articles} articles, "
        f"{len(model.candidates.vocabulary)} features, written to {decision_path}",
        err=True,
    )


@train.command(name="places")
@click.option(
    "--data",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=Path("../shared/data/geo/lgl.xml"),
    show_default=True,
    help="An LGL-style XML corpus of resolved toponyms.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write (default: the packaged file).",
)
def train_places(data: Path, out: Path | None) -> None:
    """Fit the place resolver's weights (geo/ranker.json) on the corpus's gold toponyms; a few seconds."""
    from eventwire.geo.ranker import packaged_path
    from eventwire.geo.train import train_on

    target = out or packaged_path()
    names = train_on(data, target)
    click.echo(f"eventwire: place ranker fitted on {names:,} names of {data}, written to {target}", err=True)


@main.command(name="eval")
@click.argument("name")
@click.option("--data", type=click.Path(exists=True, path_type=Path), help="Gold data (file or folder).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of the figures.")
@click.option("--gold-spans", is_flag=True, help="geo: resolve the gold toponyms instead of finding them.")
@click.option(
    "--cv",
    type=click.IntRange(min=0),
    help="events, cameo, geo: cross-validation folds (events default 5; 0 scores the packaged model; geo "
    "fits its place ranker per fold).",
)
@settings_options
def eval_command(
    name: str, data: Path | None, as_json: bool, gold_spans: bool, cv: int | None, settings: Settings
) -> None:
    """Measure one capability on gold data. NAME is one of the evaluators listed below.

    \b
    events    --data realnews/dev.jsonl (hand-coded articles): the reference scorer's
              type-level and full-row P/R, roles, events per non-political article and
              calibration error, 5-fold by article; --data plover_gsr.jsonl: PLOVER type
              accuracy and macro-F1, mode, source and target match, killed and injured
              against PLOVER_GSR_CAMEO.json beside it (5-fold unless --cv 0)
    cameo     CAMEO pentaclass macro-F1; --data: sentence<TAB>label 0-4 (ConfliBERT
              cameo_class); --cv 5 trains on the other folds
    actors    country and sector accuracy of gold actors; --data: PLOVER GSR
              plover_gsr.jsonl, or actor-span F1 on ConfliBERT cameo_ner/train.txt
    entities  named-entity spans and labels; --data: sentences marked up as [surface|LABEL]
              (default: the bundled set)
    extract   article-body extraction, F1 over 4-word shingles; --data: the Zyte
              article-extraction-benchmark folder (ground-truth.json, html/)
    quotes    direct-quote P/R/F1, speaker accuracy, reported-speech P/R/F1; --data: a
              PolNeAR split folder (attributions/, text/)
    quantities  dead/injured/crowd counts; --data: PLOVER GSR PLOVER_GSR_CAMEO.json
              (default: the bundled cases)
    geo       geoparsing: recognition P/R/F1, accuracy within 161 km (and with areas
              holding the gold point), mean and median error, AUC; --data: an LGL or
              GeoVirus XML file; --gold-spans resolves the gold toponyms only; --cv 5
              fits the place ranker on the other folds instead of the shipped weights
    """
    from eventwire.eval import evaluate

    options: dict[str, object] = {"gold_spans": True} if gold_spans else {}
    if cv is not None:
        options["cv"] = cv
    result = evaluate(name, data, settings, **options)
    if as_json:
        click.echo(json.dumps({"evaluator": result.name, "data": result.data, **result.figures}))
    else:
        click.echo(result.table())
