"""The actors knowledge base and coreference, on hand-made mentions: no model."""

from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.knowledge import agents, known_actors
from eventwire.knowledge.coref import ActorMention, chains, same_person


def test_knowledge_packaged_entries() -> None:
    known = known_actors()
    assert (known["MI6"].country, known["CIA"].country, known["DGSE"].country) == ("GBR", "USA", "FRA")
    assert {"Isis", "ISIL", "Daesh"} <= set(known["Islamic State"].aliases)
    assert agents()["troop"].sector == "MIL"


def test_knowledge_user_file_adds_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "- {name: Korvan Liberation Front, aliases: [KLF], country: SYR, sector: REB, kind: group}\n"
        "- {name: CIA, aliases: [the Agency], country: CAN, sector: SPY, kind: organisation}\n"
    )
    known = known_actors((str(path),))
    assert known["Korvan Liberation Front"].aliases == ("KLF",)
    assert known["CIA"].country == "CAN"
    assert known_actors()["CIA"].country == "USA"  # the packaged base is untouched


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: not a list", "an actors file is a YAML list"),
        ("- {aliases: [x]}", "entry 1: each entry needs a 'name'"),
        ("- {name: X, sector: PIRATES}", "entry 1: sector 'PIRATES' is not one of GOV"),
        ("- {name: X, country: Syria}", "entry 1: country 'Syria' is not an ISO 3166 alpha-3 code"),
        ("- {name: X, kind: robot}", "entry 1: kind 'robot' is not one of group"),
        ("- [unclosed", "cannot read actors file"),
    ],
)
def test_knowledge_bad_user_file_is_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(EventwireError) as caught:
        known_actors((str(path),))
    assert message in str(caught.value) and str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Abu Saad", "Abi Saaf", True),
        ("Abu Saad", "Abu Bakr", False),
        ("Hosni Mubarak", "Mubarak", True),
        ("Bashar al-Assad", "Assad", True),
        ("Hosni Mubarak", "Gamal Mubarak", False),
    ],
)
def test_knowledge_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same


def mention(start: int, text: str, **fields: object) -> ActorMention:
    values: dict[str, object] = {"name": text, "kind": "group", **fields}
    return ActorMention(start, start + len(text), text, **values)  # type: ignore[arg-type]


def test_knowledge_coreference_chain_rules() -> None:
    mentions = [
        mention(0, "Isis", name="Islamic State", known=True, sector="REB"),
        mention(10, "Abu Saad", kind="person", person="Abu Saad"),
        mention(20, "Iraqi troops", country="IRQ", sector="MIL", agent="troop"),
        mention(40, "the group", anaphor=True),
        mention(60, "Islamic State", name="Islamic State", known=True, sector="REB"),
        mention(80, "Abi Saaf", kind="person", person="Abi Saaf"),
        mention(90, "Iraqi troops", country="IRQ", sector="MIL", agent="troop"),
        mention(110, "Syria", kind="state", country="SYR"),
        mention(120, "Idlib", name="Idlib", kind="state", country="SYR"),
    ]
    groups = [[m.text for m in c.mentions] for c in chains(mentions)]
    assert groups == [
        ["Isis", "the group", "Islamic State"],
        ["Abu Saad", "Abi Saaf"],
        ["Iraqi troops", "Iraqi troops"],
        ["Syria"],
        ["Idlib"],
    ]
