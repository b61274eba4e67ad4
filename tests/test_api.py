"""The HTTP API through the ASGI client: filters, pages, limits, safety headers, the token-guarded ingest."""

import csv
import http.client
import io
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.config import load_config
from eventwire.store import open_store
from test_store import STORY, plain, three_reports


def make_store(path: str) -> str:
    store = open_store(path)
    for article in [*three_reports(), plain(STORY, "2016-05-02", "https://d.example/1")]:
        store.add_article(article)
    store.close()
    return path


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(make_store(str(tmp_path / "s.db")))) as test_client:
        yield test_client


def test_api_events_filters_and_pages(client: TestClient) -> None:
    page = client.get("/api/events", params={"type": "ASSAULT", "limit": 1}).json()
    assert (page["total"], len(page["items"]), page["items"][0]["date"]) == (2, 1, "2017-03-07")
    assert client.get("/api/events", params={"country": "SYR", "since": "2017-01-01"}).json()["total"] == 2
    assert client.get("/api/events", params={"bbox": "36.5,36,37,37"}).json()["total"] == 1
    assert client.get("/api/events", params={"q": "pounded"}).json()["total"] == 1
    assert client.get("/api/events", params={"q": "nothing-like-this"}).json()["total"] == 0
    assert client.get("/api/events", params={"limit": 501}).status_code == 422
    assert client.get("/api/events", params={"bbox": "x"}).status_code == 422


def test_api_map_timeline_facets_clusters(client: TestClient) -> None:
    points = client.get("/api/map").json()["points"]
    assert sorted(p[3] for p in points) == ["ASSAULT", "ASSAULT", "CONSULT"]
    assert client.get("/api/timeline").json()["days"] == [
        ["2016-12-30", 1],
        ["2017-03-06", 1],
        ["2017-03-07", 1],
    ]
    assert client.get("/api/facets").json()["types"] == [["ASSAULT", 2], ["CONSULT", 1]]
    top = client.get("/api/happenings").json()["items"][0]
    assert (top["type"], top["articles"], top["sources"], top["independent"], top["first_source"]) == (
        "ASSAULT",
        2,
        2,
        2,
        "a.example",
    )
    members = client.get(f"/api/happenings/{top['id']}").json()["members"]
    assert [m["outlet"] for m in members] == ["a.example", "b.example"]
    assert client.get("/api/happenings/nope").status_code == 404
    status = client.get("/api/status").json()
    assert status["sources"] == [] and status["counts"]["happenings"] == 2


def test_api_article_records_and_search(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "smugglers"}).json()["items"][0]
    article = client.get(f"/api/articles/{hit['id']}").json()
    assert article["text"] == STORY and article["links"] == [] and article["happenings"] == {}
    assert client.get("/api/articles").json()["total"] == 4
    assert client.get("/api/actors", params={"q": "turkish"}).json()["items"][0]["articles"] == 3
    assert client.get("/api/places").json()["total"] == 0  # the test places have no GeoNames id
    assert client.get("/api/quotes").json()["total"] == 0
    assert client.get("/api/stats").json()["counts"]["events"] == 3
    assert "/api/events" in client.get("/openapi.json").json()["paths"]


