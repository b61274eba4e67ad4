"""Name keys and resolution on hand-made candidates: no index, no model."""

from pathlib import Path

import numpy as np
import pytest

from eventwire.geo.boxes import contains, extent, union
from eventwire.geo.gazetteer import Candidate
from eventwire.geo.homes import home, homes_leaving_out
from eventwire.geo.names import key, split_kind, without_article
from eventwire.geo.ranker import FEATURES, HAND, Ranker, default_ranker
from eventwire.geo.resolve import PlaceMention, resolve
from eventwire.geo.train import Example, fit


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Deir ez-Zor", "deir ez zor"),
        ("Ḩamāh", "hamah"),
        ("Cox's Bazar", "coxs bazar"),
        ("  St.  Louis ", "st louis"),
        ("Kobanî", "kobani"),
        ("W.Va.", "w va"),
    ],
)
def test_geo_key(name: str, expected: str) -> None:
    assert key(name) == expected


@pytest.mark.parametrize(
    ("name_key", "expected"),
    [
        ("idlib province", ("idlib", "ADM1")),
        ("the town of al bab", ("al bab", "PPL")),
        ("laurel county", ("laurel", "ADM2")),
        ("city of london", ("london", "PPL")),
        ("province", ("province", None)),
        ("mosul", ("mosul", None)),
    ],
)
def test_geo_split_kind(name_key: str, expected: tuple[str, str | None]) -> None:
    assert split_kind(name_key) == expected


def test_geo_without_article() -> None:
    assert (without_article("al bab"), without_article("ar raqqah"), without_article("alabama")) == (
        "bab",
        "raqqah",
        None,
    )


HANDS = Ranker(HAND)  # the mechanisms under the hand-set weights; the packaged ones are fitted on LGL


def place(
    i: int,
    name: str,
    lat: float,
    lon: float,
    country: str,
    feature: str = "PPL",
    population: int = 10_000,
    admin1: str | None = None,
) -> Candidate:
    return Candidate(
        i, i, name, lat, lon, country, admin1 if feature != "PCLI" else None, feature, population, 0
    )


PARIS_FR = place(1, "Paris", 48.85, 2.35, "FR", "PPLC", 2_100_000, "Ile-de-France")
PARIS_TX = place(2, "Paris", 33.66, -95.56, "US", population=25_000, admin1="Texas")
DALLAS = place(3, "Dallas", 32.78, -96.8, "US", population=1_300_000, admin1="Texas")
TEXAS = place(4, "Texas", 31.0, -100.0, "US", "ADM1", 28_000_000, "Texas")
FRANCE = place(5, "France", 46.0, 2.0, "FR", "PCLI", 67_000_000)
RAQQA_PROVINCE = place(6, "Ar-Raqqah", 35.9, 38.9, "SY", "ADM1", 900_000, "Ar-Raqqah")
RAQQA_TOWN = place(7, "Ar Raqqah", 35.95, 39.01, "SY", population=530_000, admin1="Ar-Raqqah")


def mention(start: int, name: str, *candidates: Candidate, hint: str | None = None) -> PlaceMention:
    return PlaceMention(start=start, end=start + len(name), key=key(name), candidates=candidates, hint=hint)


def names(mentions: list[PlaceMention]) -> list[str | None]:
    return [
        f"{r.candidate.name}/{r.candidate.country}" if r else None for r in resolve(mentions, ranker=HANDS)
    ]


def test_geo_resolve_prefers_the_famous_place_alone() -> None:
    assert names([mention(0, "Paris", PARIS_FR, PARIS_TX)]) == ["Paris/FR"]


def test_geo_resolve_follows_the_story() -> None:
    story = [
        mention(0, "Dallas", DALLAS),
        mention(20, "Paris", PARIS_FR, PARIS_TX),
        mention(40, "Texas", TEXAS),
    ]
    assert names(story) == ["Dallas/US", "Paris/US", "Texas/US"]


def test_geo_resolve_containment() -> None:
    paris, texas = mention(0, "Paris", PARIS_FR, PARIS_TX), mention(7, "Texas", TEXAS)
    paris.within.append(1)  # "Paris, Texas"
    assert names([paris, texas]) == ["Paris/US", "Texas/US"]


def test_geo_resolve_town_over_its_province_unless_told() -> None:
    assert names([mention(0, "Raqqa", RAQQA_PROVINCE, RAQQA_TOWN)]) == ["Ar Raqqah/SY"]
    assert names([mention(0, "Raqqa", RAQQA_PROVINCE, RAQQA_TOWN, hint="ADM1")]) == ["Ar-Raqqah/SY"]


