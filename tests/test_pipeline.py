import json
from pathlib import Path

import pytest

import eventwire
from conftest import SAMPLE_ARTICLES, SAMPLES, shared_file
from eventwire.config import Settings
from eventwire.errors import InputError
from eventwire.pipeline import RunReport
from eventwire.records import Article, Rejection


def surfaces_match(article: Article) -> bool:
    return all(article.text[m.start : m.end] == m.text for ms in article.annotations().values() for m in ms)


def test_pipeline_process_text_gives_entities_with_spans() -> None:
    article = eventwire.process(
        "Turkish troops entered Idlib on Tuesday.", url="https://x.org/1", published="2024-05-01"
    )
    assert [(e.text, e.label, e.start, e.end) for e in article.entities] == [
        ("Turkish", "NORP", 0, 7),
        ("Idlib", "ORG", 23, 28),
        ("Tuesday", "DATE", 32, 39),
    ]
    assert (article.url, article.published) == ("https://x.org/1", "2024-05-01")
    assert [e.id for e in article.entities] == [f"{article.id}-ent{i}" for i in range(3)]
    assert {e.article_id for e in article.entities} == {article.id}


def test_pipeline_process_html_extracts_then_annotates() -> None:
    sentence = "Government troops clashed with rebels near Korvan on Tuesday, the army said in a statement. "
    body = f"<body><article><p>{sentence * 3}</p></article></body>"
    html = f"<html><head><title>Border clash</title></head>{body}</html>"
    article = eventwire.process(html, url="https://n.example.org/x")
    assert article.title == "Border clash"
    assert article.text == "Border clash\n\n" + (sentence * 3).strip()
    assert [e.text for e in article.entities][:2] == ["Korvan", "Tuesday"]


def test_pipeline_entities_never_cross_paragraphs() -> None:
    article = eventwire.process("Hundreds fled.\nThe Sun\n\nCountless defectors gathered in Idlib.")
    assert [e.text for e in article.entities] == ["Hundreds", "Idlib"]


def test_pipeline_process_many_streams_in_order_and_raises_on_bad_item() -> None:
    items = ["Police in Lagos arrested 12 men.", {"text": "Rebels fled to Aleppo.", "url": "https://x.org/2"}]
    articles = list(eventwire.process_many(items))
    assert [a.text for a in articles] == ["Police in Lagos arrested 12 men.", "Rebels fled to Aleppo."]
    assert articles[1].url == "https://x.org/2"
    with pytest.raises(InputError, match=r"item 1: no 'text' or 'html' field with content"):
        list(eventwire.process_many(["Fine.", "   "]))


def test_pipeline_process_many_reads_html_strings_as_pages() -> None:
    page = "<html><head><title>Raid</title></head><body><p>Police in Lagos arrested 12 men.</p></body></html>"
    [article] = eventwire.process_many([page])
    assert "<p>" not in article.text and "Police in Lagos arrested 12 men." in article.text


def test_pipeline_run_keeps_good_inputs_beside_bad_ones(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "good.txt").write_text("Police in Lagos arrested 12 men on Friday.")
    (tmp_path / "empty.txt").write_text("")
    items = list(eventwire.run([str(tmp_path / "empty.txt"), str(tmp_path / "good.txt")], settings))
    assert [type(i).__name__ for i in items] == ["Rejection", "Article"]
    rejection = items[0]
    assert isinstance(rejection, Rejection)
    assert (rejection.origin, rejection.code) == (str(tmp_path / "empty.txt"), "EW102")


def test_pipeline_samples_keep_every_span(settings: Settings) -> None:
    articles = [i for i in eventwire.run([str(SAMPLES)], settings) if isinstance(i, Article)]
    assert len(articles) == SAMPLE_ARTICLES
    assert all(surfaces_match(a) and a.entities for a in articles)


@pytest.mark.shared
def test_pipeline_example_story_spans(settings: Settings) -> None:
    path = shared_file("examples/idlib-defectors.txt")
    [article] = eventwire.run([str(path)], settings)
    assert isinstance(article, Article)
    assert article.title == "Hundreds of former Isis fighters on Syrian border hoping to flee"
    assert len(article.entities) > 50
    assert surfaces_match(article)
    json.dumps(article.as_dict())  # serialisable as it stands


def test_pipeline_other_languages_are_kept_unannotated(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "fr.txt").write_text(
        "Les forces gouvernementales ont repris mardi le contrôle de la ville de Korvan, "
        "a annoncé le ministère de la Défense dans un communiqué."
    )
    (tmp_path / "en.txt").write_text(
        "Government forces retook the town of Korvan on Tuesday, the ministry said."
    )
    report = RunReport()
    items = list(eventwire.run([str(tmp_path)], settings))
    for item in items:
        report.count(item)
    languages = {a.language: (a.annotated, len(a.entities)) for a in items if isinstance(a, Article)}
    assert languages["fr"] == (False, 0)
    assert languages["en"][0] is True and languages["en"][1] > 0
    assert report.summary() == (
        "2 articles processed, 1 not annotated, not in the model's language (fr 1), 0 rejected"
    )


def test_pipeline_example_story_boilerplate_goes_and_paragraphs_stay(settings: Settings) -> None:
    path = shared_file("examples/idlib-defectors.txt")
    [article] = eventwire.run([str(path)], settings)
    assert isinstance(article, Article)
    assert "Photo: The Sun" not in article.text
    assert "More in World" not in article.text
    assert "digital edition" not in article.text
    raw_paragraphs = [p.strip() for p in path.read_text().split("\n\n")[1:]]
    story = [p for p in raw_paragraphs if p and "Photo:" not in p and p not in ("More in World",)][:-1]
    assert story and all(paragraph in article.text for paragraph in story)
    assert article.language == "en"
