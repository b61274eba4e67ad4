"""Quotes: every quotation with its speaker and cue, direct ("…," he said) and reported (X said that …).

Direct quotes are found from the quotation marks themselves, paragraph by paragraph: a quote that runs on
into paragraphs opening with a new mark (the news convention) is one quote, and a mark never closed ends at
its paragraph. The speaker is the subject of a speech verb next to the quote ("said the 26-year-old", "he
said", "X told reporters:", "according to X", "— X"); a quote with none continues the previous speaker's.
Reported speech is a speech verb's clause outside quotation marks. Speakers resolve to actors: a name to its
actor, "he" or "she" to the latest person, a description to its own mention.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.annotators.base import actor_over, latest_actor, located, text_of
from eventwire.records import Actor, Quote

SPEECH_VERBS = frozenset(
    "say tell add ask claim warn deny insist explain note state write tweet announce argue comment reply "
    "respond declare admit acknowledge confirm reveal report suggest tell urge promise predict vow allege "
    "assert complain concede describe recall testify stress told continue conclude quip joke shout yell "
    "remark observe caution boast exclaim emphasize emphasise counter retort maintain contend read demand "
    "wonder plead scoff snap chant scream whisper mutter lament proclaim interject sing".split()
)
_OPEN, _CLOSE = "“", "”"
_MARKS = re.compile(r"[“”\"]")
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DASHES = frozenset({"—", "–", "―", "-", "--"})
_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "they": "p", "we": "p", "i": "s"}
_DEPENDENT_CLAUSES = ("relcl", "acl", "ccomp")  # a speaker is not looked for above these
_ADJACENT = 8  # tokens after a quotation within which its verb of saying stands
_TITLE_WORDS = 6  # a quotation this short with every word capitalised is a title
_SHORT_WORDS = 4  # an unattributed quotation this short is a scare quote or a title
_RUN_ON_WORDS = 150  # a quote with no speaker continues the last one's within this many words
_DESCRIBED_CHARS = 400  # "said the 26-year-old": the person described up to this far before


@dataclass(slots=True)
class _Direct:
    start: int  # the content, quotation marks included
    end: int
    paragraph_end: int  # the end of the paragraph it closes in: its attribution is looked for up to here


def find_direct(text: str) -> list[_Direct]:
    """Direct quotations, marks included; one across paragraphs that each open with a new mark, and one
    never closed ends with its paragraph."""
    found: list[_Direct] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    carried: int | None = None  # the start of a quote running on from the previous paragraph
    for index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        straight = nested = 0
        for match in _MARKS.finditer(text, p_start, p_end):
            mark = match.group()
            opening = mark == _OPEN or (mark == '"' and straight % 2 == 0)
            straight += mark == '"'
            if open_at is not None and (mark == _OPEN or (mark == _CLOSE and nested)):
                nested += 1 if mark == _OPEN else -1  # “what he calls “hell” than …”: a quote in a quote
            elif opening and open_at is None:
                open_at = carried if carried is not None else match.start()
                carried = None
            elif not opening and open_at is not None:
                found.append(_Direct(open_at, match.end(), p_end))
                open_at = None
        if open_at is None:
            continue
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if following is not None and text[following[0]] in (_OPEN, '"'):
            carried = open_at
        else:
            found.append(_Direct(open_at, p_end, p_end))
    return found


class QuoteAnnotator:
    """Writes ``doc._.quotes``: Quote records (content span, speaker, cue, kind)."""

    def __call__(self, doc: Doc) -> Doc:
        actors = doc._.actors or []
        text = text_of(doc)
        reported = _reported(doc)
        found: list[tuple[int, int, str, Token | None, Span | None, float]] = []
        directs = find_direct(text)
        quoted = _Quoted([(d.start, d.end) for d in directs])
        for direct in directs:
            if any(c.start_char <= direct.start and direct.end <= c.end_char for c, _, _ in reported):
                continue  # words quoted inside reported speech: that speech is the quote (mixed)
            if _title(text[direct.start : direct.end]):
                continue  # “Morning Joe”, “The Apprentice,”: a title, not a quotation
            cue, speaker = _attribution(doc, direct, quoted, actors)
            if speaker is None and len(text[direct.start : direct.end].split()) < _SHORT_WORDS:
                continue  # a scare quote or a title, not a quotation
            found.append((direct.start, direct.end, "direct", cue, speaker, 0.9))
        for content, cue, speaker in reported:
            if any(start < content.end_char and content.start_char < end for start, end, *_ in found):
                continue  # the speech verb inside a direct quote
            kind = "mixed" if _MARKS.search(content.text) else "indirect"
            found.append((content.start_char, content.end_char, kind, cue, speaker, 0.7))
        quotes: list[Quote] = []
        speakers: list[Quote] = []  # quotes with a speaker, in text order: whom "he" and bare quotes go to
        for start, end, kind, cue, span, confidence in sorted(found, key=lambda f: f[0]):
            actor_id, said_by, s_start, s_end = _speaker(span, actors, speakers)
            if span is None and speakers and len(text[speakers[-1].end : start].split()) <= _RUN_ON_WORDS:
                last = speakers[-1]  # a quote with no speaker of its own goes on from the last speaker's
                actor_id, said_by, s_start, s_end, confidence = (
                    last.speaker,
                    last.speaker_text,
                    last.speaker_start,
                    last.speaker_end,
                    0.6,
                )
            elif span is None:
                confidence = 0.3
            quote = _quote(
                doc, len(quotes), start, end, kind, cue, actor_id, said_by, s_start, s_end, confidence
            )
            quotes.append(quote)
            if said_by is not None:
                speakers.append(quote)
        doc._.quotes = quotes
        return doc


def _title(quoted: str) -> bool:
    """A short quotation whose every word is capitalised names a show, a book or a slogan."""
    words = re.findall(r"[^\W\d_][\w'’-]*", quoted)
    small = {"of", "the", "a", "an", "and", "on", "in", "to", "for", "at", "with"}
    return 0 < len(words) <= _TITLE_WORDS and all(w[0].isupper() or w.lower() in small for w in words)


class _Quoted:
    """The character offsets within quotation marks: where a speaker or a speech verb is not."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans

    def __contains__(self, offset: object) -> bool:
        return isinstance(offset, int) and any(start <= offset < end for start, end in self.spans)


