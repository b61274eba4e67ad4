"""The pipeline: sources → extraction → spaCy + annotators → Article records.

``run`` turns inputs into a stream of Articles and Rejections; ``process`` and ``process_many`` are the
Python API over single texts and batches.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire import errors
from eventwire.config import Settings, load_config
from eventwire.errors import InputError
from eventwire.extract import extract_article
from eventwire.geo.homes import Home
from eventwire.geo.ranker import Ranker
from eventwire.nlp import settings_pipeline
from eventwire.records import COLLECTIONS, Article, RawDocument, Rejection
from eventwire.sources import read_inputs
from eventwire.sources.readers.jsonl import document_from_dict
from eventwire.sources.registry import format_of

Item = Article | Rejection


@dataclass(slots=True)
class RunReport:
    """What a run did with its inputs."""

    articles: int = 0
    skipped: int = 0  # already in the store
    rejections: list[Rejection] = field(default_factory=list)
    unannotated: Counter[str] = field(default_factory=Counter)  # language -> articles the model cannot read
    partitions_done: int = 0  # partitions of the inputs skipped whole: a run before did them

    def merge(self, other: RunReport) -> None:
        self.articles += other.articles
        self.skipped += other.skipped
        self.rejections += other.rejections
        self.unannotated.update(other.unannotated)
        self.partitions_done += other.partitions_done

    def count(self, item: Item) -> None:
        if isinstance(item, Rejection):
            self.rejections.append(item)
            return
        self.articles += 1
        if item.annotated is False:
            self.unannotated[item.language or "?"] += 1

    def summary(self) -> str:
        parts = [f"{self.articles} articles processed"]
        if self.unannotated:
            languages = ", ".join(f"{lang} {n}" for lang, n in self.unannotated.most_common())
            parts.append(
                f"{self.unannotated.total()} not annotated, not in the model's language ({languages})"
            )
        if self.skipped:
            parts.append(f"{self.skipped} already stored")
        if self.partitions_done:
            parts.append(f"{self.partitions_done} partitions done before")
        parts.append(f"{len(self.rejections)} rejected")
        return ", ".join(parts)

    @property
    def exit_code(self) -> int:
        """0 all went well, 1 some inputs were rejected, 2 nothing could be used."""
        if not self.rejections:
            return 0
        return 1 if self.articles or self.skipped or self.partitions_done else 2


def run(
    inputs: Iterable[str], settings: Settings, skip: Callable[[str], bool] | None = None
) -> Iterator[Item]:
    """Articles and rejections for the named inputs (paths, directories, ``-``), in input order."""
    return run_documents(read_inputs(inputs, settings.sources), settings, skip)


def run_documents(
    documents: Iterable[RawDocument | Rejection],
    settings: Settings,
    skip: Callable[[str], bool] | None = None,
    homes: Callable[[str], Home] | None = None,
) -> Iterator[Item]:
    """Extract and annotate raw documents; ``skip(article_id)`` true leaves an article out before NLP.
    ``homes(outlet)``: where the outlet's stories are, as the store knows them (``Store.outlet_homes``)."""
    nlp = settings_pipeline(settings)
    pending: deque[Rejection] = deque()

    def articles() -> Iterator[Article]:
        for raw in documents:
            if isinstance(raw, Rejection):
                pending.append(raw)
                continue
            try:
                article = extract_article(raw)
                article.published = article.published or settings.sources.published
            except InputError as err:
                pending.append(
                    Rejection(origin=raw.origin, stage="extract", code=err.code, message=err.message)
                )
                continue
            except (ValueError, RecursionError, MemoryError, LookupError, AttributeError, TypeError) as err:
                # a page the extractors choke on is that page's rejection, never its partition's failure
                message = f"cannot extract an article ({type(err).__name__}: {_first_line(err)})"
                pending.append(
                    Rejection(origin=raw.origin, stage="extract", code=errors.UNREADABLE, message=message)
                )
                continue
            if len(article.text) > nlp.max_length:
                message = f"article is {len(article.text):,} characters, over the model's {nlp.max_length:,}"
                pending.append(
                    Rejection(origin=raw.origin, stage="nlp", code=errors.NO_TEXT, message=message)
                )
            elif not (skip and skip(article.id)):
                yield article

    def home(article: Article) -> Home:
        return homes(article.outlet) if homes and article.outlet else ()

    for article in annotate(articles(), nlp, settings.batch_size, home):
        while pending:
            yield pending.popleft()
        yield article
    yield from pending


