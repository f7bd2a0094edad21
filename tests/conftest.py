"""Fixtures every test folder may use."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.sample_site import shared_sample_site


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample project's site, built once per run for every worker (read only)."""
    return shared_sample_site(tmp_path_factory)
