"""Hostile inputs (issue 21): one bad document never sinks the good ones read with it, every byte is
bounded, every fetch has a deadline, and the sources have no import circle."""

import ast
import os
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from conftest import Site
from eventwire.cli import main
from eventwire.records import RawDocument, Rejection
from eventwire.sources import SourceOptions, read_inputs

STORY = "Government troops clashed with rebel fighters near the border town of Korvan, officials said. "
PAGE = (
    "<html><head><title>Border clashes</title></head><body><article>"
    f"<p>{STORY * 6}</p><p>{STORY * 4}</p></article></body></html>"
)
LONE_SURROGATE_UTF16 = b"\x00\xd8"


def _mutated(page: bytes, rng: random.Random, flips: int) -> bytes:
    data = bytearray(page)
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _hostile_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "good1.txt").write_text(f"Border clashes\n\n{STORY * 3}")
    (folder / "good2.txt").write_text(f"Rebels advance\n\n{STORY * 2}")
    (folder / "bom-bad-byte.txt").write_bytes(b"\xef\xbb\xbfTroops clashed \xff near Korvan.\n")
    utf16 = "Troops clashed near Korvan, officials said. ".encode("utf-16-le")
    (folder / "utf16-surrogate.txt").write_bytes(b"\xff\xfe" + utf16 + LONE_SURROGATE_UTF16)
    lines = [
        "[" * 100_000,
        '{"text": "Troops \\ud800 clashed near Korvan."}',
        '{"text": "' + STORY + '", "url": "https://example.org/line"}',
    ]
    (folder / "dump.jsonl").write_text("\n".join(lines) + "\n")
    deep = "<html><body>" + "<div>" * 100_000 + f"<p>{STORY}</p>" + "</div>" * 100_000
    (folder / "deep.html").write_text(deep)
    rng = random.Random(21)
    for n in range(12):
        (folder / f"mutated{n}.html").write_bytes(_mutated(PAGE.encode(), rng, 1 + n))
    (folder / "cafe.html").write_bytes(PAGE.replace("Korvan", "Café Korvan").encode() + b"\x81")


def test_hostile_inputs_beside_good_ones_lose_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _hostile_folder(folder)
    db = tmp_path / "p.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1, result.output  # some rejected, the rest stored
    assert "Traceback" not in result.stderr
    with sqlite3.connect(db) as con:
        origins = [origin for (origin,) in con.execute("SELECT origin FROM articles")]
        texts = " ".join(text for (text,) in con.execute("SELECT text FROM articles"))
        rejected = con.execute("SELECT origin, message FROM rejections").fetchall()
    stored = {Path(origin).name.split(":")[0] for origin in origins}
    kept = {"good1.txt", "good2.txt", "bom-bad-byte.txt", "utf16-surrogate.txt", "deep.html", "cafe.html"}
    assert kept <= stored
    assert "Café Korvan" in texts and "CafГ©" not in texts  # one stray byte keeps a UTF-8 page UTF-8
    assert sorted(Path(o).name for o in origins if "dump.jsonl" in o) == ["dump.jsonl:2", "dump.jsonl:3"]
    too_deep = [Path(origin).name for origin, message in rejected if "nested too deep" in message]
    assert too_deep == ["dump.jsonl:1"]
    assert all("\n" not in message for _, message in rejected)
    named = stored | {Path(origin).name.split(":")[0] for origin, _ in rejected}
    assert {p.name for p in folder.iterdir()} <= named  # every input stored or rejected by name


def test_hostile_inputs_the_issue_reproduction(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xef\xbb\xbfTroops clashed \xff near Korvan.\n")
    good = tmp_path / "good.txt"
    good.write_text(f"Border clashes\n\n{STORY}")
    result = CliRunner().invoke(main, ["ingest", str(bad), str(good), "--db", str(tmp_path / "p.db")])
    assert result.exit_code == 0, result.output
    assert "2 articles processed" in result.stderr


def test_hostile_inputs_inflating_records_and_lines_stay_bounded(tmp_path: Path) -> None:
    """A 2 GB-inflating WARC record and a 2 GB JSON Lines line, under a 1 MB cap: refused while streaming,
    the reading process's own peak memory under 600 MB, the documents after them kept."""
    script = Path(__file__).with_name("inflate_bombs.py")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path), "2000"], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    kinds, peak = done.stdout.strip().splitlines()[-2:]
    expected = [("Rejection", "EW106"), ("RawDocument", None), ("Rejection", "EW106"), ("RawDocument", None)]
    assert kinds == str(expected)
    assert int(peak) < 600, f"peak RSS {peak} MB"


def _drip_server() -> tuple[socket.socket, str]:
    """A loopback server that answers with headers, then a byte a second (for 30 s at most)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.recv(65536)
            try:
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
                for _ in range(30):
                    conn.sendall(b"a")
                    time.sleep(1)
            except OSError:
                pass
            finally:
                conn.close()

    threading.Thread(target=serve, daemon=True).start()
    return listener, f"http://127.0.0.1:{listener.getsockname()[1]}/slow"


def test_hostile_inputs_a_slow_drip_ends_at_the_deadline(site: Site) -> None:
    listener, slow = _drip_server()
    good = site.page("/good", PAGE.encode())
    options = SourceOptions(allow_private=True, deadline=2.0, timeout=30.0)
    started = time.monotonic()
    items = list(read_inputs([slow, good], options))
    listener.close()
    assert time.monotonic() - started < 10
    rejection, page = items
    assert isinstance(rejection, Rejection) and rejection.code == "EW111"
    assert "deadline" in rejection.message
    assert isinstance(page, RawDocument)


def test_hostile_inputs_bad_directory_entries_each_get_a_line(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(f"Border clashes\n\n{STORY}")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path / "loop-b.txt", tmp_path / "loop-a.txt")
    os.symlink(tmp_path / "loop-a.txt", tmp_path / "loop-b.txt")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "up")
    items = list(read_inputs([str(tmp_path)]))
    assert [Path(i.origin).name for i in items if isinstance(i, RawDocument)] == ["good.txt"]
    skipped = {Path(i.origin).name: i.message for i in items if isinstance(i, Rejection)}
    assert set(skipped) == {"pipe.txt", "loop-a.txt", "loop-b.txt", "up"}
    assert "FIFO" in skipped["pipe.txt"] and "loop" in skipped["up"]


def test_hostile_inputs_sources_have_no_import_circle() -> None:
    package = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "sources"
    graph: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        module = ".".join(["eventwire", *parts]).removesuffix(".__init__")
        imported = {
            str(node.module)
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("eventwire.sources.")
        }
        graph[module] = imported - {module}
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        assert module not in visiting, " -> ".join((*trail, module))
        if module in done:
            return
        visiting.add(module)
        for other in graph.get(module, ()):
            visit(other, (*trail, module))
        visiting.discard(module)
        done.add(module)

    for module in graph:
        visit(module, ())
