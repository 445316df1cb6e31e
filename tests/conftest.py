"""Shared fixtures: the project root, its loaded specs, and wire bodies built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ir import Project
from generator.project import load_project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def project() -> Project:
    return load_project(ROOT)
