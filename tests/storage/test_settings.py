"""Settings: the database URL follows the data folder unless given."""

from __future__ import annotations

from pathlib import Path

import pytest

from actionloop.adapters.db.engine import UnsupportedDatabase, normalise_url
from actionloop.settings import Settings, load_settings


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No ACTIONLOOP_* variables and no .env file from the machine running the tests."""
    monkeypatch.chdir(tmp_path)
    for name in ("ACTIONLOOP_DATA_DIR", "ACTIONLOOP_DATABASE_URL", "ACTIONLOOP_LOGIN_MAX_FAILURES"):
        monkeypatch.delenv(name, raising=False)


def test_default_database_is_a_sqlite_file_in_the_data_folder(tmp_path: Path) -> None:
    assert Settings().database_url == "sqlite:///data/actionloop.db"
    assert Settings(data_dir=tmp_path).database_url == f"sqlite:///{tmp_path.as_posix()}/actionloop.db"
    assert load_settings("postgresql://u@h/db").database_url == "postgresql://u@h/db"


def test_environment_with_the_prefix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ACTIONLOOP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ACTIONLOOP_LOGIN_MAX_FAILURES", "7")
    settings = Settings()
    assert settings.database_url.endswith(f"{tmp_path.as_posix()}/actionloop.db")
    assert settings.login_max_failures == 7
    monkeypatch.setenv("ACTIONLOOP_DATABASE_URL", "sqlite:///elsewhere.db")
    assert Settings().database_url == "sqlite:///elsewhere.db"


def test_database_urls() -> None:
    assert normalise_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert normalise_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalise_url("sqlite:///x.db").drivername == "sqlite"
    with pytest.raises(UnsupportedDatabase):
        normalise_url("mysql://u@h/db")
