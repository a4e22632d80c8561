"""Fixtures for the rounds-of-invitations tests."""

from __future__ import annotations

import pytest

from sitegen.draws import Rounds, load_rounds

from .helpers import FEED


@pytest.fixture(scope="session")
def feed_text() -> str:
    return FEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rounds() -> Rounds:
    return load_rounds(FEED)
