"""The one conftest: settings that point the store into a temporary folder, and shared-data paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.config import Settings, load_config

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_config(overrides={"store.url": str(tmp_path / "test.db")})


def shared_file(relative: str) -> Path:
    """A file of ../shared/data, or skip the test where that folder is not beside the repo."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path
