"""URLs and feeds against a loopback server (the only network the tests use)."""

from conftest import Site
from eventwire import errors
from eventwire.records import RawDocument, Rejection
from eventwire.sources import SourceOptions, read_inputs

ALLOW = SourceOptions(allow_private=True, timeout=5)
ARTICLE = (
    b"<html><head><title>Border clash</title></head><body><article>"
    + b"<p>Government troops clashed with rebels near Korvan on Tuesday, the army said.</p>" * 6
    + b"</article></body></html>"
)


def test_web_private_address_is_refused_without_permission(site: Site) -> None:
    url = site.page("/a", ARTICLE)
    [item] = read_inputs([url])
    assert isinstance(item, Rejection)
    assert (item.origin, item.code) == (url, errors.PRIVATE_ADDRESS)
    assert item.message == (
        "refusing to fetch from 127.0.0.1 (private, loopback or link-local address); "
        "pass --allow-private to allow it"
    )
    assert site.requests == []


def test_web_page_is_fetched_with_user_agent(site: Site) -> None:
    url = site.page("/a", ARTICLE)
    [item] = read_inputs([url], ALLOW)
    assert isinstance(item, RawDocument)
    assert (item.url, item.format, item.content.encode()) == (url, "html", ARTICLE)
    assert site.requests[0][1]["User-Agent"].startswith("eventwire/")


def test_web_redirects_are_followed_and_limited(site: Site) -> None:
    target = site.page("/final", ARTICLE)
    site.routes["/old"] = (301, {"Location": "/final"}, b"")
    site.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    moved, looping = read_inputs([site.url + "/old", site.url + "/loop"], ALLOW)
    assert isinstance(moved, RawDocument) and moved.url == target
    assert isinstance(looping, Rejection)
    assert (looping.code, looping.message) == (
        errors.FETCH_FAILED,
        "more than 5 redirects (sources.max_redirects)",
    )


def test_web_http_errors_and_size_cap(site: Site) -> None:
    site.page("/big", b"x" * 5000)
    missing, big = read_inputs(
        [site.url + "/nope", site.url + "/big"], SourceOptions(allow_private=True, max_bytes=1000)
    )
    assert isinstance(missing, Rejection) and missing.message == "HTTP 404 Not Found"
    assert isinstance(big, Rejection) and big.code == errors.TOO_BIG


def test_web_feed_entries_follow_links_when_short(site: Site) -> None:
    article = site.page("/story", ARTICLE)
    long_body = "Protesters marched through the capital demanding the minister resign. " * 30
    feed = f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
      <entry><title>Teaser</title><link href="{article}"/><updated>2024-03-05T10:00:00Z</updated>
        <summary>Troops clashed near Korvan.</summary></entry>
      <entry><title>Full</title><link href="{site.url}/full"/><updated>2024-03-06T10:00:00Z</updated>
        <content type="html">&lt;p&gt;{long_body}&lt;/p&gt;</content></entry>
    </feed>"""
    url = site.page("/feed", feed.encode(), "application/atom+xml")
    teaser, full = read_inputs([url], ALLOW)
    assert isinstance(teaser, RawDocument) and isinstance(full, RawDocument)
    assert (teaser.url, teaser.title, teaser.published) == (article, "Teaser", "2024-03-05")
    assert teaser.content.encode() == ARTICLE
    assert (full.url, full.title, full.published) == (f"{site.url}/full", "Full", "2024-03-06")
    assert long_body.strip() in full.content
    assert [path for path, _ in site.requests] == ["/feed", "/story"]
