from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))


@pytest.fixture
def seeds() -> list[Path]:
    return SEEDS
