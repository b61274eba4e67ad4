"""Crash safety: an ingest killed with SIGKILL and run again stores every article and event exactly once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ARTICLES, corpus
from eventwire.config import load_config
from eventwire.ingest import ingest
from eventwire.store import open_store


def contents(url: str) -> dict[str, list[str]]:
    """Every stored article with the ids of its events."""
    store = open_store(url)
    try:
        rows = store.stream(
            "SELECT a.id, e.id AS event FROM articles a LEFT JOIN events e ON e.article_id = a.id"
        )
        found: dict[str, list[str]] = {}
        for row in rows:
            found.setdefault(row["id"], []).extend([row["event"]] if row["event"] else [])
        return {k: sorted(v) for k, v in found.items()}
    finally:
        store.close()


def test_ingest_killed_and_run_again_loses_and_repeats_nothing(store_url: str, tmp_path: Path) -> None:
    path = corpus(tmp_path)
    command = [str(Path(sys.executable).parent / "eventwire"), "ingest", str(path), "--db", store_url]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(contents(store_url)) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 3 <= len(contents(store_url)) < ARTICLES, "the kill should land in the middle of the run"

    assert subprocess.run(command, stderr=subprocess.DEVNULL).returncode == 0
    clean = tmp_path / "clean.db"
    ingest([str(path)], load_config(overrides={"store.url": str(clean)}))
    assert contents(store_url) == contents(str(clean))
    assert len(contents(store_url)) == ARTICLES
