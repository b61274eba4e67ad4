import json
from pathlib import Path

import pytest

from eventwire import errors
from eventwire.records import RawDocument, Rejection
from eventwire.sources import read_inputs
from eventwire.sources.decode import decode
from eventwire.sources.registry import format_of


def by_origin(inputs: list[str]) -> dict[str, RawDocument | Rejection]:
    return {item.origin: item for item in read_inputs(inputs)}


def test_sources_bad_files_are_rejected_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Troops entered the town.")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    names = [str(tmp_path / n) for n in ("missing.txt", "empty.txt", "image.txt", "good.txt")]
    items = by_origin(names)
    codes = {Path(o).name: getattr(item, "code", None) for o, item in items.items()}
    assert codes == {
        "missing.txt": errors.MISSING,
        "empty.txt": errors.EMPTY,
        "image.txt": errors.BINARY,
        "good.txt": None,
    }
    good = items[str(tmp_path / "good.txt")]
    assert isinstance(good, RawDocument)
    assert (good.content, good.format) == ("Troops entered the town.", "text")


def test_sources_directory_is_read_recursively_by_suffix(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("One.")
    (tmp_path / "a" / "b" / "two.html").write_text("<html><body><p>Two.</p></body></html>")
    (tmp_path / "a" / "notes.pdf").write_bytes(b"%PDF")
    items = list(read_inputs([str(tmp_path)]))
    assert [(Path(i.origin).name, getattr(i, "format", None)) for i in items] == [
        ("two.html", "html"),
        ("one.txt", "text"),
    ]  # sorted by path: a/b/ before a/one


def test_sources_empty_directory_is_one_rejection(tmp_path: Path) -> None:
    [item] = read_inputs([str(tmp_path)])
    assert isinstance(item, Rejection)
    assert item.code == errors.NO_TEXT


def test_sources_jsonl_lines_are_articles_and_bad_lines_rejections(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "First.", "url": "https://x.org/1", "published": "2024-05-01"}),
        "{not json",
        json.dumps({"title": "no body"}),
        "",
        json.dumps({"html": "<p>Third.</p>", "title": "T"}),
    ]
    path.write_text("\n".join(lines))
    items = list(read_inputs([str(path)]))
    assert [(i.origin.rsplit(":", 1)[1], type(i).__name__) for i in items] == [
        ("1", "RawDocument"),
        ("2", "Rejection"),
        ("3", "Rejection"),
        ("5", "RawDocument"),
    ]
    first, bad_json, no_body, third = items
    assert isinstance(first, RawDocument) and isinstance(third, RawDocument)
    assert (first.url, first.published, third.format, third.title) == (
        "https://x.org/1",
        "2024-05-01",
        "html",
        "T",
    )
    assert isinstance(bad_json, Rejection) and bad_json.message.startswith("bad JSON")
    assert isinstance(no_body, Rejection) and no_body.code == errors.NO_TEXT


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Café".encode(), "Café"),
        ("\ufeffCafé".encode(), "Café"),
        ("Café – “quoted”".encode("cp1252"), "Café – “quoted”"),
    ],
)
def test_sources_decode(data: bytes, text: str) -> None:
    assert decode(data) == text


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("<!DOCTYPE html><html>", "", "html"),
        ("  <html lang=en>", "", "html"),
        ("Plain <b>words</b>", "", "text"),
        ("Plain words", "html", "html"),
    ],
)
def test_sources_sniff_format(text: str, hint: str, expected: str) -> None:
    assert format_of(text, hint or None) == expected