def test_api_page_is_served_with_a_strict_policy_and_no_cors(client: TestClient) -> None:
    response = client.get("/", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200 and "<title>eventwire</title>" in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "access-control-allow-origin" not in response.headers
    assert client.get("/static/vendor/leaflet.js").status_code == 200


def test_api_ingest_needs_the_token(tmp_path: Path) -> None:
    url = make_store(str(tmp_path / "s.db"))
    item = {"text": "Rebels seized Korvan on Tuesday, the army said.", "url": "https://x.example/1"}
    with TestClient(create_app(url)) as read_only:
        assert read_only.post("/api/ingest", json=[item]).status_code == 403
    with TestClient(create_app(url, token="s3cret")) as client:
        assert client.post("/api/ingest", json=[item]).status_code == 401
        assert (
            client.post("/api/ingest", json=[item], headers={"Authorization": "Bearer nope"}).status_code
            == 401
        )
        done = client.post(
            "/api/ingest", json=[item, {"text": ""}], headers={"Authorization": "Bearer s3cret"}
        )
        assert done.status_code == 200
        body = done.json()
        assert len(body["stored"]) == 1 and body["rejected"][0]["code"] == "EW105"
        assert client.get("/api/articles").json()["total"] == 5
    store = open_store(url)  # by the writer of `eventwire ingest`: a run, its rejection, its settings
    run = store.execute("SELECT * FROM runs").fetchone()
    assert (run["command"], run["articles"], run["rejected"]) == ("api ingest", 1, 1)
    assert json.loads(run["settings"])["db"] == url
    assert store.execute("SELECT run_id, code FROM rejections").fetchone()["code"] == "EW105"
    store.close()


def test_api_ingest_uses_the_servers_settings(tmp_path: Path) -> None:
    url = make_store(str(tmp_path / "s.db"))
    settings = load_config(overrides={"pipeline.annotators": ["entities"]})
    item = {"text": "Rebels seized Korvan on Tuesday, the army said.", "url": "https://x.example/9"}
    with TestClient(create_app(url, token="t", settings=settings)) as client:
        stored = client.post("/api/ingest", json=[item], headers={"Authorization": "Bearer t"}).json()[
            "stored"
        ]
        article = client.get(f"/api/articles/{stored[0]}").json()
    assert article["entities"] and not article["events"]  # only the annotators the server was started with


def test_api_counts_happening_map_export_and_basemap(client: TestClient) -> None:
    weekly = client.get("/api/counts", params={"by": "type", "per": "week"}).json()["rows"]
    assert weekly == [["2016-12-26", "CONSULT", 1], ["2017-03-06", "ASSAULT", 2]]
    daily = client.get("/api/counts", params={"by": "country", "per": "day", "type": "ASSAULT"}).json()[
        "rows"
    ]
    assert daily == [["2017-03-06", "SYR", 1], ["2017-03-07", "SYR", 1]]
    assert client.get("/api/counts", params={"by": "outlet"}).status_code == 422
    points = client.get("/api/happenings/map").json()["points"]
    assert sorted((p[3], p[6], p[8]) for p in points) == [("ASSAULT", 2, "city"), ("CONSULT", 1, "city")]
    csv_file = client.get("/api/export", params={"format": "csv", "type": "ASSAULT"})
    assert csv_file.status_code == 200 and "text/csv" in csv_file.headers["content-type"]
    rows = list(csv.DictReader(io.StringIO(csv_file.text)))
    assert [r["type"] for r in rows] == ["ASSAULT", "ASSAULT"] and rows[0]["happening_independent"] == "2"
    geojson = client.get("/api/export", params={"format": "geojson", "view": "happenings"}).json()
    assert len(geojson["features"]) == 2
    assert client.get("/api/export", params={"format": "parquet"}).status_code == 422
    labels = client.get("/api/basemap").json()
    assert [
        round(v, 5) if isinstance(v, float) else v
        for v in next(p for p in labels["places"] if p[0] == "Damascus")[:3]
    ] == ["Damascus", 33.5102, 36.29128]


@pytest.mark.parametrize(
    ("path", "params", "status", "says"),
    [
        ("/api/events", {"type": "ASSULT"}, 422, "type: unknown event type 'ASSULT'"),
        ("/api/events", {"country": "Narnia"}, 422, "country: unknown country 'Narnia'"),
        ("/api/events", {"since": "2024-13-01"}, 422, "since: not a date: '2024-13-01'"),
        ("/api/events", {"q": "rebels\x00"}, 422, "NUL byte"),
        ("/api/events", {"offset": str(2**63)}, 422, "offset"),
        ("/api/events", {"limit": "501"}, 422, "limit"),
        ("/api/articles/nope", {}, 404, ""),
    ],
)
def test_api_bad_input_is_4xx_in_one_shape(
    client: TestClient, path: str, params: dict[str, str], status: int, says: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status and says in error["message"]


def test_api_ingest_refuses_odd_tokens_and_keeps_surrogates_out(tmp_path: Path) -> None:
    url = make_store(str(tmp_path / "s.db"))
    with TestClient(create_app(url, token="s3cret")) as client:
        odd = client.post("/api/ingest", json=[], headers={"Authorization": "Bearer s3crét".encode()})
        assert odd.status_code == 401 and odd.json()["error"]["status"] == 401
        lone = b'[{"text": "Troops \\ud800 clashed near Korvan on Tuesday.", "url": "https://x.example/2"}]'
        done = client.post(
            "/api/ingest",
            content=lone,
            headers={"Authorization": "Bearer s3cret", "Content-Type": "application/json"},
        )
        assert done.status_code == 200 and len(done.json()["stored"]) == 1


_SERVER = """
import sys, uvicorn
from eventwire.api import create_app
from eventwire.config import load_config
app = create_app(sys.argv[1], token="s3cret")
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="error")
"""


def _post(port: int, headers: dict[str, str], megabytes: int) -> int:
    """POST ``megabytes`` of body a megabyte at a time; the status the server answers, even mid-send."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("POST", "/api/ingest")
    for key, value in headers.items():
        connection.putheader(key, value)
    connection.endheaders()
    try:
        for _ in range(megabytes):
            connection.send(b"x" * 1_000_000)
    except OSError:
        pass  # the server answered and closed before the body was all sent
    status = connection.getresponse().status
    connection.close()
    return status


def test_api_big_unauthenticated_post_is_refused_unread(tmp_path: Path) -> None:
    """A 50 MB POST without the token: 413 by its length, before a byte of it is read; the server's own
    memory (a process of its own, measured from outside) stays within 50 MB of where it started."""
    psutil = pytest.importorskip("psutil")
    url = make_store(str(tmp_path / "s.db"))
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", _SERVER, url, str(port)])
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        before = psutil.Process(server.pid).memory_info().rss
        assert _post(port, {"Content-Length": "50000000"}, 50) == 413
        assert _post(port, {"Transfer-Encoding": "chunked"}, 0) == 401  # no length, no token: refused unread
        assert psutil.Process(server.pid).memory_info().rss - before < 50_000_000
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_api_docs_page_uses_bundled_assets(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in docs.text
    assert "http" not in docs.text.replace("/static/", "")  # no CDN
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/docs.js").status_code == 200
    assert client.get("/redoc").status_code == 404
