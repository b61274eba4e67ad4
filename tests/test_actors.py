"""The actors annotator on written text, the example story and a user knowledge file (model and index)."""

from pathlib import Path

import pytest

import eventwire
from conftest import shared_file
from eventwire.config import Settings, load_config
from eventwire.records import Actor, Article


def actors(
    text: str, settings: Settings | None = None
) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(a.name, a.country, a.sector, a.kind) for a in eventwire.process(text, settings=settings).actors]


def test_actors_nationalities_agents_and_titles() -> None:
    found = actors("Senior Hungarian and Romanian officials met President Hosni Mubarak in Cairo on Tuesday.")
    assert found[:3] == [
        ("Hungarian officials", "HUN", "GOV", "group"),
        ("Romanian officials", "ROU", "GOV", "group"),
        ("Hosni Mubarak", "EGY", "GOV", "person"),
    ]


def test_actors_backers_are_not_nationality() -> None:
    found = actors("US-backed Kurdish forces and Iraqi troops retook the town, the Syrian government said.")
    assert ("US-backed Kurdish forces", None, "MIL", "group") in found
    assert ("Iraqi troops", "IRQ", "MIL", "group") in found
    assert ("Syrian government", "SYR", "GOV", "group") in found


def test_actors_mentions_and_spans() -> None:
    article = eventwire.process("Isis fighters attacked. The Islamic State said the group would fight on.")
    [isis] = [a for a in article.actors if a.name == "Islamic State"]
    assert [article.text[s:e] for s, e in isis.mentions] == ["Isis", "Islamic State", "group"]
    assert all(article.text[a.start : a.end] == a.text for a in article.actors)


def test_actors_user_file_changes_the_output(tmp_path: Path) -> None:
    text = "The Korvan Liberation Front attacked a checkpoint on Tuesday."
    assert ("Korvan Liberation Front", None, None, "organisation") in actors(text)
    path = tmp_path / "mine.yaml"
    path.write_text(
        "- {name: Korvan Liberation Front, aliases: [KLF], country: SYR, sector: REB, kind: group}\n"
    )
    settings = load_config(overrides={"actors.files": [str(path)]})
    assert actors(text, settings)[0] == ("Korvan Liberation Front", "SYR", "REB", "group")


@pytest.mark.shared
def test_actors_example_story(settings: Settings) -> None:
    [article] = eventwire.run([str(shared_file("examples/idlib-defectors.txt"))], settings)
    assert isinstance(article, Article)

    def actor(name: str) -> Actor:
        [found] = [a for a in article.actors if a.name == name]
        return found

    def surfaces(a: Actor) -> set[str]:
        return {article.text[s:e] for s, e in a.mentions}

    assert {"Isis", "Islamic State"} <= surfaces(actor("Islamic State"))
    assert {"Jabhat al-Nusra", "al-Nusra", "Nusra"} <= surfaces(actor("Jabhat al-Nusra"))
    assert surfaces(actor("Abu Saad")) == {"Abu Saad", "Abi Saaf"}
    assert [(actor(n).country, actor(n).sector) for n in ("MI6", "CIA", "DGSE")] == [
        ("GBR", "SPY"),
        ("USA", "SPY"),
        ("FRA", "SPY"),
    ]
    assert (actor("Iraqi troops").country, actor("Iraqi troops").sector) == ("IRQ", "MIL")
    assert all(
        len([a for a in article.actors if a.name == n]) == 1 for n in ("Islamic State", "Jabhat al-Nusra")
    )
