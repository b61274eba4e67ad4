"""Local inputs of every kind: gzip, WARC, JSON Lines, feeds, encodings, and the limits."""

import gzip
from pathlib import Path

import pytest

from eventwire import errors
from eventwire.records import RawDocument, Rejection
from eventwire.sources import SourceOptions, read_inputs
from eventwire.sources.readers.warc import warc_record

STORY = "<html><body><article>" + "<p>Rebels shelled the town of Korvan on Tuesday, officials said.</p>" * 5


def page(i: int) -> bytes:
    return f"{STORY}<p>Story number {i}.</p></article></body></html>".encode()


def summary(items: list[RawDocument | Rejection]) -> list[tuple[str, str]]:
    """(kind, origin tail or code) for each item, in order."""
    return [
        ("doc", item.origin.rsplit("/", 1)[-1]) if isinstance(item, RawDocument) else ("rejected", item.code)
        for item in items
    ]


def test_inputs_gzip_text_and_html(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"Plain story."))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(page(1)))
    items = list(read_inputs([str(tmp_path)]))
    assert [(i.origin.rsplit("/", 1)[-1], getattr(i, "format", None)) for i in items] == [
        ("a.txt.gz", "text"),
        ("b.html.gz", "html"),
    ]


def test_inputs_truncated_gzip_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "cut.html.gz"
    path.write_bytes(gzip.compress(page(1) * 20)[:-40])
    [item] = read_inputs([str(path)])
    assert isinstance(item, Rejection)
    assert (item.code, item.message) == (
        errors.TRUNCATED,
        "truncated gzip file: it ends before its compressed data does",
    )


def test_inputs_truncated_jsonl_gz_keeps_lines_before_the_break(tmp_path: Path) -> None:
    lines = b"".join(b'{"text": "Story %d about the border."}\n' % i for i in range(3000))
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(gzip.compress(lines)[:-50])
    items = list(read_inputs([str(path)]))
    assert all(isinstance(i, RawDocument) for i in items[:-1]) and len(items) > 2900
    assert isinstance(items[-1], Rejection) and items[-1].code == errors.TRUNCATED


@pytest.mark.parametrize("compress", [False, True])
def test_inputs_warc_html_responses(tmp_path: Path, compress: bool) -> None:
    records = [warc_record(f"https://n.example.org/{i}", page(i)) for i in range(3)]
    request = b"WARC/1.1\r\nWARC-Type: request\r\nContent-Length: 4\r\n\r\nGET \r\n\r\n"
    data = [records[0], request, records[1], records[2]]
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(b"".join(gzip.compress(r) for r in data) if compress else b"".join(data))
    items = list(read_inputs([str(path)]))
    assert [(i.origin.rsplit("/", 1)[-1], getattr(i, "url", None)) for i in items] == [
        (f"{path.name}#{n + 1}", f"https://n.example.org/{n}") for n in range(3)
    ]


@pytest.mark.parametrize("compress", [False, True])
def test_inputs_cut_warc_keeps_complete_records(tmp_path: Path, compress: bool) -> None:
    records = [warc_record(f"https://n.example.org/{i}", page(i)) for i in range(3)]
    parts = [gzip.compress(r) for r in records] if compress else records
    data = b"".join(parts)
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(data[: len(data) - len(parts[2]) // 2])
    items = list(read_inputs([str(path)]))
    docs = [i.url for i in items if isinstance(i, RawDocument)]
    assert docs == ["https://n.example.org/0", "https://n.example.org/1"]
    assert isinstance(items[-1], Rejection) and items[-1].code == errors.TRUNCATED
    assert items[-1].message.endswith("the complete records before the break were read")


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>Full story</title><link>https://n.example.org/full</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description><![CDATA[<p>{body}</p>]]></description></item>
</channel></rss>"""


def test_inputs_feed_with_full_stories(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(FEED.format(body="Government troops advanced on the rebel-held town. " * 30))
    [item] = read_inputs([str(path)])
    assert isinstance(item, RawDocument)
    assert (item.title, item.url, item.published, item.format) == (
        "Full story",
        "https://n.example.org/full",
        "2024-03-05",
        "html",
    )


def test_inputs_invalid_feed_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?><rss><channel><item><title>Unclosed')
    [item] = read_inputs([str(path)])
    assert isinstance(item, Rejection) and item.code == errors.BAD_FEED
    assert item.message.startswith("invalid feed XML (")


def test_inputs_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(200_000_000)  # sparse: 200 MB on paper, nothing written
    [item] = read_inputs([str(path)])
    assert isinstance(item, Rejection)
    assert (item.code, item.message) == (
        errors.TOO_BIG,
        "file is 200,000,000 bytes, over the 50,000,000 limit (sources.max_bytes)",
    )


def test_inputs_size_limit_applies_after_decompression(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 2_000_000))
    [item] = read_inputs([str(path)], SourceOptions(max_bytes=1_000_000))
    assert isinstance(item, Rejection) and item.code == errors.TOO_BIG


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Déclaration du ministère à Niamey".encode("latin-1"), "Déclaration du ministère à Niamey"),
        (
            "Заявление министерства обороны в Москве".encode("cp1251"),
            "Заявление министерства обороны в Москве",
        ),
        ("“Quoted” – said the minister".encode("cp1252"), "“Quoted” – said the minister"),
        ("\ufeffUTF-16 text from Windows".encode("utf-16-le"), "UTF-16 text from Windows"),
    ],
)
def test_inputs_non_utf8_text_is_decoded(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(data)
    [item] = read_inputs([str(path)])
    assert isinstance(item, RawDocument) and item.content == expected
