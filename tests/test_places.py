"""The places annotator on written text and on the example story (needs the model and the index)."""

import pytest

import eventwire
from conftest import parsed, shared_file
from eventwire.annotators.places import place_for_clause
from eventwire.config import Settings
from eventwire.geo.gazetteer import gazetteer
from eventwire.geo.homes import home
from eventwire.pipeline import annotate_texts
from eventwire.records import Article


def places(text: str) -> list[tuple[str, str, str | None, int | None]]:
    return [(p.text, p.name, p.country, p.geonameid) for p in eventwire.process(text).places]


def test_places_countries_towns_and_kinds() -> None:
    found = places(
        "Fighting spread from Idlib province to the town of al-Bab and Minbij, near the border with Turkey."
    )
    assert [(text, country) for text, _, country, _ in found] == [
        ("Idlib", "SY"),
        ("al-Bab", "SY"),
        ("Minbij", "SY"),
        ("Turkey", "TR"),
    ]
    assert [name for _, name, _, _ in found][1:3] == ["Al Bāb", "Manbij"]
    article = eventwire.process("Fighting spread from Idlib province to the town of al-Bab, near Turkey.")
    assert [(p.text, p.precision) for p in article.places] == [
        ("Idlib", "adm1"),
        ("al-Bab", "city"),
        ("Turkey", "country"),
    ]


def test_places_demonyms_are_not_places_and_spans_are_exact() -> None:
    article = eventwire.process("Syrian and Iraqi officials met in Baghdad on Monday.")
    assert [(p.text, p.iso3, p.feature) for p in article.places] == [("Baghdad", "IRQ", "PPLC")]
    assert all(article.text[p.start : p.end] == p.text for p in article.places)


def test_places_same_name_follows_the_story() -> None:
    found = places("Police in Dallas said the suspect was arrested in Paris, Texas, on Friday.")
    assert ("Paris", "Paris", "US", 4717560) in found


def test_places_container_takes_the_sense_that_holds_the_town() -> None:
    found = places("The samples were flown from Atlanta, Georgia to Wichita, Kansas on Saturday.")
    assert [(text, country) for text, _, country, _ in found] == [
        ("Atlanta", "US"),
        ("Georgia", "US"),
        ("Wichita", "US"),
        ("Kansas", "US"),
    ]


def test_places_a_state_among_states_is_a_state() -> None:
    found = places("Storms hit Arizona, Oregon and Washington on Monday, and Georgia braced for floods.")
    assert [(text, country) for text, _, country, _ in found][-1] == ("Georgia", "US")


def test_places_a_list_is_not_a_chain_of_containers() -> None:
    text = "Fighters moved through Minbij, Tabqa, Raqqah and Deir Azzour."
    article = eventwire.process(text)
    assert [(p.text, p.feature) for p in article.places] == [
        ("Minbij", "PPL"),
        ("Tabqa", "PPL"),
        ("Raqqah", "PPL"),
        ("Deir Azzour", "PPL"),
    ]


def test_places_clause_place_for_events() -> None:
    doc = parsed("Troops shelled al-Bab in Syria on Tuesday. Talks resumed later.", ("entities", "places"))
    by_verb = {t.text: place_for_clause(doc, t) for t in doc if t.pos_ == "VERB"}
    assert by_verb["shelled"] is not None and by_verb["shelled"].text == "al-Bab"
    assert by_verb["resumed"] is None


@pytest.mark.shared
def test_places_example_story(settings: Settings) -> None:
    [article] = eventwire.run([str(shared_file("examples/idlib-defectors.txt"))], settings)
    assert isinstance(article, Article)
    resolved = {(p.text, p.feature): p.geonameid for p in article.places}
    expected = {
        ("al-Bab", "PPL"): 174018,
        ("Minbij", "PPL"): 167357,
        ("Tabqa", "PPL"): 172374,
        ("Raqqah", "PPL"): 172955,
        ("Raqqa", "PPL"): 172955,
        ("Deir Azzour", "PPL"): 170794,
        ("Mosul", "PPL"): 99072,
        ("Idlib", "PPL"): 169389,
    }
    assert {k: resolved.get(k) for k in expected} == expected
    assert resolved["Idlib", "ADM1"] == 169387  # "Syria's Idlib province": the governorate
    areas = {
        (p.text, p.precision, p.region, p.geonameid) for p in article.places if p.feature in ("CONT", "RGN")
    }
    assert areas == {
        ("Europe", "region", None, 6255148),
        ("North Africa", "region", "north-africa", None),
        ("Middle East", "region", "middle-east", None),
    }
    north_africa = next(p for p in article.places if p.region == "north-africa")
    assert (north_africa.west, north_africa.south, north_africa.east, north_africa.north) == pytest.approx(
        (-17.1, 9.6, 37.7, 37.3), abs=0.5
    )


