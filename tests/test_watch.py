"""`eventwire watch` against a loopback site whose feed grows, answers 304, fails once and keeps a page
from robots; and a watch stopped by SIGTERM mid-cycle that loses nothing."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLES, Site
from eventwire.config import load_config
from eventwire.errors import EventwireError
from eventwire.store import open_store
from eventwire.watch import Watcher, WatchSource
from eventwire.watch.alerts import AlertRule, Alerts

STORIES = [json.loads(line) for line in (SAMPLES / "wikinews.jsonl").read_text().splitlines()]


def page(n: int) -> bytes:
    story = STORIES[n % len(STORIES)]
    paragraphs = "".join(f"<p>{p}</p>" for p in story["text"].split("\n") if p.strip())
    return (
        f"<html><head><title>{story['title']}</title></head><body><article><h1>{story['title']}</h1>"
        f"{paragraphs}</article></body></html>"
    ).encode()


class GrowingFeed:
    """An RSS feed of /news/N.html pages with an ETag; ``fail_next`` answers the next request with a 503."""

    def __init__(self, site: Site, pages: list[str]) -> None:
        self.site, self.pages, self.fail_next = site, pages, False
        site.routes["/robots.txt"] = (
            200,
            {"Content-Type": "text/plain"},
            b"User-agent: *\nDisallow: /private/\n",
        )
        site.routes["/feed.xml"] = self.answer

    @property
    def etag(self) -> str:
        return f'"{len(self.pages)}"'

    def answer(self, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if self.fail_next:
            self.fail_next = False
            return 503, {}, b"busy"
        if headers.get("If-None-Match") == self.etag:
            return 304, {"ETag": self.etag}, b""
        items = "".join(
            f"<item><title>{p}</title><link>{self.site.url}{p}</link><pubDate>Mon, 06 Mar 2017 10:00:00 GMT"
            "</pubDate></item>"
            for p in self.pages
        )
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
        return 200, {"Content-Type": "application/rss+xml", "ETag": self.etag}, feed.encode()

    def add(self, path: str, n: int) -> None:
        self.site.page(path, page(n))
        self.pages.append(path)


def fetched(site: Site, path: str) -> int:
    return sum(1 for p, _ in site.requests if p == path)


def stored_urls(db: str) -> list[str]:
    store = open_store(db)
    try:
        return sorted(r["url"] for r in store.execute("SELECT url FROM articles"))
    finally:
        store.close()


def test_watch_stores_each_new_item_once_honours_304_robots_and_backs_off(site: Site, tmp_path: Path) -> None:
    feed = GrowingFeed(site, [])
    for n, path in enumerate(("/news/1.html", "/news/2.html", "/private/3.html")):
        feed.add(path, n)
    db = str(tmp_path / "watch.db")
    settings = load_config(overrides={"store.url": db, "sources.allow_private": True})
    store = open_store(db)
    rule = AlertRule.parse("min_independent=1")  # every happening
    alerts_file = tmp_path / "alerts.jsonl"
    watcher = Watcher(
        [WatchSource(f"{site.url}/feed.xml", 0.5)],
        settings,
        store,
        0.0,
        True,
        Alerts([rule], str(alerts_file)),
    )

    first = watcher.cycle()
    assert len(first.articles) == 2 and first.disallowed == 1
    assert fetched(site, "/private/3.html") == 0  # robots.txt disallows it
    assert stored_urls(db) == [f"{site.url}/news/1.html", f"{site.url}/news/2.html"]

    time.sleep(0.5)
    unchanged = watcher.cycle()
    assert unchanged.not_modified == 1 and not unchanged.articles
    assert fetched(site, "/news/1.html") == fetched(site, "/news/2.html") == 1  # a 304 fetches nothing

    feed.add("/news/4.html", 3)
    feed.fail_next = True
    time.sleep(0.5)
    failed = watcher.cycle()
    assert len(failed.failed) == 1 and "HTTP 503" in failed.failed[0] and "again in 1 s" in failed.failed[0]
    assert watcher.cycle().checked == 0  # backing off: not due before a second
    time.sleep(1.05)
    grown = watcher.cycle()
    assert len(grown.articles) == 1 and stored_urls(db)[-1] == f"{site.url}/news/4.html"
    assert fetched(site, "/news/1.html") == 1 and fetched(site, "/news/4.html") == 1
    status = store.execute("SELECT * FROM watch_sources").fetchone()
    assert status["failures"] == 0 and status["articles"] == 3 and status["etag"] == '"4"'
    assert alerts_file.exists() and all(
        json.loads(line)["change"] in ("new", "grew") for line in alerts_file.read_text().splitlines()
    )
    store.close()


def test_watch_stopped_by_sigterm_mid_cycle_resumes_without_loss_or_repeat(
    site: Site, tmp_path: Path
) -> None:
    feed = GrowingFeed(site, [])
    for n in range(1, 4):
        feed.add(f"/news/{n}.html", n)
    slow = page(2)

    def slowly(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        time.sleep(3)
        return 200, {"Content-Type": "text/html; charset=utf-8"}, slow

    site.routes["/news/2.html"] = slowly
    db = str(tmp_path / "watch.db")
    command = [str(Path(sys.executable).parent / "eventwire"), "watch", f"{site.url}/feed.xml", "--db", db,
               "--allow-private", "--delay", "0", "--interval", "0"]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while fetched(site, "/news/2.html") == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "SIGTERM: finishing the article in hand" in err and "Traceback" not in err
    assert fetched(site, "/news/3.html") == 0  # stopped before the rest of the cycle
    before = stored_urls(db)
    assert f"{site.url}/news/1.html" in before

    site.routes["/news/2.html"] = (200, {"Content-Type": "text/html; charset=utf-8"}, slow)
    again = subprocess.run([*command, "--cycles", "1"], stderr=subprocess.PIPE, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert stored_urls(db) == [f"{site.url}/news/{n}.html" for n in (1, 2, 3)]  # each once
    assert fetched(site, "/news/1.html") == 1


def test_watch_reads_a_folders_new_files_once_when_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    old = folder / "a.html"
    old.write_bytes(page(0))
    os.utime(old, (time.time() - 60, time.time() - 60))
    fresh = folder / "b.html"
    fresh.write_bytes(page(1))  # just written: maybe still being copied in
    db = str(tmp_path / "watch.db")
    store = open_store(db)
    watcher = Watcher([WatchSource(str(folder), 0.0)], load_config(overrides={"store.url": db}), store, 0.0)
    assert len(watcher.cycle().articles) == 1
    os.utime(fresh, (time.time() - 60, time.time() - 60))
    assert len(watcher.cycle().articles) == 1
    assert not watcher.cycle().articles  # nothing new
    store.close()


def test_watch_follows_a_sitemap_index_to_its_pages_and_dates_them(site: Site, tmp_path: Path) -> None:
    site.page("/news/1.html", page(1))
    site.page("/news/2.html", page(2))
    news = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{site.url}/news/1.html</loc><news:news><news:publication_date>2024-05-02T08:00:00Z"
        "</news:publication_date></news:news></url>"
        f"<url><loc>{site.url}/news/2.html</loc><lastmod>2024-05-03</lastmod></url></urlset>"
    )
    site.page("/news-sitemap.xml", news.encode(), "application/xml")
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url}/news-sitemap.xml</loc></sitemap></sitemapindex>"
    )
    site.page("/sitemap.xml", index.encode(), "application/xml")
    db = str(tmp_path / "watch.db")
    store = open_store(db)
    settings = load_config(overrides={"store.url": db, "sources.allow_private": True})
    watcher = Watcher(
        [WatchSource(f"{site.url}/sitemap.xml", 0.0)], settings, store, 0.0, honour_robots=False
    )
    assert len(watcher.cycle().articles) == 2
    dates = sorted(r["published"] for r in store.execute("SELECT published FROM articles"))
    assert dates == ["2024-05-02", "2024-05-03"]
    assert not watcher.cycle().articles and fetched(site, "/news-sitemap.xml") == 2  # the sitemap, again
    assert fetched(site, "/news/1.html") == 1  # its pages, once
    store.close()


def test_alerts_are_posted_to_a_local_url_for_matching_happenings(site: Site, tmp_path: Path) -> None:
    db = str(tmp_path / "watch.db")
    store = open_store(db)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_bytes(page(0))
    os.utime(folder / "a.html", (time.time() - 60, time.time() - 60))
    rules = [AlertRule.parse("min_independent=1"), AlertRule.parse("type=PROTEST;country=Antarctica")]
    alerts = Alerts(rules, f"{site.url}/hook")
    watcher = Watcher(
        [WatchSource(str(folder), 0.0)], load_config(overrides={"store.url": db}), store, 0.0, alerts=alerts
    )
    report = watcher.cycle()
    sent = [json.loads(body) for path, body in site.posted if path == "/hook"]
    assert report.alerts == len(sent) >= 1
    assert {a["alert"] for a in sent} == {"min_independent=1"} and {a["change"] for a in sent} == {"new"}
    assert all(a["happening"]["articles"] == 1 for a in sent)
    store.close()


def test_alert_rules_pick_happenings_and_refuse_unknown_fields() -> None:
    rule = AlertRule.parse("type=assault; country=Syria; min-independent=2")
    assert (
        rule.filters.types == ("ASSAULT",)
        and rule.filters.countries == ("SYR",)
        and rule.min_independent == 2
    )
    for bad in ("kind=ASSAULT", "type=ASSULT", "min_independent=two", "country=Atlantis"):
        with pytest.raises(EventwireError, match="EW403"):
            AlertRule.parse(bad)