def annotate(
    articles: Iterable[Article],
    nlp: Language,
    batch_size: int,
    home: Callable[[Article], Home] | None = None,
    ranker: Callable[[Article], Ranker] | None = None,
) -> Iterator[Article]:
    """Run the spaCy pipeline with eventwire's annotators over articles in the model's language, batched;
    ``home(article)`` is where its outlet's stories are, ``ranker(article)`` the weights the places annotator
    resolves its places with (the packaged ones by default).

    Articles in another language pass through unannotated (``annotated`` False), in their place in the stream.
    """
    passed: deque[Article] = deque()

    def docs() -> Iterator[tuple[Doc, Article]]:
        for article in articles:
            if readable(article, nlp):
                doc = nlp.make_doc(article.text)
                doc._.article_id = article.id
                doc._.published = article.published
                doc._.home = home(article) if home else ()
                doc._.ranker = ranker(article) if ranker else None
                yield doc, article
            else:
                article.annotated = False
                passed.append(article)

    for doc, article in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        while passed:
            yield passed.popleft()
        yield from_doc(doc, article)
    yield from passed


def annotate_texts(
    texts: Iterable[str],
    settings: Settings,
    annotators: tuple[str, ...],
    homes: Sequence[Home] | None = None,
    rankers: Sequence[Ranker] | None = None,
) -> Iterator[Article]:
    """Bare texts through the model and the annotators named, in order: for evaluators and experiments.
    ``homes`` and ``rankers``: each text's outlet home and place ranker, in the same order."""
    nlp = settings_pipeline(settings, annotators)
    articles = (Article(id=str(i), text=text) for i, text in enumerate(texts))
    return annotate(
        articles,
        nlp,
        settings.batch_size,
        (lambda a: homes[int(a.id)]) if homes else None,
        (lambda a: rankers[int(a.id)]) if rankers else None,
    )


def _first_line(err: BaseException) -> str:
    return (str(err).splitlines() or [""])[0][:160]


def readable(article: Article, nlp: Language) -> bool:
    """Whether the model reads the article's language: unknown languages get the benefit of the doubt."""
    return nlp.lang == "xx" or article.language in (None, nlp.lang)


def from_doc(doc: Doc, article: Article) -> Article:
    """The one place that knows both shapes: copy the annotators' records from the Doc to the Article."""
    for name in COLLECTIONS:
        setattr(article, name, list(getattr(doc._, name) or []))
    article.annotated = True
    return article


def process(
    text_or_html: str,
    url: str | None = None,
    published: str | None = None,
    *,
    settings: Settings | None = None,
) -> Article:
    """One article from plain text or an HTML page; raises InputError when it holds no article."""
    item = {**_content(text_or_html), "url": url, "published": published}
    return next(process_many([item], settings=settings))


def _content(text_or_html: str) -> dict[str, str]:
    """A string as the ``html`` of an item when it looks like a page, else as its ``text``."""
    return {"html" if format_of(text_or_html[:8192]) == "html" else "text": text_or_html}


def process_many(
    items: Iterable[str | dict[str, Any]], settings: Settings | None = None
) -> Iterator[Article]:
    """Articles from strings (text, or HTML when they look like a page) or dicts (``text``/``html``, ``url``,
    ``title``, ``published``), streamed in order.

    A bad item raises InputError naming its position; use ``run`` to collect rejections instead.
    """

    raws = (
        document_from_dict(_content(item) if isinstance(item, str) else item, f"item {i}")
        for i, item in enumerate(items)
    )
    for result in run_documents(raws, settings or load_config()):
        if isinstance(result, Rejection):
            raise InputError(result.code, result.message, result.origin)
        yield result