def test_places_a_division_known_by_another_name_beats_a_village() -> None:
    article = eventwire.process("Russian forces withdrew from Chechnya in 1996.")
    assert [(p.text, p.iso3, p.feature, p.geonameid) for p in article.places] == [
        ("Chechnya", "RUS", "ADM1", 569665)
    ]


def test_places_a_small_homonym_across_the_world_is_left_unresolved() -> None:
    article = eventwire.process(
        "Police in Piccadilly arrested two men after a protest near Westminster in London, the Metropolitan "
        "Police said."
    )
    assert [(p.text, p.country) for p in article.places] == [("Westminster", "GB"), ("London", "GB")]
    article = eventwire.process(
        "A car bomb exploded in Mission, killing three, officials in Kabul and Kandahar said."
    )
    assert [(p.text, p.country) for p in article.places] == [("Kabul", "AF"), ("Kandahar", "AF")]


def test_places_a_name_once_a_place_is_one_throughout() -> None:
    article = eventwire.process(
        "Government forces bombed Idlib on Tuesday. Idlib is the last rebel stronghold."
    )
    assert [(p.text, p.geonameid) for p in article.places] == [("Idlib", 169389), ("Idlib", 169389)]


def test_places_a_town_the_model_calls_a_group_in_a_country_the_story_names() -> None:
    article = eventwire.process("Kasserine residents protested in Tunisia.")  # Kasserine: NORP
    assert [(p.text, p.country, p.feature) for p in article.places] == [
        ("Kasserine", "TN", "PPL"),
        ("Tunisia", "TN", "PCLI"),
    ]
    article = eventwire.process("HTS controls Idlib, the last rebel-held province of Syria.")  # Idlib: ORG
    assert [(p.text, p.geonameid) for p in article.places] == [("Idlib", 169389), ("Syria", 163843)]


def test_places_an_outlets_home_decides_a_bare_name(settings: Settings) -> None:
    index = gazetteer()
    dallas, texas = (max((c for c in index.lookup(n) if c.country == "US"), key=lambda c: c.population)
                     for n in ("dallas", "texas"))  # fmt: skip
    text = "Paris police arrested a man after a chase on Friday."
    alone, at_home = annotate_texts(
        [text, text], settings, ("places",), homes=[(), home({dallas: 4, texas: 1})]
    )
    assert [(p.name, p.country) for p in alone.places] == [("Paris", "FR")]
    assert [(p.name, p.country, p.admin1) for p in at_home.places] == [("Paris", "US", "Texas")]


def test_places_streets_and_roads_sit_at_the_town_the_sentence_names() -> None:
    article = eventwire.process(
        "A man was shot on Shamrock Street in Alexandria, Louisiana, on Friday. Deputies closed "
        "County Road 43 near Pineville."
    )
    found = {p.text: (p.feature, p.precision, p.geonameid, p.lat) for p in article.places}
    alexandria, pineville = found["Alexandria"], found["Pineville"]
    assert found["Shamrock Street"] == ("STRT", "city", None, alexandria[3])
    assert found["County Road 43"] == ("STRT", "city", None, pineville[3])
    assert [p.id for p in article.places] == [f"{article.id}-pla{i}" for i in range(len(article.places))]
    # Landmarks never stand for people: actors and event roles look past them ("Downing Street said").
    assert [p.text for p in article.places if p.landmark] == ["Shamrock Street", "County Road 43"]
    # With no town in the story there is nowhere to put a street: it is left out.
    assert eventwire.process("Police closed Shamrock Street on Friday.").places == []