def _attribution(
    doc: Doc, direct: _Direct, quoted: _Quoted, actors: list[Actor]
) -> tuple[Token | None, Span | None]:
    """The speech verb and speaker next to a direct quote: after it in its sentence, else before it."""
    text = text_of(doc)
    after = doc.char_span(direct.end, direct.paragraph_end, alignment_mode="contract")
    before_start = text.rfind("\n", 0, direct.start) + 1
    lead_in = text[:before_start].rstrip()
    if lead_in.endswith(":"):  # "He said:" closing the paragraph before the quote
        before_start = text.rfind("\n", 0, len(lead_in)) + 1
    before = doc.char_span(before_start, direct.start, alignment_mode="contract")
    # Nearest first. A quotation that ends its sentence ("… mother.") is attributed before it rather than
    # by the next sentence's speech verb, which belongs to what follows.
    after_words = [t for t in after or () if not t.is_space]
    before_words = [t for t in reversed(before or ()) if not t.is_space]
    windows = [(True, after_words), (False, before_words)]
    content = text[direct.start : direct.end].rstrip(_CLOSE + '"')
    if content.endswith("."):
        windows.reverse()
    # Verbs that say it by where they stand: right after a quotation left open by its comma ("“…,” an angry
    # Hollande retaliated") and just before the colon that opens it ("Trump leaned in and boomed: “…”").
    placed = set()
    first_verb = next((t for t in after_words[:_ADJACENT] if t.pos_ == "VERB"), None)
    if first_verb is not None and content.endswith((",", "?", "!")):
        placed.add(first_verb.i)
    colon = len(before_words) > 1 and before_words[0].text == ":"
    if colon and before_words[1].pos_ == "VERB":
        placed.add(before_words[1].i)
    for is_after, window in windows:
        for token in window:
            if token.idx in quoted:
                continue
            speech = token.lemma_.lower() in SPEECH_VERBS and token.pos_ in ("VERB", "AUX")
            if speech or token.i in placed or _inverted(token):
                # After the quotation the words before the verb speak ("…," Flynn, a surrogate, said on
                # Fox News's "Fox and Friends"); before it, the verb's subject ("He told reporters: …").
                options = (_between(doc, direct, token, quoted), _subject(token, quoted))
                said = [p for p in (_outside(o, quoted) for o in options[:: 1 if is_after else -1]) if p]
                if said:  # a person, a group or a pronoun rather than what a bad parse made the subject
                    return token, next((s for s in said if _speakerlike(s, actors)), said[0])
            if token.lower_ == "according" and token.i + 2 <= len(doc) and doc[token.i + 1].lower_ == "to":
                target = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
                if target is not None:
                    return token, _phrase(target)
        if is_after and len(window) > 1 and window[0].text in _DASHES and window[1].pos_ == "PROPN":
            return None, _name(window[1])  # "— Abu Saad", "― Jacklyn Ashley"
    if colon and before_words[1].pos_ == "PROPN" and before_words[1].idx not in quoted:
        return None, _name(before_words[1])  # "Clinton: “…”", "Philip Bump: “…”"
    return None, None


