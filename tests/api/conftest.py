"""Fixtures for the API tests: an app over a fresh database holding :mod:`tests.api.world`, with a
frozen clock, and clients for it."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from actionloop.api import create_app
from actionloop.settings import Settings

from .world import World, build_world, frozen_clock

warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402


def make_app(url: str, data_dir: Path) -> tuple[FastAPI, World]:
    settings = Settings(database_url=url, data_dir=data_dir, session_secret="test-secret-" + "x" * 32,
                        login_max_failures=3)
    app = create_app(settings, clock=frozen_clock())
    world = build_world(app.state.api.services)
    return app, world


@pytest.fixture(scope="module")
def world_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, World]]:
    """One app (SQLite) and its world, shared by a module's tests (they must not depend on each
    other's writes)."""
    folder = tmp_path_factory.mktemp("api")
    app, world = make_app(f"sqlite:///{(folder / 'api.db').as_posix()}", folder)
    yield app, world
    app.state.api.close()


@pytest.fixture(scope="module")
def client(world_app: tuple[FastAPI, World]) -> Iterator[TestClient]:
    with TestClient(world_app[0], raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def world(world_app: tuple[FastAPI, World]) -> World:
    return world_app[1]


@pytest.fixture
def fresh_app(database_url: str, tmp_path: Path) -> Iterator[tuple[FastAPI, World]]:
    """A new app and world for one test, on SQLite and on PostgreSQL."""
    app, world = make_app(database_url, tmp_path)
    yield app, world
    app.state.api.close()
