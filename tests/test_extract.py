import pytest

from eventwire import errors
from eventwire.errors import InputError
from eventwire.extract import extract_article
from eventwire.extract.text import split_title, tidy
from eventwire.records import RawDocument, article_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline here\n\nBody one.\n\nBody two.", ("Headline here", "Body one.\n\nBody two.")),
        ("A sentence ends here.\n\nBody.", (None, "A sentence ends here.\n\nBody.")),
        ("Only one paragraph", (None, "Only one paragraph")),
        ("Two lines\nof a paragraph\n\nBody.", (None, "Two lines\nof a paragraph\n\nBody.")),
        ("“Quoted headline”\n\nBody.", (None, "“Quoted headline”\n\nBody.")),
    ],
)
def test_extract_split_title(text: str, expected: tuple[str | None, str]) -> None:
    assert split_title(text) == expected


def test_extract_tidy_unifies_lines_and_spaces() -> None:
    assert tidy("\ufeff A\u00a0 b \r\n\r\n\r\n\tC  \rD\n\n") == "A b\n\nC\nD"


def test_extract_text_article_has_title_and_id() -> None:
    raw = RawDocument(origin="x.txt", content="Rebels take town\n\nRebels took the town.", format="text")
    article = extract_article(raw)
    assert (article.title, article.text, article.origin) == (
        "Rebels take town",
        "Rebels take town\n\nRebels took the town.",  # the headline is coded too
        "x.txt",
    )
    assert article.id == article_id("Rebels took the town.")


def test_extract_given_title_is_kept_and_body_not_split() -> None:
    raw = RawDocument(origin="x", content="Short line\n\nBody.", format="text", title="Given")
    assert (extract_article(raw).title, extract_article(raw).text) == (
        "Given",
        "Given\n\nShort line\n\nBody.",
    )


def test_extract_html_page_body_and_metadata() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i}: government troops and rebel fighters clashed again near the border town "
        "on Tuesday, residents and officials said.</p>"
        for i in range(4)
    )
    html = (
        "<html><head><title>Clashes near border</title>"
        '<meta property="article:published_time" content="2024-03-05"></head>'
        f"<body><nav>Home | World | Sport</nav><article><h1>Clashes near border</h1>{paragraphs}</article>"
        "</body></html>"
    )
    article = extract_article(
        RawDocument(origin="p.html", content=html, format="html", url="https://news.example.org/a")
    )
    assert article.title == "Clashes near border"
    assert article.published == "2024-03-05"
    assert article.text.startswith(f"{article.title}\n\nParagraph 0: government troops")
    assert article.text.count("\n\n") == 4  # the headline, then the four paragraphs
    assert "Home | World" not in article.text
    assert article.url == "https://news.example.org/a"


def test_extract_html_without_text_is_an_input_error() -> None:
    raw = RawDocument(
        origin="blank.html", content="<html><head><title>T</title></head><body></body></html>", format="html"
    )
    with pytest.raises(InputError) as caught:
        extract_article(raw)
    assert caught.value.code == errors.NO_TEXT


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2024-05-01", "2024-05-01"),
        ("2024-05-01T10:00:00Z", "2024-05-01"),
        ("Tue, 30 Apr 2024 10:00:00 GMT", "2024-04-30"),
        ("<img src=x onerror=alert(1)><style>", None),
        ("2024-13-01", None),
        ("yesterday", None),
    ],
)
def test_extract_published_is_a_date_or_nothing(given: str, stored: str | None) -> None:
    raw = RawDocument(origin="x", content="Rebels seized Korvan on Tuesday.", format="text", published=given)
    assert extract_article(raw).published == stored