def _name(token: Token) -> Span:
    """The whole name a word of it stands in: "Jacklyn" → "Jacklyn Ashley"."""
    while token.dep_ in ("compound", "flat") and token.head.i > token.i:
        token = token.head
    return _phrase(token)


def _speakerlike(phrase: Span, actors: list[Actor]) -> bool:
    root = phrase.root
    return (
        root.lower_ in _PRONOUNS
        or root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or actor_over(actors, phrase.start_char, phrase.end_char) is not None
    )


def _outside(phrase: Span | None, quoted: _Quoted) -> Span | None:
    """The speaker phrase without what the parse pulled in of quotations and their marks; None when its
    head is quoted."""
    if phrase is None or phrase.root.idx in quoted:
        return None
    tokens = [t for t in phrase if t.idx not in quoted]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return phrase.doc[tokens[0].i : tokens[-1].i + 1] if tokens else None


def _between(doc: Doc, direct: _Direct, verb: Token, quoted: _Quoted) -> Span | None:
    """The noun phrase between the quotation and its speech verb: "“…,” Vann R. Newkirk II, a writer for
    The Atlantic, said", "Said Ellis: “…”"."""
    if verb.idx >= direct.end:
        return _noun_phrase(doc, direct.end, verb.idx, quoted)
    if _inverted(verb):
        return _noun_phrase(doc, verb.idx + len(verb), direct.start, quoted)
    return _noun_phrase(doc, verb.sent.start_char, verb.idx, quoted)


def _inverted(token: Token) -> bool:
    """ "Said Ellis: “…”": a speech verb opening its sentence, which the tagger may take for a name."""
    opens = token.i == 0 or token.nbor(-1).text in (".", "!", "?", "\n", "\n\n") or token.nbor(-1).is_space
    return opens and token.text in ("Said", "Added", "Asked", "Wrote")


def _noun_phrase(doc: Doc, start: int, end: int, quoted: _Quoted) -> Span | None:
    """The first noun phrase between two offsets, outside quotations, dates and numbers aside."""
    words = [
        t
        for t in doc.char_span(start, end, alignment_mode="contract") or ()
        if t.pos_ in ("PROPN", "NOUN", "PRON") and t.ent_type_ not in _NOT_SPEAKERS and t.idx not in quoted
    ]
    heads = [
        t
        for t in words
        if t.head.i == t.i or not (start <= t.head.idx < end and t.head.pos_ in ("PROPN", "NOUN"))
    ]
    return _phrase(heads[0]) if heads else None


