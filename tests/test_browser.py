"""The page in a real browser (Debian's chromium, headless, driven by Playwright; no browser download):
markers on the map, an event clicked and its sentence highlighted, and a hostile article that must not run its
script.

Skipped where chromium is missing unless EVENTWIRE_REQUIRE_BROWSER is set (.ci/run installs it and sets it).
With EVENTWIRE_SCREENSHOTS=DIR the test saves the map and article views there (as docs/*.png were made).
"""

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from conftest import SAMPLES
from eventwire.api import create_app
from eventwire.config import load_config
from eventwire.ingest import ingest
from eventwire.records import Article, Event, article_id
from eventwire.store import open_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE_TITLE = '<img src=x onerror="window.__xss = 1">Hostile'
HOSTILE_TEXT = (
    'Troops shelled the town. <script>window.__xss = 1</script><img src=x onerror="window.__xss = 1"> End.'
)


def hostile_article() -> Article:
    aid = article_id(HOSTILE_TEXT, "https://evil.example/x")
    return Article(
        id=aid, text=HOSTILE_TEXT, url="javascript:window.__xss=1", title=HOSTILE_TITLE,
        published="2030-01-01",
        events=[Event(id=f"{aid}-evt0", article_id=aid, start=7, end=14, text="shelled", type="ASSAULT",
                      date="2030-01-01", sentence_start=0, sentence_end=len(HOSTILE_TEXT))],
    )  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if CHROMIUM is None:
        if os.environ.get("EVENTWIRE_REQUIRE_BROWSER"):
            pytest.fail("chromium is not installed; apt-get install chromium")
        pytest.skip("chromium is not installed")
    db = str(tmp_path_factory.mktemp("web") / "demo.db")
    ingest([str(SAMPLES)], load_config(overrides={"store.url": db}))  # the demo store
    store = open_store(db)
    store.add_article(hostile_article())
    store.close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    app_server = uvicorn.Server(config)
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    while not app_server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    app_server.should_exit = True
    thread.join(10)


@pytest.fixture
def page(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync",
                  "--disable-component-update", "--no-first-run", "--disable-quic"],
        )  # fmt: skip
        tab = browser.new_page(viewport={"width": 1400, "height": 860})
        yield tab
        browser.close()


def shoot(tab: object, name: str) -> None:
    folder = os.environ.get("EVENTWIRE_SCREENSHOTS")
    if folder:
        tab.screenshot(path=str(Path(folder) / name))  # type: ignore[attr-defined]


def test_browser_map_markers_and_event_evidence(server: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server)
    page.wait_for_selector("path.ew-marker, .marker-cluster")
    assert page.locator("path.ew-marker, .marker-cluster").count() > 0
    expect(page.locator("#events tbody tr").first).to_be_visible()
    page.wait_for_timeout(500)  # the basemap
    shoot(page, "map-view.png")
    row = page.locator("#events tbody tr").filter(has_text="killed").first
    sentence = row.locator("td.evidence").inner_text()
    row.click()
    highlighted = page.locator("#selected-sentence")
    expect(highlighted).to_be_visible()
    assert sentence.startswith(highlighted.inner_text().strip()[:20])
    assert page.locator("#a-text .hl-trigger").count() >= 1
    shoot(page, "article-view.png")
    assert errors == []


def test_browser_hostile_article_is_shown_as_text(server: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server)
    row = page.locator("#events tbody tr").filter(has_text="Troops shelled the town").first
    row.click()
    expect(page.locator("#selected-sentence")).to_be_visible()
    assert page.locator("#a-title").inner_text() == HOSTILE_TITLE
    assert "<script>window.__xss = 1</script>" in page.locator("#a-text").inner_text()
    assert page.locator("#a-text img, #a-title img, #a-text script").count() == 0
    assert page.locator("#a-meta a").count() == 0  # a javascript: URL is not made a link
    assert page.evaluate("window.__xss") is None and dialogs == []


def test_browser_api_docs_work_offline(server: str, page: object) -> None:
    """/docs renders the OpenAPI page from the bundled Swagger UI, under the CSP, asking no other host."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    errors: list[str] = []
    hosts: set[str] = set()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(server + "docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() > 10
    assert hosts == {server.split("/")[2]} and errors == []
