"""The quotes annotator: quotation forms and speakers, in text we wrote and in the example story."""

import pytest

import eventwire
from conftest import shared_file
from eventwire.annotators.quotes import find_direct
from eventwire.config import Settings
from eventwire.records import Article


def quotes(text: str) -> list[tuple[str, str, str | None, str | None]]:
    article = eventwire.process(text)
    names = {a.id: a.name for a in article.actors}
    return [(q.kind, q.text, q.speaker_text, names.get(q.speaker or "")) for q in article.quotes]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('He said: "One. Two," and left.', ['"One. Two,"']),
        (
            "“Start of a long quote.\n\n“Still going. End.”",
            ["“Start of a long quote.\n\n“Still going. End.”"],
        ),
        ("A “scare” word. “Never closed\n\nNext paragraph.", ["“scare”", "“Never closed"]),
        ("“First,” she said. “Second.”", ["“First,”", "“Second.”"]),
        (
            "“I’d rather live in what he calls “hell” than here.” ― Ana",
            ["“I’d rather live in what he calls “hell” than here.”"],
        ),
    ],
)
def test_quotes_find_direct(text: str, found: list[str]) -> None:
    assert [text[d.start : d.end] for d in find_direct(text)] == found


def test_quotes_speaker_forms() -> None:
    found = quotes(
        "Rebel commander Yusuf Darko spoke to reporters. “We withdrew to spare civilians,” Darko said.\n\n"
        "“The offensive will continue,” said Interior Minister Karim Bello.\n\n"
        "Amina Haddad told reporters: “We left with nothing and walked for two days to reach the camp.”\n\n"
        "“The shelling started before dawn,” she said."
    )
    assert [(kind, speaker) for kind, _, _, speaker in found if kind == "direct"] == [
        ("direct", "Yusuf Darko"),
        ("direct", "Karim Bello"),
        ("direct", "Amina Haddad"),
        ("direct", "Amina Haddad"),
    ]


def test_quotes_speaker_next_to_the_quote_not_the_first_in_its_paragraph() -> None:
    found = quotes(
        "Analysts said the plan was vague. “It is another case of loose language,” Tanner said. "
        "“There is no legal way to exclude a single mother.”"
    )
    assert [speaker for kind, _, speaker, _ in found if kind == "direct"] == ["Tanner", "Tanner"]


def test_quotes_speaker_before_the_verb_not_a_title_after_it() -> None:
    found = quotes(
        "“He is absolutely right. There is a severe disconnect,” Flynn, a top Trump surrogate, said Thursday "
        "on Fox News’s “Fox and Friends.” “I mean, there is a lot of frustration within the ranks.”"
    )
    assert [speaker for kind, _, speaker, _ in found if kind == "direct"] == [
        "Flynn, a top Trump surrogate",
        "Flynn, a top Trump surrogate",
    ]


def test_quotes_inverted_speaker_and_dashed_names() -> None:
    found = quotes(
        "“Full panic mode,” said Leslie Wimes, a president of the Democratic Women Caucus.\n"
        "“A real disgrace and a shame for all of us.” ― Azucena Gonzalez\n"
        "Said Ellis: “I don’t get the sense she is interested in tax reform.”"
    )
    assert [speaker for kind, _, speaker, _ in found if kind == "direct"] == [
        "Leslie Wimes, a president of the Democratic Women Caucus",
        "Azucena Gonzalez",
        "Ellis",
    ]


def test_quotes_any_verb_right_after_an_open_quote_and_participles() -> None:
    found = quotes(
        "“France will never be lost,” an angry Hollande retaliated.\n"
        "The mayor spoke to the crowd, adding, “We will rebuild the town.”"
    )
    assert [(speaker, actor) for kind, _, speaker, actor in found if kind == "direct"] == [
        ("an angry Hollande", "Francois Hollande"),
        ("The mayor", "mayor"),
    ]


def test_quotes_colon_lead_ins_without_a_verb_of_saying() -> None:
    found = quotes(
        "Jeb Bush and Hillary Clinton reject the term.\n\n"
        'Clinton: "We have to defeat them, not contain them." Bush: "The mission is to destroy them."\n\n'
        "Trump leaned in and boomed: “We will win, win, win, and win again.”"
    )
    assert [speaker for kind, _, speaker, _ in found if kind == "direct"] == ["Clinton", "Bush", "Trump"]


def test_quotes_reported_speech_and_according_to() -> None:
    found = quotes(
        "The ministry said that the offensive would continue. According to the UN, 4,500 people fled."
    )
    assert ("indirect", "that the offensive would continue", "The ministry", "ministry") in found
    assert ("indirect", "4,500 people fled", "the UN", "United Nations") in found


def test_quotes_scare_quotes_and_titles_are_not_quotes() -> None:
    assert quotes("He called the plan “humane” and watched “The Apprentice”.") == []


@pytest.mark.shared
def test_quotes_example_story(settings: Settings) -> None:
    [article] = eventwire.run([str(shared_file("examples/idlib-defectors.txt"))], settings)
    assert isinstance(article, Article)
    names = {a.id: a.name for a in article.actors}
    direct = [
        (q.text[:25], q.speaker_text, names.get(q.speaker or ""))
        for q in article.quotes
        if q.kind == "direct"
    ]
    assert direct == [
        ("“Most want to leave, like", "the 26-year-old", "Saudi national"),
        ("“A lot of them realise th", "the 26-year-old", "Saudi national"),
        ("“It’s a lot better than i", "one intelligence official", "one intelligence official"),
        ("“We have a more complete ", "one intelligence official", "one intelligence official"),
        ("“A rehabilitation program", "he", "Abu Saad"),
        ("“I went to Syria some tim", "he", "Abu Saad"),
        ("“It wasn’t until early th", "he", "Abu Saad"),
        ("“They don’t understand th", "he", "Abu Saad"),
        ("“In Idlib, there are arou", "he", "Abu Saad"),
    ]