def _subject(verb: Token, skip: Container[int] = ()) -> Span | None:
    """The verb's subject phrase, or that of the verb it hangs from ("…, adding: “…”"); ``skip``: character
    offsets (quotations) where it cannot be."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx not in skip), None)
    climb = verb.dep_ in ("advcl", "xcomp", "conj", "pcomp") and verb.head.dep_ not in _DEPENDENT_CLAUSES
    if subject is None and climb and verb.head.i != verb.i:
        return _subject(verb.head, skip)
    if subject is not None and subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
        subject = verb.head  # "Trump, who said …": the speaker is the noun the clause is about
    return _phrase(subject) if subject is not None else None


def _phrase(token: Token) -> Span:
    """The noun phrase of a token, without a trailing clause: "one intelligence official"."""
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "appos") or (child.dep_ == "prep" and child.lower_ == "of"):
            right = max(right, child.right_edge.i)
    return token.doc[left : right + 1]


def _reported(doc: Doc) -> list[tuple[Span, Token, Span]]:
    """Speech verbs whose clause is the content: "X said (that) …", "X told Y …", "X warned …"."""
    found = []
    for token in doc:
        if token.lemma_.lower() not in SPEECH_VERBS or token.pos_ not in ("VERB", "AUX"):
            continue
        clause = next((c for c in token.children if c.dep_ in ("ccomp", "xcomp")), None)
        subject = _subject(token)
        if clause is None or subject is None:
            continue
        content = doc[clause.left_edge.i : clause.right_edge.i + 1]
        if len(content) >= 3:
            found.append((content, token, subject))
    found.extend(_according(doc))
    return found


def _according(doc: Doc) -> list[tuple[Span, Token, Span]]:
    """ "According to the UN, 4,500 people fled": the clause is the content, the UN the speaker."""
    found = []
    for token in doc[:-1]:
        source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
        if token.lower_ != "according" or doc[token.i + 1].lower_ != "to" or source is None:
            continue
        verb = token.head
        phrase_end = token.right_edge.i + 1
        start = phrase_end if token.left_edge.i <= verb.left_edge.i else verb.left_edge.i
        end = verb.right_edge.i + 1 if phrase_end <= verb.right_edge.i + 1 else token.left_edge.i
        while start < end and doc[start].is_punct:
            start += 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
        if end - start >= 3:
            found.append((doc[start:end], token, _phrase(source)))
    return found


def _speaker(
    speaker: Span | None, actors: list[Actor], speakers: list[Quote]
) -> tuple[str | None, str | None, int | None, int | None]:
    """Actor id, text and span of a speaker. A name is its actor's mention; "he" or "she" is the latest
    person quoted, else the latest person named; "the 26-year-old" is the latest person just before."""
    if speaker is None:
        return None, None, None, None
    start, end = speaker.start_char, speaker.end_char
    actor = actor_over(actors, start, end)
    people = {a.id: a for a in actors if a.kind == "person"}
    if actor is None and _PRONOUNS.get(speaker.root.lower_) in ("m", "f"):
        quoted = [q.speaker for q in speakers if q.speaker in people]
        actor = people[quoted[-1]] if quoted else latest_actor(actors, start, lambda a: a.kind == "person")
    elif actor is None and speaker[0].lower_ == "the":
        near = [
            (s, a) for a in people.values() for s, _ in a.mentions if start - _DESCRIBED_CHARS < s < start
        ]
        actor = max(near, key=lambda sa: sa[0])[1] if near else None
    return (actor.id if actor else None), speaker.text, start, end


def _quote(
    doc: Doc,
    index: int,
    start: int,
    end: int,
    kind: str,
    cue: Token | None,
    actor: str | None,
    speaker: str | None,
    speaker_start: int | None,
    speaker_end: int | None,
    confidence: float,
) -> Quote:
    return Quote(
        **located(doc, "quo", index, start, end),
        speaker=actor,
        speaker_text=speaker,
        speaker_start=speaker_start,
        speaker_end=speaker_end,
        cue=cue.text if cue is not None else None,
        cue_start=cue.idx if cue is not None else None,
        cue_end=cue.idx + len(cue) if cue is not None else None,
        kind=kind,
        confidence=confidence,
    )