def test_geo_resolve_same_name_one_sense_and_confidence() -> None:
    results = resolve(
        ranker=HANDS,
        mentions=[
            mention(0, "Paris", PARIS_FR, PARIS_TX),
            mention(30, "Paris", PARIS_FR, PARIS_TX),
            mention(60, "France", FRANCE),
        ],
    )
    assert [r.candidate.id for r in results if r] == [1, 1, 5]
    assert all(r is not None and 0.5 <= r.confidence <= 1.0 for r in results)
    assert resolve([mention(0, "Nowhere")], ranker=HANDS) == [None]


def test_geo_resolve_the_outlets_home_decides_a_bare_name() -> None:
    """The Paris News (Texas) writes "Paris" alone: its other stories are about Dallas and Texas."""
    paris = [mention(0, "Paris", PARIS_FR, PARIS_TX)]
    assert names(paris) == ["Paris/FR"]
    local = home({DALLAS: 3, TEXAS: 1, FRANCE: 5})  # countries say nothing of where an outlet is
    assert local == ((DALLAS, 0.75), (TEXAS, 0.25))
    assert [
        f"{r.candidate.name}/{r.candidate.country}" for r in resolve(paris, home=local, ranker=HANDS) if r
    ] == ["Paris/US"]


def test_geo_homes_leave_the_article_itself_out() -> None:
    homes = homes_leaving_out(
        ["a.com", "a.com", "b.com", None], [[DALLAS], [DALLAS, TEXAS], [FRANCE], [DALLAS]]
    )
    assert homes == [
        ((DALLAS, 0.5), (TEXAS, 0.5)),  # from the second article only
        ((DALLAS, 1.0),),
        (),  # b.com's only other article: none
        (),  # no outlet
    ]


def test_geo_resolve_refuses_a_small_homonym_across_the_world() -> None:
    """A London story's "Piccadilly" is not the Western Australian town of 2,323 people: left unresolved."""
    london = place(10, "London", 51.5, -0.13, "GB", "PPLC", 8_900_000, "England")
    westminster = place(11, "Westminster", 51.5, -0.14, "GB", population=250_000, admin1="England")
    piccadilly_au = place(12, "Piccadilly", -30.6, 121.5, "AU", population=2_323, admin1="Western Australia")
    story = [
        mention(0, "Piccadilly", piccadilly_au),
        mention(20, "Westminster", westminster),
        mention(40, "London", london),
    ]
    assert names(story) == [None, "Westminster/GB", "London/GB"]
    # Alone, or beside a single other name, there is too little to judge by: the town stands.
    assert names(story[:2]) == ["Piccadilly/AU", "Westminster/GB"]


def test_geo_boxes() -> None:
    assert extent([(0, 10), (5, 20), (-5, 15)]) == (10, -5, 20, 5)
    fiji = extent([(-18, 178), (-17, -179.5), (-16, 177)])  # across the antimeridian: west > east
    assert fiji == (177, -18, -179.5, -16)
    assert contains(fiji, -17, 179.9) and contains(fiji, -17, -179.9) and not contains(fiji, -17, 0)
    assert union([(10, 0, 20, 5), (30, -5, 40, 2)]) == (10, -5, 40, 5)
    assert union([(170, 0, -170, 1)]) == (170, 0, -170, 1)
    assert union([(-170, 0, 170, 1)]) == (-170, 0, 170, 1)
    assert extent([]) is None


def test_geo_ranker_fit_learns_what_the_examples_say(tmp_path: Path) -> None:
    """Two-candidate names where the smaller town is always the right one: the fitted weight of population
    falls below the hand-set one; the weights survive saving."""
    small = {"population": 0.3, "feature=PPL": 1.0}
    large = {"population": 0.8, "feature=PPL": 1.0}
    rows = np.array([[d.get(f, 0.0) for f in FEATURES] for d in (small, large)])
    fitted = fit([Example(rows, np.array([True, False]))] * 500)
    assert fitted.weights["population"] < HAND["population"]
    assert fitted.score(small) > fitted.score(large)
    fitted.save(tmp_path / "ranker.json", {"data": "test"})
    loaded = Ranker.load(tmp_path / "ranker.json")
    assert set(loaded.weights) == set(FEATURES)
    assert loaded.score(small) == pytest.approx(fitted.score(small), abs=1e-4)
    assert default_ranker() == HANDS  # none shipped
