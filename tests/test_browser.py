"""The page in a real browser (Debian's chromium, headless, driven by Playwright; no browser download): the
demo store's happenings with their counts, expanded; the legend, timeline axis and charts; the URL that
restores a view; "download this view"; an event's evidence highlighted; and markup in every stored string
shown as text.

Skipped where chromium is missing unless EVENTWIRE_REQUIRE_BROWSER is set (.ci/run installs it and sets it).
With EVENTWIRE_SCREENSHOTS=DIR the test saves the map and article views there (as docs/*.png were made).
"""

import csv
import io
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
from eventwire.records import Actor, Article, Event, Place, article_id
from eventwire.store import open_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = '<img src=x onerror="window.__xss = 1">'
HOSTILE_TITLE = f"{HOSTILE}Hostile"
HOSTILE_TEXT = (
    'Troops shelled the town. <script>window.__xss = 1</script><img src=x onerror="window.__xss = 1"> End.'
)


def hostile_article() -> Article:
    """Markup in every field the page shows: title, text, URL, date, place, actor, evidence."""
    aid = article_id(HOSTILE_TEXT, "https://evil.example/x")
    return Article(
        id=aid, text=HOSTILE_TEXT, url="javascript:window.__xss=1", title=HOSTILE_TITLE,
        published=f"2030-01-01{HOSTILE}",
        actors=[Actor(id=f"{aid}-act0", article_id=aid, start=0, end=6, text="Troops",
                      name=f"{HOSTILE}Troops", country="TCD")],
        places=[Place(id=f"{aid}-plc0", article_id=aid, start=19, end=23, text="town", name=f"{HOSTILE}Town",
                      lat=13.47, lon=22.2, iso3="TCD", feature="PPL")],
        events=[Event(id=f"{aid}-evt0", article_id=aid, start=7, end=14, text="shelled", type="ASSAULT",
                      source=f"{aid}-act0", place=f"{aid}-plc0", date="2030-01-01", sentence_start=0,
                      sentence_end=len(HOSTILE_TEXT))],
    )  # fmt: skip


def serve(db: str) -> Iterator[str]:
    if CHROMIUM is None:
        if os.environ.get("EVENTWIRE_REQUIRE_BROWSER"):
            pytest.fail("chromium is not installed; apt-get install chromium")
        pytest.skip("chromium is not installed")
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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo store: what `make demo` makes of samples/."""
    db = str(tmp_path_factory.mktemp("web") / "demo.db")
    ingest([str(SAMPLES)], load_config(overrides={"store.url": db}))
    yield from serve(db)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("hostile") / "hostile.db")
    store = open_store(db)
    store.add_article(hostile_article())
    store.close()
    yield from serve(db)


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


def test_browser_happenings_first_with_legend_timeline_charts_url_and_download(
    server: str, page: object
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server)
    rows = page.locator("#list tbody tr.happening")
    expect(rows.first).to_be_visible()
    top = rows.first
    assert top.locator("td.reports").inner_text().split(" · ") == [
        "3",
        "3",
        "2",
    ]  # articles, outlets, independent
    assert "Adré" in top.inner_text()
    top.click()
    members = page.locator("tr.expanded li.member-event")
    expect(members.first).to_be_visible()
    events = [members.nth(i).get_attribute("data-event") for i in range(members.count())]
    assert len(events) == len(set(events)) >= 3  # each event once
    articles = page.locator("tr.expanded li.member-article")
    assert articles.count() == 3
    assert page.locator("#map-legend .legend-row").count() >= 3  # types, and the areas
    labels = page.locator("#timeline text.tick-label")
    assert labels.count() >= 2 and any(
        "May" in (labels.nth(i).text_content() or "") for i in range(labels.count())
    )
    assert "earlier" in page.locator("#outliers").inner_text()  # 1999 and 2006 are counted, not drawn
    assert page.locator("#chart-types rect.chart-bar").count() >= 2
    assert page.locator("#chart-countries rect.chart-bar").count() >= 1
    page.wait_for_selector("path.ew-marker, .ew-cluster, path.ew-area")
    page.wait_for_timeout(500)  # the basemap
    shoot(page, "map-view.png")
    assert "open=" in page.url and errors == []

    page.goto(server + "?type=ASSAULT&view=happenings")
    expect(page.locator("#list tbody tr.happening").first).to_be_visible()
    shown = sorted(r.get_attribute("data-happening") for r in page.locator("#list tbody tr.happening").all())
    shown_text = page.locator("#list tbody").inner_text()
    link = page.locator("#download a.download-csv")
    response = page.request.get(server.rstrip("/") + link.get_attribute("href"))
    assert response.ok and "text/csv" in response.headers["content-type"]
    exported = list(csv.DictReader(io.StringIO(response.text())))
    assert sorted(r["id"] for r in exported) == shown and {r["type"] for r in exported} == {"ASSAULT"}

    shared = page.url
    second = page.context.browser.new_page()  # type: ignore[union-attr]
    second.goto(shared)
    expect(second.locator("#list tbody tr.happening").first).to_be_visible()
    assert second.locator("#list tbody").inner_text() == shown_text
    assert second.locator("#f-type").input_value() == "ASSAULT"
    second.close()


def test_browser_event_evidence_is_highlighted(server: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "?view=events")
    row = page.locator("#list tbody tr").filter(has_text="killed").first
    sentence = row.locator("td.evidence").inner_text()
    row.click()
    highlighted = page.locator("#selected-sentence")
    expect(highlighted).to_be_visible()
    assert sentence.startswith(highlighted.inner_text().strip()[:20])
    assert page.locator("#a-text .hl-trigger").count() >= 1
    assert "event=" in page.url
    shoot(page, "article-view.png")
    assert errors == []


def test_browser_hostile_strings_are_shown_as_text(hostile_server: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_server + "?at=13.47,22.2,8")
    happening = page.locator("#list tbody tr.happening").first
    expect(happening).to_be_visible()
    assert f"{HOSTILE}Troops" in happening.inner_text() and f"{HOSTILE}Town" in happening.inner_text()
    page.locator("path.ew-marker").first.hover()
    tooltip = page.locator(".leaflet-tooltip")
    expect(tooltip).to_be_visible()
    assert f"{HOSTILE}Town" in tooltip.inner_text()
    happening.click()
    expect(page.locator("tr.expanded li.member-article")).to_be_visible()
    assert HOSTILE in page.locator("tr.expanded").inner_text()
    page.goto(hostile_server + "?view=events")
    row = page.locator("#list tbody tr").filter(has_text="Troops shelled the town").first
    row.click()
    expect(page.locator("#selected-sentence")).to_be_visible()
    assert page.locator("#a-title").inner_text() == HOSTILE_TITLE
    assert "<script>window.__xss = 1</script>" in page.locator("#a-text").inner_text()
    assert (
        HOSTILE in page.locator("#a-meta").inner_text()
        and HOSTILE in page.locator("#event-card").inner_text()
    )
    assert page.locator("img:not(.leaflet-tile), script:not([src])").count() == 0
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
